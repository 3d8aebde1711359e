"""The new-ticket screen typed key by key over the demo outlet: what is saved, what is said beside fields."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from ui_helpers import FROZEN_TODAY, settle

from clerk_tui.db.models import Callback, Contact, Ticket, User


def _settings(ui_settings, demo_db_file):
    return replace(ui_settings, db_url=f"sqlite:///{demo_db_file}", autologin="xinxi1")


async def _open(app, pilot):
    await settle(app, pilot)
    await pilot.press("n")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "IntakeScreen"
    assert app.screen.ref_loaded


def _msg(app, name: str) -> str:
    return app.screen.query_one(f"#msg-{name}").shown[0]


async def _type(pilot, text: str) -> None:
    await pilot.press(*text, "tab")


async def test_ticket_typed_key_by_key_is_saved_ready_and_owned_by_the_clerk(
    ui_settings, demo_db_file, make_app
):
    app = make_app(_settings(ui_settings, demo_db_file))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await _type(pilot, "陈静怡")
        await _type(pilot, "１５９６３０１２３４５")  # full-width digits as an IME gives them
        await _type(pilot, "青岛市李沧区书院路88号万科城5号楼1单元1201室")
        await pilot.press(*"xqg100-b1487", "right", "tab", "tab")  # completion, then skip serial
        await _type(pilot, "2024/06/01")
        await _type(pilot, "洗衣机脱水时剧烈抖动并有异响")
        await _type(pilot, "+1")
        await _type(pilot, "9")
        await _type(pilot, "1130")
        await settle(app, pilot)
        assert _msg(app, "phone").startswith("手机 159 6301 2345")
        assert _msg(app, "model").startswith("洗衣机")
        assert _msg(app, "purchase").startswith("保内")
        assert _msg(app, "window") == "2025-03-15 09:00 至 11:30"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = app.screen.last_saved
        assert saved is not None and saved.status == "ready"
        assert app.screen.query_one("#in-name").value == ""  # ready for the next call
    with app.db.read() as s:
        tk = s.execute(select(Ticket).where(Ticket.ticket_no == saved.ticket_no)).scalar_one()
        owner = s.get(User, tk.owner_id).username
    assert (tk.customer_name, tk.phone, tk.product_model) == (
        "陈静怡",
        "15963012345",
        "XQG100-B14876",
    )
    assert tk.purchase_date.isoformat() == "2024-06-01" and tk.business_date == FROZEN_TODAY
    assert tk.requested_start.isoformat() == "2025-03-15T09:00:00"
    assert owner == "xinxi1" and tk.warranty_status == "in"
    assert tk.ticket_no.startswith(f"QD{FROZEN_TODAY:%Y%m%d}")


async def test_doubtful_ticket_is_saved_with_findings_shown(ui_settings, demo_db_file, make_app):
    app = make_app(_settings(ui_settings, demo_db_file))
    async with app.run_test(size=(120, 40)) as pilot:
        from textual import events

        await _open(app, pilot)
        await pilot.press(*"[b]刘[/b]")
        app.screen.query_one("#in-name").post_message(events.Paste("😀"))
        await pilot.press("tab")
        await _type(pilot, "8888123")
        await _type(pilot, "书院路")
        await _type(pilot, "ABC-999")
        await pilot.press("tab")
        await _type(pilot, "2030-01-01")
        await _type(pilot, "坏了")
        await settle(app, pilot)
        assert _msg(app, "phone") == "电话「8888123」缺少区号"
        assert _msg(app, "address").startswith("缺少：区/县")
        assert _msg(app, "model") == "不在产品目录中，请核实型号"
        assert _msg(app, "purchase").startswith("存疑：晚于今天")
        assert _msg(app, "symptom") == "现象不详，请问清具体表现"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = app.screen.last_saved
        assert saved is not None and saved.status == "needs_info"
        result = str(app.screen.query_one("#in-result").content)
        assert saved.ticket_no in result and "缺少区号" in result
    with app.db.read() as s:
        tk = s.get(Ticket, saved.id)
    assert (tk.customer_name, tk.phone, tk.status) == ("[b]刘[/b]😀", "8888123", "needs_info")


async def test_half_typed_date_is_refused_at_the_field_and_nothing_is_lost(
    ui_settings, demo_db_file, make_app
):
    app = make_app(_settings(ui_settings, demo_db_file))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await _type(pilot, "王芳")
        await pilot.click("#in-purchase")
        await pilot.press(*"2025-13-40")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert _msg(app, "purchase") == "没有这一天：请核对年月日"
        assert app.screen.last_saved is None
        assert app.screen.query_one("#in-name").value == "王芳"
        assert app.focused.id == "in-purchase"
        await pilot.press(*("backspace" for _ in range(10)), *"2025-1")
        await settle(app, pilot)
        assert _msg(app, "purchase") == "日期未输完：请按 YYYY-MM-DD 输入"


async def test_pasted_control_characters_and_overlong_text(ui_settings, demo_db_file, make_app):
    from textual import events

    app = make_app(_settings(ui_settings, demo_db_file))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        name = app.screen.query_one("#in-name")
        name.post_message(events.Paste("王\x1b[31m芳\x07\n李"))
        await settle(app, pilot)
        assert name.value == "王[31m芳 李"
        name.post_message(events.Paste("长" * 200))
        await settle(app, pilot)
        assert name.value == "王[31m芳 李"  # refused whole, not cut
        assert _msg(app, "name") == "过长未录入：208 字，最多 100 字"
        symptom = app.screen.query_one("#in-symptom")
        symptom.post_message(events.Paste("不制冷" * 3400))
        await settle(app, pilot)
        assert len(symptom.value) == 10200


async def test_consultation_chosen_on_the_form_books_the_callback(
    ui_settings, demo_db_file, make_app
):
    app = make_app(_settings(ui_settings, demo_db_file))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await _type(pilot, "赵雷")
        await _type(pilot, "13705321234")
        await _type(pilot, "青岛市李沧区书院路88号万科城5号楼1单元1201室")
        await pilot.press(*"XQG100-B14876", "tab", "tab")
        await _type(pilot, "2024-06-01")
        await _type(pilot, "洗衣机水压低，进水报警")
        await settle(app, pilot)
        assert app.screen.query_one("#in-consult-box").display
        assert _msg(app, "symptom") == "可能是使用不当，可电话咨询"
        app.screen.query_one("#in-consult").value = "consult"
        await pilot.click("#in-consult-note")
        await pilot.press(*"已指导用户避开用水高峰")
        await settle(app, pilot)
        assert (
            app.screen.query_one("#in-summary").shown[0] == "保存后状态：仅电话咨询，2 小时后回访"
        )
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = app.screen.last_saved
    assert saved is not None and saved.status == "consult_only"
    with app.db.read() as s:
        contact = s.execute(select(Contact).where(Contact.ticket_id == saved.id)).scalar_one()
        callback = s.execute(select(Callback).where(Callback.ticket_id == saved.id)).scalar_one()
    assert (contact.outcome, contact.note) == ("consulted", "已指导用户避开用水高峰")
    assert callback.reason == "consult" and callback.due_at.isoformat() == "2025-03-14T17:00:00"


async def test_phone_of_a_returning_customer_lists_earlier_tickets_and_marks_duplicates(
    ui_settings, demo_db_file, make_app
):
    app = make_app(_settings(ui_settings, demo_db_file))
    with app_db(demo_db_file) as s:
        phone, model, ticket_no = s.execute(
            select(Ticket.phone, Ticket.product_model, Ticket.ticket_no)
            .where(Ticket.status == "ready", Ticket.product_model != "", Ticket.phone.like("1%"))
            .order_by(Ticket.id)
        ).first()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await _type(pilot, "某人")
        await _type(pilot, phone)
        await pilot.press("tab")
        await pilot.press(*model, "tab")
        await pilot.pause(0.4)
        await settle(app, pilot)
        assert "老客户" in _msg(app, "phone")
        dupes = [f for f in app.screen.findings if f.kind == "duplicate_ticket"]
        assert ticket_no in {f.with_ticket_no for f in dupes}


def app_db(path):
    from clerk_tui.services.database import open_database

    class _Ctx:
        def __enter__(self):
            self.db = open_database(f"sqlite:///{path}")
            self.cm = self.db.read()
            return self.cm.__enter__()

        def __exit__(self, *exc):
            self.cm.__exit__(*exc)
            self.db.dispose()

    return _Ctx()
