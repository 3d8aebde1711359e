"""Store a day's flags by their stable key: insert new ones, refresh open ones, never touch decisions.

Rerun policy: a flag the supervisor confirmed or dismissed keeps its decision whatever the rules
say now. An open flag gets the current evidence and severity. An open flag the rules no longer
raise (the card came back, the callback was made) is marked `resolved` with an explanatory
reason, so it no longer blocks sign-off; should it fire again it is `open` again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Insert, Table, bindparam, inspect, select, update
from sqlalchemy.orm import Session
from sqlmodel import SQLModel, col

from clerk_tui.db.models import BusinessDay, Flag
from clerk_tui.domain.findings import evidence_to_json
from clerk_tui.domain.reconcile.day import ReconcileResult
from clerk_tui.i18n import t

OPEN, CONFIRMED, DISMISSED, RESOLVED = "open", "confirmed", "dismissed", "resolved"
DECIDED = frozenset({CONFIRMED, DISMISSED})


@dataclass
class StoreCounts:
    """What one store did to an outlet's day."""

    new: int = 0
    updated: int = 0
    resolved: int = 0
    reopened: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated or self.resolved or self.reopened)

    def as_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "updated": self.updated,
            "resolved": self.resolved,
            "reopened": self.reopened,
        }


def _table(model: type[SQLModel]) -> Table:
    """The Table a `table=True` model is mapped to (typed, unlike `model.__table__`)."""
    table = inspect(model).local_table
    assert isinstance(table, Table)
    return table


def _insert(s: Session, model: type[SQLModel], conflict: list[str]) -> Insert:
    """INSERT into `model`'s table that skips rows whose unique key another terminal stored meanwhile."""
    table = _table(model)
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=conflict)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing(index_elements=conflict)


def day_states(s: Session, day: date, outlet_ids: list[int]) -> dict[int, str]:
    rows = s.execute(
        select(col(BusinessDay.outlet_id), col(BusinessDay.state)).where(
            col(BusinessDay.day) == day, col(BusinessDay.outlet_id).in_(outlet_ids)
        )
    )
    return {oid: state for oid, state in rows}


def mark_reconciled(s: Session, day: date, states: dict[int, str], outlet_ids: list[int]) -> None:
    """BusinessDay open (or missing) → reconciled for each outlet."""
    missing = [oid for oid in outlet_ids if oid not in states]
    if missing:
        s.execute(
            _insert(s, BusinessDay, ["outlet_id", "day"]),
            [{"outlet_id": oid, "day": day, "state": "reconciled", "reopen_reason": ""}
             for oid in missing],
        )  # fmt: skip
    opened = [oid for oid in outlet_ids if states.get(oid) == "open"]
    if opened:
        s.execute(
            update(BusinessDay)
            .where(col(BusinessDay.day) == day, col(BusinessDay.outlet_id).in_(opened))
            .values(state="reconciled")
        )


def store_flags(
    s: Session,
    results: dict[int, ReconcileResult],
    *,
    day: date,
    engineer_ids: dict[str, int],
    now: datetime,
    resolve_gone: bool = True,
) -> tuple[dict[int, StoreCounts], dict[str, str]]:
    """Upsert the flags of every outlet in `results` (outlet id → result) in the caller's
    transaction; returns counts per outlet and every stored key's status.

    The one writer of flags: card entry calls it too, with `resolve_gone=False` since the
    findings of one card are not the whole day's.
    """
    counts = {oid: StoreCounts() for oid in results}
    if not results:
        return counts, {}
    existing: dict[str, tuple] = {}
    for row in s.execute(
        select(
            col(Flag.id),
            col(Flag.key),
            col(Flag.status),
            col(Flag.severity),
            col(Flag.evidence),
            col(Flag.outlet_id),
        ).where(col(Flag.business_date) == day, col(Flag.outlet_id).in_(list(results)))
    ):
        existing[row[1]] = tuple(row)
    statuses = {key: row[2] for key, row in existing.items()}
    inserts: list[dict] = []
    updates: list[dict] = []
    seen: set[str] = set()
    gone_reason = t("ru.flag.gone", at=now.strftime("%Y-%m-%d %H:%M"))
    for oid, result in results.items():
        c = counts[oid]
        for f in result.flags:
            key = result.key(f)
            seen.add(key)
            evidence = evidence_to_json(f.evidence)  # structured: the same in every language
            old = existing.get(key)
            if old is None:
                inserts.append(
                    {
                        "key": key,
                        "business_date": day,
                        "outlet_id": oid,
                        "ticket_no": f.ticket_no,
                        "engineer_id": engineer_ids.get(f.engineer_id),
                        "kind": f.kind,
                        "severity": f.severity,
                        "evidence": evidence,
                        "status": OPEN,
                        "reason": "",
                    }
                )
                statuses[key] = OPEN
                c.new += 1
            elif old[2] in DECIDED:
                continue
            elif old[2] == RESOLVED:
                updates.append(_row(old[0], f.severity, evidence, OPEN, "", None))
                statuses[key] = OPEN
                c.reopened += 1
            elif old[3] != f.severity or old[4] != evidence:
                updates.append(_row(old[0], f.severity, evidence, OPEN, "", None))
                c.updated += 1
    for key, old in existing.items():
        if resolve_gone and key not in seen and old[2] == OPEN:
            updates.append(_row(old[0], old[3], old[4], RESOLVED, gone_reason, now))
            statuses[key] = RESOLVED
            if old[5] in counts:
                counts[old[5]].resolved += 1
    if inserts:
        s.execute(_insert(s, Flag, ["key"]), inserts)
    if updates:
        table = _table(Flag)
        s.execute(
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values(
                severity=bindparam("_severity"),
                evidence=bindparam("_evidence"),
                status=bindparam("_status"),
                reason=bindparam("_reason"),
                decided_at=bindparam("_at"),
                decided_by=None,
            ),
            updates,
        )
    return counts, statuses


def _row(fid: int, severity: str, evidence: str, status: str, reason: str, at) -> dict:
    return {
        "_id": fid,
        "_severity": severity,
        "_evidence": evidence,
        "_status": status,
        "_reason": reason,
        "_at": at,
    }
