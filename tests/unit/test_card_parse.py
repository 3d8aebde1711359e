"""The one card parser: each rule of a well-formed supervision card (服务任务监督卡) and slip (保修记录单).

One class per rule of `clerk_tui.domain.cards.parse`; the cases are cards as the manuals
describe them: the customer rates quality and attitude and signs [H 六], the card comes back
with its times the same day [H 七.2], fees by the standard, the certificate's if lower [H 五.3].
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from clerk_tui.domain.cards import (
    CARD_COLUMNS,
    SLIP_COLUMNS,
    FieldError,
    SupervisionCard,
    WarrantySlip,
    card_from_stored,
    parse_card,
    parse_slip,
    slip_from_stored,
    stored_card,
    stored_slip,
)
from clerk_tui.domain.cards.card import LIMITS

DAY = date(2025, 3, 14)


def card_row(**changes: object) -> dict[str, object]:
    """A clean card as a file row: the customer signed 满意 after a repair at 09:00–09:50."""
    row: dict[str, object] = {
        "ticket_no": "QD20250314001",
        "engineer_id": "E01",
        "returned_at": "2025-03-14 18:20",
        "arrived_at": "2025-03-14 08:55",
        "finished_at": "2025-03-14 09:50",
        "signer_name": "王芳",
        "signer_relation": "",
        "signature_present": "Y",
        "satisfaction": "满意",
        "attitude_score": "5",
        "quality_score": "5",
        "signed_at": "2025-03-14 09:52",
        "fee_charged": "150",
        "fee_items": "WX01|WX02",
        "receipt_no": "R0001",
        "repair_confident": "Y",
        "called_ahead": "",
        "notes": "",
    }
    row.update(changes)
    return row


def errors(row: dict[str, object], **kw: object) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in parse_card(row, **kw).errors]  # type: ignore[arg-type]


class TestACleanCard:
    def test_reads_into_the_one_shape_with_money_in_fen(self):
        read = parse_card(card_row())
        assert read.ok
        assert read.card == SupervisionCard(
            ticket_no="QD20250314001",
            engineer_code="E01",
            returned_at=datetime(2025, 3, 14, 18, 20),
            arrived_at=datetime(2025, 3, 14, 8, 55),
            finished_at=datetime(2025, 3, 14, 9, 50),
            signer_name="王芳",
            signature_present=True,
            satisfaction="满意",
            attitude_score=5,
            quality_score=5,
            signed_at=datetime(2025, 3, 14, 9, 52),
            fee_charged_fen=15000,
            fee_items=("WX01", "WX02"),
            receipt_no="R0001",
            repair_confident=True,
        )

    def test_empty_cells_are_unknown_and_read_as_the_cards_defaults(self):
        read = parse_card({"ticket_no": "QD1"})
        assert read.ok
        assert read.card == SupervisionCard("QD1", "")
        assert read.values["signature_present"] is None and read.values["fee_charged"] is None

    def test_a_spreadsheets_typed_cells_read_like_their_text(self):
        typed = card_row(
            arrived_at=datetime(2025, 3, 14, 8, 55),
            fee_charged=150.0,
            attitude_score=5,
            signature_present=True,
            receipt_no=1001.0,
        )
        read = parse_card(typed)
        assert read.ok
        assert read.card == parse_card(card_row(receipt_no="1001")).card


class TestTheCardNamesItsTicket:
    """Every card is written for a ticket [H 七.2]: without its number it is nothing."""

    @pytest.mark.parametrize("value", ["", "   ", None])
    def test_a_card_without_a_ticket_number_is_refused(self, value):
        assert errors(card_row(ticket_no=value)) == [("ticket_no", "key_missing")]

    def test_a_slip_without_a_ticket_number_is_refused(self):
        assert [(e.field, e.code) for e in parse_slip({"ticket_no": ""}).errors] == [
            ("ticket_no", "key_missing")
        ]


class TestTextFitsTheCard:
    def test_a_signer_longer_than_the_column_is_refused_with_its_length(self):
        read = parse_card(card_row(signer_name="王" * 101))
        assert read.errors == (
            FieldError("signer_name", "too_long", {"length": 101, "limit": 100}),
        )

    def test_a_control_character_is_refused_and_named(self):
        read = parse_card(card_row(notes="备注\x0c内容"))
        assert read.errors == (FieldError("notes", "control_char", {"char": "U+000C"}),)

    def test_line_breaks_in_notes_are_kept(self):
        assert parse_card(card_row(notes="用户说\r\n明天再来")).card.notes == "用户说\n明天再来"

    def test_fee_items_are_trimmed_and_may_use_the_full_width_bar(self):
        card = parse_card(card_row(fee_items=" WX01 ｜WX02|| ")).card
        assert card.fee_items == ("WX01", "WX02")

    def test_too_many_fee_items_are_refused(self):
        items = "|".join(f"WX{n:04d}" for n in range(40))
        assert errors(card_row(fee_items=items)) == [("fee_items", "too_long")]


class TestTimesAreReadable:
    """The card's times (returned, arrived, finished, signed) [H 七.2]."""

    @pytest.mark.parametrize(
        "typed, expected",
        [
            ("2025-03-14 09:05", datetime(2025, 3, 14, 9, 5)),
            ("2025/3/14 9:05", datetime(2025, 3, 14, 9, 5)),
            ("2025-03-14T09:05:30", datetime(2025, 3, 14, 9, 5, 30)),
        ],
    )
    def test_a_date_and_time_is_read_in_any_common_spelling(self, typed, expected):
        assert parse_card(card_row(arrived_at=typed, finished_at="")).card.arrived_at == expected

    @pytest.mark.parametrize(
        "typed", ["九点半", "2025-03-14", "2025-13-14 09:00", "1899-03-14 09:00"]
    )
    def test_what_is_not_a_time_is_refused_quoting_it(self, typed):
        read = parse_card(card_row(arrived_at=typed))
        assert read.errors == (FieldError("arrived_at", "bad_datetime", {"value": typed}),)

    def test_a_clock_alone_needs_the_visits_day(self):
        assert errors(card_row(arrived_at="0905", finished_at="")) == [
            ("arrived_at", "bad_datetime")
        ]
        read = parse_card(card_row(arrived_at="0905", finished_at="9:50"), day=DAY)
        assert (read.card.arrived_at, read.card.finished_at) == (
            datetime(2025, 3, 14, 9, 5),
            datetime(2025, 3, 14, 9, 50),
        )

    def test_typed_at_the_desk_the_minutes_may_follow_the_hour_without_a_colon(self):
        row = card_row(arrived_at="2025-03-14 0905", finished_at="")
        assert errors(row) == [("arrived_at", "bad_datetime")]
        assert parse_card(row, typed=True).card.arrived_at == datetime(2025, 3, 14, 9, 5)

    def test_the_return_time_falls_on_its_own_day(self):
        later = date(2025, 3, 15)
        read = parse_card(card_row(returned_at="0830"), day=DAY, returned_day=later)
        assert read.card.returned_at == datetime(2025, 3, 15, 8, 30)

    @pytest.mark.parametrize("typed", ["930", "2400", "12:7", "12：75"])
    def test_an_impossible_clock_is_refused(self, typed):
        assert errors(card_row(arrived_at=typed, finished_at=""), day=DAY) == [
            ("arrived_at", "bad_datetime")
        ]

    def test_an_unreadable_time_is_named_before_anything_else(self):
        assert errors(card_row(ticket_no="", arrived_at="九点半"))[0] == (
            "arrived_at",
            "bad_datetime",
        )


class TestFinishedAfterArrival:
    """A visit cannot finish before the engineer arrived."""

    def test_finished_before_arrival_is_refused_naming_both_times(self):
        read = parse_card(card_row(arrived_at="2025-03-14 14:00", finished_at="2025-03-14 13:00"))
        assert read.errors == (
            FieldError(
                "finished_at",
                "end_before_start",
                {
                    "end": datetime(2025, 3, 14, 13, 0),
                    "start_field": "arrived_at",
                    "start": datetime(2025, 3, 14, 14, 0),
                },
            ),
        )
        assert read.card.finished_at is None and read.card.arrived_at is not None

    def test_either_time_may_be_unknown(self):
        assert parse_card(card_row(arrived_at="")).ok
        assert parse_card(card_row(finished_at="")).ok


class TestTickBoxes:
    @pytest.mark.parametrize("typed, expected", [("Y", True), ("是", True), ("1", True), ("N", False), ("否", False), ("无", False), (True, True)])  # fmt: skip
    def test_yes_and_no_in_the_words_the_card_uses(self, typed, expected):
        assert parse_card(card_row(signature_present=typed)).card.signature_present is expected

    def test_a_word_that_is_not_yes_or_no_is_refused(self):
        assert errors(card_row(signature_present="有签名")) == [("signature_present", "bad_bool")]

    def test_an_unstated_repair_confidence_means_sure_and_an_unstated_call_ahead_stays_unknown(
        self,
    ):
        card = parse_card(card_row(repair_confident="", called_ahead="")).card
        assert card.repair_confident is True and card.called_ahead is None
        assert parse_card(card_row(repair_confident="N")).card.repair_confident is False


class TestSatisfactionIsOneOfTheCardsWords:
    """The customer rates the service 满意/基本满意/不满意 [H 六]; it is never forced [S 2.3.5]."""

    @pytest.mark.parametrize(
        "typed, stored",
        [("满意", "满意"), ("基本满意", "基本满意"), ("不满意", "不满意"), ("Satisfied", "满意"),
         ("fairly satisfied", "基本满意"), ("dissatisfied", "不满意"), ("", "")],
    )  # fmt: skip
    def test_the_cards_words_and_their_english(self, typed, stored):
        assert parse_card(card_row(satisfaction=typed)).card.satisfaction == stored

    def test_another_word_is_refused_listing_the_allowed_ones(self):
        (error,) = parse_card(card_row(satisfaction="还行")).errors
        assert (error.field, error.code) == ("satisfaction", "bad_choice")
        assert error.values["allowed"] == ("满意", "基本满意", "不满意")


class TestScoresAreOneToFive:
    """Service attitude and repair quality are rated 1–5 [H 六]."""

    @pytest.mark.parametrize("typed, code", [("6", "out_of_range"), ("0", "out_of_range"), ("好", "bad_number"), ("4.5", "bad_number"), ("-1", "negative")])  # fmt: skip
    def test_what_is_not_a_score_is_refused(self, typed, code):
        assert errors(card_row(quality_score=typed)) == [("quality_score", code)]

    def test_a_whole_number_in_range_is_the_score(self):
        assert parse_card(card_row(attitude_score="3", quality_score=4.0)).card.quality_score == 4


class TestMoneyIsAnAmountOfYuan:
    """Fees by the standard, the certificate's if lower [H 五.3]: yuan, two decimals at most."""

    @pytest.mark.parametrize(
        "written, fen",
        [
            ("80", 8000),
            ("12.5", 1250),
            ("¥1,200.00", 120000),
            ("80元", 8000),
            (12.1, 1210),
            ("", 0),
        ],
    )
    def test_an_amount_as_written_on_paper_or_in_a_sheet(self, written, fen):
        assert parse_card(card_row(fee_charged=written)).card.fee_charged_fen == fen

    @pytest.mark.parametrize(
        "written, code",
        [("八十", "bad_number"), ("12.345", "bad_money"), ("-5", "negative"),
         ("99999999999", "out_of_range"), ("NaN", "bad_number")],
    )  # fmt: skip
    def test_what_is_not_an_amount_is_refused(self, written, code):
        assert errors(card_row(fee_charged=written)) == [("fee_charged", code)]

    @pytest.mark.parametrize("typed, fen", [("85", 8500), ("85.5", 8550), ("¥85.00", 8500), ("1,200", 120000)])  # fmt: skip
    def test_typed_at_the_desk_the_field_is_yuan_already(self, typed, fen):
        assert parse_card(card_row(fee_charged=typed), typed=True).card.fee_charged_fen == fen

    @pytest.mark.parametrize("typed", ["12元", "-5", "1e2", "八十"])
    def test_typed_at_the_desk_a_unit_or_sign_is_a_slip(self, typed):
        assert errors(card_row(fee_charged=typed), typed=True) == [("fee_charged", "bad_money")]

    def test_the_certificate_fee_is_read_with_the_card(self):
        assert parse_card(card_row(certificate_fee="50")).card.certificate_fee_fen == 5000
        assert parse_card(card_row()).card.certificate_fee_fen is None


class TestASlip:
    def test_a_slip_reads_into_the_one_slip_shape(self):
        read = parse_slip(
            {"ticket_no": "W001", "engineer_id": "E07", "returned_at": "2024-03-05 18:40",
             "fault_cause": "排水泵堵塞", "repair_action": "清理排水泵", "parts": "排水泵|密封圈",
             "fee_charged": "12.5", "receipt_no": "R1"}
        )  # fmt: skip
        assert read.ok and read.slip == WarrantySlip(
            "W001", "E07", datetime(2024, 3, 5, 18, 40), "排水泵堵塞", "清理排水泵",
            ("排水泵", "密封圈"), 1250, "R1",
        )  # fmt: skip

    def test_an_unreadable_return_time_is_refused(self):
        read = parse_slip({"ticket_no": "W001", "returned_at": "2024-13-05 18:40"})
        assert [(e.field, e.code) for e in read.errors] == [("returned_at", "bad_datetime")]


class TestStoredColumns:
    def test_a_card_goes_to_its_columns_and_comes_back_the_same(self):
        card = parse_card(card_row()).card
        stored = stored_card(card)
        assert list(stored) == list(CARD_COLUMNS) and stored["fee_items"] == "WX01|WX02"
        assert card_from_stored(list(stored.values())) == card

    def test_a_slip_goes_to_its_columns_and_comes_back_the_same(self):
        slip = WarrantySlip("W1", "E1", None, "堵塞", "清理", ("泵",), 100, "R")
        stored = stored_slip(slip)
        assert list(stored) == list(SLIP_COLUMNS) and stored["parts"] == "泵"
        assert slip_from_stored(list(stored.values())) == slip

    def test_null_columns_read_as_the_cards_defaults(self):
        row = [None] * len(CARD_COLUMNS)
        row[0] = "T1"
        assert card_from_stored(row) == SupervisionCard("T1", "")

    def test_the_limits_are_the_stored_columns_sizes(self):
        from clerk_tui.db.models import SupervisionCard as CardRow
        from clerk_tui.db.models import WarrantySlip as SlipRow

        for model, columns in ((CardRow, CARD_COLUMNS), (SlipRow, SLIP_COLUMNS)):
            sizes = {c.name: getattr(c.type, "length", None) for c in model.__table__.columns}
            for column, file_column in columns.items():
                if file_column in LIMITS:
                    assert sizes[column] == LIMITS[file_column], column
