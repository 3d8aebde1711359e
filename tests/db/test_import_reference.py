"""Importing products, fees and engineers: keyed rows inserted, changed ones updated, nothing twice."""

from __future__ import annotations

import csv
from datetime import date

from sqlmodel import select

from clerk_tui.db.models import Engineer, FeeItem, Outlet, ProductModel
from clerk_tui.io.imports.importer import import_file


def write_csv(path, header, rows, encoding="utf-8-sig"):
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def all_of(db, model):
    with db.read() as s:
        return s.exec(select(model).order_by(model.id)).all()


PRODUCT_HEADER = [
    "model",
    "category",
    "brand",
    "whole_warranty_months",
    "parts_warranty_months",
    "release_date",
]


def test_products_go_into_the_catalog_with_english_categories_in_chinese(db, tmp_path):
    f = write_csv(
        tmp_path / "p.csv",
        PRODUCT_HEADER,
        [
            ["XQG70-B12", "洗衣机", "海尔", "12", "36", "2021-03-01"],
            ["KFR-35GW", "air conditioner", "格力", "", "", ""],
        ],
    )
    report = import_file(db, "products", f)
    assert (report.inserted, report.rejected) == (2, [])
    washer, ac = all_of(db, ProductModel)
    assert (washer.model, washer.category, washer.brand, washer.release_date) == (
        "XQG70-B12",
        "洗衣机",
        "海尔",
        date(2021, 3, 1),
    )
    assert (ac.category, ac.whole_warranty_months, ac.parts_warranty_months) == ("空调", 12, 36)


def test_a_product_with_changed_values_is_updated_and_empty_cells_keep_what_is_stored(db, tmp_path):
    import_file(
        db,
        "products",
        write_csv(
            tmp_path / "p.csv", PRODUCT_HEADER, [["M1", "冰箱", "美的", "12", "36", "2020-01-01"]]
        ),
    )
    report = import_file(
        db,
        "products",
        write_csv(tmp_path / "p2.csv", PRODUCT_HEADER, [["M1", "冰箱", "", "24", "", ""]]),
    )
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 0)
    (m,) = all_of(db, ProductModel)
    assert (m.brand, m.whole_warranty_months, m.parts_warranty_months, m.release_date) == (
        "美的",
        24,
        36,
        date(2020, 1, 1),
    )


def test_products_imported_twice_change_nothing(db, tmp_path):
    f = write_csv(
        tmp_path / "p.csv",
        PRODUCT_HEADER,
        [["M1", "冰箱", "美的", "12", "36", ""], ["M2", "电视", "", "x", "", ""]],
    )
    first = import_file(db, "products", f)
    before = [p.model_dump() for p in all_of(db, ProductModel)]
    second = import_file(db, "products", f)
    assert (first.inserted, len(first.rejected)) == (1, 1)
    assert (second.inserted, second.updated, second.unchanged, len(second.rejected)) == (0, 0, 1, 1)
    assert [p.model_dump() for p in all_of(db, ProductModel)] == before


def test_warranty_months_that_are_not_numbers_are_refused(db, tmp_path):
    f = write_csv(
        tmp_path / "p.csv",
        PRODUCT_HEADER,
        [["M1", "冰箱", "", "十二", "", ""], ["M2", "冰箱", "", "-1", "", ""]],
    )
    report = import_file(db, "products", f)
    assert [(r.row, r.field) for r in report.rejected] == [
        (2, "whole_warranty_months"),
        (3, "whole_warranty_months"),
    ]


FEE_HEADER = [
    "code",
    "category",
    "description",
    "amount",
    "in_warranty_chargeable",
    "effective_from",
]


def test_fees_are_stored_in_fen_and_versioned_by_effective_date(db, tmp_path):
    f = write_csv(
        tmp_path / "f.csv",
        FEE_HEADER,
        [
            ["F01", "洗衣机", "上门费", "30", "N", "2023-01-01"],
            ["F01", "洗衣机", "上门费", "35.50", "N", "2024-01-01"],
            ["F02", "空调", "加氟（用户要求）", "¥120", "Y", "2024-01-01"],
        ],
    )
    report = import_file(db, "fees", f)
    assert report.inserted == 3
    fees = {(x.code, x.effective_from): x for x in all_of(db, FeeItem)}
    assert fees[("F01", date(2023, 1, 1))].amount_fen == 3000
    assert fees[("F01", date(2024, 1, 1))].amount_fen == 3550
    assert fees[("F02", date(2024, 1, 1))].in_warranty_chargeable is True


def test_a_fee_whose_amount_is_not_money_is_refused_naming_amount(db, tmp_path):
    f = write_csv(
        tmp_path / "f.csv",
        FEE_HEADER,
        [
            ["F01", "", "", "三十", "N", "2023-01-01"],
            ["F02", "", "", "-5", "N", "2023-01-01"],
            ["F03", "", "", "", "N", "2023-01-01"],
            ["F04", "", "", "10", "N", ""],
            ["F05", "", "", "10", "maybe", "2023-01-01"],
        ],
    )
    report = import_file(db, "fees", f)
    assert [(r.row, r.field) for r in report.rejected] == [
        (2, "amount"),
        (3, "amount"),
        (4, "amount"),
        (5, "effective_from"),
        (6, "in_warranty_chargeable"),
    ]
    assert all_of(db, FeeItem) == []


def test_a_fee_updated_in_place_counts_as_updated(db, tmp_path):
    import_file(
        db,
        "fees",
        write_csv(tmp_path / "f.csv", FEE_HEADER, [["F01", "", "上门费", "30", "N", "2023-01-01"]]),
    )
    report = import_file(
        db,
        "fees",
        write_csv(
            tmp_path / "f2.csv", FEE_HEADER, [["F01", "", "上门费", "40", "N", "2023-01-01"]]
        ),
    )
    assert (report.updated, all_of(db, FeeItem)[0].amount_fen) == (1, 4000)


ENG_HEADER = [
    "engineer_id",
    "name",
    "phone",
    "outlet_code",
    "skills",
    "work_start",
    "work_end",
    "base_district",
    "certificate_no",
    "active",
]


def test_engineers_go_in_with_their_outlet_skills_and_hours(db, tmp_path):
    f = write_csv(
        tmp_path / "e.csv",
        ENG_HEADER,
        [
            [
                "E07",
                "李师傅",
                "13700000007",
                "A01",
                "洗衣机|air conditioner",
                "8:30",
                "17:30",
                "朝阳区",
                "C-0007",
                "Y",
            ],
            ["E08", "[b]赵[/b]", "", "A01", "", "", "", "", "", "否"],
        ],
    )
    report = import_file(db, "engineers", f)
    assert (report.inserted, report.rejected) == (2, [])
    e7, e8 = all_of(db, Engineer)
    (outlet,) = all_of(db, Outlet)
    assert (e7.code, e7.skills, e7.work_start, e7.work_end, e7.active) == (
        "E07",
        "洗衣机|空调",
        "08:30",
        "17:30",
        True,
    )
    assert e7.outlet_id == outlet.id == e8.outlet_id and outlet.code == "A01"
    assert (e8.name, e8.active, e8.work_start) == ("[b]赵[/b]", False, "08:30")


def test_an_engineer_who_ends_before_starting_is_refused(db, tmp_path):
    f = write_csv(
        tmp_path / "e.csv",
        ENG_HEADER,
        [["E07", "李", "", "A01", "", "18:00", "09:00", "", "", "Y"]],
    )
    report = import_file(db, "engineers", f)
    assert [(r.row, r.field) for r in report.rejected] == [(2, "work_end")]


def test_engineers_updated_and_reimported(db, tmp_path):
    f = write_csv(
        tmp_path / "e.csv",
        ENG_HEADER,
        [["E07", "李师傅", "137", "A01", "冰箱", "", "", "", "", "Y"]],
    )
    import_file(db, "engineers", f)
    again = import_file(db, "engineers", f)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1)
    g = write_csv(
        tmp_path / "e2.csv",
        ENG_HEADER,
        [["E07", "李师傅", "138", "B02", "冰箱", "", "", "", "", "N"]],
    )
    changed = import_file(db, "engineers", g)
    assert changed.updated == 1
    (e,) = all_of(db, Engineer)
    outlets = {o.id: o.code for o in all_of(db, Outlet)}
    assert (e.phone, e.active, outlets[e.outlet_id]) == ("138", False, "B02")


def test_a_key_repeated_with_other_values_in_one_file_is_refused(db, tmp_path):
    f = write_csv(
        tmp_path / "e.csv",
        ENG_HEADER,
        [
            ["E07", "李师傅", "137", "", "", "", "", "", "", "Y"],
            ["E07", "李师傅", "139", "", "", "", "", "", "", "Y"],
        ],
    )
    report = import_file(db, "engineers", f)
    assert report.inserted == 1 and [(r.row, r.field) for r in report.rejected] == [
        (3, "engineer_id")
    ]
    assert all_of(db, Engineer)[0].phone == "137"
