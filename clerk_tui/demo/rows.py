"""Rows of the demo waiting to be inserted: plain dicts keyed by column name.

`_`-prefixed keys are references resolved at insert time (customer index,
engineer code, ticket number, username).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from clerk_tui.demo import catalog as cat


@dataclass
class Product:
    """A catalog model as the demo picks from it: category, warranty months, release."""

    model: str
    category: str
    whole: int
    parts: int
    release: date | None


class Rows:
    """Row builders mixed into the demo World (which holds the lists and the seeded random)."""

    rng: Any
    today: date
    customers: list[dict]
    tickets: list[dict]
    appointments: list[dict]
    contacts: list[dict]
    callbacks: list[dict]
    cards: list[dict]
    slips: list[dict]
    clerks: tuple[str, ...]
    _seq: dict[date, int]
    serial: Callable[[], str]  # World.serial
    warranty: Callable[[Product | None, date | None, date], str]  # World.warranty

    def ticket_no(self, day: date) -> str:
        self._seq[day] = self._seq.get(day, 0) + 1
        return f"QD{day:%Y%m%d}{self._seq[day]:04d}"

    def ticket(self, day: date, created: datetime, cust: int, **kw) -> dict:
        """A ticket row for customer index `cust`, taking in the customer's details as given."""
        c = self.customers[cust]
        row = {
            "ticket_no": self.ticket_no(day),
            "source": "center",
            "service_type": "repair",
            "_cust": cust,
            "customer_name": c["name"],
            "phone": c["phone"],
            "address": c["address"],
            "district": c["district"],
            "product_model": "",
            "serial_no": "",
            "purchase_date": None,
            "symptom": "",
            "requested_start": None,
            "requested_end": None,
            "status": "new",
            "_owner": self.rng.choice(self.clerks),
            "_eng": None,
            "warranty_status": "unknown",
            "pull_back": False,
            "loaner": False,
            "part_needed": "",
            "part_in_stock": None,
            "value_add": "",
            "notes": "",
            "created_at": created,
            "updated_at": created,
            "business_date": day,
            "version": 1,
        }
        row.update(kw)
        self.tickets.append(row)
        return row

    def with_product(self, row: dict, p: Product, bought: date | None) -> dict:
        row.update(
            product_model=p.model,
            serial_no=self.serial(),
            purchase_date=bought,
            warranty_status=self.warranty(p, bought, row["business_date"]),
        )
        if not row["symptom"]:
            st = row["service_type"]
            row["symptom"] = (
                cat.INSTALL_SYMPTOM
                if st == "install"
                else cat.MAINTENANCE_SYMPTOM
                if st == "maintenance"
                else self.rng.choice(cat.SYMPTOMS[p.category])
            )
        return row

    def appointment(
        self,
        tk: dict,
        eng: str | None,
        start: datetime,
        minutes: int,
        status: str = "planned",
        late: int | None = None,
    ) -> dict:
        row = {
            "_ticket": tk["ticket_no"],
            "_eng": eng,
            "start": start,
            "end": start + timedelta(minutes=minutes),
            "status": status,
            "late_minutes": late,
            "outcome": "",
            "version": 1,
        }
        self.appointments.append(row)
        tk["_eng"] = eng
        return row

    def contact(
        self, tk: dict, when: datetime, party: str, outcome: str, note: str, user: str | None = None
    ):
        self.contacts.append(
            {
                "_ticket": tk["ticket_no"],
                "at": when,
                "_user": user or tk["_owner"],
                "party": party,
                "outcome": outcome,
                "note": note,
            }
        )

    def callback(self, tk: dict, reason: str, due: datetime, **kw) -> dict:
        row = {
            "_ticket": tk["ticket_no"],
            "ticket_no": tk["ticket_no"],
            "reason": reason,
            "due_at": due,
            "called_at": None,
            "done_at": None,
            "reached": None,
            "satisfied": None,
            "customer_signed": None,
            "engineer_came": None,
            "notes": "",
            "row_hash": None,
        }
        row.update(kw)
        self.callbacks.append(row)
        return row

    def card(self, ticket_no: str, eng: str, **kw) -> dict:
        row = {
            "ticket_no": ticket_no,
            "_ticket": ticket_no,
            "engineer_code": eng,
            "_eng": eng,
            "returned_at": None,
            "arrived_at": None,
            "finished_at": None,
            "signer_name": "",
            "signer_relation": "",
            "signature_present": True,
            "satisfaction": "满意",
            "attitude_score": 5,
            "quality_score": 5,
            "signed_at": None,
            "fee_charged_fen": 0,
            "fee_items": "",
            "receipt_no": "",
            "repair_confident": True,
            "called_ahead": None,
            "notes": "",
            "business_date": None,
            "row_hash": None,
        }
        row.update(kw)
        self.cards.append(row)
        return row

    def slip(self, ticket_no: str, eng: str, **kw) -> dict:
        row = {
            "ticket_no": ticket_no,
            "_ticket": ticket_no,
            "engineer_code": eng,
            "_eng": eng,
            "returned_at": None,
            "fault_cause": "",
            "repair_action": "",
            "parts": "",
            "fee_charged_fen": 0,
            "receipt_no": "",
            "row_hash": None,
        }
        row.update(kw)
        self.slips.append(row)
        return row
