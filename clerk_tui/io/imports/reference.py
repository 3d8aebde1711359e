"""Import reference data — products (产品型号), fees (收费标准), engineers — keyed and updated in place.

A non-empty cell sets its column; an empty cell is unknown and leaves the stored
value as it is (new rows take the column's default).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, insert, select, update

from clerk_tui.db.models import Engineer, FeeItem, ProductModel
from clerk_tui.i18n import t, tn
from clerk_tui.io.imports.cells import TEXT_LIMIT, Cells, check_order, stringify
from clerk_tui.io.imports.lookup import Outlets, limits, table_of
from clerk_tui.io.imports.types import ImportReport, RowRefused
from clerk_tui.io.imports.vocab import category, split_list

Rows = list[tuple[int, Cells]]


class Upserter:
    """Insert or update rows of one table by key; a key repeated in the file must repeat its values."""

    def __init__(
        self, conn: Connection, model, key_cols: tuple[str, ...], report: ImportReport
    ) -> None:
        self.conn = conn
        self.table = table_of(model)
        self.key_cols = key_cols
        self.report = report
        self.existing = {
            tuple(r[k] for k in key_cols): dict(r)
            for r in conn.execute(select(self.table)).mappings()
        }
        self.seen: dict[tuple, tuple[int, dict]] = {}

    def apply(
        self,
        row: int,
        key: tuple,
        values: dict,
        *,
        key_field: str,
        prepare: Callable[[dict, bool], dict] | None = None,
    ) -> None:
        earlier = self.seen.get(key)
        if earlier is not None:
            if earlier[1] != values:
                shown = " ".join(stringify(k) for k in key)
                raise RowRefused(
                    key_field,
                    t(
                        "import.conflicting_duplicate",
                        field=key_field,
                        value=shown,
                        first=earlier[0],
                    ),
                )
            self.report.unchanged += 1
            return
        self.seen[key] = (row, values)
        current = self.existing.get(key)
        given = {k: v for k, v in values.items() if v is not None}
        if prepare is not None:
            given = prepare(given, current is None)
        if current is None:
            full = {**given, **dict(zip(self.key_cols, key, strict=True))}
            new_id = self.conn.execute(
                insert(self.table).values(**full).returning(self.table.c.id)
            ).scalar_one()
            self.existing[key] = {**full, "id": new_id}
            self.report.inserted += 1
            return
        diff = {k: v for k, v in given.items() if current.get(k) != v}
        if not diff:
            self.report.unchanged += 1
            return
        self.conn.execute(update(self.table).where(self.table.c.id == current["id"]).values(**diff))
        current.update(diff)
        self.report.updated += 1


def import_products(conn: Connection, rows: Rows, report: ImportReport) -> None:
    lim = limits(ProductModel)
    cat_cap = lim["category"] or TEXT_LIMIT  # a bounded column; TEXT would cap like Cells.text
    up = Upserter(conn, ProductModel, ("model",), report)
    for row, c in rows:
        try:
            model = c.key("model", lim["model"])
            cat = category(c.text("category"))
            if len(cat) > cat_cap:
                raise RowRefused(
                    "category",
                    tn(
                        "import.too_long",
                        len(cat),
                        field="category",
                        length=len(cat),
                        limit=cat_cap,
                    ),
                )
            values = {
                "category": cat or None,
                "brand": c.text("brand", lim["brand"]) or None,
                "whole_warranty_months": c.integer("whole_warranty_months", 0, 600),
                "parts_warranty_months": c.integer("parts_warranty_months", 0, 600),
                "release_date": c.date("release_date"),
            }
            up.apply(row, (model,), values, key_field="model", prepare=_product_defaults)
        except RowRefused as exc:
            report.reject(row, exc)


def _product_defaults(given: dict, new: bool) -> dict:
    return {"category": "", **given} if new else given


def import_fees(conn: Connection, rows: Rows, report: ImportReport) -> None:
    lim = limits(FeeItem)
    cat_cap = lim["category"] or TEXT_LIMIT  # a bounded column; TEXT would cap like Cells.text
    up = Upserter(conn, FeeItem, ("code", "effective_from"), report)
    for row, c in rows:
        try:
            code = c.key("code", lim["code"])
            effective = c.date("effective_from")
            if effective is None:
                raise RowRefused("effective_from", t("import.key_missing", field="effective_from"))
            amount = c.fen("amount")
            if amount is None:
                raise RowRefused("amount", t("import.value_missing", field="amount"))
            cat = category(c.text("category"))
            if len(cat) > cat_cap:
                raise RowRefused(
                    "category",
                    tn(
                        "import.too_long",
                        len(cat),
                        field="category",
                        length=len(cat),
                        limit=cat_cap,
                    ),
                )
            values = {
                "category": cat or None,
                "description": c.text("description", lim["description"]) or None,
                "amount_fen": amount,
                "in_warranty_chargeable": c.yn("in_warranty_chargeable"),
            }
            up.apply(row, (code, effective), values, key_field="code")
        except RowRefused as exc:
            report.reject(row, exc)


def import_engineers(conn: Connection, rows: Rows, report: ImportReport) -> None:
    lim = limits(Engineer)
    skills_cap = lim["skills"] or TEXT_LIMIT
    up = Upserter(conn, Engineer, ("code",), report)
    outlets = Outlets(conn)

    def prepare(given: dict, new: bool) -> dict:
        code = given.pop("outlet_code", None)
        if code is not None or new:
            given["outlet_id"] = outlets.id_for(code or "")
        return given

    for row, c in rows:
        try:
            code = c.key("engineer_id", lim["code"])
            skills = split_list(c.text("skills"), categories=True)
            if len(skills) > skills_cap:
                raise RowRefused(
                    "skills",
                    tn(
                        "import.too_long",
                        len(skills),
                        field="skills",
                        length=len(skills),
                        limit=skills_cap,
                    ),
                )
            start, end = c.hhmm("work_start"), c.hhmm("work_end")
            check_order("work_start", start, "work_end", end, need_start=False)
            values = {
                "name": c.text("name", lim["name"]) or None,
                "phone": c.text("phone", lim["phone"]) or None,
                "outlet_code": c.text("outlet_code", 32) or None,
                "skills": skills or None,
                "work_start": start,
                "work_end": end,
                "base_district": c.text("base_district", lim["base_district"]) or None,
                "certificate_no": c.text("certificate_no", lim["certificate_no"]) or None,
                "active": c.yn("active"),
            }
            if values["name"] is None and (code,) not in up.existing:
                values_for_new = dict(values)
                values_for_new["name"] = ""
                values = values_for_new
            up.apply(row, (code,), values, key_field="engineer_id", prepare=prepare)
        except RowRefused as exc:
            report.reject(row, exc)
