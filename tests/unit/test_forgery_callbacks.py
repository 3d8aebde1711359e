"""What the customer says on the callback against what the card says [H 七.1–2]."""

from __future__ import annotations

from reconcile_builders import callback, card, day, summary, visit

from clerk_tui.domain.reconcile.forgery_callbacks import (
    find_callback_contradiction,
    find_engineer_pattern,
)
from clerk_tui.i18n.evidence import render_all


class TestCallbackContradiction:
    def test_customer_not_satisfied_while_the_card_says_satisfied_is_high(self):
        data = day(visits=[visit()], cards=[card()], callbacks=[callback(satisfied=False)])
        found = find_callback_contradiction(data)
        assert summary(found) == [("callback_contradiction", "high", "T1")]
        assert (
            "15:00" in render_all(found[0].evidence)[0]
            and "满意" in render_all(found[0].evidence)[0]
        )

    def test_customer_did_not_sign_and_nobody_came_are_each_evidence(self):
        cbs = [callback(signed=False, came=False)]
        found = find_callback_contradiction(day(visits=[visit()], cards=[card()], callbacks=cbs))
        assert len(found) == 1 and len(render_all(found[0].evidence)) == 2
        assert (
            "王芳" in render_all(found[0].evidence)[0]
            and "08:55" in render_all(found[0].evidence)[1]
        )

    def test_an_unreached_customer_contradicts_nothing(self):
        cbs = [callback(reached=False, satisfied=False, signed=False, came=False)]
        assert find_callback_contradiction(day(cards=[card()], callbacks=cbs)) == []

    def test_an_unsatisfied_customer_whose_card_says_so_is_no_contradiction(self):
        cbs = [callback(satisfied=False, signed=True, came=True)]
        assert (
            find_callback_contradiction(day(cards=[card(satisfaction="不满意")], callbacks=cbs))
            == []
        )


class TestEngineerPattern:
    def _cards(self, engineer="E01", n=4):
        return [card(f"T{i}", engineer=engineer) for i in range(1, n + 1)]

    def test_all_satisfied_cards_while_a_callback_disagrees_is_high(self):
        data = day(cards=self._cards(), callbacks=[callback("T3", satisfied=False)])
        found = find_engineer_pattern(data)
        assert [(f.kind, f.severity, f.engineer_id) for f in found] == [
            ("engineer_pattern", "high", "E01")
        ]
        assert "4" in render_all(found[0].evidence)[0] and "T3" in render_all(found[0].evidence)[1]

    def test_a_share_of_disagreeing_callbacks_can_be_required(self):
        data = day(cards=self._cards(), callbacks=[callback("T3", satisfied=False)])
        assert find_engineer_pattern(data, share=0.5) == []
        data = day(
            cards=self._cards(),
            callbacks=[callback("T3", satisfied=False), callback("T4", came=False)],
        )
        assert len(find_engineer_pattern(data, share=0.5)) == 1

    def test_an_honest_mixed_record_is_no_pattern(self):
        cards = [*self._cards(n=3), card("T9", satisfaction="基本满意")]
        assert (
            find_engineer_pattern(day(cards=cards, callbacks=[callback("T3", satisfied=False)]))
            == []
        )

    def test_all_satisfied_with_agreeing_callbacks_is_no_pattern(self):
        assert (
            find_engineer_pattern(
                day(cards=self._cards(), callbacks=[callback("T3", satisfied=True)])
            )
            == []
        )
