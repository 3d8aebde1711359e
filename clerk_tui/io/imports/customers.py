"""Find or create the customers (用户) of imported tickets, one per (phone, name), in bulk."""

from __future__ import annotations

import re

from sqlalchemy import Connection

from clerk_tui.db.models import Customer
from clerk_tui.io.imports.bulk import insert_rows, select_in
from clerk_tui.io.imports.lookup import limits, table_of

_PHONE_JUNK = re.compile(r"[\s\-()（）]")
_PHONE_OK = re.compile(r"\+?\d+")
_PHONE_LIMIT = limits(Customer)["phone"] or 32


def normal_phone(phone: str) -> str:
    """Digits (and a leading +) when the phone is only separators around them; else as typed."""
    if phone.isdigit():
        return phone
    bare = _PHONE_JUNK.sub("", phone)
    return bare if _PHONE_OK.fullmatch(bare) else phone


def customer_key(name: str, phone: str) -> tuple[str, str] | None:
    """The (normalised phone, name) a customer is found by; None when there is nothing to go on."""
    if not (name or phone):
        return None
    norm = normal_phone(phone)
    if len(norm) > _PHONE_LIMIT:
        return None  # a phone this long is no phone; the ticket keeps it for the clerk
    return (norm, name)


def find_or_create(
    conn: Connection, wanted: dict[tuple[str, str], dict]
) -> dict[tuple[str, str], int]:
    """Customer id for each (phone, name) of `wanted` (values: address, district for new ones)."""
    found: dict[tuple[str, str], int] = {}
    if not wanted:
        return found
    table = table_of(Customer)
    _find(conn, wanted, found)
    missing = [
        {
            "name": k[1],
            "phone": k[0],
            "address": v["address"],
            "district": v["district"],
            "household": "",
        }
        for k, v in wanted.items()
        if k not in found
    ]
    if missing:
        ids = insert_rows(conn, table, missing)
        if ids is None:
            _find(conn, {(m["phone"], m["name"]): m for m in missing}, found)
        else:
            found.update(((m["phone"], m["name"]), i) for m, i in zip(missing, ids, strict=True))
    return found


def _find(conn: Connection, wanted: dict, found: dict[tuple[str, str], int]) -> None:
    rows = select_in(
        conn, table_of(Customer), "phone", ["id", "phone", "name"], {k[0] for k in wanted}
    )
    for id_, phone, name in sorted(rows):  # the oldest customer of a (phone, name) wins
        if (phone, name) in wanted:
            found.setdefault((phone, name), id_)
