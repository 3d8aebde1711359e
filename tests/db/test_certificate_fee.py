"""The warranty certificate's fee (保修证标准): the lower of it and the fee standard applies [H 五.3]."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest
from eod_builders import DAY, NOW, at, build_outlet
from sqlalchemy import select

from clerk_tui.db.models import AuditEntry, CertificateFee, FeeItem, SupervisionCard, Ticket
from clerk_tui.domain.reconcile.inputs import CardInfo, yuan
from clerk_tui.i18n import t
from clerk_tui.i18n.evidence import render
from clerk_tui.io.imports.columns import COLUMNS
from clerk_tui.io.imports.importer import import_file
from clerk_tui.services.auth.passwords import CurrentUser
from clerk_tui.services.cards.checks import card_warnings
from clerk_tui.services.cards.entry import load_ticket_for_card, save_card
from clerk_tui.services.reconcile.run import outlets_for, reconcile


def _charged_visit(db, *, charged_fen: int, certificate_fen: int | None) -> str:
    """The outlet's good card turned into an out-of-warranty repair charging `charged_fen` for
    one item whose standard is 100 yuan; returns its ticket number."""
    build_outlet(db)
    no = f"T{DAY:%Y%m%d}002"
    with db.session() as s:
        s.add(FeeItem(code="ZZ01", description="换门封", amount_fen=10000,
                      effective_from=date(2020, 1, 1)))  # fmt: skip
        ticket = s.scalars(select(Ticket).where(Ticket.ticket_no == no)).one()
        ticket.warranty_status = "out"
        card = s.scalars(select(SupervisionCard).where(SupervisionCard.ticket_no == no)).one()
        card.fee_charged_fen = charged_fen
        card.fee_items = "ZZ01"
        card.receipt_no = "R0002"
        if certificate_fen is not None:
            s.add(CertificateFee(ticket_id=ticket.id, amount_fen=certificate_fen,
                                 recorded_at=NOW, user="li"))  # fmt: skip
    return no


def _overcharges(db, no: str) -> list[dict]:
    [day] = reconcile(db, DAY, outlets_for(db), now=NOW)
    return [
        f
        for f in day.as_dict(render)["flags"]
        if f["kind"] == "overcharge" and f["ticket_no"] == no
    ]


def test_charge_above_a_lower_certificate_is_an_overcharge_naming_the_certificate(db):
    no = _charged_visit(db, charged_fen=8000, certificate_fen=5000)
    [flag] = _overcharges(db, no)
    line = t("rec.ev.fee_certificate", certificate=yuan(5000), allowed=yuan(5000))
    assert line in flag["evidence"]
    assert t("rec.ev.fee_excess", excess=yuan(3000)) in flag["evidence"]


def test_charge_at_the_certificate_is_not_an_overcharge(db):
    no = _charged_visit(db, charged_fen=5000, certificate_fen=5000)
    assert _overcharges(db, no) == []


def test_without_a_certificate_the_standard_alone_allows_the_charge(db):
    no = _charged_visit(db, charged_fen=8000, certificate_fen=None)
    assert _overcharges(db, no) == []


# --- card entry -------------------------------------------------------------------------------


def _card_entry_setup(db) -> tuple[str, CurrentUser]:
    """The outlet's visit without a card, out of warranty, with item ZZ01 at 100 yuan."""
    facts = build_outlet(db)
    no = facts["missing"]
    with db.session() as s:
        s.add(FeeItem(code="ZZ01", amount_fen=10000, effective_from=date(2020, 1, 1)))
        s.get(Ticket, facts["missing_id"]).warranty_status = "out"
    sup = facts["supervisor"]
    user = CurrentUser(id=sup.id, username=sup.username, display_name="张主管",
                       role="supervisor", outlet_id=facts["outlet_id"])  # fmt: skip
    return no, user


def _typed_card(no: str, charged_fen: int) -> CardInfo:
    return CardInfo(
        ticket_no=no, engineer_code="TE02", returned_at=at("18:00"), arrived_at=at("14:00"),
        finished_at=at("15:00"), signer_name="张伟", signature_present=True, satisfaction="满意",
        signed_at=at("15:02"), fee_charged_fen=charged_fen, fee_items=("ZZ01",), receipt_no="R3",
    )  # fmt: skip


def test_certificate_typed_on_the_card_is_checked_live_and_saved_with_the_card(db):
    no, user = _card_entry_setup(db)
    ctx = load_ticket_for_card(db, no, DAY)
    card = _typed_card(no, 8000)
    assert card_warnings(ctx, card) == []
    assert [f.kind for f in card_warnings(ctx, card, 5000)] == ["overcharge"]
    assert card_warnings(ctx, _typed_card(no, 5000), 5000) == []

    save_card(db, user=user, card=card, slip=None, now=NOW, certificate_fen=5000)
    with db.read() as s:
        [cert] = s.scalars(select(CertificateFee)).all()
        actions = s.scalars(select(AuditEntry.action)).all()
    assert (cert.amount_fen, cert.user) == (5000, "zhang")
    assert "certificate_fee.set" in actions
    again = load_ticket_for_card(db, no, DAY)
    assert again.ticket is not None and again.ticket.certificate_fee_fen == 5000
    assert "overcharge" in [f.kind for f in card_warnings(again, card)]  # recorded one applies


def test_saving_a_card_without_a_certificate_records_none(db):
    no, user = _card_entry_setup(db)
    save_card(db, user=user, card=_typed_card(no, 8000), slip=None, now=NOW)
    assert _certificates(db) == []


# --- import -----------------------------------------------------------------------------------


@pytest.fixture
def ticket_id(db) -> int:
    with db.session() as s:
        s.add(Ticket(ticket_no="W001", created_at=datetime(2024, 3, 4, 9),
                     business_date=date(2024, 3, 4)))  # fmt: skip
    with db.read() as s:
        return s.scalars(select(Ticket.id)).one()


CARD = {
    "ticket_no": "W001",
    "engineer_id": "E07",
    "returned_at": "2024-03-05 18:40",
    "arrived_at": "2024-03-05 09:35",
    "signer_name": "王小明",
    "signature_present": "Y",
    "satisfaction": "满意",
    "fee_charged": "80",
    "fee_items": "F01",
    "receipt_no": "R0001",
}


def _write(path, rows, *, with_certificate: bool):
    cols = [*COLUMNS["cards"], *(["certificate_fee"] if with_certificate else [])]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols])
    return path


def _certificates(db) -> list[tuple]:
    with db.read() as s:
        rows = s.scalars(select(CertificateFee).order_by(CertificateFee.id)).all()
        return [(c.ticket_id, c.amount_fen, c.recorded_at, c.user) for c in rows]


def test_imported_certificate_fee_is_stored_once_and_a_second_import_changes_nothing(
    db, tmp_path, ticket_id
):
    path = _write(tmp_path / "c.csv", [{**CARD, "certificate_fee": "50.5"}], with_certificate=True)
    first = import_file(db, "cards", path)
    assert (first.inserted, first.rejected) == (1, [])
    assert not any("certificate_fee" in w for w in first.warnings)
    stored = _certificates(db)
    assert [(tid, fen) for tid, fen, _, _ in stored] == [(ticket_id, 5050)]
    second = import_file(db, "cards", path)
    assert (second.inserted, second.unchanged) == (0, 1)
    assert _certificates(db) == stored
    with db.read() as s:
        assert len(s.scalars(select(SupervisionCard)).all()) == 1


def test_empty_or_absent_certificate_column_keeps_the_card_key_and_stores_nothing(
    db, tmp_path, ticket_id
):
    plain = import_file(db, "cards", _write(tmp_path / "a.csv", [CARD], with_certificate=False))
    assert plain.inserted == 1
    again = import_file(db, "cards", _write(tmp_path / "b.csv", [CARD], with_certificate=True))
    assert (again.inserted, again.unchanged) == (0, 1)
    assert _certificates(db) == []


def test_certificate_fee_for_an_unknown_ticket_keeps_the_card_but_stores_no_certificate(
    db, tmp_path, ticket_id
):
    row = {**CARD, "ticket_no": "W999", "certificate_fee": "50"}
    report = import_file(db, "cards", _write(tmp_path / "c.csv", [row], with_certificate=True))
    assert report.inserted == 1
    assert _certificates(db) == []


def test_negative_certificate_fee_refuses_the_row(db, tmp_path, ticket_id):
    row = {**CARD, "certificate_fee": "-5"}
    report = import_file(db, "cards", _write(tmp_path / "c.csv", [row], with_certificate=True))
    assert report.inserted == 0
    assert [r.field for r in report.rejected] == ["certificate_fee"]
