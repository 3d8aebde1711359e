"""Card entry as the clerk uses it: scan, a few keys, saved; problems shown while typing."""

from __future__ import annotations

import io
import sqlite3

import pytest
from rich.console import Console
from ui_helpers import FROZEN_TODAY, settle

from clerk_tui.config import Settings

DAY = FROZEN_TODAY.isoformat()


@pytest.fixture
def demo(demo_db_file, make_app):
    """The demo outlet, logged in as the clerk xinxi1; yields (app, path of the database)."""
    settings = Settings(
        db_url=f"sqlite:///{demo_db_file}", lang="zh", today=DAY, autologin="xinxi1"
    )
    return make_app(settings), demo_db_file


def query(path, sql, *args):
    with sqlite3.connect(path) as con:
        return con.execute(sql, args).fetchall()


def visit_without_card(path) -> tuple[str, str]:
    """A repair visited today whose card has not come back: (ticket_no, customer name)."""
    return query(
        path,
        """SELECT t.ticket_no, t.customer_name FROM ticket t JOIN appointment a ON a.ticket_id = t.id
           WHERE date(a.start) = ? AND t.status IN ('completed', 'in_service')
             AND t.service_type = 'repair'
             AND NOT EXISTS (SELECT 1 FROM supervisioncard c WHERE c.ticket_no = t.ticket_no)
           ORDER BY t.status, t.ticket_no""",
        DAY,
    )[0]


async def open_cards(app, pilot, ticket_no: str) -> None:
    await settle(app, pilot)
    await pilot.press("c")
    await settle(app, pilot)
    await pilot.press(*ticket_no, "enter")  # what a scanner types
    await settle(app, pilot)


def shown(app, selector: str) -> str:
    """The text a Static shows, as plain text."""
    console = Console(width=80, file=io.StringIO(), record=True)
    console.print(app.screen.query_one(selector).content)
    return console.export_text()


def hint(app, name: str) -> str:
    return shown(app, f"#ce-hint-{name}")


async def test_a_clean_card_takes_about_15_keys_and_lands_in_the_database(demo):
    app, path = demo
    ticket_no, customer = visit_without_card(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_cards(app, pilot, ticket_no)
        keys = ["1", "3", "0", "5", "1", "4", "0", "0", "f3", "y", "1", "5", "5", "ctrl+s"]
        for key in keys:
            await pilot.press(key)
        await settle(app, pilot)
        assert app.screen.findings == []
        assert app.focused.id == "ce-ticket"  # ready for the next scan
    assert len(keys) + 1 <= 15  # + the scanner's Enter
    (card,) = query(
        path,
        """SELECT engineer_code, arrived_at, finished_at, signer_name, signature_present,
                  satisfaction, attitude_score, quality_score, signed_at, business_date, row_hash,
                  fee_charged_fen
           FROM supervisioncard WHERE ticket_no = ?""",
        ticket_no,
    )
    assert card[0]  # the ticket's engineer by default
    assert card[1].startswith(f"{DAY} 13:05") and card[2].startswith(f"{DAY} 14:00")
    assert card[3:8] == (customer, 1, "满意", 5, 5)
    assert card[8].startswith(f"{DAY} 14:00")  # signed when finished, by default
    assert card[9:] == (DAY, None, 0)
    assert query(path, "SELECT count(*) FROM warrantyslip WHERE ticket_no = ?", ticket_no) == [(1,)]


async def test_an_engineers_name_as_signer_is_warned_about_while_typing(demo):
    app, path = demo
    ticket_no, _ = visit_without_card(path)
    ((other,),) = query(
        path,
        """SELECT e.name FROM engineer e WHERE e.id <> (SELECT engineer_id FROM ticket
           WHERE ticket_no = ?) ORDER BY e.code LIMIT 1""",
        ticket_no,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await open_cards(app, pilot, ticket_no)
        await pilot.press(*"0900", *"0950", *other)
        await pilot.pause()
        assert [f.kind for f in app.screen.findings] == ["engineer_signed"]
        assert "工程师代签" in hint(app, "signer")
        assert other in shown(app, "#ce-warnings")
        await pilot.press("f3")  # the clerk corrects it: the customer signed
        await pilot.pause()
        assert "engineer_signed" not in {f.kind for f in app.screen.findings}
        assert "工程师代签" not in hint(app, "signer")


async def test_a_second_card_for_a_ticket_is_saved_and_flagged(demo):
    app, path = demo
    ((ticket_no, n),) = query(
        path,
        """SELECT ticket_no, count(*) FROM supervisioncard WHERE business_date = ?
           GROUP BY ticket_no HAVING count(*) = 1 ORDER BY ticket_no LIMIT 1""",
        DAY,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await open_cards(app, pilot, ticket_no)
        assert "已有 1 张监督卡" in shown(app, "#ce-ticket-panel")
        assert "duplicate_card" in {f.kind for f in app.screen.findings}
        await pilot.press(*"1000", *"1030", "f3", "y", "1", "5", "5", "ctrl+s")
        await settle(app, pilot)
    assert query(path, "SELECT count(*) FROM supervisioncard WHERE ticket_no = ?", ticket_no) == [
        (n + 1,)
    ]
    flags = query(path, "SELECT kind, status FROM flag WHERE ticket_no = ?", ticket_no)
    assert ("duplicate_card", "open") in flags


async def test_impossible_times_and_money_that_is_not_a_number_are_refused(demo):
    app, path = demo
    ticket_no, _ = visit_without_card(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_cards(app, pilot, ticket_no)
        await pilot.press(*"1400", *"1300")  # finished before arrived
        await pilot.pause()
        assert app.focused.id == "ce-finished"  # stays on the field
        assert "早于到达" in hint(app, "finished")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert query(
            path, "SELECT count(*) FROM supervisioncard WHERE ticket_no = ?", ticket_no
        ) == [(0,)]
        await pilot.press(*["backspace"] * 4, *"1500")
        await pilot.pause()
        assert hint(app, "finished").strip() == "" and app.focused.id == "ce-signer"
        app.screen.query_one("#ce-fee").focus()
        await pilot.press(*"12元")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "ce-fee"
        assert "不是金额" in hint(app, "fee")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.focused.id == "ce-fee"
    assert query(path, "SELECT count(*) FROM supervisioncard WHERE ticket_no = ?", ticket_no) == [
        (0,)
    ]


async def test_a_card_for_an_unknown_ticket_is_saved_as_an_orphan_after_confirming(demo):
    app, path = demo
    (code,) = query(path, "SELECT code FROM engineer ORDER BY code LIMIT 1")[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await open_cards(app, pilot, "QD19990101999")
        assert "找不到工单" in shown(app, "#ce-ticket-panel")
        assert app.focused.id == "ce-engineer"
        await pilot.press(*code, "enter", "enter", *"1000", *"1030", "ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ConfirmOrphan"
        await pilot.press("y")
        await settle(app, pilot)
    assert query(
        path,
        "SELECT ticket_id, engineer_code FROM supervisioncard WHERE ticket_no = 'QD19990101999'",
    ) == [(None, code)]


async def test_a_signer_written_as_markup_is_shown_as_typed(demo):
    app, path = demo
    ticket_no, _ = visit_without_card(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_cards(app, pilot, ticket_no)
        await pilot.press(*"0900", *"0950", *"[/]", *"[@click=app.quit]x")
        await pilot.pause()
        assert "signer_not_customer" in {f.kind for f in app.screen.findings}
        assert "[@click=app.quit]x" in shown(app, "#ce-warnings")
        assert app.is_running
