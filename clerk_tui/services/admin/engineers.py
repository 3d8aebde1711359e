"""Engineers kept by the supervisor (工程师管理): list, add, edit, deactivate, leave days.

Every change is one transaction with its audit entry. Engineer has no version
column, so an edit carries the values its form was filled from and is refused when
the row no longer holds them (another supervisor saved first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, func, select, union
from sqlmodel import col

from clerk_tui.db.models import Appointment, Engineer, EngineerLeave, ProductModel, TravelTime
from clerk_tui.i18n import t, tn
from clerk_tui.i18n.labels import ENGINEER_FIELD, label
from clerk_tui.services import audit
from clerk_tui.services.admin.engineer_form import FIELDS, EngineerForm, check_engineer
from clerk_tui.services.admin.users import AdminError, confirm_supervisor, require_supervisor
from clerk_tui.services.auth.passwords import CurrentUser
from clerk_tui.services.database import Database

MAX_LEAVE_DAYS = 62
"""The longest range one leave entry may cover (two months)."""


@dataclass(frozen=True)
class EngineerRow:
    """One engineer as the admin list shows it, with the column values its form starts from."""

    id: int
    active: bool
    values: dict[str, object]
    """The form's columns (FIELDS) as stored: what an edit is checked against."""
    leave: dict[date, str] = field(default_factory=dict)
    """Leave days within the coming window (see `list_engineers`), with their reasons."""

    @property
    def leave_days(self) -> tuple[date, ...]:
        return tuple(sorted(self.leave))

    def __getattr__(self, name: str) -> object:
        if name in FIELDS:
            return self.values[name]
        raise AttributeError(name)


@dataclass(frozen=True)
class LeaveResult:
    """What a leave change did: the days added (or removed), the days left alone, visits to move."""

    changed: tuple[date, ...]
    unchanged: tuple[date, ...]
    visits: int = 0
    """Planned visits of the engineer on the days added: they need another engineer."""


def _values(e: Engineer) -> dict[str, object]:
    return {name: getattr(e, name) for name in FIELDS}


def _snapshot(e: Engineer) -> dict[str, object]:
    return {**_values(e), "active": e.active}


def form_choices(db: Database) -> tuple[list[str], list[str]]:
    """(product categories of the catalog, districts of the travel table), each sorted."""
    districts = union(
        select(col(TravelTime.from_district)), select(col(TravelTime.to_district))
    ).subquery()
    with db.read() as s:
        cats = s.execute(select(col(ProductModel.category)).distinct()).scalars().all()
        dists = s.execute(select(districts.c[0])).scalars().all()
    return sorted(c for c in cats if c), sorted(d for d in dists if d)


def list_engineers(db: Database, *, today: date, days: int = 30) -> list[EngineerRow]:
    """Every engineer (active first, then by code) with his leave from `today` for `days`."""
    last = today + timedelta(days=days - 1)
    with db.read() as s:
        engineers = (
            s.execute(
                select(Engineer).order_by(Engineer.active.desc(), Engineer.code)  # type: ignore[attr-defined]
            )
            .scalars()
            .all()
        )
        leave: dict[int, dict[date, str]] = {}
        q = select(
            col(EngineerLeave.engineer_id), col(EngineerLeave.day), col(EngineerLeave.reason)
        ).where(col(EngineerLeave.day) >= today, col(EngineerLeave.day) <= last)
        for eid, day, reason in s.execute(q):
            leave.setdefault(eid, {})[day] = reason
    return [
        EngineerRow(e.id or 0, e.active, _values(e), leave.get(e.id or 0, {})) for e in engineers
    ]


def leave_between(
    db: Database, engineer_id: int, first: date, last: date
) -> list[tuple[date, str]]:
    """The engineer's leave days from `first` to `last`, with their reasons."""
    q = (
        select(col(EngineerLeave.day), col(EngineerLeave.reason))
        .where(
            col(EngineerLeave.engineer_id) == engineer_id,
            col(EngineerLeave.day) >= first,
            col(EngineerLeave.day) <= last,
        )
        .order_by(col(EngineerLeave.day))
    )
    with db.read() as s:
        return [(d, r) for d, r in s.execute(q)]


def _checked(db: Database, form: EngineerForm) -> dict[str, object]:
    categories, districts = form_choices(db)
    result = check_engineer(form, categories, districts)
    if not result.ok:
        name, message = next(iter(result.errors.items()))
        raise AdminError(message, name)
    return result.values


def add_engineer(
    db: Database, actor: CurrentUser, form: EngineerForm, *, outlet_id: int | None = None
) -> int:
    """Create an engineer from a checked form; the new id. A taken code is refused at its field."""
    who = require_supervisor(actor)
    values = _checked(db, form)
    with db.session() as s:
        confirm_supervisor(s, actor)
        taken = s.execute(
            select(col(Engineer.id)).where(col(Engineer.code) == values["code"])
        ).first()
        if taken is not None:
            raise AdminError(t("ad.err.code_taken", code=values["code"]), "code")
        if outlet_id is None:
            outlet_id = actor.outlet_id
        if outlet_id is None:  # a supervisor without an outlet: the outlet the others work for
            outlet_id = s.execute(select(func.min(Engineer.outlet_id))).scalar()
        engineer = Engineer(**values, outlet_id=outlet_id, active=True)  # type: ignore[arg-type]
        s.add(engineer)
        s.flush()
        audit.record(
            s,
            user=who,
            action="engineer_add",
            entity="engineer",
            entity_id=engineer.code,
            after=_snapshot(engineer),
        )
        assert engineer.id is not None
        return engineer.id


def _get(s, engineer_id: int) -> Engineer:
    engineer = s.get(Engineer, engineer_id)
    if engineer is None:
        raise AdminError(t("ad.err.engineer_gone"))
    return engineer


def update_engineer(
    db: Database,
    actor: CurrentUser,
    engineer_id: int,
    seen: dict[str, object],
    form: EngineerForm,
) -> None:
    """Store an edited form; refused when the row no longer holds `seen` (the form's start)."""
    who = require_supervisor(actor)
    values = _checked(db, form)
    with db.session() as s:
        confirm_supervisor(s, actor)
        engineer = _get(s, engineer_id)
        current = _values(engineer)
        moved = [n for n in FIELDS if n in seen and current[n] != seen[n]]
        if moved:
            names = "、".join(label(ENGINEER_FIELD, n) for n in moved)
            raise AdminError(t("ad.err.engineer_changed", fields=names))
        if values["code"] != engineer.code:
            taken = s.execute(
                select(col(Engineer.id)).where(
                    col(Engineer.code) == values["code"], col(Engineer.id) != engineer_id
                )
            ).first()
            if taken is not None:
                raise AdminError(t("ad.err.code_taken", code=values["code"]), "code")
        if values == current:
            return
        before = _snapshot(engineer)
        for name, value in values.items():
            setattr(engineer, name, value)
        s.add(engineer)
        s.flush()
        audit.record(
            s,
            user=who,
            action="engineer_edit",
            entity="engineer",
            entity_id=engineer.code,
            before=before,
            after=_snapshot(engineer),
        )


def set_engineer_active(db: Database, actor: CurrentUser, engineer_id: int, active: bool) -> None:
    """Deactivate (离职/停用) or reactivate an engineer; history keeps his name either way."""
    who = require_supervisor(actor)
    with db.session() as s:
        confirm_supervisor(s, actor)
        engineer = _get(s, engineer_id)
        if engineer.active == active:
            return
        before = _snapshot(engineer)
        engineer.active = active
        s.add(engineer)
        s.flush()
        audit.record(
            s,
            user=who,
            action="engineer_activate" if active else "engineer_deactivate",
            entity="engineer",
            entity_id=engineer.code,
            before=before,
            after=_snapshot(engineer),
        )


def _days(first: date, last: date) -> list[date]:
    if last < first:
        raise AdminError(t("ad.err.leave_order"), "last")
    count = (last - first).days + 1
    if count > MAX_LEAVE_DAYS:
        raise AdminError(tn("ad.err.leave_long", MAX_LEAVE_DAYS), "last")
    return [first + timedelta(days=i) for i in range(count)]


def add_leave(
    db: Database, actor: CurrentUser, engineer_id: int, first: date, last: date, reason: str
) -> LeaveResult:
    """Put the engineer on leave (请假) each day from `first` to `last`; days already off stay as they are."""
    who = require_supervisor(actor)
    days = _days(first, last)
    reason = " ".join(reason.split())
    if len(reason) > 200:
        raise AdminError(tn("ad.err.too_long", 200), "reason")
    with db.session() as s:
        confirm_supervisor(s, actor)
        engineer = _get(s, engineer_id)
        have = set(
            s.execute(
                select(col(EngineerLeave.day)).where(
                    col(EngineerLeave.engineer_id) == engineer_id,
                    col(EngineerLeave.day) >= first,
                    col(EngineerLeave.day) <= last,
                )
            ).scalars()
        )
        new = [d for d in days if d not in have]
        for d in new:
            s.add(EngineerLeave(engineer_id=engineer_id, day=d, reason=reason))
        visits = 0
        if new:
            s.flush()
            starts = s.execute(
                select(col(Appointment.start)).where(
                    col(Appointment.engineer_id) == engineer_id,
                    col(Appointment.status) == "planned",
                    col(Appointment.start) >= datetime.combine(min(new), time()),
                    col(Appointment.start) < datetime.combine(max(new) + timedelta(days=1), time()),
                )
            ).scalars()
            off = set(new)
            visits = sum(1 for at in starts if at.date() in off)
            audit.record(
                s,
                user=who,
                action="leave_add",
                entity="engineer",
                entity_id=engineer.code,
                after={"days": [d.isoformat() for d in new], "reason": reason},
            )
    return LeaveResult(tuple(new), tuple(sorted(have)), visits)


def remove_leave(
    db: Database, actor: CurrentUser, engineer_id: int, first: date, last: date
) -> LeaveResult:
    """Take back the engineer's leave from `first` to `last` (days without leave are ignored)."""
    who = require_supervisor(actor)
    days = _days(first, last)
    with db.session() as s:
        confirm_supervisor(s, actor)
        engineer = _get(s, engineer_id)
        where = (
            col(EngineerLeave.engineer_id) == engineer_id,
            col(EngineerLeave.day) >= first,
            col(EngineerLeave.day) <= last,
        )
        gone = s.execute(
            select(col(EngineerLeave.day), col(EngineerLeave.reason))
            .where(*where)
            .order_by(col(EngineerLeave.day))
        ).all()
        if gone:
            s.execute(delete(EngineerLeave).where(*where))
            audit.record(
                s,
                user=who,
                action="leave_remove",
                entity="engineer",
                entity_id=engineer.code,
                before={
                    "days": [d.isoformat() for d, _ in gone],
                    "reasons": sorted({r for _, r in gone}),
                },
            )
    removed = tuple(d for d, _ in gone)
    return LeaveResult(removed, tuple(d for d in days if d not in removed))
