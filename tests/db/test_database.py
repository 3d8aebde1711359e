"""Opening the database: migrations on start, and one clear sentence when it can't be opened."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import inspect, text

from clerk_tui.cli import main
from clerk_tui.db.engine import DatabaseUnavailable
from clerk_tui.db.migrate import current_revision, head_revision
from clerk_tui.services.database import open_database


def test_new_database_is_migrated_to_head(db):
    assert current_revision(db.engine) == head_revision()
    names = set(inspect(db.engine).get_table_names())
    assert {"ticket", "supervisioncard", "warrantyslip", "flag", "auditentry", "user"} <= names


def test_sqlite_runs_in_wal_with_foreign_keys(sqlite_db):
    with sqlite_db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_reopening_does_not_migrate_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    open_database(url).dispose()
    db = open_database(url)
    assert current_revision(db.engine) == head_revision()
    db.dispose()


def test_file_that_is_not_a_database_gives_one_sentence(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(DatabaseUnavailable) as err:
        open_database(f"sqlite:///{bad}")
    assert str(bad) in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_file_is_named(tmp_path):
    path = tmp_path / "ro.db"
    open_database(f"sqlite:///{path}").dispose()
    path.chmod(0o444)
    with pytest.raises(DatabaseUnavailable) as err:
        open_database(f"sqlite:///{path}")
    assert str(path) in str(err.value)


def test_cli_names_the_file_without_a_traceback(tmp_path, capsys):
    bad = tmp_path / "x.db"
    bad.write_bytes(b"garbage" * 500)
    code = main(["--db", str(bad), "import", "products", str(tmp_path / "p.csv")])
    err = capsys.readouterr().err
    assert code == 2
    assert str(bad) in err
    assert "Traceback" not in err
