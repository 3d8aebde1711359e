"""Bulk statements for the importers: plain-tuple executemany and one-parameter IN lookups.

SQLAlchemy's per-row parameter processing and expanding IN lists cost more than
SQLite's own work at import sizes (50,000 tickets: ~1 s of 3); these helpers keep
the column types' own bind processors but skip the rest. Both SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from itertools import repeat

from sqlalchemy import Connection, Table


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict]) -> list[int] | None:
    """INSERT every dict of `rows` (all with the same keys) in one executemany.

    Returns the new ids in row order where they are certain (SQLite, which gives each
    new row max(id)+1 under the write lock we hold), else None: look them up.
    """
    if not rows:
        return []
    cols = list(rows[0])
    last = _max_id(conn, table)
    insert_tuples(conn, table, cols, [[r[c] for c in cols] for r in rows])
    if last is None:
        return None
    now = _max_id(conn, table)
    return list(range(last + 1, now + 1)) if now is not None and now - last == len(rows) else None


def _max_id(conn: Connection, table: Table) -> int | None:
    if conn.dialect.name != "sqlite":
        return None
    q = conn.dialect.identifier_preparer
    return conn.exec_driver_sql(
        f"SELECT coalesce(max(id), 0) FROM {q.format_table(table)}"
    ).scalar()


def insert_tuples(
    conn: Connection,
    table: Table,
    cols: Sequence[str],
    rows: Sequence[Sequence],
    constants: Mapping[str, object] | None = None,
) -> None:
    """INSERT `rows` (values in `cols` order) in one executemany.

    `constants` are columns with the same value in every row, converted once and appended.
    """
    if not rows:
        return
    dialect = conn.dialect
    fixed = dict(constants or {})
    all_cols = [*cols, *fixed]
    q = dialect.identifier_preparer
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {q.format_table(table)} ({', '.join(q.quote(c) for c in all_cols)}) "
        f"VALUES ({', '.join([mark] * len(all_cols))})"
    )
    # Column by column, so that map() and zip() do the per-value work in C.
    columns: list = list(zip(*rows, strict=True))
    for i, c in enumerate(cols):
        p = _processor(table, c, dialect)
        if p is not None:
            col = columns[i]
            columns[i] = (
                [p(v) if v is not None else None for v in col] if None in col else list(map(p, col))
            )
    for c, v in fixed.items():
        p = _processor(table, c, dialect)
        columns.append(repeat(p(v) if p is not None and v is not None else v, len(rows)))
    data = list(zip(*columns, strict=True))
    # Straight to the driver's executemany, inside the connection's open transaction.
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, data)
    finally:
        cursor.close()


_SAMPLE = datetime(2024, 3, 5, 9, 30, 7, 12)
_iso_datetime = operator.methodcaller("isoformat", " ", "microseconds")


def _processor(table: Table, col: str, dialect) -> Callable | None:
    """The column type's bind processor; for SQLite dates and times a C-speed twin when equal."""
    proc = table.c[col].type.dialect_impl(dialect).bind_processor(dialect)
    if proc is None or dialect.name != "sqlite":
        return proc
    for sample, fast in (
        (_SAMPLE, _iso_datetime),
        (_SAMPLE.date(), date.isoformat),
    ):
        try:
            same = proc(sample) == fast(sample)
        except (TypeError, ValueError, AttributeError):
            continue
        if same and type(sample) is _python_type(table, col):
            return fast
    return proc


def _python_type(table: Table, col: str) -> type | None:
    try:
        return table.c[col].type.python_type
    except NotImplementedError:
        return None


def select_in(
    conn: Connection, table: Table, key: str, columns: Sequence[str], values: Iterable[str]
) -> list[tuple]:
    """Rows (`columns`) of `table` whose text column `key` is one of `values`, in one parameter."""
    values = list(values)
    if not values:
        return []
    q = conn.dialect.identifier_preparer
    cols = ", ".join(q.quote(c) for c in columns)
    head = f"SELECT {cols} FROM {q.format_table(table)} WHERE {q.quote(key)}"
    param: str | list[str]
    if conn.dialect.name == "sqlite":
        sql, param = (
            f"{head} IN (SELECT value FROM json_each(?))",
            json.dumps(values, ensure_ascii=False),
        )
    else:
        sql, param = f"{head} = ANY(%s)", values
    return [tuple(r) for r in conn.exec_driver_sql(sql, (param,))]
