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

from clerk_tui.db.models import Callback, CertificateFee, Ticket
from clerk_tui.db.models import SupervisionCard as CardRow
from clerk_tui.db.models import WarrantySlip as SlipRow
from clerk_tui.domain.cards import FieldError, SupervisionCard, stored_card, stored_slip
from clerk_tui.domain.cards import parse_card as card_parser
from clerk_tui.domain.cards import parse_slip as slip_parser
from clerk_tui.domain.cards.parse import CARD_FIELDS, SLIP_FIELDS
from clerk_tui.i18n import t, tn
from clerk_tui.io.imports.bulk import insert_rows, select_in
from clerk_tui.io.imports.cells import Cells, show, stringify
from clerk_tui.io.imports.columns import COLUMNS, OPTIONAL
from clerk_tui.io.imports.lookup import chunks, engineers_by_code, limits, row_hash, table_of
from clerk_tui.io.imports.types import ImportReport, RowRefused

Rows = list[tuple[int, Cells]]


_CARD_COLUMNS = tuple(col for col, _ in CARD_FIELDS)
_SLIP_COLUMNS = tuple(col for col, _ in SLIP_FIELDS)

# How the importer words each error code of the card parser (FieldError.code).
_REASONS = {
    "key_missing": "import.key_missing",
    "too_long": "import.too_long",
    "control_char": "import.control_char",
    "bad_datetime": "import.bad_datetime",
    "bad_bool": "import.bad_bool",
    "bad_choice": "import.bad_choice",
    "bad_number": "import.bad_number",
    "negative": "import.negative",
    "bad_money": "import.bad_money",
    "out_of_range": "import.out_of_range",
    "end_before_start": "import.end_before_start",
}


def refusal(error: FieldError) -> RowRefused:
    """The importer's refusal of a row for the parser's first error: its column and reason."""
    values = dict(error.values)
    if "value" in values:
        values["value"] = show(values["value"])
    if "allowed" in values:
        values["allowed"] = "/".join(values["allowed"])
    for moment in ("end", "start"):
        if moment in values:
            values[moment] = stringify(values[moment])
    if error.code == "too_long":  # a count of characters: the plural form
        length = int(str(values.pop("length")))
        return RowRefused(
            error.field, tn("import.too_long", length, field=error.field, length=length, **values)
        )
    return RowRefused(error.field, t(_REASONS[error.code], field=error.field, **values))


def _raw(c: Cells, columns: tuple[str, ...]) -> dict[str, object]:
    return {col: c.raw(col) for col in columns}


def parse_card(c: Cells) -> dict:
    """One file row read as a card (the one card parser); the values as read, keyed by column."""
    read = card_parser(_raw(c, _CARD_COLUMNS))
    if read.errors:
        raise refusal(read.errors[0])
    return {**read.values, "card": read.card}


def card_record(v: dict, ticket_id: int | None, engineer_id: int | None) -> dict:
    card: SupervisionCard = v["card"]
    day = card.arrived_at or card.returned_at
    return {
        **stored_card(card),
        "ticket_id": ticket_id,
        "engineer_id": engineer_id,
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
    """The row key's values: FORMATS columns, then the optional ones that are filled (lists
    joined with '|', as the key has always been made)."""
    out: list = [
        "|".join(values[col]) if isinstance(values[col], tuple) else values[col]
        for col in COLUMNS[kind]
    ]
    out.extend((col, values[col]) for col in OPTIONAL.get(kind, ()) if values.get(col) is not None)
    return out


def parse_slip(c: Cells) -> dict:
    """One file row read as a warranty slip (the one slip parser), keyed by column."""
    read = slip_parser(_raw(c, _SLIP_COLUMNS))
    if read.errors:
        raise refusal(read.errors[0])
    return {**read.values, "slip": read.slip}


def slip_record(v: dict, ticket_id: int | None, engineer_id: int | None) -> dict:
    return {**stored_slip(v["slip"]), "ticket_id": ticket_id, "engineer_id": engineer_id}


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
        model=CardRow,
        parse=parse_card,
        record=card_record,
        after=store_certificates,
    )


def import_slips(conn: Connection, rows: Rows, report: ImportReport) -> None:
    _import_hashed(
        conn, rows, report, kind="slips", model=SlipRow, parse=parse_slip, record=slip_record
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
