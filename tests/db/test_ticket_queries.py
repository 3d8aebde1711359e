"""Ticket list, search and detail: what the clerk sees when paging, filtering and looking one up."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from clerk_tui.db.models import (
    Appointment,
    Callback,
    Contact,
    Engineer,
    Flag,
    ProductModel,
    SupervisionCard,
    Ticket,
    User,
    WarrantySlip,
)
from clerk_tui.services.tickets.search import (
    TicketFilter,
    find_by_ticket_no,
    list_tickets,
    quick_search,
    search_variants,
    ticket_detail,
)

DAY = date(2025, 3, 10)
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊"]
STREETS = ["朝阳区建国路", "海淀区中关村大街", "西城区金融街", "丰台区南三环西路"]
STATUSES = ["new", "scheduled", "completed"]


def _ticket(i: int, **kw) -> Ticket:
    values = dict(
        ticket_no=f"HR2025{i:06d}",
        source=["center", "phone", "walkin"][i % 3],
        service_type="repair",
        customer_name=NAMES[i % len(NAMES)],
        phone=f"139{i:08d}",
        address=f"北京市{STREETS[i % len(STREETS)]}{i}号",
        product_model="XQG80-B12866",
        status=STATUSES[i % 3],
        created_at=datetime(2025, 3, 1, 8) + timedelta(hours=i),
        business_date=DAY if i % 2 else DAY - timedelta(days=1),
    )
    values.update(kw)
    return Ticket(**values)


@pytest.fixture
def filled(db):
    """A database with 250 tickets, two engineers (one assigned to every 5th ticket)."""
    with db.session() as s:
        e1 = Engineer(code="E01", name="赵师傅")
        e2 = Engineer(code="E02", name="钱师傅")
        s.add_all([e1, e2])
        s.flush()
        for i in range(1, 251):
            s.add(_ticket(i, engineer_id=e1.id if i % 5 == 0 else e2.id))
    return db


def _all_ids(db, filt=None, limit=40):
    """Page forward through the whole list, returning every id shown and the pages."""
    filt = filt or TicketFilter()
    pages, after = [], None
    while True:
        page = list_tickets(db, filt=filt, after_id=after, limit=limit)
        pages.append(page)
        if not page.has_next:
            break
        after = page.rows[-1].id
    return [r.id for p in pages for r in p.rows], pages


def test_list_shows_newest_first_and_pages_through_everything_once(filled):
    ids, pages = _all_ids(filled)
    assert ids == list(range(250, 0, -1))
    assert not pages[0].has_prev and pages[1].has_prev
    assert len(pages) == 7 and not pages[-1].has_next


def test_previous_page_returns_the_same_rows_as_before(filled):
    first = list_tickets(filled, limit=40)
    second = list_tickets(filled, after_id=first.rows[-1].id, limit=40)
    back = list_tickets(filled, before_id=second.rows[0].id, limit=40)
    assert [r.id for r in back.rows] == [r.id for r in first.rows]
    assert not back.has_prev and back.has_next


def test_row_carries_engineer_name_and_dates(filled):
    row = list_tickets(filled, limit=1).rows[0]
    assert row.ticket_no == "HR2025000250" and row.engineer_name == "赵师傅"
    assert row.created_at == datetime(2025, 3, 1, 8) + timedelta(hours=250)
    assert row.business_date == DAY - timedelta(days=1)


def test_filters_combine_and_page(filled):
    with filled.read() as s:
        e1 = s.exec(select(Engineer.id).where(Engineer.code == "E01")).one()
    filt = TicketFilter(statuses=("new", "completed"), engineer_id=e1, business_date=DAY)
    ids, _ = _all_ids(filled, filt, limit=3)
    expected = [i for i in range(250, 0, -1) if i % 5 == 0 and i % 3 != 1 and i % 2]
    assert ids == expected and expected
    only_walkin, _ = _all_ids(filled, TicketFilter(source="walkin"), limit=50)
    assert only_walkin == [i for i in range(250, 0, -1) if i % 3 == 2]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("0123", {123}),  # phone tail
        ("139 0000 0123", {123}),  # phone typed with spaces
        ("+86 139-0000-0123", {123}),  # with country code and dashes
        ("１３９０００００１２３", {123}),  # full-width digits
        ("中关村大街1", {i for i in range(1, 251) if i % 4 == 1 and str(i).startswith("1")}),
        ("HR2025000042", {42}),
        ("2025000042", {42}),
    ],
)
def test_search_finds_phone_address_and_ticket_number(filled, text, expected):
    ids, _ = _all_ids(filled, TicketFilter(text=text), limit=30)
    assert set(ids) == expected
    assert ids == sorted(ids, reverse=True)


def test_search_by_name_fragment_and_short_text(filled):
    names = {r.customer_name for r in list_tickets(filled, filt=TicketFilter(text="王芳")).rows}
    assert names == {"王芳"}
    one_char, _ = _all_ids(filled, TicketFilter(text="芳"), limit=30)
    assert set(one_char) == {i for i in range(1, 251) if i % 6 == 1}


def test_search_combines_with_status_filter_and_paging(filled):
    filt = TicketFilter(text="建国路", statuses=("completed",))
    ids, pages = _all_ids(filled, filt, limit=4)
    assert ids == [i for i in range(250, 0, -1) if i % 4 == 0 and i % 3 == 2]
    assert len(pages) > 2


@pytest.mark.parametrize(
    "text", ['"', '"a"*', "[red]x[/]", "%", "_", "a AND b", "NEAR(", "\\", "''"]
)
def test_odd_user_text_is_searched_literally(filled, text):
    assert list_tickets(filled, filt=TicketFilter(text=text)).rows == []


def test_names_with_quotes_and_markup_are_found(db):
    with db.session() as s:
        s.add(_ticket(1, customer_name='老"王"[red]'))
        s.add(_ticket(2, customer_name="100%_ok"))
    assert [r.id for r in list_tickets(db, filt=TicketFilter(text='"王"[r')).rows] == [1]
    assert [r.id for r in list_tickets(db, filt=TicketFilter(text="0%_")).rows] == [2]
    assert [r.customer_name for r in quick_search(db, "[red]")] == ['老"王"[red]']


def test_search_follows_a_corrected_address(db):
    with db.session() as s:
        s.add(_ticket(1, address="上海市浦东新区世纪大道1号"))
    with db.session() as s:
        tk = s.exec(select(Ticket)).one()
        tk.address = "上海市徐汇区漕溪北路8号"
        s.add(tk)
    assert list_tickets(db, filt=TicketFilter(text="世纪大道")).rows == []
    assert len(list_tickets(db, filt=TicketFilter(text="漕溪北路")).rows) == 1


def test_find_by_ticket_no_is_exact(filled):
    assert find_by_ticket_no(filled, " HR2025000042 ") == 42
    assert find_by_ticket_no(filled, "hr2025000042") == 42
    assert find_by_ticket_no(filled, "HR20250000") is None
    assert find_by_ticket_no(filled, "") is None


def test_quick_search_puts_the_exact_ticket_first(filled):
    rows = quick_search(filled, "HR2025000042")
    assert rows[0].id == 42 and len(rows) == 1
    many = quick_search(filled, "张伟", limit=5)
    assert len(many) == 5 and {r.customer_name for r in many} == {"张伟"}


def test_search_variants_normalise_phones():
    assert search_variants("+86 138-1234-5678")[0] == "13812345678"
    assert search_variants("（010）6512 3456")[0] == "01065123456"
    assert search_variants("  王芳 ") == ("王芳",)
    assert search_variants("") == ()


def test_detail_has_every_event_in_time_order(db):
    at = datetime(2025, 3, 10, 9)
    with db.session() as s:
        pm = ProductModel(model="XQG80-B12866", category="洗衣机")
        eng = Engineer(code="E07", name="孙师傅")
        clerk = User(username="li", display_name="李信息员", password_hash="x")
        s.add_all([pm, eng, clerk])
        s.flush()
        tk = _ticket(
            7, created_at=at, engineer_id=eng.id, owner_id=clerk.id, symptom="不脱水", loaner=True
        )
        s.add(tk)
        s.flush()
        s.add(
            Contact(
                ticket_id=tk.id,
                at=at + timedelta(minutes=5),
                user_id=clerk.id,
                party="dispatcher",
                outcome="confirmed",
                note="地址核实",
            )
        )
        s.add(
            Appointment(
                ticket_id=tk.id,
                engineer_id=eng.id,
                start=at + timedelta(hours=5),
                end=at + timedelta(hours=6),
            )
        )
        s.add(
            SupervisionCard(
                ticket_no=tk.ticket_no,
                ticket_id=tk.id,
                engineer_code="E07",
                returned_at=at + timedelta(hours=9),
                signer_name="孙师傅",
                satisfaction="满意",
                fee_charged_fen=5000,
            )
        )
        s.add(
            WarrantySlip(
                ticket_no=tk.ticket_no,
                engineer_code="E07",
                returned_at=at + timedelta(hours=9, minutes=1),
                fault_cause="排水泵堵塞",
            )
        )
        s.add(Callback(ticket_id=tk.id, ticket_no=tk.ticket_no, due_at=at + timedelta(hours=12)))
        s.add(
            Flag(
                key="k1",
                business_date=DAY,
                ticket_no=tk.ticket_no,
                kind="engineer_signed",
                severity="high",
                evidence=json.dumps(["签名人 孙师傅 = 工程师"]),
            )
        )
        tid = tk.id
    d = ticket_detail(db, tid)
    assert d.engineer_name == "孙师傅" and d.owner_name == "李信息员"
    assert d.product_category == "洗衣机" and d.symptom == "不脱水" and d.loaner
    kinds = [e.kind for e in d.timeline]
    assert kinds == ["created", "contact", "appointment", "card", "slip", "callback", "flag"]
    card = d.timeline[3]
    assert "满意" in card.summary and "孙师傅" in card.summary
    assert ("收费", "¥50.00") in card.details
    assert any("签名人 孙师傅" in v for _, v in d.timeline[-1].details)
    assert ("备注", "地址核实") in d.timeline[1].details


def test_detail_of_unknown_ticket_is_none(db):
    assert ticket_detail(db, 999) is None


def test_paging_back_and_forth_with_several_statuses_and_one_engineer(filled):
    with filled.read() as s:
        e2 = s.exec(select(Engineer.id).where(Engineer.code == "E02")).one()
    for filt in (TicketFilter(statuses=("new", "scheduled")), TicketFilter(engineer_id=e2)):
        ids, pages = _all_ids(filled, filt, limit=25)
        assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids) > 50
        back = list_tickets(filled, filt=filt, before_id=pages[2].rows[0].id, limit=25)
        assert [r.id for r in back.rows] == [r.id for r in pages[1].rows]


def test_short_search_looks_at_recent_tickets_but_finds_any_exact_number(filled, monkeypatch):
    from clerk_tui.db import queries

    with filled.session() as s:
        s.add(_ticket(251, ticket_no="Q7", customer_name="欧阳修"))
    with filled.session() as s:
        tk = s.exec(select(Ticket).where(Ticket.id == 3)).one()
        tk.ticket_no = "Q9"
        s.add(tk)
    monkeypatch.setattr(queries, "SHORT_WINDOW", 30)
    recent = [r.id for r in list_tickets(filled, filt=TicketFilter(text="芳")).rows]
    if filled.is_sqlite:  # trigram-less text: SQLite scans only the newest tickets
        assert recent and min(recent) > 251 - 30
    else:  # PostgreSQL's ILIKE finds them all
        assert recent == [i for i in range(250, 0, -1) if i % 6 == 1]
    assert [r.id for r in list_tickets(filled, filt=TicketFilter(text="Q9")).rows] == [3]
    assert [r.id for r in quick_search(filled, "q7")] == [251]


def test_whole_two_character_name_finds_old_tickets_too(filled, monkeypatch):
    from clerk_tui.db import queries
    from clerk_tui.db.models import Customer

    with filled.session() as s:
        zhang = Customer(name="张伟", phone="13900000001")
        s.add(zhang)
        s.flush()
        old = s.exec(select(Ticket).where(Ticket.id == 6)).one()  # 张伟's ticket, long ago
        old.customer_id = zhang.id
        s.add(old)
    monkeypatch.setattr(queries, "SHORT_WINDOW", 30)
    found = [r.id for r in list_tickets(filled, filt=TicketFilter(text="张伟")).rows]
    assert 6 in found
