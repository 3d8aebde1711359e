"""Import what comes back on paper — cards (服务任务监督卡), slips (保修记录单), callbacks (回访).

Keyed by the whole row: sha256 of the parsed values in FORMATS order goes to
`row_hash`, so a file imported twice adds nothing the second time. A card or slip
for an unknown ticket or engineer is still taken in (the reconciliation flags it);
a callback must be about a known ticket.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection, select, update

from clerk_tui.db.models import Callback, CertificateFee, SupervisionCard, Ticket, WarrantySlip
from clerk_tui.i18n import t, tn
from clerk_tui.io.imports.bulk import insert_rows, select_in
from clerk_tui.io.imports.cells import Cells, check_order, show
from clerk_tui.io.imports.columns import COLUMNS, OPTIONAL
from clerk_tui.io.imports.lookup import chunks, engineers_by_code, limits, row_hash, table_of
from clerk_tui.io.imports.types import ImportReport, RowRefused
from clerk_tui.io.imports.vocab import SATISFACTION, split_list

Rows = list[tuple[int, Cells]]


def _limited(c: Cells, col: str, value: str, limit: int) -> str:
    if len(value) > limit:
        raise RowRefused(col, tn("import.too_long", len(value), field=col, length=len(value), limit=limit))
    return value


def parse_card(c: Cells) -> dict:
    lim = limits(SupervisionCard)
    arrived, finished = c.datetime("arrived_at"), c.datetime("finished_at")
    check_order("arrived_at", arrived, "finished_at", finished, need_start=False)
    return {
        "ticket_no": c.key("ticket_no", lim["ticket_no"]),
        "engineer_id": c.text("engineer_id", lim["engineer_code"]),
        "returned_at": c.datetime("returned_at"),
        "arrived_at": arrived,
        "finished_at": finished,
        "signer_name": c.text("signer_name", lim["signer_name"]),
        "signer_relation": c.text("signer_relation", lim["signer_relation"]),
        "signature_present": c.yn("signature_present"),
        "satisfaction": c.choice("satisfaction", SATISFACTION),
        "attitude_score": c.integer("attitude_score", 1, 5),
        "quality_score": c.integer("quality_score", 1, 5),
        "signed_at": c.datetime("signed_at"),
        "fee_charged": c.fen("fee_charged"),
        "fee_items": _limited(c, "fee_items", split_list(c.text("fee_items")), lim["fee_items"]),
        "receipt_no": c.text("receipt_no", lim["receipt_no"]),
        "repair_confident": c.yn("repair_confident"),
        "called_ahead": c.yn("called_ahead"),
        "notes": c.text("notes"),
        "certificate_fee": c.fen("certificate_fee"),
    }


def card_record(v: dict, ticket_id: int | None, engineer_id: int | None) -> dict:
    day = v["arrived_at"] or v["returned_at"]
    return {
        **{
            k: v[k]
            for k in (
                "ticket_no",
                "returned_at",
                "arrived_at",
                "finished_at",
                "signer_name",
                "signer_relation",
                "attitude_score",
                "quality_score",
                "signed_at",
                "fee_items",
                "receipt_no",
                "called_ahead",
                "notes",
            )
        },
        "ticket_id": ticket_id,
        "engineer_code": v["engineer_id"],
        "engineer_id": engineer_id,
        "signature_present": bool(v["signature_present"]),
        "satisfaction": v["satisfaction"] or "",
        "fee_charged_fen": v["fee_charged"] or 0,
        "repair_confident": True if v["repair_confident"] is None else v["repair_confident"],
        "business_date": day.date() if day else None,
    }


def store_certificates(conn: Connection, done: list[tuple[dict, int | None]]) -> None:
    """Upsert the warranty certificate's fee (保修证标准) of each new card whose ticket is known."""
    wanted = {
        tid: v["certificate_fee"]
        for v, tid in done
        if tid is not None and v.get("certificate_fee") is not None
    }
    if not wanted:
        return
    table = table_of(CertificateFee)
    now = datetime.now().replace(microsecond=0)
    stored = dict(
        conn.execute(
            select(table.c.ticket_id, table.c.amount_fen).where(table.c.ticket_id.in_(wanted))
        ).all()
    )
    for tid, fen in wanted.items():
        if tid not in stored:
            conn.execute(
                table.insert().values(
                    ticket_id=tid, amount_fen=fen, note="", recorded_at=now, user="import"
                )
            )
        elif stored[tid] != fen:
            conn.execute(
                update(table)
                .where(table.c.ticket_id == tid)
                .values(amount_fen=fen, recorded_at=now, user="import")
            )


def _hashed_values(kind: str, values: dict) -> list:
    """The row key's values: FORMATS columns, then the optional ones that are filled."""
    out: list = [values[col] for col in COLUMNS[kind]]
    out.extend((col, values[col]) for col in OPTIONAL.get(kind, ()) if values.get(col) is not None)
    return out


def parse_slip(c: Cells) -> dict:
    lim = limits(WarrantySlip)
    return {
        "ticket_no": c.key("ticket_no", lim["ticket_no"]),
        "engineer_id": c.text("engineer_id", lim["engineer_code"]),
        "returned_at": c.datetime("returned_at"),
        "fault_cause": c.text("fault_cause", lim["fault_cause"]),
        "repair_action": c.text("repair_action", lim["repair_action"]),
        "parts": _limited(c, "parts", split_list(c.text("parts")), lim["parts"]),
        "fee_charged": c.fen("fee_charged"),
        "receipt_no": c.text("receipt_no", lim["receipt_no"]),
    }


def slip_record(v: dict, ticket_id: int | None, engineer_id: int | None) -> dict:
    return {
        **{
            k: v[k]
            for k in (
                "ticket_no",
                "returned_at",
                "fault_cause",
                "repair_action",
                "parts",
                "receipt_no",
            )
        },
        "ticket_id": ticket_id,
        "engineer_code": v["engineer_id"],
        "engineer_id": engineer_id,
        "fee_charged_fen": v["fee_charged"] or 0,
    }


def parse_callback(c: Cells) -> dict:
    lim = limits(Callback)
    return {
        "ticket_no": c.key("ticket_no", lim["ticket_no"]),
        "called_at": c.datetime("called_at"),
        "reached": c.yn("reached"),
        "satisfied": c.yn("satisfied"),
        "customer_signed": c.yn("customer_signed"),
        "engineer_came": c.yn("engineer_came"),
        "notes": c.text("notes"),
    }


def callback_record(v: dict, ticket_id: int | None, _engineer_id: int | None) -> dict:
    if ticket_id is None:
        raise RowRefused("ticket_no", t("import.unknown_ticket", value=show(v["ticket_no"])))
    return {
        **v,
        "ticket_id": ticket_id,
        "reason": "verification",
        "due_at": None,
        "done_at": v["called_at"] if v["reached"] else None,
    }


def _import_hashed(
    conn: Connection,
    rows: Rows,
    report: ImportReport,
    *,
    kind: str,
    model,
    parse: Callable[[Cells], dict],
    record: Callable[[dict, int | None, int | None], dict],
    after: Callable[[Connection, list[tuple[dict, int | None]]], None] | None = None,
) -> None:
    table = table_of(model)
    tk = table_of(Ticket)
    engineers = engineers_by_code(conn)
    first_row: dict[str, int] = {}
    for batch in chunks(rows):
        parsed: list[tuple[int, dict, str]] = []
        for row, c in batch:
            try:
                values = parse(c)
            except RowRefused as exc:
                report.reject(row, exc)
                continue
            digest = row_hash(kind, _hashed_values(kind, values))
            if digest in first_row:
                report.unchanged += 1
                report.warnings.append(
                    t(
                        "import.warn_repeated_row",
                        path=report.path,
                        row=row,
                        first=first_row[digest],
                    )
                )
                continue
            first_row[digest] = row
            parsed.append((row, values, digest))
        digests = [d for _, _, d in parsed]
        stored = {r[0] for r in select_in(conn, table, "row_hash", ["row_hash"], digests)}
        fresh = [p for p in parsed if p[2] not in stored]
        report.unchanged += len(parsed) - len(fresh)
        nos = list({v["ticket_no"] for _, v, _ in fresh})
        tickets = dict(select_in(conn, tk, "ticket_no", ["ticket_no", "id"], nos))
        records = []
        done: list[tuple[dict, int | None]] = []
        for row, v, digest in fresh:
            tid = tickets.get(v["ticket_no"])
            try:
                rec = record(v, tid, engineers.get(v.get("engineer_id") or ""))
            except RowRefused as exc:
                report.reject(row, exc)
                continue
            rec["row_hash"] = digest
            records.append(rec)
            done.append((v, tid))
        ids = insert_rows(conn, table, records)
        if ids is None:  # not SQLite: find the new rows by their whole-row key
            by_hash = dict(
                select_in(
                    conn, table, "row_hash", ["row_hash", "id"], [r["row_hash"] for r in records]
                )
            )
            ids = [by_hash[r["row_hash"]] for r in records]
        report.new_ids.extend(ids)
        if after is not None:
            after(conn, done)
        report.inserted += len(records)


def import_cards(conn: Connection, rows: Rows, report: ImportReport) -> None:
    _import_hashed(
        conn,
        rows,
        report,
        kind="cards",
        model=SupervisionCard,
        parse=parse_card,
        record=card_record,
        after=store_certificates,
    )


def import_slips(conn: Connection, rows: Rows, report: ImportReport) -> None:
    _import_hashed(
        conn, rows, report, kind="slips", model=WarrantySlip, parse=parse_slip, record=slip_record
    )


def import_callbacks(conn: Connection, rows: Rows, report: ImportReport) -> None:
    _import_hashed(
        conn,
        rows,
        report,
        kind="callbacks",
        model=Callback,
        parse=parse_callback,
        record=callback_record,
    )
