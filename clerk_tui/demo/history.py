"""A month of the demo outlet's past work: closed tickets with their visits, cards, slips, callbacks."""

from __future__ import annotations

from datetime import date, timedelta

from clerk_tui.demo import catalog as cat
from clerk_tui.demo.visits import (
    MINUTES,
    Schedule,
    confirm_call,
    finish_visit,
    requested_window,
)
from clerk_tui.demo.world import World, at
from clerk_tui.domain.callbacks.due import CONSULT, callback_due

HISTORY_DAYS = 30
PATTERN_ENGINEER = "E006"  # all cards "satisfied" while verification callbacks disagree


def history_leaves(w: World) -> dict[date, set[str]]:
    """Past days off (beside today's leave, which the today part adds)."""
    off = {w.today - timedelta(days=12): {"E003"}, w.today - timedelta(days=5): {"E009"}}
    for day, codes in off.items():
        for code in codes:
            w.leaves.append({"_eng": code, "day": day, "reason": "事假"})
    return off


def _available(w: World, day: date, off: set[str], category: str) -> list[str]:
    left_on = w.today - timedelta(days=10)  # E012 left the outlet ten days ago
    return [
        e.code
        for e in w.engineers.values()
        if category in e.skills and e.code not in off and (e.active or day < left_on)
    ]


def _service_type(w: World) -> str:
    return w.rng.choices(["repair", "install", "maintenance"], weights=[78, 12, 10])[0]


def build_history(w: World, sched: Schedule) -> list[date]:
    """Fill the 30 days before today; returns the days (for BusinessDay rows)."""
    r = w.rng
    off_days = history_leaves(w)
    days = [w.today - timedelta(days=n) for n in range(HISTORY_DAYS, 0, -1)]
    for day in days:
        count = r.randint(44, 56)
        starts = sorted(r.randrange(0, 7 * 60) for _ in range(count))
        for minute in starts:
            created = at(day, "07:50") + timedelta(minutes=minute)
            _one(w, sched, day, created, off_days)
    _finish_callbacks(w)
    return days


def _one(w: World, sched: Schedule, day: date, created, off_days: dict[date, set[str]]) -> None:
    r = w.rng
    if w.customers and r.random() < 0.15:
        cust = r.randrange(len(w.customers))
    else:
        cust = w.new_customer()
    district = w.customers[cust]["district"]
    category = w.category()
    source = r.choices(["center", "phone", "walkin"], weights=[70, 25, 5])[0]
    roll = r.random()
    if roll < 0.06 and category in cat.MISUSE_SYMPTOMS:
        tk = w.ticket(
            day, created, cust, source=source, symptom=r.choice(cat.MISUSE_SYMPTOMS[category])
        )
        w.with_product(tk, w.product(category, day), None)
        tk["purchase_date"] = w.purchase_date(w.by_model[tk["product_model"]], day)
        tk["warranty_status"] = w.warranty(
            w.by_model[tk["product_model"]], tk["purchase_date"], day
        )
        when = created + timedelta(minutes=r.randint(10, 40))
        w.contact(tk, when, "customer", "consulted", r.choice(cat.CONSULT_NOTES))
        due = callback_due(CONSULT, when, now=when, policy=w.policy)
        w.callback(
            tk,
            "consult",
            due,
            called_at=due,
            done_at=due,
            reached=True,
            satisfied=True,
            notes="用户反馈使用正常",
        )
        tk.update(status="consult_only", service_type="consult", updated_at=due)
        return
    st = _service_type(w)
    p = w.product(category, day)
    tk = w.ticket(day, created, cust, source=source, service_type=st)
    w.with_product(tk, p, w.purchase_date(p, day))
    if r.random() < 0.08:
        w.contact(
            tk,
            created + timedelta(minutes=r.randint(3, 15)),
            "dispatcher",
            "corrected",
            r.choice(("与调度核实门牌号", "与调度核实购买日期", "与调度核实产品型号")),
        )
    minutes = MINUTES[st]
    slot = sched.find(
        _available(w, day, off_days.get(day, set()), p.category),
        created + timedelta(minutes=45),
        minutes,
        district,
    )
    nxt = day + timedelta(days=1)
    if slot is None and nxt < w.today:  # today is full: the first free time tomorrow
        slot = sched.find(
            _available(w, nxt, off_days.get(nxt, set()), p.category),
            at(nxt, "08:00"),
            minutes,
            district,
        )
    if roll > 0.94 or slot is None:
        outcome = "cancelled" if roll > 0.97 else "transferred"
        note = (
            "用户来电取消：已自行恢复正常"
            if outcome == "cancelled"
            else "用户要求时间无法安排，转回中心改派"
        )
        w.contact(
            tk,
            created + timedelta(minutes=r.randint(20, 90)),
            "customer" if outcome == "cancelled" else "center",
            outcome,
            note,
        )
        tk.update(status=outcome)
        return
    eng, start = slot
    sched.book(eng, start, minutes, district)
    tk["requested_start"], tk["requested_end"] = requested_window(start)
    confirm_call(w, tk, start)
    late = r.choice((6, 12, 18, 25)) if r.random() < 0.06 else 0
    returned = at(start.date(), "17:40") + timedelta(minutes=r.randint(0, 130))
    pattern = eng == PATTERN_ENGINEER
    pulled = start.date() >= w.today - timedelta(days=6) and r.random() < 0.02 and st == "repair"
    card = finish_visit(
        w,
        tk,
        eng,
        start,
        minutes,
        returned=returned,
        late=late,
        called_ahead=r.random() < 0.85,
        satisfaction="满意" if pattern else None,
    )
    tk["status"] = "pulled_back" if pulled else "closed"
    if pulled:
        tk.update(pull_back=True, loaner=True, part_needed="需返厂检测")
    if card["satisfaction"] == "不满意":
        due = card["finished_at"] + timedelta(days=1)
        w.callback(
            tk,
            "unsatisfied",
            due,
            called_at=due,
            done_at=due,
            reached=True,
            satisfied=True,
            notes="二次上门处理后用户满意",
        )
    if r.random() < (0.5 if pattern else 0.2):
        due = at(start.date() + timedelta(days=1), "10:00") + timedelta(minutes=r.randint(0, 300))
        reached = r.random() < 0.9
        doubt = pattern and reached and r.random() < 0.35
        w.callback(
            tk,
            "verification",
            due,
            called_at=due,
            done_at=due,
            reached=reached,
            satisfied=(not doubt and card["satisfaction"] != "不满意") if reached else None,
            customer_signed=(not doubt) if reached else None,
            engineer_came=True if reached else None,
            notes=("用户说没有签字，是师傅自己签的" if doubt else "") if reached else "无人接听",
        )


def _finish_callbacks(w: World) -> None:
    """Past callbacks were all made: the uncertain-repair ones were answered 'fine'."""
    for cb in w.callbacks:
        if cb["done_at"] is None and cb["due_at"] is not None:
            when = cb["due_at"] + timedelta(minutes=w.rng.randint(0, 50))
            cb.update(
                called_at=when, done_at=when, reached=True, satisfied=True, notes="用户反馈使用正常"
            )
