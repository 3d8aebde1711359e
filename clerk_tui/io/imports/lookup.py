"""Lookups the importers share: column lengths, outlets (find-or-create), engineers, policy."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import Connection, Table, insert, select
from sqlmodel import SQLModel

from clerk_tui.db.models import Engineer, Outlet, Setting
from clerk_tui.domain.policy import Policy

BATCH = 2000
DEFAULT_OUTLET = "DEFAULT"


def table_of(model: type[SQLModel]) -> Table:
    # SQLModel sets `__table__` on every `table=True` class, but does not declare it for mypy.
    return model.__table__  # type: ignore[attr-defined]


@functools.cache
def limits(model: type[SQLModel]) -> dict[str, int | None]:
    """Column name → VARCHAR length (None for unbounded TEXT) of a table."""
    return {c.name: getattr(c.type, "length", None) for c in table_of(model).columns}


def chunks(items: Sequence, size: int = BATCH) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def row_hash(kind: str, values: Iterable[object]) -> str:
    """sha256 of a normalised row (parsed values in FORMATS order): the whole-row key."""
    blob = json.dumps([kind, *values], ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def engineers_by_code(conn: Connection) -> dict[str, int]:
    e = table_of(Engineer)
    return {code: id_ for code, id_ in conn.execute(select(e.c.code, e.c.id))}


def load_policy(conn: Connection) -> Policy:
    s = table_of(Setting)
    raw = conn.execute(select(s.c.value).where(s.c.key == "policy")).scalar()
    if raw:
        try:
            return Policy.model_validate_json(raw)
        except ValueError:
            pass
    return Policy()


class Outlets:
    """Outlets by code, created on first mention; an empty code means the only outlet, or DEFAULT."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.table = table_of(Outlet)
        rows = conn.execute(select(self.table.c.code, self.table.c.id)).all()
        self.by_code: dict[str, int] = {code: id_ for code, id_ in rows}
        self.default_code = rows[0][0] if len(rows) == 1 else DEFAULT_OUTLET

    def id_for(self, code: str) -> int:
        code = code or self.default_code
        found = self.by_code.get(code)
        if found is None:
            stmt = insert(self.table).values(code=code, name=code).returning(self.table.c.id)
            found = self.conn.execute(stmt).scalar_one()
            self.by_code[code] = found
        return found
