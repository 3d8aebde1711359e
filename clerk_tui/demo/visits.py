"""Booking engineers without clashes, and the paperwork of a finished visit (card, slip, callbacks)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from clerk_tui.demo import catalog as cat
from clerk_tui.demo.world import World, at
from clerk_tui.domain.callbacks.due import UNCERTAIN_REPAIR, callback_due

SATISFACTION = (("满意", 88), ("基本满意", 9), ("不满意", 3))
MINUTES = {"repair": 90, "install": 120, "maintenance": 60, "consult": 30}


class Schedule:
    """Each engineer's bookings per day, so generated appointments respect travel and hours."""

    def __init__(
        self, world: World, travel: dict[tuple[str, str], int], buffer: int, capacity: int
    ):
        self.w = world
        self.travel = travel
        self.buffer = buffer
        self.capacity = capacity
        self.booked: dict[tuple[date, str], list[tuple[datetime, datetime, str]]] = {}

    def gap(self, a: str, b: str) -> int:
        return self.travel.get((a, b), 45) + self.buffer

    def fits(self, eng: str, start: datetime, minutes: int, district: str) -> bool:
        e = self.w.engineers[eng]
        day = start.date()
        end = start + timedelta(minutes=minutes)
        if start < at(day, e.start) or end > at(day, e.end):
            return False
        jobs = self.booked.get((day, eng), [])
        if len(jobs) >= (e.capacity or self.capacity):
            return False
        for s, f, d in jobs:
            if not (
                end + timedelta(minutes=self.gap(district, d)) <= s
                or f + timedelta(minutes=self.gap(d, district)) <= start
            ):
                return False
        return True

    def book(self, eng: str | None, start: datetime, minutes: int, district: str) -> None:
        if eng:
            self.booked.setdefault((start.date(), eng), []).append(
                (start, start + timedelta(minutes=minutes), district)
            )

    def find(
        self,
        engineers: list[str],
        earliest: datetime,
        minutes: int,
        district: str,
        latest: datetime | None = None,
    ) -> tuple[str, datetime] | None:
        """The earliest free slot among `engineers` (home district first), on quarter hours."""
        day = earliest.date()
        step = timedelta(minutes=15)
        order = sorted(
            engineers,
            key=lambda c: (
                self.w.engineers[c].district != district,
                len(self.booked.get((day, c), [])),
                c,
            ),
        )
        first = earliest.replace(minute=earliest.minute - earliest.minute % 15, second=0) + step
        for eng in order:
            tk = max(first, at(day, self.w.engineers[eng].start))
            stop = latest or at(day, "18:00")
            while tk <= stop:
                if self.fits(eng, tk, minutes, district):
                    return eng, tk
                tk += step
        return None


def requested_window(start: datetime) -> tuple[datetime, datetime]:
    """The customer's requested window (上午/下午) around an appointment."""
    day = start.date()
    if start.hour < 12:
        return at(day, "08:30"), at(day, "12:00")
    return at(day, "13:00"), at(day, "18:00")


def fees_for(w: World, tk: dict, day: date) -> tuple[str, str, str, list[str], int]:
    """(fault cause, repair action, parts, fee codes, total fen) for the visit of ticket `t`."""
    p = w.by_model.get(tk["product_model"])
    category = p.category if p else "洗衣机"
    st = tk["service_type"]
    if st == "install":
        codes = ["KT-05"] if category == "空调" and w.rng.random() < 0.3 else []
        cause, action, parts = "新机安装", "安装调试并讲解使用", ""
    elif st == "maintenance":
        codes = {"空调": ["KT-03"], "洗衣机": ["XYJ-04"], "油烟机": ["CF-02"]}.get(category, [])
        cause, action, parts = "用户要求保养", "清洗保养", ""
    else:
        cause, action, parts, fee = w.rng.choice(cat.REPAIRS.get(category, cat.REPAIRS["洗衣机"]))
        codes = [c for c in fee.split("|") if c]
    charged, total = w.charge(codes, tk["warranty_status"], day)
    return cause, action, parts, charged, total


def finish_visit(
    w: World,
    tk: dict,
    eng: str,
    start: datetime,
    minutes: int,
    *,
    returned: datetime | None,
    late: int = 0,
    called_ahead: bool | None = None,
    card: dict | None = None,
    slip: bool = True,
    confident: bool | None = None,
    satisfaction: str | None = None,
) -> dict:
    """Record a done visit: appointment, the card as returned (overrides in `card`), the slip."""
    r = w.rng
    day = start.date()
    w.appointment(tk, eng, start, minutes, status="done", late=late or None)
    arrived = (
        start + timedelta(minutes=late) if late else start - timedelta(minutes=r.randint(2, 10))
    )
    finished = arrived + timedelta(minutes=max(20, minutes - r.randint(0, 30)))
    cust = w.customers[tk["_cust"]]
    signer, relation = cust["name"], ""
    if cust["household"] and r.random() < 0.35:
        signer, relation = r.choice(cust["household"].split("|")).split(":")
    if satisfaction is None:
        satisfaction = r.choices(
            [s for s, _ in SATISFACTION], weights=[p for _, p in SATISFACTION]
        )[0]
    cause, action, parts, codes, total = fees_for(w, tk, day)
    receipt = w.receipt(day) if total else ""
    if confident is None:
        confident = r.random() > 0.08
    score = {"满意": 5, "基本满意": 4, "不满意": 2}.get(satisfaction, 4)
    values = dict(
        returned_at=returned,
        arrived_at=arrived,
        finished_at=finished,
        signer_name=signer,
        signer_relation=relation,
        signature_present=True,
        satisfaction=satisfaction,
        attitude_score=score if r.random() < 0.8 else max(1, score - 1),
        quality_score=score,
        signed_at=finished + timedelta(minutes=r.randint(1, 6)),
        fee_charged_fen=total,
        fee_items="|".join(codes),
        receipt_no=receipt,
        repair_confident=confident,
        called_ahead=called_ahead if late else None,
        business_date=day,
    )
    values.update(card or {})
    row = w.card(tk["ticket_no"], eng, **values) if returned is not None else values
    if slip and returned is not None:
        w.slip(
            tk["ticket_no"],
            eng,
            returned_at=returned,
            fault_cause=cause,
            repair_action=action,
            parts=parts,
            fee_charged_fen=total,
            receipt_no=receipt,
        )
    tk.update(_eng=eng, updated_at=returned or finished)
    if not confident:
        due = callback_due(UNCERTAIN_REPAIR, finished, now=finished, policy=w.policy)
        w.callback(tk, UNCERTAIN_REPAIR, due)
    return row


def confirm_call(w: World, tk: dict, start: datetime) -> None:
    """The clerk's call confirming the appointment with the customer."""
    when = tk["created_at"] + timedelta(minutes=w.rng.randint(5, 40))
    w.contact(tk, when, "customer", "confirmed", f"已与用户确认上门时间 {start:%H:%M}")
