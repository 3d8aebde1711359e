"""Engineers kept by the supervisor: add, edit with a collision check, deactivate, leave days; all audited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlmodel import select

from clerk_tui.db.models import Appointment, AuditEntry, Engineer, EngineerLeave, Ticket
from clerk_tui.services.admin.engineer_form import EngineerForm, check_engineer, form_of, parse_time
from clerk_tui.services.admin.engineers import (
    add_engineer,
    add_leave,
    form_choices,
    leave_between,
    list_engineers,
    remove_leave,
    set_engineer_active,
    update_engineer,
)
from clerk_tui.services.admin.users import AdminError
from clerk_tui.services.audit import verify
from clerk_tui.services.auth.passwords import CurrentUser, create_user
from clerk_tui.services.reference import ensure_reference

# First-run reference data (catalog, fee standard) is imported and audited too.
_NOT_IMPORT = ~AuditEntry.action.startswith("import.")

TODAY = date(2025, 3, 14)
FORM = EngineerForm(
    code="E100",
    name="钱师傅",
    phone="138 1234 5678",
    skills=("空调", "冰箱"),
    work_start="8:30",
    work_end="17:30",
    base_district="市南区",
    certificate_no="HRFW-1",
)


@pytest.fixture
def boss(db) -> CurrentUser:
    ensure_reference(db)
    return create_user(db, username="boss", password="secret1", role="supervisor")


def _audit(db) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.exec(select(AuditEntry).where(_NOT_IMPORT).order_by(AuditEntry.id)))


def _row(db, code: str):
    return next(r for r in list_engineers(db, today=TODAY) if r.code == code)


def test_added_engineer_is_stored_normalised_and_audited(db, boss):
    eid = add_engineer(db, boss, FORM)
    with db.read() as s:
        e = s.get(Engineer, eid)
    assert (e.code, e.name, e.phone, e.skills) == ("E100", "钱师傅", "13812345678", "冰箱|空调")
    assert (e.work_start, e.work_end, e.base_district, e.active) == (
        "08:30",
        "17:30",
        "市南区",
        True,
    )
    assert e.daily_capacity is None
    [entry] = _audit(db)
    assert (entry.user, entry.action, entry.entity_id) == ("boss", "engineer_add", "E100")
    assert verify(db).ok


def test_a_taken_code_is_refused_at_the_code_field(db, boss):
    add_engineer(db, boss, FORM)
    with pytest.raises(AdminError) as err:
        add_engineer(db, boss, replace(FORM, name="另一个"))
    assert err.value.field == "code"
    assert "E100" in str(err.value)


def test_form_choices_come_from_the_catalog_and_the_travel_table(db, boss):
    categories, districts = form_choices(db)
    assert {"空调", "冰箱", "洗衣机"} <= set(categories)
    assert {"市南区", "李沧区"} <= set(districts)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"work_start": "25:00"}, "work_start"),
        ({"work_end": "08:00"}, "work_end"),
        ({"work_end": "08:30"}, "work_end"),
        ({"name": "   "}, "name"),
        ({"phone": "12345"}, "phone"),
        ({"skills": ()}, "skills"),
        ({"skills": ("飞机",)}, "skills"),
        ({"base_district": "火星区"}, "base_district"),
        ({"daily_capacity": "0"}, "daily_capacity"),
        ({"daily_capacity": "八"}, "daily_capacity"),
        ({"code": "E 1"}, "code"),
    ],
)
def test_bad_input_is_named_at_its_field(change, field):
    check = check_engineer(replace(FORM, **change), ["空调", "冰箱"], ["市南区"])
    assert list(check.errors) == [field]
    assert check.values == {}


def test_times_of_day_are_read_leniently_but_not_past_midnight():
    assert parse_time("8:05") == "08:05"
    assert parse_time(" 23:59 ") == "23:59"
    assert parse_time("24:00") is None
    assert parse_time("12:60") is None
    assert parse_time("0830") is None


def test_a_markup_name_is_stored_as_typed(db, boss):
    eid = add_engineer(db, boss, replace(FORM, name="[red]x[/]"))
    with db.read() as s:
        assert s.get(Engineer, eid).name == "[red]x[/]"


def test_edit_changes_hours_and_keeps_an_audit_trail(db, boss):
    eid = add_engineer(db, boss, FORM)
    row = _row(db, "E100")
    update_engineer(
        db,
        boss,
        eid,
        row.values,
        replace(form_of(row.values), work_start="09:00", work_end="18:00", daily_capacity="5"),
    )
    with db.read() as s:
        e = s.get(Engineer, eid)
    assert (e.work_start, e.work_end, e.daily_capacity) == ("09:00", "18:00", 5)
    entry = _audit(db)[-1]
    assert entry.action == "engineer_edit"
    assert '"work_start": "08:30"' in entry.before and '"work_start": "09:00"' in entry.after


def test_an_edit_over_someone_elses_save_is_refused_and_changes_nothing(db, boss):
    eid = add_engineer(db, boss, FORM)
    seen = _row(db, "E100").values
    update_engineer(db, boss, eid, seen, replace(form_of(seen), phone="13900001111"))
    with pytest.raises(AdminError) as err:
        update_engineer(db, boss, eid, seen, replace(form_of(seen), work_end="19:00"))
    assert "电话" in str(err.value)
    with db.read() as s:
        e = s.get(Engineer, eid)
    assert (e.phone, e.work_end) == ("13900001111", "17:30")
    assert [a.action for a in _audit(db)] == ["engineer_add", "engineer_edit"]


def test_an_edit_that_changes_nothing_writes_no_audit_entry(db, boss):
    eid = add_engineer(db, boss, FORM)
    seen = _row(db, "E100").values
    update_engineer(db, boss, eid, seen, form_of(seen))
    assert [a.action for a in _audit(db)] == ["engineer_add"]


def test_deactivate_and_reactivate(db, boss):
    eid = add_engineer(db, boss, FORM)
    set_engineer_active(db, boss, eid, False)
    assert _row(db, "E100").active is False
    set_engineer_active(db, boss, eid, False)  # already inactive: nothing to record
    set_engineer_active(db, boss, eid, True)
    assert _row(db, "E100").active is True
    assert [a.action for a in _audit(db)] == [
        "engineer_add",
        "engineer_deactivate",
        "engineer_activate",
    ]


def test_leave_for_a_range_skips_days_already_off_and_counts_visits_to_move(db, boss):
    eid = add_engineer(db, boss, FORM)
    with db.session() as s:
        tk = Ticket(
            ticket_no="T1",
            customer_name="王芳",
            created_at=datetime(2025, 3, 14, 9),
            business_date=TODAY,
        )
        s.add(tk)
        s.flush()
        s.add(
            Appointment(
                ticket_id=tk.id,
                engineer_id=eid,
                start=datetime(2025, 3, 16, 10),
                end=datetime(2025, 3, 16, 11),
            )
        )
        s.add(
            Appointment(
                ticket_id=tk.id,
                engineer_id=eid,
                start=datetime(2025, 3, 20, 10),
                end=datetime(2025, 3, 20, 11),
            )
        )
    first = add_leave(db, boss, eid, date(2025, 3, 15), date(2025, 3, 15), "病假")
    assert first.changed == (date(2025, 3, 15),)
    result = add_leave(db, boss, eid, date(2025, 3, 15), date(2025, 3, 17), "年假")
    assert result.changed == (date(2025, 3, 16), date(2025, 3, 17))
    assert result.unchanged == (date(2025, 3, 15),)
    assert result.visits == 1
    assert leave_between(db, eid, TODAY, date(2025, 3, 31)) == [
        (date(2025, 3, 15), "病假"),
        (date(2025, 3, 16), "年假"),
        (date(2025, 3, 17), "年假"),
    ]
    assert _row(db, "E100").leave_days == (date(2025, 3, 15), date(2025, 3, 16), date(2025, 3, 17))


def test_removing_leave_deletes_only_that_range(db, boss):
    eid = add_engineer(db, boss, FORM)
    add_leave(db, boss, eid, date(2025, 3, 15), date(2025, 3, 18), "年假")
    result = remove_leave(db, boss, eid, date(2025, 3, 16), date(2025, 3, 17))
    assert result.changed == (date(2025, 3, 16), date(2025, 3, 17))
    assert [d for d, _ in leave_between(db, eid, TODAY, date(2025, 4, 30))] == [
        date(2025, 3, 15),
        date(2025, 3, 18),
    ]
    nothing = remove_leave(db, boss, eid, date(2025, 4, 1), date(2025, 4, 2))
    assert nothing.changed == ()
    assert [a.action for a in _audit(db)] == ["engineer_add", "leave_add", "leave_remove"]
    assert verify(db).ok


def test_leave_ranges_backwards_or_too_long_are_refused(db, boss):
    eid = add_engineer(db, boss, FORM)
    with pytest.raises(AdminError):
        add_leave(db, boss, eid, date(2025, 3, 18), date(2025, 3, 15), "")
    with pytest.raises(AdminError):
        add_leave(db, boss, eid, date(2025, 3, 1), date(2025, 6, 1), "")
    with db.read() as s:
        assert s.exec(select(EngineerLeave)).all() == []


def test_a_clerk_cannot_change_engineers(db, boss):
    clerk = create_user(db, username="li", password="secret1", role="clerk")
    with pytest.raises(AdminError):
        add_engineer(db, clerk, FORM)
    assert list_engineers(db, today=TODAY) == []
