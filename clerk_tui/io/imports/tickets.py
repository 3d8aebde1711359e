"""Import tickets (服务工单) in batches of plain executemany; doubtful information is taken in as is.

Keyed by ticket_no: a ticket already in the database is left as it is (the clerk may
have corrected it). Outlets and customers are found or created; the model is linked
when the catalog knows it; an appointment becomes an Appointment row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, select

from clerk_tui.db.models import Appointment, ProductModel, Ticket
from clerk_tui.i18n import t
from clerk_tui.io.imports.bulk import insert_rows, insert_tuples, select_in
from clerk_tui.io.imports.cells import Cells, check_order, show
from clerk_tui.io.imports.customers import customer_key, find_or_create
from clerk_tui.io.imports.fts import bulk_ticket_fts
from clerk_tui.io.imports.lookup import (
    Outlets,
    chunks,
    engineers_by_code,
    limits,
    load_policy,
    table_of,
)
from clerk_tui.io.imports.types import ImportReport, RowRefused
from clerk_tui.io.imports.vocab import SERVICE_TYPES, SOURCES, STATUSES

_DISTRICT = re.compile(r"(?:^|[省市])([\u4e00-\u9fff]{1,4}?[区县])")

# Columns written for a new ticket: what the file gives, then what the import decides.
FILE_COLS = (
    "ticket_no", "source", "service_type", "customer_name", "phone", "address", "district",
    "product_model", "serial_no", "purchase_date", "symptom", "requested_start", "requested_end",
    "status", "engineer_id", "created_at", "business_date",
)  # fmt: skip
FIXED = {
    "owner_id": None, "warranty_status": "", "pull_back": False, "loaner": False,
    "part_needed": "", "part_in_stock": None, "value_add": "", "notes": "", "updated_at": None,
    "version": 1,
}  # fmt: skip
INSERT_COLS = (*FILE_COLS, "outlet_id", "customer_id", "model_id")


_NOT_DISTRICTS = ("小区", "社区", "园区", "校区", "景区", "厂区", "片区", "营区", "街区", "院区")


def district_of(address: str, limit: int = 50) -> str:
    """The X区/X县 of an address when it stands plainly after the city (or at the start), else ''."""
    m = _DISTRICT.search(address)
    if m is None:
        return ""
    found = m.group(1)
    return "" if found.endswith(_NOT_DISTRICTS) or len(found) > limit else found


@dataclass(slots=True)
class Parsed:
    row: int
    values: tuple  # in FILE_COLS order
    outlet_code: str
    appointment: tuple[datetime, datetime | None] | None


def parse_ticket(row: int, c: Cells, lim: dict, engineers: dict[str, int], now: datetime) -> Parsed:
    """One ticket row → the ticket's values, or RowRefused naming the field."""
    ticket_no = c.key("ticket_no", lim["ticket_no"])
    outlet_code = c.text("outlet_code", 32)
    source = c.choice("source", SOURCES) or "center"
    service_type = c.choice("service_type", SERVICE_TYPES) or "repair"
    address = c.text("address", lim["address"])
    requested_start, requested_end = c.datetime("requested_start"), c.datetime("requested_end")
    check_order(
        "requested_start", requested_start, "requested_end", requested_end, need_start=False
    )
    engineer_code = c.text("engineer_id", 32)
    engineer_id = None
    if engineer_code:
        engineer_id = engineers.get(engineer_code)
        if engineer_id is None:
            raise RowRefused("engineer_id", t("import.unknown_engineer", value=show(engineer_code)))
    start, end = c.datetime("appointment_start"), c.datetime("appointment_end")
    check_order("appointment_start", start, "appointment_end", end)
    created_at = c.datetime("created_at") or now
    values = (
        ticket_no,
        source,
        service_type,
        c.text("customer_name", lim["customer_name"]),
        c.text("phone", lim["phone"]),
        address,
        district_of(address, lim["district"]),
        c.text("product_model", lim["product_model"]),
        c.text("serial_no", lim["serial_no"]),
        c.date("purchase_date"),
        c.text("symptom"),
        requested_start,
        requested_end,
        c.choice("status", STATUSES) or "new",
        engineer_id,
        created_at,
        created_at.date(),
    )
    return Parsed(row, values, outlet_code, (start, end) if start is not None else None)


class TicketImporter:
    """Holds the lookups of one import; `run` takes all rows in batches."""

    def __init__(self, conn: Connection, report: ImportReport) -> None:
        self.conn = conn
        self.report = report
        self.lim = limits(Ticket)
        self.ticket = table_of(Ticket)
        self.outlets = Outlets(conn)
        self.engineers = engineers_by_code(conn)
        pm = table_of(ProductModel)
        self.models = {m: i for m, i in conn.execute(select(pm.c.model, pm.c.id))}
        self.models_folded = {m.casefold(): i for m, i in self.models.items()}
        self.policy = load_policy(conn)
        self.now = datetime.now().replace(microsecond=0)
        self.seen: dict[str, tuple[int, tuple]] = {}

    def run(self, rows: list[tuple[int, Cells]]) -> None:
        if not rows:
            return
        with bulk_ticket_fts(self.conn):
            for batch in chunks(rows):
                self._batch(batch)

    def _batch(self, batch) -> None:
        parsed: list[Parsed] = []
        for row, c in batch:
            try:
                parsed.append(parse_ticket(row, c, self.lim, self.engineers, self.now))
            except RowRefused as exc:
                self.report.reject(row, exc)
        fresh = self._new_only(parsed)
        if fresh:
            self._insert(fresh)

    def _new_only(self, parsed: list[Parsed]) -> list[Parsed]:
        """Drop tickets already stored (unchanged); refuse a ticket_no repeated with other values."""
        nos = [p.values[0] for p in parsed]
        stored = {r[0] for r in select_in(self.conn, self.ticket, "ticket_no", ["ticket_no"], nos)}
        fresh = []
        for p in parsed:
            no = p.values[0]
            earlier = self.seen.get(no)
            if earlier is not None:
                if earlier[1] == p.values:
                    self.report.unchanged += 1
                else:
                    reason = t(
                        "import.conflicting_duplicate",
                        field="ticket_no",
                        value=show(no),
                        first=earlier[0],
                    )
                    self.report.reject(p.row, RowRefused("ticket_no", reason))
                continue
            self.seen[no] = (p.row, p.values)
            if no in stored:
                self.report.unchanged += 1
            else:
                fresh.append(p)
        return fresh

    def _insert(self, fresh: list[Parsed]) -> None:
        keys = [customer_key(p.values[3], p.values[4]) for p in fresh]
        wanted = {}
        for key, p in zip(keys, fresh, strict=True):
            if key is not None and key not in wanted:
                wanted[key] = {"address": p.values[5], "district": p.values[6]}
        customers = find_or_create(self.conn, wanted)
        records = []
        for key, p in zip(keys, fresh, strict=True):
            model = p.values[7]
            model_id = (
                (self.models.get(model) or self.models_folded.get(model.casefold()))
                if model
                else None
            )
            records.append(
                [
                    *p.values,
                    self.outlets.id_for(p.outlet_code),
                    customers.get(key) if key is not None else None,
                    model_id,
                ]
            )
        insert_tuples(self.conn, self.ticket, INSERT_COLS, records, FIXED)
        self.report.inserted += len(records)
        booked = [p for p in fresh if p.appointment]
        if booked:
            nos = [p.values[0] for p in booked]
            ids = dict(select_in(self.conn, self.ticket, "ticket_no", ["ticket_no", "id"], nos))
            self._appointments(booked, ids)

    def _appointments(self, booked: list[Parsed], ids: dict[str, int]) -> None:
        minutes = self.policy.appointment_minutes
        rows = []
        for p in booked:
            assert p.appointment is not None
            start, end = p.appointment
            if end is None:
                end = start + timedelta(minutes=minutes.get(p.values[2], 90))
            rows.append(
                {
                    "ticket_id": ids[p.values[0]],
                    "engineer_id": p.values[14],
                    "start": start,
                    "end": end,
                    "status": "planned",
                    "late_minutes": None,
                    "outcome": "",
                    "version": 1,
                }
            )
        insert_rows(self.conn, table_of(Appointment), rows)


def import_tickets(conn: Connection, rows: list[tuple[int, Cells]], report: ImportReport) -> None:
    TicketImporter(conn, report).run(rows)
