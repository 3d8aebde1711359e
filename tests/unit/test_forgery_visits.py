"""When and for what a card was signed: inside this engineer's own visit [H 六.1, 七.2]."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from reconcile_builders import card, day, summary, visit

from clerk_tui.domain.policy import Policy
from clerk_tui.domain.reconcile.forgery import (
    find_card_for_unserved_ticket,
    find_signed_outside_visit,
)
from clerk_tui.domain.reconcile.inputs import CardInfo
from clerk_tui.i18n.evidence import render_all


class TestSignedOutsideVisit:
    def test_signed_before_the_engineer_arrived_is_high(self):
        found = find_signed_outside_visit(day(cards=[card(arrived="09:00", signed_at="08:40")]))
        assert summary(found) == [("signed_outside_visit", "high", "T1")]
        assert (
            "08:40" in render_all(found[0].evidence)[0]
            and "09:00" in render_all(found[0].evidence)[0]
        )

    def test_signed_long_after_the_engineer_left_is_medium(self):
        found = find_signed_outside_visit(day(cards=[card(finished="10:10", signed_at="13:00")]))
        assert summary(found) == [("signed_outside_visit", "medium", "T1")]
        assert "120" in render_all(found[0].evidence)[0]

    def test_the_after_leaving_allowance_is_outlet_policy(self):
        data = day(
            cards=[card(finished="10:10", signed_at="10:45")],
            policy=Policy(signed_after_leave_minutes=30),
        )
        assert summary(find_signed_outside_visit(data)) == [
            ("signed_outside_visit", "medium", "T1")
        ]

    def test_signed_while_his_other_card_puts_him_at_another_customer_is_high(self):
        cards = [
            card("T1", arrived="09:00", finished="10:00", signed_at="10:50"),
            card("T2", arrived="10:30", finished="11:30", signed_at="11:25"),
        ]
        found = find_signed_outside_visit(day(cards=cards))
        assert summary(found) == [("signed_outside_visit", "high", "T1")]
        assert found[0].with_ticket_no == "T2"
        assert (
            "T2" in render_all(found[0].evidence)[0] and "10:30" in render_all(found[0].evidence)[0]
        )

    def test_a_long_earlier_visit_still_counts_as_elsewhere(self):
        cards = [
            card("T1", arrived="08:00", finished="12:00", signed_at="08:30"),
            card("T2", arrived="09:00", finished="09:30", signed_at="09:20"),
            card("T3", arrived="10:00", finished="10:30", signed_at="10:20"),
        ]
        found = find_signed_outside_visit(day(cards=cards))
        assert {(f.ticket_no, f.with_ticket_no) for f in found} == {("T2", "T1"), ("T3", "T1")}

    def test_another_engineer_being_busy_elsewhere_does_not_count(self):
        cards = [
            card("T1", engineer="E01", arrived="09:00", finished="10:00", signed_at="10:50"),
            card("T2", engineer="E02", arrived="10:30", finished="11:30", signed_at="11:25"),
        ]
        assert find_signed_outside_visit(day(cards=cards)) == []

    def test_back_to_back_visits_signed_inside_each_are_fine(self):
        cards = [
            card("T1", arrived="09:00", finished="10:00", signed_at="10:00"),
            card("T2", arrived="10:00", finished="11:00", signed_at="10:55"),
        ]
        assert find_signed_outside_visit(day(cards=cards)) == []


class TestCardForUnservedTicket:
    def test_a_card_for_a_cancelled_ticket_is_high(self):
        found = find_card_for_unserved_ticket(
            day(visits=[visit(status="cancelled")], cards=[card()])
        )
        assert summary(found) == [("card_for_unserved_ticket", "high", "T1")]
        assert "已取消" in render_all(found[0].evidence)[0]

    def test_a_card_for_a_ticket_settled_by_phone_is_high(self):
        found = find_card_for_unserved_ticket(
            day(visits=[visit(status="consult_only")], cards=[card()])
        )
        assert summary(found) == [("card_for_unserved_ticket", "high", "T1")]

    def test_a_card_from_an_engineer_the_ticket_is_not_assigned_to_is_high(self):
        found = find_card_for_unserved_ticket(
            day(visits=[visit(engineer="E02")], cards=[card(engineer="E01")])
        )
        assert summary(found) == [("card_for_unserved_ticket", "high", "T1")]
        assert (
            "李强(E02)" in render_all(found[0].evidence)[0]
            and "王建国(E01)" in render_all(found[0].evidence)[0]
        )

    def test_the_assigned_engineer_s_card_for_a_served_ticket_is_fine(self):
        assert find_card_for_unserved_ticket(day(visits=[visit()], cards=[card()])) == []


class TestCardsWithoutAnEngineer:
    def test_cards_with_no_engineer_code_place_nobody_elsewhere(self):
        cards = [
            card("T1", engineer="", arrived="09:00", finished="10:00", signed_at="10:50"),
            card("T2", engineer="", arrived="10:30", finished="11:30", signed_at="11:25"),
        ]
        assert find_signed_outside_visit(day(cards=cards)) == []

    def test_a_card_with_no_engineer_code_is_not_called_another_engineer_s(self):
        assert find_card_for_unserved_ticket(day(visits=[visit()], cards=[card(engineer="")])) == []


class TestElsewhereMatchesABruteForceScan:
    @settings(max_examples=200, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.integers(0, 20), st.integers(0, 600), st.integers(1, 180), st.integers(0, 800)
            ),
            min_size=1,
            max_size=12,
        )
    )
    def test_signed_while_elsewhere_agrees_with_checking_every_other_card(self, rows):
        base = datetime(2024, 5, 10, 8, 0)
        cards = [
            CardInfo(
                f"T{n}",
                "E01",
                arrived_at=base + timedelta(minutes=a),
                finished_at=base + timedelta(minutes=a + d),
                signed_at=base + timedelta(minutes=s),
            )
            for n, a, d, s in rows
        ]
        got = {f.ticket_no for f in find_signed_outside_visit(day(cards=cards)) if f.with_ticket_no}
        want = {
            c.ticket_no
            for c in cards
            if any(
                o.ticket_no != c.ticket_no and o.arrived_at < c.signed_at < o.finished_at
                for o in cards
            )
        }
        assert got == want
