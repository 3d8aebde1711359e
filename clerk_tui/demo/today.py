"""Today at the demo outlet: tickets in every state, with doubtful information planted in some."""

from __future__ import annotations

from datetime import timedelta

from clerk_tui.demo import catalog as cat
from clerk_tui.demo.today_visits import (
    Today,
    ordinary_work,
    planted_cards,
    planted_clashes,
)
from clerk_tui.demo.visits import Schedule
from clerk_tui.demo.world import World
from clerk_tui.domain.callbacks.due import CONSULT, callback_due

UNKNOWN_MODEL = "XQG80-HBD1626"
INVALID_PHONE = "1381234567"
INCOMPLETE_ADDRESS = "青岛市九水路金水花园附近"
MISUSE_SYMPTOM = "洗衣机不进水，显示E1进水报警，用户说水龙头可能关着"


def planted_intake(td: Today) -> None:
    """New and needs-info tickets, each with one kind of doubtful information."""
    w = td.w
    # Invalid phone (10 digits).
    cust = w.new_customer(phone=INVALID_PHONE, household=False)
    td.ticket("08:05", category="洗衣机", cust=cust)
    # Incomplete address: no district, no house number; the dispatcher could not be reached.
    cust = w.new_customer(district="", address=INCOMPLETE_ADDRESS, household=False)
    tk = td.ticket("08:15", category="冰箱", cust=cust, status="needs_info")
    w.contact(tk, td.hm("08:30"), "dispatcher", "no_answer", "调度电话占线，门牌号未核实")
    # A model the catalog does not know.
    tk = td.ticket("08:25", category="洗衣机")
    tk.update(product_model=UNKNOWN_MODEL, warranty_status="unknown")
    # No model at all: the dispatcher had none, the customer did not answer.
    tk = td.ticket("08:50", category="冰箱", status="needs_info")
    tk.update(product_model="", serial_no="", warranty_status="unknown")
    w.contact(tk, td.hm("09:05"), "dispatcher", "not_verified", "调度处也没有产品型号")
    w.contact(tk, td.hm("09:20"), "customer", "no_answer", "用户电话无人接听，稍后再打")
    # No purchase date.
    tk = td.ticket("09:10", category="空调", status="needs_info")
    tk.update(purchase_date=None, warranty_status="unknown")
    w.contact(tk, td.hm("09:30"), "customer", "no_answer", "用户在上班，晚上找发票后回电")
    # Purchase date in the future.
    tk = td.ticket("09:40", category="热水器")
    tk.update(purchase_date=td.day + timedelta(days=25), warranty_status="unknown")
    # Bought before the model was released.
    newest = max(w.products, key=lambda p: p.release or td.day)
    tk = td.ticket("10:00")
    tk.update(
        product_model=newest.model,
        purchase_date=(newest.release or td.day) - timedelta(days=400),
        warranty_status="unknown",
        symptom=w.rng.choice(cat.SYMPTOMS[newest.category]),
    )
    # The same phone and product twice, both open (the customer called again).
    first = td.ticket("08:20", category="洗衣机", status="ready")
    second = w.ticket(td.day, td.hm("10:30"), first["_cust"], source="phone")
    second.update(
        {k: first[k] for k in ("product_model", "serial_no", "purchase_date", "warranty_status")}
    )
    second["symptom"] = first["symptom"] + "，用户再次来电催促"
    # A repeat repair: the same product was repaired less than a month ago.
    repeat = _recent_repair(w)
    if repeat is not None:
        tk = w.ticket(td.day, td.hm("10:45"), repeat["_cust"], source="phone")
        tk.update(
            {k: repeat[k] for k in ("product_model", "serial_no", "purchase_date", "symptom")}
        )
        tk["warranty_status"] = w.warranty(
            w.by_model.get(tk["product_model"]), tk["purchase_date"], td.day
        )
    # A symptom that reads as misuse: phone consultation first.
    tk = td.ticket("11:05", category="洗衣机")
    tk["symptom"] = MISUSE_SYMPTOM
    td.ticket("11:20")  # and one ordinary new ticket


def _recent_repair(w: World) -> dict | None:
    for tk in reversed(w.tickets):
        age = (w.today - tk["business_date"]).days
        if (
            8 <= age <= 20
            and tk["status"] == "closed"
            and tk["service_type"] == "repair"
            and tk["serial_no"]
        ):
            return tk
    return None


def other_states(td: Today) -> None:
    """Ready, consult-only, transferred and cancelled tickets; the orphan cards."""
    w = td.w
    td.ticket("09:15", status="ready")
    td.ticket("11:40", status="ready")
    cust = w.new_customer(name=cat.MARKUP_NAME, district=cat.HOME_DISTRICT, household=False)
    td.ticket("10:10", category="冰箱", cust=cust, status="ready")
    # A card for a ticket that has had no visit.
    tk = td.ticket("09:25", category="空调", status="ready")
    w.card(
        tk["ticket_no"],
        "E011",
        returned_at=td.hm("17:50"),
        arrived_at=td.hm("14:05"),
        finished_at=td.hm("15:10"),
        signer_name=w.customers[tk["_cust"]]["name"],
        signed_at=td.hm("15:12"),
        business_date=td.day,
    )
    # Phone consultations (misuse), callback 2 hours later: one overdue, one still ahead.
    for created, category in (("09:00", "空调"), ("16:10", "电视")):
        tk = td.ticket(created, category=category, status="consult_only", service_type="consult")
        tk["symptom"] = w.rng.choice(cat.MISUSE_SYMPTOMS[category])
        when = td.hm(created) + timedelta(minutes=20)
        w.contact(tk, when, "customer", "consulted", w.rng.choice(cat.CONSULT_NOTES))
        w.callback(tk, CONSULT, callback_due(CONSULT, when, now=when, policy=w.policy))
    # Transferred: the customer would not accept another time.
    tk = td.ticket("09:50", category="空调", status="transferred")
    w.contact(tk, td.hm("10:20"), "customer", "refused", "用户不同意改约到明天")
    w.contact(tk, td.hm("10:25"), "center", "transferred", "转回中心信息员改派其他网点")
    # Cancelled by the customer; one of them still got a card back.
    tk = td.ticket("08:35", category="洗衣机", status="cancelled")
    w.contact(tk, td.hm("09:40"), "customer", "cancelled", "用户来电取消：已自行恢复正常")
    tk = td.ticket("08:45", category="冰箱", district="崂山区", status="cancelled")
    w.appointment(tk, "E006", td.hm("11:00"), 90, status="cancelled")
    td.sched.book("E006", td.hm("11:00"), 90, tk["district"])
    w.contact(tk, td.hm("10:20"), "customer", "cancelled", "用户临时有事外出，取消上门")
    w.card(
        tk["ticket_no"],
        "E006",
        returned_at=td.hm("18:05"),
        arrived_at=td.hm("10:55"),
        finished_at=td.hm("12:10"),
        signer_name=w.customers[tk["_cust"]]["name"],
        signed_at=td.hm("12:12"),
        business_date=td.day,
    )


def build_today(w: World, sched: Schedule) -> None:
    """All of today's tickets, numbered in the order they came in."""
    first = len(w.tickets)
    td = Today(w, sched)
    planted_cards(td)
    planted_clashes(td)
    other_states(td)
    ordinary_work(td)
    planted_intake(td)
    w.tickets[first:] = _renumber(w, w.tickets[first:], td.day)


def _renumber(w: World, tickets: list[dict], day) -> list[dict]:
    """Ticket numbers follow the time the tickets came in."""
    tickets.sort(key=lambda tk: (tk["created_at"], tk["ticket_no"]))
    mapping = {tk["ticket_no"]: f"QD{day:%Y%m%d}{i:04d}" for i, tk in enumerate(tickets, start=1)}
    for tk in tickets:
        tk["ticket_no"] = mapping[tk["ticket_no"]]
    for rows in (w.appointments, w.contacts, w.callbacks, w.cards, w.slips):
        for row in rows:
            if row["_ticket"] in mapping:
                row["_ticket"] = mapping[row["_ticket"]]
                if "ticket_no" in row:
                    row["ticket_no"] = mapping[row["ticket_no"]]
    return tickets
