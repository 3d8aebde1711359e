"""Today's visits: returned cards with planted problems, clashing appointments, ordinary work.

Engineers named here get their planted jobs first, so the ordinary jobs booked
after them (through the Schedule) never clash by accident: every clash and every
card problem in the demo is one of these, on purpose.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from clerk_tui.demo import catalog as cat
from clerk_tui.demo.visits import (
    MINUTES,
    Schedule,
    confirm_call,
    finish_visit,
    requested_window,
)
from clerk_tui.demo.world import World, at


class Today:
    """Helpers bound to today's date."""

    def __init__(self, w: World, sched: Schedule):
        self.w = w
        self.sched = sched
        self.day = w.today

    def hm(self, hhmm: str) -> datetime:
        return at(self.day, hhmm)

    def taken_in(self, start: str) -> str:
        """When the ticket for a visit at `start` came in: an hour or more before, not before 07:20."""
        earliest = self.hm("07:20") + timedelta(minutes=self.w.rng.randint(0, 25))
        before = self.hm(start) - timedelta(minutes=60 + self.w.rng.randint(0, 120))
        return min(max(before, earliest), self.hm(start)).strftime("%H:%M")

    def ticket(
        self,
        created: str,
        *,
        category: str | None = None,
        cust: int | None = None,
        district: str | None = None,
        warranty: str | None = None,
        **kw,
    ) -> dict:
        """A complete ticket of today for a new (or given) customer; warranty 'out' forces an old unit."""
        w = self.w
        if cust is None:
            cust = w.new_customer(district=district, household=False)
        tk = w.ticket(self.day, self.hm(created), cust, **kw)
        p = w.product(category or w.category(), self.day)
        if warranty == "out":  # the oldest model of the category, bought soon after its release
            p = min(w.by_category[p.category], key=lambda q: q.release or self.day)
            bought = (p.release or self.day - timedelta(days=2000)) + timedelta(days=60)
        else:
            bought = w.purchase_date(p, self.day)
        w.with_product(tk, p, bought)
        return tk

    def done(
        self,
        eng: str,
        start: str,
        *,
        category: str | None = None,
        returned: str | None = "18:10",
        minutes: int | None = None,
        cust: int | None = None,
        **visit,
    ) -> tuple[dict, dict]:
        """A completed visit of `eng` at `start`, the customer living in the engineer's district."""
        e = self.w.engineers[eng]
        created = self.taken_in(start)
        tk = self.ticket(
            created,
            category=category or sorted(e.skills)[0],
            cust=cust,
            district=e.district,
            warranty=visit.pop("warranty", "in"),
        )
        mins = minutes or MINUTES[tk["service_type"]]
        self.sched.book(eng, self.hm(start), mins, tk["district"])
        tk["requested_start"], tk["requested_end"] = requested_window(self.hm(start))
        confirm_call(self.w, tk, self.hm(start))
        card = finish_visit(
            self.w,
            tk,
            eng,
            self.hm(start),
            mins,
            returned=self.hm(returned) if returned else None,
            **visit,
        )
        tk["status"] = "completed"
        return tk, card

    def booked(
        self,
        eng: str | None,
        start: str,
        *,
        status: str = "scheduled",
        category: str | None = None,
        district: str | None = None,
        minutes: int | None = None,
        window: tuple[str, str] | None = None,
        **kw,
    ) -> dict:
        """A ticket booked for `eng` at `start` (planned appointment), confirmed with the customer."""
        e = self.w.engineers.get(eng) if eng else None
        cat_ = category or (sorted(e.skills)[0] if e else "洗衣机")
        tk = self.ticket(
            self.taken_in(start),
            category=cat_,
            district=district or (e.district if e else cat.HOME_DISTRICT),
            **kw,
        )
        mins = minutes or MINUTES[tk["service_type"]]
        begin = self.hm(start)
        self.sched.book(eng, begin, mins, tk["district"])
        self.w.appointment(tk, eng, begin, mins)
        if window:
            tk["requested_start"], tk["requested_end"] = self.hm(window[0]), self.hm(window[1])
        else:
            tk["requested_start"], tk["requested_end"] = requested_window(begin)
        confirm_call(self.w, tk, begin)
        tk["status"] = status
        return tk


def planted_cards(td: Today) -> None:
    """Completed visits whose returned cards carry each reconciliation problem."""
    w = td.w
    eng = w.engineers
    # Engineer signed the card himself (代签).
    tk, _ = td.done(
        "E006",
        "09:00",
        category="冰箱",
        card={"signer_name": eng["E006"].name, "signer_relation": "", "notes": ""},
    )
    w.callback(
        tk,
        "verification",
        td.hm("16:00"),
        called_at=td.hm("16:20"),
        done_at=td.hm("16:20"),
        reached=True,
        satisfied=None,
        customer_signed=False,
        engineer_came=True,
        notes="用户说自己没有在监督卡上签字",
    )
    # Signed by someone who is neither the customer nor a recorded household member.
    td.done(
        "E001",
        "09:00",
        category="洗衣机",
        card={"signer_name": w.person_name(), "signer_relation": ""},
    )
    # "Satisfied" with no signature at all.
    td.done(
        "E009",
        "09:00",
        category="冰箱",
        card={"signer_name": "", "signature_present": False, "satisfaction": "满意"},
    )
    # Signed before the engineer arrived.
    td.done("E011", "09:30", category="空调", card={"signed_at": td.hm("09:05")})
    # Card handed back after the cut-off hour.
    td.done("E008", "09:30", category="空调", returned="21:15")
    # Finished visits whose cards never came back.
    td.done("E001", "13:30", category="冰箱", returned=None)
    td.done("E009", "13:00", category="电视", returned=None)
    # The same card handed in twice.
    tk, card = td.done("E011", "13:30", category="洗衣机", returned="17:55")
    skip = ("ticket_no", "_ticket", "engineer_code", "_eng", "returned_at", "notes")
    w.card(
        tk["ticket_no"],
        "E011",
        returned_at=td.hm("18:40"),
        notes="补交",
        **{k: v for k, v in card.items() if k not in skip},
    )
    # Charged above the fee standard (out of warranty, items SM-01 + labour + part).
    tk, card = td.done("E004", "08:00", category="洗衣机", warranty="out")
    codes = ["SM-01", "XYJ-03", "PJ-01"]
    standard = sum(w.fee_fen(c, td.day)[0] for c in codes)
    receipt = w.receipt(td.day)
    card.update(fee_items="|".join(codes), fee_charged_fen=standard + 8500, receipt_no=receipt)
    w.slips[-1].update(fee_charged_fen=standard + 8500, receipt_no=receipt, parts="进水阀")
    # Arrived 35 minutes late without phoning ahead; and 20 minutes late having phoned.
    td.done("E009", "11:00", category="洗衣机", late=35, called_ahead=False)
    td.done("E008", "13:30", category="热水器", late=20, called_ahead=True)
    # The customer was not satisfied; the follow-up is due.
    tk, card = td.done("E001", "11:00", category="洗衣机", satisfaction="不满意")
    w.callback(tk, "unsatisfied", td.hm("18:00"), notes="用户对维修结果不满意，需跟踪至满意")
    # Legitimately signed by the spouse recorded on the customer.
    spouse = w.person_name()
    cust = w.new_customer(district=eng["E006"].district, household=f"{spouse}:配偶")
    td.done(
        "E006",
        "13:30",
        category="空调",
        cust=cust,
        card={"signer_name": spouse, "signer_relation": "配偶"},
    )
    # Card returned without its warranty slip.
    td.done("E011", "15:30", category="热水器", returned="18:20", slip=False)


def planted_clashes(td: Today) -> None:
    """Scheduled appointments that clash in each way the conflict check knows."""
    w = td.w
    td.done("E002", "09:00", category="空调")
    # A repair that cannot be done at home: pulled back to the workshop, loaner left (拉修, 周转机).
    tk, card = td.done("E002", "11:00", category="冰箱", returned="12:40")
    tk.update(
        status="pulled_back", pull_back=True, loaner=True, part_needed="压缩机", part_in_stock=False
    )
    card.update(notes="拉修，已提供周转机")
    td.booked("E002", "15:00", category="空调")
    td.booked("E002", "16:00", category="冰箱")  # overlaps the 15:00 job
    td.done("E003", "09:00", category="空调")
    td.booked("E003", "14:00", category="空调", district="黄岛区")
    td.booked("E003", "15:40", category="热水器", district="即墨区")  # 黄岛→即墨 is 80 minutes
    td.booked("E004", "16:00", category="热水器")  # shift ends 16:30
    td.booked("E007", "15:00", category="油烟机")  # on leave today
    td.done("E005", "09:30", category="电视")
    td.booked(
        "E005", "14:30", category="空调", district="市北区"
    )  # E005 does not repair air conditioners
    td.booked(
        "E009", "15:30", category="洗衣机", window=("08:30", "12:00")
    )  # customer asked for the morning
    for start, status in (
        ("08:30", "done"),
        ("10:00", "done"),
        ("11:30", "done"),
        ("13:30", "done"),
        ("15:00", "sched"),
        ("16:30", "sched"),
    ):  # E010 may take 5 jobs a day
        if status == "done":
            td.done("E010", start, category="净水器", minutes=60, returned="17:45")
        else:
            td.booked("E010", start, category="净水器", minutes=60, service_type="maintenance")
    td.booked(None, "16:00", category="洗衣机")  # scheduled, no engineer
    td.booked(cat.INACTIVE, "15:00", category="冰箱")  # engineer has left the outlet
    w.leaves.append({"_eng": cat.LEAVE_TODAY, "day": td.day, "reason": "病假"})


def ordinary_work(td: Today) -> None:
    """Ordinary jobs of today: finished ones with good cards, some in service, some later."""
    w = td.w
    r = w.rng
    td.booked("E001", "15:30", status="in_service", category="洗衣机")
    free = [e.code for e in w.engineers.values() if e.active and e.code != cat.LEAVE_TODAY]
    tomorrow = td.day + timedelta(days=1)
    plan = (
        [("completed", td.hm("08:00"), td.hm("14:00"))] * 7
        + [("in_service", td.hm("13:30"), td.hm("16:30"))] * 3
        + [("scheduled", at(tomorrow, "08:30"), at(tomorrow, "12:00"))] * 4
    )
    for status, earliest, latest in plan:
        category = w.category()
        tk = td.ticket(
            f"{7 + r.randint(1, 2):02d}:{r.choice((5, 20, 35, 50)):02d}", category=category
        )
        st = tk["service_type"]
        skilled = [c for c in free if category in w.engineers[c].skills]
        slot = td.sched.find(
            skilled, earliest - timedelta(minutes=15), MINUTES[st], tk["district"], latest=latest
        )
        if slot is None:
            tk["status"] = "ready"
            continue
        eng, start = slot
        td.sched.book(eng, start, MINUTES[st], tk["district"])
        tk["requested_start"], tk["requested_end"] = requested_window(start)
        confirm_call(w, tk, start)
        if status == "completed":
            returned = td.hm("17:30") + timedelta(minutes=r.randint(0, 120))
            finish_visit(w, tk, eng, start, MINUTES[st], returned=returned)
        else:
            w.appointment(tk, eng, start, MINUTES[st])
        tk["status"] = status
