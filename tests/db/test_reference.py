"""Reference data and policy: loaded from data/ on first run, once, and editable policy."""

from __future__ import annotations

import csv
import json

from sqlalchemy import event, func, insert, select

from clerk_tui.config import DATA_DIR
from clerk_tui.db.models import FeeItem, ForbiddenPhrase, ProductModel, Setting, TravelTime
from clerk_tui.domain.policy import Policy
from clerk_tui.services.reference import (
    ensure_reference,
    forbidden_phrases,
    load_policy,
    misuse_keywords,
    save_policy,
    travel_minutes,
)

DISTRICTS = {"市南区", "市北区", "李沧区", "崂山区", "城阳区", "黄岛区", "即墨区"}


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _count(db, model) -> int:
    with db.read() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_first_run_loads_every_shipped_row(db):
    assert ensure_reference(db) is True
    assert _count(db, ProductModel) == len(_csv("products.csv"))
    assert _count(db, FeeItem) == len(_csv("fees.csv"))
    assert _count(db, ForbiddenPhrase) == len(_csv("forbidden_phrases.csv"))
    assert _count(db, TravelTime) == len(DISTRICTS) ** 2
    with db.read() as s:
        assert s.get(Setting, "policy") is not None


def test_second_run_loads_nothing_and_asks_one_query(db):
    ensure_reference(db)
    before = [_count(db, m) for m in (ProductModel, FeeItem, ForbiddenPhrase, TravelTime)]
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert ensure_reference(db) is False
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1
    assert [_count(db, m) for m in (ProductModel, FeeItem, ForbiddenPhrase, TravelTime)] == before


def test_a_catalog_imported_before_first_run_is_kept(db):
    with db.session() as s:
        s.execute(
            insert(ProductModel),
            [
                {
                    "model": "OWN-1",
                    "category": "冰箱",
                    "brand": "海尔",
                    "whole_warranty_months": 12,
                    "parts_warranty_months": 36,
                }
            ],
        )
    assert ensure_reference(db) is True
    with db.read() as s:
        assert s.execute(select(ProductModel.model)).scalars().all() == ["OWN-1"]
    assert _count(db, FeeItem) == len(_csv("fees.csv"))


def test_policy_round_trips_and_defaults_to_the_shipped_file(db):
    shipped = Policy.model_validate(
        json.loads((DATA_DIR / "policy.json").read_text(encoding="utf-8"))
    )
    assert load_policy(db) == shipped  # nothing stored yet
    assert shipped == Policy()  # the file states the model's defaults
    changed = shipped.model_copy(
        update={
            "card_cutoff_hour": 19,
            "daily_capacity": 6,
            "appointment_minutes": {"repair": 75, "install": 120},
        }
    )
    save_policy(db, changed)
    assert load_policy(db) == changed
    ensure_reference(db)  # a stored policy is never overwritten by the default
    assert load_policy(db).card_cutoff_hour == 19


def test_fee_standard_is_versioned_and_in_fen(db):
    ensure_reference(db)
    with db.read() as s:
        versions = s.execute(
            select(FeeItem.code, func.count()).group_by(FeeItem.code).having(func.count() > 1)
        ).all()
        visit = (
            s.execute(
                select(FeeItem).where(FeeItem.code == "SM-01").order_by(FeeItem.effective_from)
            )
            .scalars()
            .all()
        )
        chargeable = (
            s.execute(select(FeeItem.code).where(FeeItem.in_warranty_chargeable)).scalars().all()
        )
    assert versions, "at least one fee code has a price change"
    assert [f.amount_fen for f in visit] == [3000, 4000]
    assert visit[0].effective_from < visit[1].effective_from
    assert {"SM-02", "KT-05", "RJ-01"} <= set(chargeable)  # 远程费, extra pipe, upgrade


def test_every_forbidden_phrase_of_the_manual_is_there_with_a_suggestion(db):
    ensure_reference(db)
    rows = forbidden_phrases(db)
    phrases = {p for p, _, _ in rows}
    for must in (
        "不知道",
        "不清楚",
        "凑合着用",
        "没有办法解决",
        "这种型号的产品都是这样的",
        "我无能为力",
        "质量不过关",
        "找有关部门吧",
        "等配件到后再修吧",
        "无配件",
        "这种现象可能不正常",
    ):
        assert must in phrases
    assert all(sug and src.startswith("S 2.2.") for _, sug, src in rows)


def test_travel_minutes_cover_qingdao_symmetrically(db):
    ensure_reference(db)
    minutes = travel_minutes(db)
    assert {a for a, _ in minutes} == DISTRICTS
    for (a, b), m in minutes.items():
        assert m == minutes[(b, a)]
        assert m >= minutes[(a, a)]
    assert minutes[("黄岛区", "即墨区")] > minutes[("李沧区", "城阳区")]


def test_products_cover_the_outlets_categories_with_plausible_warranties(db):
    ensure_reference(db)
    with db.read() as s:
        models = s.execute(select(ProductModel)).scalars().all()
    by_cat = {m.category for m in models}
    assert {"洗衣机", "冰箱", "空调", "热水器", "电视", "燃气灶", "油烟机"} <= by_cat
    assert 40 <= len(models) <= 60
    assert all(
        m.release_date is not None and m.whole_warranty_months <= m.parts_warranty_months
        for m in models
    )
    assert {m.whole_warranty_months for m in models if m.category == "空调"} == {72}
    assert next(m for m in models if m.model == "XQG100-B14876").brand == "海尔"


def test_misuse_keywords_name_the_manuals_cases():
    rows = misuse_keywords()
    phrases = {p for p, _, _ in rows}
    assert {
        "水压低",
        "进水报警",
        "遥控器没电",
        "童锁",
        "插头松",
        "未通电",
        "模式设置错误",
    } <= phrases
    assert all(category and explanation for _, category, explanation in rows)
