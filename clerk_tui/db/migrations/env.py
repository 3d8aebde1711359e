"""Alembic environment: the engine comes from the caller (clerk_tui.db.migrate)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from clerk_tui.db import models  # noqa: F401  (registers every table)
from clerk_tui.db.migrate import not_search_index

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from clerk_tui.config import to_url
        from clerk_tui.db.engine import make_engine

        engine = make_engine(config.get_main_option("sqlalchemy.url") or to_url(None))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_name=not_search_index,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
