"""`clerk-tui reconcile` and `clerk-tui report` on a database file: JSON as FORMATS says, reruns stable."""

from __future__ import annotations

import json

from eod_builders import DAY, build_outlet

from clerk_tui.cli import main
from clerk_tui.services.database import open_database


def _db(tmp_path, *codes):
    path = tmp_path / "eod.db"
    db = open_database(f"sqlite:///{path}")
    for n, code in enumerate(codes):
        build_outlet(db, code=code, prefix="ABCD"[n])
    db.dispose()
    return path


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_reconcile_json_has_the_formats_shape_and_a_rerun_is_identical(tmp_path, capsys):
    path = _db(tmp_path, "BJ01")
    argv = ("reconcile", "--date", DAY.isoformat(), "--at", f"{DAY} 21:00", "--db", str(path),
            "--json")  # fmt: skip
    code, out, _ = _run(capsys, *argv)
    assert code == 0
    first = json.loads(out)
    assert set(first) >= {"date", "outlet", "summary", "engineers", "flags"}
    assert set(first["engineers"][0]) >= {"engineer_id", "tickets", "cards_returned", "satisfied",
                                          "flags"}  # fmt: skip
    assert set(first["flags"][0]) >= {"ticket_no", "engineer_id", "kind", "severity", "evidence",
                                      "status"}  # fmt: skip
    assert {"engineer_signed", "missing_card"} <= {f["kind"] for f in first["flags"]}
    code, out, _ = _run(capsys, *argv)
    assert json.loads(out) == first


def test_without_outlet_every_outlet_is_reconciled_as_a_list(tmp_path, capsys):
    path = _db(tmp_path, "BJ01", "BJ02")
    code, out, _ = _run(capsys, "reconcile", "--date", DAY.isoformat(), "--db", str(path), "--json")
    assert code == 0
    assert [d["outlet"] for d in json.loads(out)] == ["BJ01", "BJ02"]


def test_report_command_writes_each_format_and_refuses_bad_usage(tmp_path, capsys):
    path = _db(tmp_path, "BJ01")
    for suffix in ("xlsx", "csv", "json"):
        out_file = tmp_path / f"day.{suffix}"
        code, out, _ = _run(capsys, "report", "--date", DAY.isoformat(), "--out", str(out_file),
                            "--db", str(path))  # fmt: skip
        assert code == 0 and out_file.exists() and str(out_file) in out
    code, _, err = _run(capsys, "report", "--date", DAY.isoformat(), "--out",
                        str(tmp_path / "day.txt"), "--db", str(path))  # fmt: skip
    assert code == 2 and ".txt" in err and not (tmp_path / "day.txt").exists()
    (tmp_path / "two").mkdir()
    two = _db(tmp_path / "two", "BJ01", "BJ02")
    code, _, err = _run(capsys, "report", "--date", DAY.isoformat(), "--out",
                        str(tmp_path / "x.json"), "--db", str(two))  # fmt: skip
    assert code == 2 and "--outlet" in err
