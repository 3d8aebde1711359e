"""`clerk-tui import KIND FILE`: exit 0 clean, 1 with refused rows, 2 when the file cannot be read."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, func, select

from clerk_tui.cli import main
from clerk_tui.db.models import Ticket

HEADER = "ticket_no,customer_name,phone,purchase_date\n"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ticket_count(dbfile):
    engine = create_engine(f"sqlite:///{dbfile}")
    with engine.connect() as c:
        n = c.execute(select(func.count()).select_from(Ticket.__table__)).scalar_one()
    engine.dispose()
    return n


def one_sentence(err, *names):
    line = err.strip()
    assert "Traceback" not in err and "\n" not in line
    for name in names:
        assert name in line
    return line


def test_a_clean_file_exits_0(tmp_path, capsys):
    f = tmp_path / "t.csv"
    f.write_text(HEADER + "W001,王小明,13812345678,2023-05-01\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", str(tmp_path / "c.db"), "import", "tickets", str(f))
    assert code == 0 and "新增 1" in out and "Traceback" not in err
    assert ticket_count(tmp_path / "c.db") == 1


def test_refused_rows_exit_1_with_the_good_rows_in(tmp_path, capsys):
    f = tmp_path / "t.csv"
    f.write_text(HEADER + "W001,王小明,138,2023-05-01\nW002,李,139,2023-02-30\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", "tickets", str(f), "--db", str(tmp_path / "c.db"))
    assert code == 1
    assert (tmp_path / "t.csv.rejects.csv").exists() and "t.csv.rejects.csv" in out
    assert ticket_count(tmp_path / "c.db") == 1


def test_json_report(tmp_path, capsys):
    f = tmp_path / "t.csv"
    f.write_text(HEADER + "W001,王小明,138,2023-05-01\n,李,139,\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "--json", "--db", str(tmp_path / "c.db"), "import", "tickets", str(f)
    )
    report = json.loads(out)
    assert code == 1
    assert (report["kind"], report["inserted"], report["rejected"]) == (
        "tickets",
        1,
        [{"row": 3, "field": "ticket_no", "reason": report["rejected"][0]["reason"]}],
    )
    assert report["rejects_path"].endswith("t.csv.rejects.csv")


def test_english_summary(tmp_path, capsys):
    f = tmp_path / "t.csv"
    f.write_text(HEADER + "W001,Wang,138,\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "--lang", "en", "--db", str(tmp_path / "c.db"), "import", "tickets", str(f)
    )
    assert code == 0 and "1 inserted" in out


@pytest.mark.parametrize(
    "name, content, expect",
    [
        ("missing.csv", None, "missing.csv"),
        ("empty.csv", b"", "empty.csv"),
        ("latin.csv", HEADER.encode() + "W1,M\xfcller\xff,1,\n".encode("latin-1"), "UTF-8"),
        ("misspelt.csv", b"tiket_no,phone\nW1,1\n", "ticket_no"),
        ("notes.txt", HEADER.encode(), ".txt"),
    ],
)
def test_unreadable_input_exits_2_with_one_sentence_and_writes_nothing(
    tmp_path, capsys, name, content, expect
):
    f = tmp_path / name
    if content is not None:
        f.write_bytes(content)
    code, out, err = run(capsys, "--db", str(tmp_path / "c.db"), "import", "tickets", str(f))
    assert code == 2 and out == ""
    one_sentence(err, name, expect)
    assert ticket_count(tmp_path / "c.db") == 0


def test_header_only_exits_0_with_a_warning(tmp_path, capsys):
    f = tmp_path / "t.csv"
    f.write_text(HEADER, encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "c.db"), "import", "tickets", str(f))
    assert code == 0 and "没有数据行" in err


def test_each_kind_is_accepted_on_the_command_line(tmp_path, capsys):
    files = {
        "products": "model,category\nM1,冰箱\n",
        "fees": "code,amount,effective_from\nF01,30,2024-01-01\n",
        "engineers": "engineer_id,name\nE07,李师傅\n",
        "tickets": "ticket_no\nW001\n",
        "cards": "ticket_no,engineer_id\nW001,E07\n",
        "slips": "ticket_no,parts\nW001,排水泵\n",
        "callbacks": "ticket_no,called_at,reached\nW001,2024-03-06 10:00,Y\n",
    }
    for kind, body in files.items():
        f = tmp_path / f"{kind}.csv"
        f.write_text(body, encoding="utf-8")
        code, _, err = run(capsys, "--db", str(tmp_path / "c.db"), "import", kind, str(f))
        assert code == 0, (kind, err)
