"""The validation queue inside the real app: contacts in three keys, fixes, stale saves, user text."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select
from ui_helpers import FROZEN_NOW, FROZEN_TODAY, settle

from clerk_tui.config import Settings
from clerk_tui.db.models import AuditEntry, Contact, Outlet, ProductModel, Ticket, User
from clerk_tui.ui.validation.screen import ValidationQueueScreen
from clerk_tui.ui.validation.tables import ProblemTable, QueueTable

COMPLETE = {
    "customer_name": "王芳",
    "address": "青岛市市南区香港中路10号3号楼2单元501室",
    "purchase_date": date(2024, 5, 1),
    "symptom": "不制冷，压缩机不启动",
    "requested_start": datetime(2025, 3, 15, 9, 0),
    "requested_end": datetime(2025, 3, 15, 12, 0),
}


@pytest.fixture
def small(tmp_path):
    """A migrated database with one clerk and one needs-info ticket whose phone is wrong."""
    from clerk_tui.services.database import open_database
    from clerk_tui.services.reference import ensure_reference

    db = open_database(f"sqlite:///{tmp_path / 'vq.db'}")
    ensure_reference(db)
    with db.session() as s:
        outlet = Outlet(code="QD01", name="市南网点")
        s.add(outlet)
        s.flush()
        s.add(User(username="li", display_name="李信息员", password_hash="x", outlet_id=outlet.id))
        model = (
            s.execute(
                select(ProductModel.model).where(ProductModel.release_date < date(2024, 1, 1))
            )
            .scalars()
            .first()
        )
        s.add(
            Ticket(
                ticket_no="T1",
                outlet_id=outlet.id,
                status="needs_info",
                source="center",
                phone="1381234567",
                product_model=model,
                created_at=datetime(2025, 3, 14, 8),
                business_date=FROZEN_TODAY,
                **COMPLETE,
            )
        )
    yield db
    db.dispose()


def _app(make_app, db, db_url: str, user: str):
    settings = Settings(db_url=db_url, lang="zh", today=FROZEN_TODAY.isoformat(), autologin=user)
    return make_app(settings, db=db)


async def _open_queue(app, pilot) -> ValidationQueueScreen:
    await settle(app, pilot)
    await pilot.press("v")
    await settle(app, pilot)
    assert isinstance(app.screen, ValidationQueueScreen)
    return app.screen


def _contacts(db, ticket_no: str) -> list[tuple[str, str, str]]:
    with db.read() as s:
        q = (
            select(Contact.party, Contact.outcome, Contact.note)
            .join(Ticket, Ticket.id == Contact.ticket_id)
            .where(Ticket.ticket_no == ticket_no)
            .order_by(Contact.id)
        )
        return [tuple(r) for r in s.execute(q)]


async def test_dispatcher_contact_takes_three_keys_and_changes_the_next_step(
    make_app, demo_db_file
):
    from clerk_tui.services.database import open_database

    db = open_database(f"sqlite:///{demo_db_file}")
    app = _app(make_app, db, f"sqlite:///{demo_db_file}", "xinxi1")
    async with app.run_test(size=(140, 44)) as pilot:
        screen = await _open_queue(app, pilot)
        first = screen.current
        assert first is not None and first.worst == "high"
        assert first.findings[0].kind == "invalid_phone"
        assert first.next_step == "ask_dispatcher"
        before = _contacts(db, first.ticket_no)
        await pilot.press("d", "2", "enter")  # dispatcher, no answer, save
        await settle(app, pilot)
        assert _contacts(db, first.ticket_no) == [*before, ("dispatcher", "no_answer", "")]
        assert screen.current is not None and screen.current.ticket_no == first.ticket_no
        assert screen.current.next_step == "call_customer"
    db.dispose()


async def test_fixing_the_phone_is_audited_and_the_ticket_leaves_as_ready(make_app, small):
    app = _app(make_app, small, small.url, "li")
    async with app.run_test(size=(140, 44)) as pilot:
        screen = await _open_queue(app, pilot)
        assert screen.query_one(ProblemTable).selected().kind == "invalid_phone"
        await pilot.press("e")
        await pilot.press(*"13812345678", "enter")
        await settle(app, pilot)
        assert screen.queue is not None and screen.queue.total == 0
        assert screen.query_one(QueueTable).row_count == 0
    with small.read() as s:
        tk = s.execute(select(Ticket).where(Ticket.ticket_no == "T1")).scalar_one()
        fix = s.execute(select(AuditEntry).where(AuditEntry.action == "ticket.fix")).scalar_one()
    assert (tk.phone, tk.status, tk.version) == ("13812345678", "ready", 2)
    assert json.loads(fix.before) == {"phone": "1381234567"}
    assert json.loads(fix.after)["phone"] == "13812345678"
    [(party, outcome, _note)] = _contacts(small, "T1")
    assert (party, outcome) == ("dispatcher", "corrected")  # a center ticket: the dispatcher first


async def test_a_stale_save_is_refused_with_a_clear_message(make_app, small):
    from clerk_tui.services.validation.fixes import fix_field

    app = _app(make_app, small, small.url, "li")
    async with app.run_test(size=(140, 44)) as pilot:
        screen = await _open_queue(app, pilot)
        tid = screen.current.id
        # Another clerk saves first, on the version this screen is showing.
        fix_field(
            small,
            ticket_id=tid,
            seen_version=1,
            field="phone",
            value="13900000000",
            user=None,
            party="customer",
            now=FROZEN_NOW,
        )
        await pilot.press("e", *"13812345678", "enter")
        await settle(app, pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("已被他人修改" in m and "未保存" in m for m in messages)
    with small.read() as s:
        assert s.execute(select(Ticket.phone).where(Ticket.id == tid)).scalar_one() == "13900000000"


async def test_markup_and_control_characters_are_saved_and_shown_as_typed(make_app, small):
    with small.session() as s:
        tk = s.execute(select(Ticket).where(Ticket.ticket_no == "T1")).scalar_one()
        tk.customer_name = "[red]x[/]"
    note = "[@click=app.quit]x[/] 不知道 \x1b[2J 😀"
    app = _app(make_app, small, small.url, "li")
    async with app.run_test(size=(140, 44)) as pilot:
        await _open_queue(app, pilot)
        await pilot.press("c", "3")
        app.screen.query_one("#vq-dlg-in-0").value = note
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.is_running and isinstance(app.screen, ValidationQueueScreen)
        shown = str(app.screen.query_one("#vq-contacts").render())
        assert "[@click=app.quit]x[/] 不知道 \\x1b[2J 😀" in shown
        table = app.screen.query_one(QueueTable)
        assert table.get_row_at(0)[6].plain == "[red]x[/]"
        messages = [str(n.message) for n in app._notifications]
        assert any("不知道" in m for m in messages)  # the forbidden phrase is pointed out
    assert _contacts(small, "T1") == [("customer", "not_verified", note)]


async def test_part_value_add_and_the_list_are_reachable_from_the_queue(make_app, small):
    from clerk_tui.services.validation.check import count_parts_to_requisition
    from clerk_tui.services.validation.valueadd import list_findings

    app = _app(make_app, small, small.url, "li")
    async with app.run_test(size=(140, 44)) as pilot:
        await _open_queue(app, pilot)
        await pilot.press("p", "2", *"压缩机", "enter")
        await settle(app, pilot)
        assert count_parts_to_requisition(small) == 1
        kinds = {f.kind for f in app.screen.current.findings}
        assert "part_unavailable" in kinds
        await pilot.press("i", "1", *"水压低时进水超时", "enter")
        await settle(app, pilot)
        assert [(r.tag, r.text) for r in list_findings(small)] == [("design", "水压低时进水超时")]
        await pilot.press("l")
        await settle(app, pilot)
        assert app.screen.query_one("#vq-va-table").row_count == 1
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ValidationQueueScreen)
