"""The command line: global options anywhere, clear usage errors, --db/CLERK_DB resolution."""

from __future__ import annotations

import pytest

from clerk_tui.cli import UsageError, main, split_globals
from clerk_tui.config import to_url


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "x.db", "import", "tickets", "t.csv"],
        ["import", "tickets", "t.csv", "--db", "x.db"],
        ["import", "--db=x.db", "tickets", "t.csv"],
    ],
)
def test_db_option_may_stand_before_or_after_the_command(argv):
    found, rest = split_globals(argv)
    assert found["db"] == "x.db"
    assert rest == ["import", "tickets", "t.csv"]


def test_json_and_lang_are_pulled_out_anywhere():
    found, rest = split_globals(["bench", "--json", "--tickets", "10", "--lang", "en"])
    assert found["json"] is True
    assert found["lang"] == "en"
    assert rest == ["bench", "--tickets", "10"]


def test_db_without_value_is_a_usage_error():
    with pytest.raises(UsageError):
        split_globals(["import", "tickets", "t.csv", "--db"])


def test_unknown_import_kind_exits_2_with_one_sentence(capsys):
    assert main(["import", "widgets", "w.csv", "--db", "/tmp/never-created.db"]) == 2
    err = capsys.readouterr().err
    assert "widgets" in err
    assert "Traceback" not in err


def test_clerk_db_environment_names_the_database(monkeypatch, tmp_path):
    monkeypatch.setenv("CLERK_DB", str(tmp_path / "env.db"))
    assert to_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert to_url(str(tmp_path / "flag.db")) == f"sqlite:///{tmp_path / 'flag.db'}"


def test_postgres_urls_use_psycopg():
    assert to_url("postgresql://u@h/db").startswith("postgresql+psycopg://")


def test_help_names_the_options_taken_anywhere(capsys):
    import pytest

    from clerk_tui.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps the lines
    assert done.value.code == 0
    assert "--db PATH|URL" in out and "--lang zh|en" in out and "--json" in out
