"""End-of-day reconciliation (对帐 [H 七.2]) of an outlet's day, or of every outlet: load, rules, store.

The data is read in one read session, the rules run outside any transaction, and the flags are
stored in one short write transaction that re-reads what is stored (a decision taken meanwhile
is kept). A signed-off day is reconciled but nothing is written: its decisions stand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlmodel import col

from clerk_tui.db.models import Engineer, Flag, Outlet, User
from clerk_tui.domain.findings import Renderer, StoredEvidence, evidence_from_json
from clerk_tui.domain.reconcile.day import ReconcileResult, reconcile_day
from clerk_tui.i18n import t
from clerk_tui.services import audit
from clerk_tui.services.database import Database
from clerk_tui.services.daylock import LOCKED_STATES
from clerk_tui.services.reconcile.load import OutletRef, load_days, load_fees
from clerk_tui.services.reconcile.store import (
    RESOLVED,
    StoreCounts,
    day_states,
    mark_reconciled,
    store_flags,
)
from clerk_tui.services.reference import load_policy


class UnknownOutlet(Exception):
    """No outlet has the code asked for (or the database has no outlet at all)."""


@dataclass(frozen=True)
class OutletDay:
    """One outlet's reconciled day: the rules' result, stored statuses, the day's state."""

    outlet: OutletRef
    day: date
    state: str
    result: ReconcileResult
    statuses: dict[str, str]
    counts: StoreCounts | None  # None: the day is locked, nothing was written

    @property
    def locked(self) -> bool:
        return self.state in LOCKED_STATES

    def as_dict(self, render: Renderer | None = None) -> dict:
        """FORMATS `reconcile` JSON, plus the day's `state`; `render` makes the evidence text
        (else it stays structured, see `Finding.as_dict`)."""
        out = self.result.as_dict(self.statuses, render)
        out["state"] = self.state
        return out


def default_now(day: date, clock: datetime | None = None) -> datetime:
    """The moment a reconciliation of `day` is made as of: a past day is seen at its end, today
    (or a later day) at the clock's time of day."""
    clock = clock or datetime.now().replace(microsecond=0)
    if day < clock.date():
        return datetime.combine(day, time(23, 59))
    return datetime.combine(day, clock.time().replace(microsecond=0))


def outlets_for(db: Database, code: str | None = None) -> list[OutletRef]:
    """The outlet named `code`, else every outlet (by code); UnknownOutlet when none."""
    with db.read() as s:
        q = select(col(Outlet.id), col(Outlet.code)).order_by(col(Outlet.code))
        if code:
            q = q.where(col(Outlet.code) == code)
        rows = [OutletRef(i, c) for i, c in s.execute(q)]
    if not rows:
        raise UnknownOutlet(t("ru.err.outlet", code=code) if code else t("ru.err.no_outlet"))
    return rows


def outlet_of_user(db: Database, outlet_id: int | None) -> OutletRef:
    """The user's outlet, else the first outlet of the database."""
    with db.read() as s:
        if outlet_id is not None:
            row = s.execute(
                select(col(Outlet.id), col(Outlet.code)).where(col(Outlet.id) == outlet_id)
            ).first()
            if row is not None:
                return OutletRef(row[0], row[1])
    return outlets_for(db)[0]


def _single_outlet(db: Database) -> int | None:
    with db.read() as s:
        ids = s.execute(select(col(Outlet.id)).limit(2)).scalars().all()
    return ids[0] if len(ids) == 1 else None


def reconcile(
    db: Database,
    day: date,
    outlets: list[OutletRef],
    *,
    now: datetime | None = None,
    user: str = "system",
) -> list[OutletDay]:
    """Reconcile `day` for each of `outlets`, storing the flags (idempotent)."""
    now = now or default_now(day)
    policy = load_policy(db)
    with db.read() as s:
        fees = load_fees(s)
        data = load_days(s, day, outlets, policy=policy, fees=fees,
                         unattributed_to=_single_outlet(db))  # fmt: skip
    results = {o.id: reconcile_day(data[o.id], now) for o in outlets}
    codes = {f.engineer_id for r in results.values() for f in r.flags if f.engineer_id}
    with db.session() as s:
        engineer_ids = {
            code: eid
            for eid, code in s.execute(
                select(col(Engineer.id), col(Engineer.code)).where(col(Engineer.code).in_(sorted(codes)))
            )
        } if codes else {}  # fmt: skip
        ids = [o.id for o in outlets]
        states = day_states(s, day, ids)
        writable = {oid: r for oid, r in results.items() if states.get(oid) not in LOCKED_STATES}
        counts, statuses = store_flags(s, writable, day=day, engineer_ids=engineer_ids, now=now)
        mark_reconciled(s, day, states, list(writable))
        if len(writable) < len(results):
            statuses.update(_stored_statuses(s, day, [i for i in ids if i not in writable]))
        for o in outlets:
            c = counts.get(o.id)
            before = states.get(o.id, "open")
            if c is not None and (c.changed or before == "open"):
                audit.record(
                    s, user=user, action="reconcile", entity="business_day",
                    entity_id=f"{o.code}|{day.isoformat()}", before={"state": before},
                    after={"state": "reconciled", **c.as_dict()}, at=now,
                )  # fmt: skip
    out = []
    for o in outlets:
        state = states.get(o.id, "open")
        state = "reconciled" if state == "open" else state
        out.append(OutletDay(o, day, state, results[o.id], statuses, counts.get(o.id)))
    return out


def _stored_statuses(s, day: date, outlet_ids: list[int]) -> dict[str, str]:
    rows = s.execute(
        select(col(Flag.key), col(Flag.status)).where(
            col(Flag.business_date) == day, col(Flag.outlet_id).in_(outlet_ids)
        )
    )
    return {k: st for k, st in rows}


@dataclass(frozen=True)
class FlagRow:
    """A stored flag as the screen and the report show it."""

    id: int
    key: str
    ticket_no: str
    engineer_code: str
    engineer_name: str
    kind: str
    severity: str
    evidence: tuple[StoredEvidence, ...]  # rendered where shown (clerk_tui.i18n.evidence)
    status: str
    reason: str
    decided_by: str
    decided_at: datetime | None


SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


def day_flags(db: Database, outlet_id: int, day: date) -> list[FlagRow]:
    """The day's stored flags (not the resolved ones), most severe first, then by ticket."""
    names = {}
    with db.read() as s:
        rows = s.execute(
            select(Flag, func.coalesce(col(User.display_name), col(User.username)))
            .outerjoin(User, col(User.id) == col(Flag.decided_by))
            .where(col(Flag.business_date) == day, col(Flag.outlet_id) == outlet_id)
            .where(col(Flag.status) != RESOLVED)
        ).all()
        for code, name in s.execute(select(col(Engineer.code), col(Engineer.name))):
            names[code] = name
    out = []
    for f, decider in rows:
        parts = f.key.split("|")
        code = parts[4] if len(parts) > 4 else ""
        evidence = evidence_from_json(f.evidence)
        out.append(
            FlagRow(f.id, f.key, f.ticket_no, code, names.get(code, ""), f.kind, f.severity,
                    evidence, f.status, f.reason, decider or "", f.decided_at)
        )  # fmt: skip
    out.sort(key=lambda r: (SEVERITY_RANK.get(r.severity, 9), r.ticket_no, r.kind, r.key))
    return out
