"""The tickets list and ticket detail screens, driven by key presses over a hand-built database."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from pilot_wait import settle as settle_pilot

from clerk_tui.config import Settings
from clerk_tui.db.models import (
    Appointment,
    Callback,
    Contact,
    Engineer,
    Flag,
    Outlet,
    SupervisionCard,
    Ticket,
    User,
    WarrantySlip,
)
from clerk_tui.i18n import set_lang
from clerk_tui.services.app import Services
from clerk_tui.services.tickets.search import TicketFilter
from clerk_tui.ui.common.desk import DeskApp
from clerk_tui.ui.tickets.detail import TicketDetailScreen
from clerk_tui.ui.tickets.screen import TicketsScreen
from clerk_tui.ui.tickets.table import TicketTable

TODAY = date(2025, 3, 14)
N_PLAIN = 230  # three pages of 100
NAMES = ("王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄强")
STATES = ("new", "needs_info", "ready", "scheduled", "in_service", "completed", "closed")
SOURCES = ("center", "phone", "walkin")


def _ticket(n: int, **over) -> Ticket:
    created = datetime(2025, 1, 1, 8, 0) + timedelta(hours=6 * n)
    values = dict(
        ticket_no=f"HS2025{n:05d}",
        source=SOURCES[n % 3],
        service_type="repair",
        customer_name=NAMES[n % len(NAMES)],
        phone=f"1380000{n:04d}",
        address=f"北京市朝阳区建国路{n}号院{n % 7 + 1}号楼",
        district="朝阳区",
        product_model="XQG100-B12",
        symptom="不脱水",
        status=STATES[n % len(STATES)],
        created_at=created,
        business_date=TODAY if n > N_PLAIN - 10 else created.date(),
    )
    values.update(over)
    return Ticket(**values)


@pytest.fixture
def tickets_db(sqlite_db):
    """230 ordinary tickets, then three telling ones (ids 231..233)."""
    with sqlite_db.session() as s:
        outlet = Outlet(code="BJ01", name="朝阳网点")
        s.add(outlet)
        s.flush()
        eng = Engineer(code="E01", name="张师傅", outlet_id=outlet.id)
        clerk = User(username="clerk", display_name="王小红", role="clerk", password_hash="-")
        s.add_all([eng, clerk])
        s.flush()
        for n in range(1, N_PLAIN + 1):
            s.add(_ticket(n, outlet_id=outlet.id, engineer_id=eng.id if n % 2 else None))
        s.flush()
        special = _ticket(
            N_PLAIN + 1,
            ticket_no="HS2025SPECIAL",
            customer_name="[red]x[/]",
            phone="13912345678",
            address="中关村[b]西门[/b]",
            symptom="开机[/]报E4",
            status="completed",
            owner_id=clerk.id,
            engineer_id=eng.id,
            notes="客户要求[@click=app.quit]周末[/]上门",
        )
        s.add(special)
        s.add(
            _ticket(N_PLAIN + 2, ticket_no="HS2025SLASH", customer_name="[/]", phone="13700000000")
        )
        s.add(
            _ticket(
                N_PLAIN + 3, ticket_no="HS2025EMPTY", customer_name="孙悟空", address="花果山水帘洞"
            )
        )
        s.flush()
        at = special.created_at
        s.add_all(
            [
                Contact(
                    ticket_id=special.id,
                    at=at + timedelta(minutes=10),
                    user_id=clerk.id,
                    party="dispatcher",
                    outcome="confirmed",
                    note="核实地址：西门进[/]",
                ),
                Appointment(
                    ticket_id=special.id,
                    engineer_id=eng.id,
                    start=at + timedelta(hours=20),
                    end=at + timedelta(hours=21),
                    status="done",
                ),
                SupervisionCard(
                    ticket_no=special.ticket_no,
                    ticket_id=special.id,
                    engineer_code="E01",
                    engineer_id=eng.id,
                    returned_at=at + timedelta(hours=30),
                    signer_name="[red]x[/]",
                    satisfaction="满意",
                    signature_present=True,
                ),
                WarrantySlip(
                    ticket_no=special.ticket_no,
                    ticket_id=special.id,
                    engineer_code="E01",
                    returned_at=at + timedelta(hours=31),
                    fault_cause="排水泵堵塞",
                ),
                Callback(
                    ticket_id=special.id,
                    ticket_no=special.ticket_no,
                    reason="uncertain_repair",
                    called_at=at + timedelta(hours=40),
                    reached=True,
                    satisfied=True,
                    notes="用户满意",
                ),
                Flag(
                    key="k1",
                    business_date=TODAY,
                    ticket_no=special.ticket_no,
                    kind="signer_is_engineer",
                    severity="high",
                    status="dismissed",
                    decided_at=at + timedelta(hours=50),
                    reason="家属代签，已核实",
                ),
            ]
        )
    return sqlite_db


class TicketsApp(DeskApp):
    """Test-only host: what the real app gives the ticket screens (services, today, no user)."""

    def __init__(self, db, screen_factory) -> None:
        super().__init__(Settings(db_url="sqlite://", today=TODAY.isoformat()))
        self.services = Services(db)
        self._factory = screen_factory
        self.bench_calls: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(self._factory())

    def bench_ready(self, what: str) -> None:
        self.bench_calls.append(what)


async def settle(pilot, wait: float = 0.0) -> None:
    """Let timers (debounce), workers and the messages they post all finish."""
    await settle_pilot(pilot, rounds=2, wait=wait)


def table_of(app) -> TicketTable:
    return app.screen.query_one(TicketTable)


def column(app, index: int) -> list[str]:
    table = table_of(app)
    return [table.get_row_at(i)[index].plain for i in range(table.row_count)]


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def info_text(app) -> str:
    return str(app.screen.query_one("#tk-info").render())


async def test_first_page_shows_the_newest_hundred_tickets_and_tells_the_benchmark(tickets_db):
    app = TicketsApp(tickets_db, TicketsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        numbers = column(app, 0)
        assert len(numbers) == 100
        assert numbers[0] == "HS2025EMPTY"
        assert numbers[3] == f"HS2025{N_PLAIN:05d}"
        assert "第 1 页" in info_text(app)
        assert app.bench_calls == ["tickets"]


async def test_next_and_previous_page_walk_through_tickets_in_order(tickets_db):
    app = TicketsApp(tickets_db, TicketsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = column(app, 0)
        await pilot.press("n")
        await settle(pilot)
        second = column(app, 0)
        assert len(second) == 100 and not set(first) & set(second)
        assert second == sorted(second, reverse=True)
        assert second[0] < first[-1]  # older tickets follow the last row of page 1
        assert "第 2 页" in info_text(app) and "101" in info_text(app)
        await pilot.press("pagedown")
        await settle(pilot)
        third = column(app, 0)
        assert len(third) == 33 and third[-1] == "HS202500001"
        await pilot.press("pagedown")  # no further page: nothing changes
        await settle(pilot)
        assert column(app, 0) == third
        await pilot.press("p")
        await settle(pilot)
        assert column(app, 0) == second
        await pilot.press("pageup")
        await settle(pilot)
        assert column(app, 0) == first
        assert "第 1 页" in info_text(app)
        assert app.bench_calls == ["tickets"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("5678", {"HS2025SPECIAL"}),  # last digits of a phone
        ("139 1234 5678", {"HS2025SPECIAL"}),  # a phone as people write it
        ("孙悟空", {"HS2025EMPTY"}),  # a name
        ("水帘洞", {"HS2025EMPTY"}),  # an address fragment
        ("关村[b]西", {"HS2025SPECIAL"}),  # brackets are just characters
        ("HS202500042", {"HS202500042"}),  # a ticket number
    ],
)
async def test_search_finds_the_right_tickets(tickets_db, typed, expected):
    app = TicketsApp(tickets_db, TicketsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*typed)
        await settle(pilot, wait=0.4)
        assert set(column(app, 0)) == expected
        assert typed in info_text(app)


async def test_search_with_no_match_says_so_and_escape_brings_the_list_back(tickets_db):
    app = TicketsApp(tickets_db, TicketsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"不存在的客户")
        await settle(pilot, wait=0.4)
        assert table_of(app).row_count == 0
        assert app.screen.query_one("#tk-empty").display
        assert "没有符合条件的工单" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert table_of(app).row_count == 100
        assert not app.screen.query_one("#tk-empty").display


async def test_typing_an_exact_ticket_number_and_enter_opens_its_detail(tickets_db):
    app = TicketsApp(tickets_db, TicketsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"HS2025SPECIAL", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TicketDetailScreen)
        assert app.screen.detail is not None and app.screen.detail.ticket_no == "HS2025SPECIAL"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TicketsScreen)
        assert column(app, 0) == ["HS2025SPECIAL"]  # the list behind shows what was searched


async def test_status_source_and_today_filters_narrow_the_list(tickets_db):
    app = TicketsApp(tickets_db, TicketsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")  # any → open states
        await settle(pilot)
        assert set(column(app, 1)) <= {"新建", "待核实", "待派工", "已预约", "服务中"}
        await pilot.press("s")  # open → new only
        await settle(pilot)
        assert set(column(app, 1)) == {"新建"}
        await pilot.press("o")  # source: center only
        await settle(pilot)
        assert set(column(app, 2)) == {"中心"}
        assert "新建" in info_text(app) and "中心" in info_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert table_of(app).row_count == 100
        await pilot.press("d")  # today only
        await settle(pilot)
        # the ten newest ordinary tickets and the three special ones belong to today
        assert table_of(app).row_count == 13
        await pilot.press("c")
        await settle(pilot)
        assert table_of(app).row_count == 100


async def test_opening_with_a_filter_from_the_dashboard_shows_only_those(tickets_db):
    app = TicketsApp(tickets_db, lambda: TicketsScreen(TicketFilter(statuses=("needs_info",))))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert set(column(app, 1)) == {"待核实"}
        assert "待核实" in info_text(app)


async def test_enter_on_a_row_opens_the_detail_with_its_whole_timeline(tickets_db):
    app = TicketsApp(tickets_db, TicketsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        assert column(app, 0)[2] == "HS2025SPECIAL"
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TicketDetailScreen)
        kinds = [e.kind for e in screen.detail.timeline]
        assert kinds == ["created", "contact", "appointment", "card", "slip", "callback", "flag"]
        text = screen_text(app)
        assert "首问负责人" in text and "王小红" in text
        assert "处理经过（7 条）" in text
        for label in ("建单", "联系", "预约", "监督卡"):
            assert label in text
        assert "核实地址：西门进[/]" in text
        await pilot.press("end")  # the rest of the timeline is further down
        await pilot.pause()
        text = screen_text(app)
        for label in ("保修记录单", "回访", "核查标记"):
            assert label in text
        assert "家属代签，已核实" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TicketsScreen)
        assert table_of(app).cursor_row == 2  # back where the clerk was


async def test_markup_in_customer_data_shows_as_typed_and_never_crashes(tickets_db):
    app = TicketsApp(tickets_db, TicketsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[red]x[/]" in text
        assert "[/]" in column(app, 4)
        assert app.screen.query_one("#tk-table").get_row_at(2)[6].plain == "中关村[b]西门[/b]"
        await pilot.press("down", "enter")  # the customer named "[/]"
        await settle(pilot)
        assert app.screen.detail.customer_name == "[/]"
        assert "[/]" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "[red]x[/]" in text
        assert "开机[/]报E4" in text
        assert "客户要求[@click=app.quit]周末[/]上门" in text
        assert app.is_running


async def test_english_labels_when_the_language_is_english(tickets_db):
    set_lang("en")
    app = TicketsApp(tickets_db, TicketsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for label in ("Ticket no.", "Status", "Customer", "Created", "Next page"):
            assert label in text
        assert "page 1, rows 1 to 100" in info_text(app)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Timeline" in text and "Owner (first taker)" in text


async def test_detail_of_a_missing_ticket_says_so(tickets_db):
    app = TicketsApp(tickets_db, lambda: TicketDetailScreen(99999))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "99999" in screen_text(app) and "不存在" in screen_text(app)
