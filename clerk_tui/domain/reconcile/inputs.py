"""Plain input records of an end-of-day reconciliation, indexed once by ticket and engineer."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from clerk_tui.domain.cards.card import FAIRLY_SATISFIED as FAIRLY_SATISFIED
from clerk_tui.domain.cards.card import SATISFIED as SATISFIED
from clerk_tui.domain.cards.card import UNSATISFIED as UNSATISFIED
from clerk_tui.domain.cards.card import SupervisionCard, WarrantySlip
from clerk_tui.domain.findings import N_
from clerk_tui.domain.names import name_key
from clerk_tui.domain.policy import Policy

# Ticket states in which the engineer was on site that day (the visit happened).
VISITED_STATES = frozenset({"in_service", "completed", "pulled_back"})
# Ticket states for which no visit should have taken place at all.
UNSERVED_STATES = frozenset({"cancelled", "transferred", "consult_only"})
STATUS_LABEL: dict[str, str] = {
    "cancelled": N_("rec.status.cancelled"),
    "closed": N_("rec.status.closed"),
    "completed": N_("rec.status.completed"),
    "consult_only": N_("rec.status.consult_only"),
    "in_service": N_("rec.status.in_service"),
    "pulled_back": N_("rec.status.pulled_back"),
    "scheduled": N_("rec.status.scheduled"),
    "transferred": N_("rec.status.transferred"),
}
"""A ticket status as reconciliation evidence names it (`code_label(STATUS_LABEL, status)`)."""
CALLBACK_REASON_LABEL: dict[str, str] = {
    "consult": N_("rec.reason.consult"),
    "follow_up": N_("rec.reason.follow_up"),
    "unsatisfied": N_("rec.reason.follow_up"),  # the older code of follow_up (REASON_ALIASES)
    "remedy": N_("rec.reason.remedy"),
    "uncertain_repair": N_("rec.reason.uncertain_repair"),
    "verification": N_("rec.reason.verification"),
}
"""Why a callback is due (回访原因), as evidence and the reconciliation report name it."""


CardInfo = SupervisionCard
"""A supervision card (服务任务监督卡) as the day's rules see it: the one card shape."""
SlipInfo = WarrantySlip
"""A warranty record slip (保修记录单) as the day's rules see it: the one slip shape."""


@dataclass(frozen=True)
class CallbackInfo:
    """One callback (回访): planned (due_at) and, once made, its answers."""

    ticket_no: str
    called_at: datetime | None = None
    reached: bool | None = None
    satisfied: bool | None = None
    customer_signed: bool | None = None  # did the customer sign the card themself
    engineer_came: bool | None = None
    done_at: datetime | None = None
    due_at: datetime | None = None
    reason: str = ""

    @property
    def answered_at(self) -> datetime | None:
        return self.called_at or self.done_at


@dataclass(frozen=True)
class VisitInfo:
    """A ticket as the day sees it: its status, engineer, appointment and customer."""

    ticket_no: str
    engineer_code: str = ""
    status: str = ""
    appointment_start: datetime | None = None
    appointment_end: datetime | None = None
    customer_name: str = ""
    household: tuple[tuple[str, str], ...] = ()  # recorded members (name, relation)
    warranty_status: str = ""  # in/parts_only/out/unknown
    service_type: str = "repair"
    category: str = ""
    certificate_fee_fen: int | None = None  # what the customer's warranty certificate allows
    consulted_at: datetime | None = None  # time of a phone consultation, if one was given

    @property
    def visit_day(self) -> date | None:
        return self.appointment_start.date() if self.appointment_start else None


@dataclass(frozen=True)
class FeeVersion:
    """One version of a fee item (收费标准), valid from `effective_from` on."""

    effective_from: date
    amount_fen: int
    in_warranty_chargeable: bool = False
    description: str = ""


@dataclass(frozen=True)
class FeeStandard:
    """The fee standard: code → versions sorted by effective date."""

    versions: Mapping[str, tuple[FeeVersion, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Mapping[str, Iterable[FeeVersion]]) -> FeeStandard:
        return cls({c: tuple(sorted(v, key=lambda x: x.effective_from)) for c, v in rows.items()})

    def effective(self, code: str, day: date) -> FeeVersion | None:
        """The version of `code` in force on `day`, or None (unknown code, or not yet valid)."""
        vs = self.versions.get(code, ())
        i = bisect.bisect_right([v.effective_from for v in vs], day)
        return vs[i - 1] if i else None


@dataclass(frozen=True)
class EngineerInfo:
    code: str
    name: str


@dataclass(frozen=True)
class DayData:
    """Everything one outlet's reconciliation of one day looks at.

    `visits` holds the tickets with an appointment that day plus every ticket a card of the
    day names (whatever its appointment); a card whose ticket is not among them is unknown.
    `callbacks` are all callbacks of those tickets and every callback still open.
    """

    day: date
    visits: tuple[VisitInfo, ...] = ()
    cards: tuple[CardInfo, ...] = ()
    slips: tuple[SlipInfo, ...] = ()
    callbacks: tuple[CallbackInfo, ...] = ()
    engineers: tuple[EngineerInfo, ...] = ()
    fees: FeeStandard = field(default_factory=FeeStandard)
    policy: Policy = field(default_factory=lambda: Policy.model_validate({}))
    outlet_code: str = ""

    @cached_property
    def index(self) -> DayIndex:
        return DayIndex(self)


class DayIndex:
    """Lookups built once per day: by ticket, by engineer, by engineer name."""

    def __init__(self, data: DayData) -> None:
        self.visit: dict[str, VisitInfo] = {v.ticket_no: v for v in data.visits}
        self.cards: dict[str, list[CardInfo]] = defaultdict(list)
        self.cards_of_engineer: dict[str, list[CardInfo]] = defaultdict(list)
        for c in data.cards:
            self.cards[c.ticket_no].append(c)
            self.cards_of_engineer[c.engineer_code].append(c)
        self.slips: dict[str, list[SlipInfo]] = defaultdict(list)
        for s in data.slips:
            self.slips[s.ticket_no].append(s)
        self.callbacks: dict[str, list[CallbackInfo]] = defaultdict(list)
        for cb in data.callbacks:
            self.callbacks[cb.ticket_no].append(cb)
        far = datetime.max
        for cbs in self.callbacks.values():
            cbs.sort(key=lambda cb: cb.answered_at or cb.due_at or far)
        self.engineer: dict[str, EngineerInfo] = {e.code: e for e in data.engineers}
        self.engineers_by_name: dict[str, list[EngineerInfo]] = defaultdict(list)
        for e in data.engineers:
            self.engineers_by_name[name_key(e.name)].append(e)
        cutoff = timedelta(hours=data.policy.card_cutoff_hour)
        self._cutoff = cutoff
        self.day = data.day

    def cutoff_for(self, ticket_no: str) -> datetime:
        """When cards of this ticket's visit are due: the visit day (else the day) at cut-off."""
        v = self.visit.get(ticket_no)
        day = (v.visit_day if v else None) or self.day
        return datetime.combine(day, time()) + self._cutoff

    def engineer_label(self, code: str) -> str:
        e = self.engineer.get(code)
        return f"{e.name}({code})" if e and e.name else code

    def visited_today(self, v: VisitInfo) -> bool:
        return v.status in VISITED_STATES and v.visit_day == self.day

    def card_engineer(self, ticket_no: str) -> str:
        """The engineer a ticket's finding belongs to: the card's, else the assigned one."""
        cards = self.cards.get(ticket_no)
        if cards:
            return cards[0].engineer_code
        v = self.visit.get(ticket_no)
        return v.engineer_code if v else ""


def assigned_elsewhere(v: VisitInfo, c: CardInfo) -> bool:
    """The ticket is assigned to an engineer other than the one whose card this is."""
    return bool(v.engineer_code and c.engineer_code and v.engineer_code != c.engineer_code)


def yuan(fen: int) -> str:
    """Money for evidence: yuan with 2 decimals ("128.50")."""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def hm(moment: datetime | None, day: date | None = None) -> str:
    """A time for evidence: HH:MM on `day`, else YYYY-MM-DD HH:MM; '-' when unknown."""
    if moment is None:
        return "-"
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if day is not None and moment.date() == day:
        return clock
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} {clock}"


def minutes_between(a: datetime, b: datetime) -> int:
    """Whole minutes from a to b (negative when b is earlier)."""
    return int((b - a).total_seconds() // 60)
