"""The day to be checked: engineers, visits and travel minutes, indexed once by engineer.

Plain data for the scheduling rules (`scheduling.py`) and proposals (`alternatives.py`);
built by the services from the database, or by tests directly.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from clerk_tui.domain.policy import Policy

DEFAULT_TRAVEL_MINUTES = 40  # two districts the travel table does not list (or an unknown district)
SAME_DISTRICT_MINUTES = 15  # within one district, when the table has no (d, d) entry
DEFAULT_VISIT_MINUTES = 90  # a service type missing from policy.appointment_minutes
UNASSIGNED = ""  # group key of scheduled visits that have no engineer


@dataclass(frozen=True)
class EngineerDay:
    """One engineer (服务工程师) as he stands on the planned day."""

    code: str
    name: str
    skills: frozenset[str] = frozenset()  # product categories he may serve
    work_start: time = time(8, 30)
    work_end: time = time(17, 30)
    base_district: str = ""
    active: bool = True
    on_leave: bool = False  # 请假 that day
    capacity: int | None = None  # None: policy.daily_capacity


@dataclass(frozen=True)
class Visit:
    """One appointment (预约) of a ticket; `start` None = not booked yet, `end` None = default length."""

    ticket_no: str
    engineer_code: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    district: str = ""
    category: str = ""
    requested_start: datetime | None = None
    requested_end: datetime | None = None
    service_type: str = "repair"

    @property
    def group(self) -> str:
        """The engineer whose day holds this visit ("" when unassigned)."""
        return self.engineer_code or UNASSIGNED


def clock(moment: datetime, day: date | None = None) -> str:
    """HH:MM, with the date in front when `moment` is not on `day`."""
    text = f"{moment.hour:02d}:{moment.minute:02d}"
    if day is not None and moment.date() != day:
        return f"{moment.month:02d}-{moment.day:02d} {text}"
    return text


def span(visit: Visit) -> tuple[datetime, datetime]:
    """(start, end) of a booked visit as held in a plan (its end filled in)."""
    if visit.start is None or visit.end is None:
        raise ValueError(f"visit {visit.ticket_no} is not booked")
    return visit.start, visit.end


def _sort_key(visit: Visit) -> tuple[datetime, str]:
    return (span(visit)[0], visit.ticket_no)


@dataclass(frozen=True, eq=False)
class DayPlan:
    """One day's engineers, visits and travel table; indexed once by engineer, sorted by start.

    Visits with a start and no end get the policy's default length for their service type.
    Treat a plan as immutable: `with_visit` returns a new plan with one visit replaced.
    """

    day: date
    engineers: Mapping[str, EngineerDay]
    visits: Sequence[Visit]
    travel: Mapping[tuple[str, str], int] = field(default_factory=dict)
    policy: Policy = field(default_factory=Policy)
    default_travel_minutes: int = DEFAULT_TRAVEL_MINUTES
    _by_ticket: dict[str, Visit] = field(init=False, repr=False)
    _groups: dict[str, tuple[Visit, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        visits = tuple(self._normalise(v) for v in self.visits)
        by_ticket = {v.ticket_no: v for v in visits}
        groups: dict[str, list[Visit]] = {}
        for v in visits:
            if v.start is not None:
                groups.setdefault(v.group, []).append(v)
        object.__setattr__(self, "visits", visits)
        object.__setattr__(self, "_by_ticket", by_ticket)
        object.__setattr__(
            self, "_groups", {k: tuple(sorted(vs, key=_sort_key)) for k, vs in groups.items()}
        )

    def _normalise(self, visit: Visit) -> Visit:
        if visit.start is not None and visit.end is None:
            return replace(visit, end=visit.start + self.duration(visit.service_type))
        return visit

    def duration(self, service_type: str) -> timedelta:
        """Default appointment length of a service type (policy.appointment_minutes)."""
        return timedelta(
            minutes=self.policy.appointment_minutes.get(service_type, DEFAULT_VISIT_MINUTES)
        )

    def travel_minutes(self, a: str, b: str) -> int:
        """Driving minutes between districts, either direction; unknown pairs get the default."""
        minutes = self.travel.get((a, b))
        if minutes is None:
            minutes = self.travel.get((b, a))
        if minutes is not None:
            return minutes
        if a and a == b:
            return SAME_DISTRICT_MINUTES
        return self.default_travel_minutes

    def capacity(self, code: str) -> int:
        """Visits the engineer may take that day."""
        eng = self.engineers.get(code)
        if eng is not None and eng.capacity is not None:
            return eng.capacity
        return self.policy.daily_capacity

    def visit(self, ticket_no: str) -> Visit | None:
        """The visit of a ticket, if the plan holds it."""
        return self._by_ticket.get(ticket_no)

    def schedule(self, code: str) -> tuple[Visit, ...]:
        """The engineer's booked visits sorted by start ("" = booked but unassigned)."""
        return self._groups.get(code, ())

    def groups(
        self, engineers: Collection[str] | None = None
    ) -> Iterator[tuple[str, tuple[Visit, ...]]]:
        """(engineer code, sorted visits) for every group, or only for `engineers`."""
        all_groups = self._groups
        if engineers is None:
            yield from sorted(all_groups.items())
        else:
            for code in sorted(set(engineers)):
                if code in all_groups:
                    yield code, all_groups[code]

    def with_visit(self, visit: Visit) -> DayPlan:
        """A new plan with `visit` replacing the one of the same ticket (or added); re-sorts only
        the engineers concerned."""
        visit = self._normalise(visit)
        old = self.visit(visit.ticket_no)
        new = copy.copy(self)
        by_ticket = dict(self._by_ticket)
        by_ticket[visit.ticket_no] = visit
        groups = dict(self._groups)
        touched = {g for g in (old, visit) if g is not None and g.start is not None}
        for key in {v.group for v in touched}:
            kept = [v for v in groups.get(key, ()) if v.ticket_no != visit.ticket_no]
            if visit.start is not None and visit.group == key:
                kept.append(visit)
            groups[key] = tuple(sorted(kept, key=_sort_key))
        if old is None:
            visits = (*self.visits, visit)
        else:
            visits = tuple(visit if v.ticket_no == visit.ticket_no else v for v in self.visits)
        object.__setattr__(new, "visits", visits)
        object.__setattr__(new, "_by_ticket", by_ticket)
        object.__setattr__(new, "_groups", groups)
        return new
