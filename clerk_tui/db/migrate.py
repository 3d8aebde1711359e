"""Run the Alembic migrations that own the schema; called on every start."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:  # Alembic loads only when a database is opened
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic's configuration for our script directory; env.py migrates `engine`."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def not_search_index(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic include_name hook: leave out the ticket search index, which the models don't describe.

    Revision 0001 creates it by hand: the FTS5 table ticket_fts (and its shadow tables
    ticket_fts_*) on SQLite, the pg_trgm indexes ix_ticket_*_trgm on PostgreSQL.
    """
    if name is None:
        return True
    if type_ == "table":
        return not (name == "ticket_fts" or name.startswith("ticket_fts_"))
    if type_ == "index":
        return not (name.startswith("ix_ticket_") and name.endswith("_trgm"))
    return True


def head_revision() -> str:
    """The schema's one head revision (Alembic raises if the history ever forks again)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations directory has no revisions"
    return head


def current_heads(engine: Engine) -> tuple[str, ...]:
    """The revisions stamped in the database, sorted: () before the first migration.

    A database from before the merge revision 0006 stands at several heads at once.
    """
    from alembic.runtime.migration import MigrationContext

    from clerk_tui.db.engine import read_engine

    with read_engine(engine).connect() as conn:
        return tuple(sorted(MigrationContext.configure(conn).get_current_heads()))


def current_revision(engine: Engine) -> str | None:
    """The one revision the database is at, None before the first migration.

    Raises (Alembic's CommandError) for a database still at several heads; use current_heads().
    """
    from alembic.runtime.migration import MigrationContext

    from clerk_tui.db.engine import read_engine

    with read_engine(engine).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> bool:
    """Bring the schema to the head; returns True when something was migrated."""
    if current_heads(engine) == (head_revision(),):
        return False
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
    return True
