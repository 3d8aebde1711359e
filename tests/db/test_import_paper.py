"""Importing returned cards, warranty slips and callback results: every card kept, nothing twice."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest
from sqlmodel import select

from clerk_tui.db.models import Callback, Engineer, SupervisionCard, Ticket, WarrantySlip
from clerk_tui.io.imports.columns import COLUMNS
from clerk_tui.io.imports.importer import import_file


def write_csv(path, kind, rows, encoding="utf-8-sig"):
    cols = list(COLUMNS[kind])
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols])
    return path


def all_of(db, model):
    with db.read() as s:
        return s.exec(select(model).order_by(model.id)).all()


@pytest.fixture
def known(db):
    """Ticket W001 and engineer E07."""
    with db.session() as s:
        e = Engineer(code="E07", name="李师傅")
        s.add(e)
        s.add(
            Ticket(
                ticket_no="W001", created_at=datetime(2024, 3, 4, 9), business_date=date(2024, 3, 4)
            )
        )
    with db.read() as s:
        return s.exec(select(Ticket)).one().id, s.exec(select(Engineer)).one().id


def card(no="W001", **kw):
    base = {
        "ticket_no": no,
        "engineer_id": "E07",
        "returned_at": "2024-03-05 18:40",
        "arrived_at": "2024-03-05 09:35",
        "finished_at": "2024-03-05 10:50",
        "signer_name": "王小明",
        "signer_relation": "",
        "signature_present": "Y",
        "satisfaction": "满意",
        "attitude_score": "5",
        "quality_score": "4",
        "signed_at": "2024-03-05 10:52",
        "fee_charged": "80",
        "fee_items": "F01 | F07",
        "receipt_no": "R0001",
        "repair_confident": "Y",
        "called_ahead": "",
        "notes": "",
    }
    base.update(kw)
    return base


def test_cards_go_in_linked_to_ticket_and_engineer(db, tmp_path, known):
    ticket_id, engineer_id = known
    report = import_file(db, "cards", write_csv(tmp_path / "c.csv", "cards", [card()]))
    assert (report.inserted, report.rejected) == (1, [])
    (c,) = all_of(db, SupervisionCard)
    assert (c.ticket_id, c.engineer_id, c.engineer_code) == (ticket_id, engineer_id, "E07")
    assert (c.arrived_at, c.finished_at, c.signed_at) == (
        datetime(2024, 3, 5, 9, 35),
        datetime(2024, 3, 5, 10, 50),
        datetime(2024, 3, 5, 10, 52),
    )
    assert (c.signature_present, c.satisfaction, c.attitude_score, c.quality_score) == (
        True,
        "满意",
        5,
        4,
    )
    assert (c.fee_charged_fen, c.fee_items, c.receipt_no, c.repair_confident) == (
        8000,
        "F01|F07",
        "R0001",
        True,
    )
    assert c.called_ahead is None and c.business_date == date(2024, 3, 5)
    assert c.row_hash and len(c.row_hash) == 64


def test_a_card_for_an_unknown_ticket_or_engineer_is_still_taken_in(db, tmp_path, known):
    rows = [
        card("W404"),
        card(engineer_id="E99", arrived_at="", finished_at="", returned_at="2024-03-06 19:00"),
    ]
    report = import_file(db, "cards", write_csv(tmp_path / "c.csv", "cards", rows))
    assert (report.inserted, report.rejected) == (2, [])
    orphan, stranger = all_of(db, SupervisionCard)
    assert (orphan.ticket_no, orphan.ticket_id) == ("W404", None)
    assert (stranger.engineer_code, stranger.engineer_id) == ("E99", None)
    assert stranger.business_date == date(2024, 3, 6)  # no arrival: the day it came back


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"ticket_no": ""}, "ticket_no"),
        ({"finished_at": "2024-03-05 09:00"}, "finished_at"),
        ({"arrived_at": "九点半"}, "arrived_at"),
        ({"attitude_score": "6"}, "attitude_score"),
        ({"quality_score": "好"}, "quality_score"),
        ({"satisfaction": "还行"}, "satisfaction"),
        ({"fee_charged": "八十"}, "fee_charged"),
        ({"signature_present": "有签名"}, "signature_present"),
        ({"signer_name": "王" * 10_000}, "signer_name"),
        ({"notes": "备注\x0c内容"}, "notes"),
    ],
)
def test_a_card_that_cannot_be_read_is_refused_naming_the_field(db, tmp_path, known, bad, field):
    report = import_file(
        db, "cards", write_csv(tmp_path / "c.csv", "cards", [card(**bad), card(receipt_no="R2")])
    )
    assert report.inserted == 1
    assert [(r.row, r.field) for r in report.rejected] == [(2, field)]


def test_cards_imported_twice_change_nothing_and_an_exact_repeat_is_taken_once(db, tmp_path, known):
    f = write_csv(
        tmp_path / "c.csv",
        "cards",
        [card(), card(), card(receipt_no="R0002"), card(fee_charged="x")],
    )
    first = import_file(db, "cards", f)
    assert (first.inserted, first.unchanged, len(first.rejected)) == (2, 1, 1)
    assert any("3" in w and "2" in w for w in first.warnings)
    second = import_file(db, "cards", f)
    assert (second.inserted, len(second.rejected)) == (0, 1)
    assert len(all_of(db, SupervisionCard)) == 2


def test_a_card_from_xlsx_hashes_like_the_same_card_from_csv(db, tmp_path, known):
    from openpyxl import Workbook

    import_file(db, "cards", write_csv(tmp_path / "c.csv", "cards", [card()]))
    cols = list(COLUMNS["cards"])
    typed = card(
        returned_at=datetime(2024, 3, 5, 18, 40),
        arrived_at=datetime(2024, 3, 5, 9, 35),
        finished_at=datetime(2024, 3, 5, 10, 50),
        signed_at=datetime(2024, 3, 5, 10, 52),
        fee_charged=80,
        attitude_score=5,
        quality_score=4,
    )
    wb = Workbook()
    wb.active.append(cols)
    wb.active.append([typed[c] or None for c in cols])
    wb.save(tmp_path / "c.xlsx")
    report = import_file(db, "cards", tmp_path / "c.xlsx")
    assert (report.inserted, report.unchanged) == (0, 1)


def test_slips_go_in_and_not_twice(db, tmp_path, known):
    ticket_id, engineer_id = known
    rows = [
        {
            "ticket_no": "W001",
            "engineer_id": "E07",
            "returned_at": "2024-03-05 18:40",
            "fault_cause": "排水泵堵塞",
            "repair_action": "清理排水泵",
            "parts": "排水泵|密封圈",
            "fee_charged": "0",
            "receipt_no": "",
        },
        {"ticket_no": "W777", "engineer_id": "", "returned_at": "", "fee_charged": "12.5"},
        {"ticket_no": "W001", "returned_at": "2024-13-05 18:40"},
    ]
    f = write_csv(tmp_path / "s.csv", "slips", rows)
    report = import_file(db, "slips", f)
    assert report.inserted == 2 and [(r.row, r.field) for r in report.rejected] == [
        (4, "returned_at")
    ]
    slip, orphan = all_of(db, WarrantySlip)
    assert (slip.ticket_id, slip.engineer_id, slip.parts, slip.fee_charged_fen) == (
        ticket_id,
        engineer_id,
        "排水泵|密封圈",
        0,
    )
    assert (orphan.ticket_id, orphan.fee_charged_fen) == (None, 1250)
    assert import_file(db, "slips", f).inserted == 0 and len(all_of(db, WarrantySlip)) == 2


def test_callbacks_must_be_about_a_known_ticket(db, tmp_path, known):
    ticket_id, _ = known
    rows = [
        {
            "ticket_no": "W001",
            "called_at": "2024-03-06 10:00",
            "reached": "Y",
            "satisfied": "N",
            "customer_signed": "否",
            "engineer_came": "Y",
            "notes": "签字的是师傅",
        },
        {"ticket_no": "W001", "called_at": "2024-03-06 09:00", "reached": "N"},
        {"ticket_no": "W404", "called_at": "2024-03-06 10:00", "reached": "Y"},
        {"ticket_no": "W001", "called_at": "2024-03-06 10:00", "reached": "不知道"},
    ]
    f = write_csv(tmp_path / "cb.csv", "callbacks", rows)
    report = import_file(db, "callbacks", f)
    assert report.inserted == 2
    assert [(r.row, r.field) for r in report.rejected] == [(4, "ticket_no"), (5, "reached")]
    assert "W404" in report.rejected[0].reason
    answered, unanswered = all_of(db, Callback)
    assert (answered.ticket_id, answered.reached, answered.satisfied, answered.customer_signed) == (
        ticket_id,
        True,
        False,
        False,
    )
    assert (answered.engineer_came, answered.notes, answered.done_at) == (
        True,
        "签字的是师傅",
        datetime(2024, 3, 6, 10),
    )
    assert (unanswered.reached, unanswered.satisfied, unanswered.done_at) == (False, None, None)
    again = import_file(db, "callbacks", f)
    assert (again.inserted, again.unchanged, len(again.rejected)) == (0, 2, 2)
