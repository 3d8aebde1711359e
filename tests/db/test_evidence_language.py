"""Stored flag evidence is data, not sentences: the interface language changes no stored flag."""

from __future__ import annotations

import json
from datetime import date, datetime

from eod_builders import DAY, NOW, build_outlet
from sqlalchemy import func, select, update

from clerk_tui.db.models import AuditEntry, Flag
from clerk_tui.demo.build import build_demo
from clerk_tui.domain.findings import Evidence, evidence_from_json
from clerk_tui.i18n import set_lang
from clerk_tui.i18n.evidence import render, render_all
from clerk_tui.services.reconcile.run import day_flags, outlets_for, reconcile
from clerk_tui.services.reconcile.signoff import decide_flag
from clerk_tui.services.tickets.timeline import _flag as timeline_entry

DEMO_DAY = date(2026, 11, 22)
DEMO_NOW = datetime(2026, 11, 22, 20, 0)


def _rows(db) -> list[tuple]:
    """Every column of every flag, in id order."""
    with db.read() as s:
        return [tuple(row) for row in s.execute(select(Flag.__table__).order_by(Flag.id))]


def _audit_count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


def test_reconciling_again_in_another_language_changes_no_flag_and_writes_no_audit(db):
    build_demo(db, seed=1, today=DEMO_DAY)
    set_lang("zh")
    [first] = reconcile(db, DEMO_DAY, outlets_for(db), now=DEMO_NOW)
    stored, audited = _rows(db), _audit_count(db)
    assert first.result.flags and any(f[0] for f in stored)
    for lang in ("en", "zh", "en"):
        set_lang(lang)
        [again] = reconcile(db, DEMO_DAY, outlets_for(db), now=DEMO_NOW)
        assert not again.counts.changed, lang
        assert _rows(db) == stored, lang
        assert _audit_count(db) == audited, lang


def test_stored_evidence_is_structured_json_without_text(db):
    build_outlet(db)
    reconcile(db, DAY, outlets_for(db), now=NOW)
    with db.read() as s:
        stored = list(s.scalars(select(Flag.evidence)))
    assert stored
    for text in stored:
        items = json.loads(text)
        assert items and all(isinstance(i, dict) and "id" in i for i in items)
    ids = {i["id"] for text in stored for i in json.loads(text)}
    assert "rec.ev.signer_is_own_engineer" in ids


def test_a_decided_flag_reads_in_english_in_an_english_session(db):
    facts = build_outlet(db)
    reconcile(db, DAY, outlets_for(db), now=NOW)
    forged = next(f for f in day_flags(db, facts["outlet_id"], DAY) if f.kind == "engineer_signed")
    decide_flag(db, forged.id, decision="confirmed", reason="属实", user=facts["supervisor"],
                now=NOW)  # fmt: skip
    zh = render_all(forged.evidence)
    assert zh[0].startswith("签名人 赵师傅 就是本单工程师")
    set_lang("en")
    [decided] = [f for f in day_flags(db, facts["outlet_id"], DAY) if f.id == forged.id]
    assert decided.status == "confirmed"
    assert render_all(decided.evidence)[0].startswith("Signer 赵师傅 is the card's own engineer")
    set_lang("zh")
    assert render_all(decided.evidence, lang="en") == render_all(decided.evidence, "en")
    assert render_all(decided.evidence, lang="en")[0].startswith("Signer 赵师傅")
    assert render_all(decided.evidence) == zh  # the session's language when none is given


def test_legacy_sentences_stored_before_evidence_was_data_still_show(db):
    facts = build_outlet(db)
    reconcile(db, DAY, outlets_for(db), now=NOW)
    forged = next(f for f in day_flags(db, facts["outlet_id"], DAY) if f.kind == "engineer_signed")
    legacy = ["签名人 孙师傅 = 工程师", {"id": "rec.ev.fee_excess", "values": {"excess": "5.00"}}]
    with db.session() as s:
        s.execute(
            update(Flag)
            .where(Flag.id == forged.id)
            .values(evidence=json.dumps(legacy, ensure_ascii=False), status="dismissed")
        )
    [row] = [f for f in day_flags(db, facts["outlet_id"], DAY) if f.id == forged.id]
    assert row.evidence == (
        "签名人 孙师傅 = 工程师",
        Evidence("rec.ev.fee_excess", {"excess": "5.00"}),
    )
    set_lang("en")
    assert render_all(row.evidence) == ("签名人 孙师傅 = 工程师", "5.00 yuan too much")
    with db.read() as s:
        flag = s.get(Flag, forged.id)
    assert "签名人 孙师傅 = 工程师; 5.00 yuan too much" in str(timeline_entry(flag).details)


def test_text_that_is_not_json_is_one_legacy_line():
    assert evidence_from_json("签字人为工程师本人") == ("签字人为工程师本人",)
    assert render("签字人为工程师本人", lang="en") == "签字人为工程师本人"
    assert evidence_from_json("") == ()
