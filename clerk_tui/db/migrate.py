"""Run the Alembic migrations that own the schema; called on every start."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The schema's head revision(s), comma-joined in sorted order (feature branches may
    each start from the base revision; all of them are applied)."""
    from alembic.script import ScriptDirectory

    cfg = alembic_config(None)  # type: ignore[arg-type]
    return ",".join(sorted(ScriptDirectory.from_config(cfg).get_heads()))


def current_revision(engine: Engine) -> str:
    """The revision(s) the database is at, in the same form as head_revision()."""
    from sqlalchemy import text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return ""
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        return ",".join(sorted(r[0] for r in rows))


def upgrade(engine: Engine) -> bool:
    """Bring the schema to every head; returns True when something was migrated."""
    if current_revision(engine) == head_revision():
        return False
    from alembic import command

    command.upgrade(alembic_config(engine), "heads")
    return True
