"""The audit log: appended with the change, hash-chained, and verification names the first bad entry."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text
from sqlmodel import select

from clerk_tui.db.models import BusinessDay, Outlet
from clerk_tui.services import audit
from clerk_tui.services.daylock import DayLocked, ensure_day_open


def _three_entries(db):
    for i in range(3):
        with db.session() as s:
            audit.record(
                s,
                user="xinxi1",
                action="ticket.fix",
                entity="ticket",
                entity_id=i,
                before={"phone": "138"},
                after={"phone": f"1380000000{i}"},
                at=datetime(2026, 11, 22, 9, i),
            )


def test_intact_chain_verifies(db):
    _three_entries(db)
    result = audit.verify(db)
    assert result.ok and result.checked == 3


def test_edited_entry_is_named(db):
    _three_entries(db)
    with db.session() as s:
        second = s.execute(text("SELECT id FROM auditentry ORDER BY id LIMIT 1 OFFSET 1")).scalar()
        s.execute(
            text("UPDATE auditentry SET after = :a WHERE id = :i"),
            {"a": '{"phone": "x"}', "i": second},
        )
    result = audit.verify(db)
    assert not result.ok and result.broken_id == second and result.reason == "edited"


def test_deleted_entry_in_the_middle_is_named(db):
    _three_entries(db)
    with db.session() as s:
        ids = [r[0] for r in s.execute(text("SELECT id FROM auditentry ORDER BY id"))]
        s.execute(text("DELETE FROM auditentry WHERE id = :i"), {"i": ids[1]})
    result = audit.verify(db)
    assert not result.ok and result.broken_id == ids[2] and result.reason == "deleted_before"


def test_deleted_last_entry_is_noticed(db):
    _three_entries(db)
    with db.session() as s:
        last = s.execute(text("SELECT max(id) FROM auditentry")).scalar()
        s.execute(text("DELETE FROM auditentry WHERE id = :i"), {"i": last})
    result = audit.verify(db)
    assert not result.ok and result.reason == "deleted_at_end"


def test_entry_rolls_back_with_the_change(db):
    with pytest.raises(RuntimeError), db.session() as s:
        audit.record(s, user="u", action="a", entity="e")
        raise RuntimeError("the change failed")
    assert audit.verify(db).checked == 0


def test_signed_off_day_refuses_edits(db):
    with db.session() as s:
        outlet = Outlet(code="QD-1", name="网点")
        s.add(outlet)
        s.flush()
        s.add(BusinessDay(outlet_id=outlet.id, day=date(2026, 11, 21), state="signed_off"))
        oid = outlet.id
    with db.session() as s:
        ensure_day_open(s, outlet_id=oid, day=date(2026, 11, 22))
        with pytest.raises(DayLocked) as err:
            ensure_day_open(s, outlet_id=oid, day=date(2026, 11, 21))
    assert "2026-11-21" in str(err.value)


def test_audit_verify_command_exit_codes(tmp_path, capsys):
    from clerk_tui.cli import main
    from clerk_tui.services.database import open_database

    path = tmp_path / "a.db"
    db = open_database(f"sqlite:///{path}")
    _three_entries(db)
    assert main(["audit", "verify", "--db", str(path)]) == 0
    with db.session() as s:
        s.execute(
            text(
                "UPDATE auditentry SET user = 'someone' WHERE id = (SELECT min(id) FROM auditentry)"
            )
        )
    db.dispose()
    assert main(["--db", str(path), "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "1" in err and "Traceback" not in err


def test_an_import_that_changes_something_is_audited_once(db, tmp_path):
    from clerk_tui.db.models import AuditEntry
    from clerk_tui.io.imports.importer import import_file

    csv = tmp_path / "products.csv"
    csv.write_text("model,category\nXQG-TEST-1,洗衣机\n", encoding="utf-8")
    import_file(db, "products", csv)
    import_file(db, "products", csv)  # the same file again changes nothing
    with db.read() as s:
        entries = s.exec(select(AuditEntry).where(AuditEntry.action == "import.products")).all()
    assert len(entries) == 1
    assert '"inserted": 1' in entries[0].after and "products.csv" in entries[0].entity_id
    assert audit.verify(db).ok
