"""Appending to the hash-chained audit log inside the caller's transaction (any layer above db).

Each entry's hash covers its content and the previous entry's hash; the head of the
chain (count and last hash) is kept in Setting 'audit_head', so verification
(clerk_tui.services.audit.verify) notices edits and deletions anywhere.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from clerk_tui.db.models import AuditEntry, Setting

HEAD_KEY = "audit_head"


def _default(value: Any) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def to_json(value: Any) -> str:
    """Canonical JSON of a before/after value ('' for None)."""
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_default)


def entry_hash(
    prev_hash: str,
    at: datetime,
    user: str,
    action: str,
    entity: str,
    entity_id: str,
    before: str,
    after: str,
) -> str:
    payload = "\x1f".join(
        [
            prev_hash,
            at.isoformat(timespec="seconds"),
            user,
            action,
            entity,
            entity_id,
            before,
            after,
        ]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _lock_chain(session: Session) -> None:
    # SQLite writers already hold the write lock (BEGIN IMMEDIATE); PostgreSQL needs one.
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(727001)"))


def record(
    session: Session,
    *,
    user: str,
    action: str,
    entity: str,
    entity_id: object = "",
    before: Any = None,
    after: Any = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's transaction (so it lands with the change or not at all)."""
    _lock_chain(session)
    head = session.get(Setting, HEAD_KEY)
    count, prev = (0, "")
    if head is not None and head.value:
        state = json.loads(head.value)
        count, prev = int(state["count"]), str(state["hash"])
    when = (at or datetime.now()).replace(microsecond=0)
    b, a = to_json(before), to_json(after)
    eid = str(entity_id)
    h = entry_hash(prev, when, user, action, entity, eid, b, a)
    entry = AuditEntry(
        at=when,
        user=user,
        action=action,
        entity=entity,
        entity_id=eid,
        before=b,
        after=a,
        prev_hash=prev,
        hash=h,
    )
    session.add(entry)
    value = json.dumps({"count": count + 1, "hash": h})
    if head is None:
        session.add(Setting(key=HEAD_KEY, value=value))
    else:
        head.value = value
        session.add(head)
    session.flush()
    return entry
