"""Append-only, hash-chained audit log: every change records who, when, what, before and after.

Each entry's hash covers its content and the previous entry's hash, and the head of
the chain (count and last hash) is kept beside it, so `verify` names the first entry
that was edited, and notices entries deleted in the middle or at the end.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from clerk_tui.db.models import AuditEntry, Setting
from clerk_tui.services.database import Database

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


def entry_hash(prev_hash: str, at: datetime, user: str, action: str, entity: str,
               entity_id: str, before: str, after: str) -> str:
    payload = "\x1f".join(
        [prev_hash, at.isoformat(timespec="seconds"), user, action, entity, entity_id, before, after]
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
    entry = AuditEntry(at=when, user=user, action=action, entity=entity, entity_id=eid,
                       before=b, after=a, prev_hash=prev, hash=h)
    session.add(entry)
    value = json.dumps({"count": count + 1, "hash": h})
    if head is None:
        session.add(Setting(key=HEAD_KEY, value=value))
    else:
        head.value = value
        session.add(head)
    session.flush()
    return entry


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of `verify`: ok, how many entries were checked, and the first broken one."""

    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""  # 'edited', 'deleted_before', 'deleted_at_end'


def verify(db: Database, *, batch: int = 5000) -> VerifyResult:
    """Walk the chain in id order; the first entry whose hash or link does not hold is named."""
    prev = ""
    checked = 0
    last_id = 0
    with db.read() as s:
        while True:
            rows = s.exec(
                select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
            ).all()
            if not rows:
                break
            for e in rows:
                if e.prev_hash != prev:
                    return VerifyResult(False, checked, e.id, "deleted_before")
                expected = entry_hash(e.prev_hash, e.at, e.user, e.action, e.entity, e.entity_id,
                                      e.before, e.after)
                if expected != e.hash:
                    return VerifyResult(False, checked, e.id, "edited")
                prev = e.hash
                checked += 1
                last_id = e.id or last_id
        head = s.get(Setting, HEAD_KEY)
    if head is not None and head.value:
        state = json.loads(head.value)
        if int(state["count"]) != checked or state["hash"] != prev:
            return VerifyResult(False, checked, None, "deleted_at_end")
    return VerifyResult(True, checked)
