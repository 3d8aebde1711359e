"""One migration history: a single head, reached by new databases and by databases at the old three heads."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from dbutil import PG_URL
from sqlalchemy import Engine, create_engine, func, select, text
from sqlmodel import Session, SQLModel

from clerk_tui.db import models
from clerk_tui.db.engine import make_engine
from clerk_tui.db.migrate import (
    alembic_config,
    current_heads,
    current_revision,
    head_revision,
    not_search_index,
    upgrade,
)

OLD_HEADS = ("0002", "0004", "0005")
"""Where databases stood before the merge revision: three feature branches off 0001."""


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def empty_engine(request, tmp_path) -> Iterator[Engine]:
    """An engine on an empty, unmigrated database: SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
        yield engine
        engine.dispose()
        return
    if not PG_URL:
        pytest.skip("CLERK_TEST_PG not set")
    from sqlalchemy.engine import make_url

    from clerk_tui.config import to_url

    base = make_url(to_url(PG_URL))
    name = f"clerk_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(base.set(database=name).render_as_string(hide_password=False))
    yield engine
    engine.dispose()
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_the_history_has_exactly_one_head():
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [head_revision()]
    assert len(script.get_bases()) == 1


def test_the_merge_revision_joins_the_old_heads():
    script = ScriptDirectory.from_config(alembic_config())
    assert set(script.get_revision(head_revision()).down_revision) >= set(OLD_HEADS)


def test_new_database_migrates_to_the_one_head(empty_engine):
    assert current_heads(empty_engine) == ()
    assert current_revision(empty_engine) is None
    assert upgrade(empty_engine) is True
    assert current_heads(empty_engine) == (head_revision(),)
    assert current_revision(empty_engine) == head_revision()
    assert upgrade(empty_engine) is False  # a second start migrates nothing


def _seed_old_database(engine: Engine) -> None:
    """Rows in the base tables and in each feature branch's table, as a user's database holds."""
    now = datetime(2026, 11, 20, 9, 30)
    with Session(engine) as s:
        outlet = models.Outlet(code="SH01", name="上海一店")
        s.add(outlet)
        s.flush()
        eng = models.Engineer(code="E01", name="王师傅", outlet_id=outlet.id)
        ticket = models.Ticket(
            ticket_no="T-0001",
            outlet_id=outlet.id,
            customer_name="张伟",
            created_at=now,
            business_date=date(2026, 11, 20),
        )
        s.add_all([eng, ticket])
        s.flush()
        flag = models.Flag(key="k1", business_date=date(2026, 11, 20), kind="forged_signature")
        s.add(flag)
        s.flush()
        s.add_all(
            [
                models.ValueAddFinding(
                    ticket_id=ticket.id,
                    tag="quality",
                    text="门封老化",
                    created_at=now,
                    business_date=date(2026, 11, 20),
                ),
                models.Violation(
                    flag_id=flag.id,
                    engineer_id=eng.id,
                    business_date=date(2026, 11, 20),
                    kind="forged_signature",
                    decided_at=now,
                ),
                models.CertificateFee(ticket_id=ticket.id, amount_fen=5000, recorded_at=now),
            ]
        )
        s.commit()


def test_database_at_the_old_three_heads_upgrades_and_keeps_its_data(empty_engine):
    cfg = alembic_config(empty_engine)
    for rev in OLD_HEADS:
        command.upgrade(cfg, rev)
    assert current_heads(empty_engine) == OLD_HEADS
    _seed_old_database(empty_engine)

    assert upgrade(empty_engine) is True

    assert current_heads(empty_engine) == (head_revision(),)
    assert current_revision(empty_engine) == head_revision()
    with Session(empty_engine) as s:
        for table in (
            models.Ticket,
            models.ValueAddFinding,
            models.Violation,
            models.CertificateFee,
        ):
            assert s.exec(select(func.count()).select_from(table)).one() == (1,)
        fee = s.exec(select(models.CertificateFee)).one()[0]
        assert fee.amount_fen == 5000
        assert s.get(models.Ticket, fee.ticket_id).customer_name == "张伟"


def test_the_models_match_the_migrated_schema(empty_engine):
    """Autogenerate finds nothing to do: the tables in models.py and the one history agree."""
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": not_search_index}
        )
        diff = compare_metadata(ctx, SQLModel.metadata)
    assert diff == []
