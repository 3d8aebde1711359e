"""The audit log: who changed what, when, before and after; `verify` walks the hash chain.

Entries are appended by `record` (clerk_tui.db.audit) inside the transaction of the
change, so an entry lands with its change or not at all. `verify` names the first
entry that was edited, and notices entries deleted in the middle or at the end.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import col, select

from clerk_tui.db.audit import HEAD_KEY, entry_hash, record, to_json
from clerk_tui.db.models import AuditEntry, Setting
from clerk_tui.services.database import Database

__all__ = ["HEAD_KEY", "VerifyResult", "entry_hash", "record", "to_json", "verify"]


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
                select(AuditEntry)
                .where(col(AuditEntry.id) > last_id)
                .order_by(col(AuditEntry.id))
                .limit(batch)
            ).all()
            if not rows:
                break
            for e in rows:
                if e.prev_hash != prev:
                    return VerifyResult(False, checked, e.id, "deleted_before")
                expected = entry_hash(
                    e.prev_hash, e.at, e.user, e.action, e.entity, e.entity_id, e.before, e.after
                )
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
