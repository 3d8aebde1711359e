"""Users kept by the supervisor: add, deactivate (never oneself or the last supervisor), reset a password."""

from __future__ import annotations

import pytest
from sqlmodel import select

from clerk_tui.db.models import AuditEntry
from clerk_tui.services.admin.users import (
    AdminError,
    add_user,
    list_users,
    reset_password,
    set_user_active,
)
from clerk_tui.services.audit import verify
from clerk_tui.services.auth.passwords import AuthError, authenticate, create_user

# First-run reference data (catalog, fee standard) is imported and audited too.
_NOT_IMPORT = ~AuditEntry.action.startswith("import.")


@pytest.fixture
def boss(db):
    return create_user(db, username="boss", password="secret1", role="supervisor")


def _actions(db) -> list[str]:
    with db.read() as s:
        return [
            a.action for a in s.exec(select(AuditEntry).where(_NOT_IMPORT).order_by(AuditEntry.id))
        ]


def test_a_new_clerk_can_log_in_and_the_addition_is_audited(db, boss):
    add_user(db, boss, username="wang", display_name="王信息员", role="clerk", password="pass123")
    user = authenticate(db, "wang", "pass123")
    assert (user.role, user.display_name) == ("clerk", "王信息员")
    with db.read() as s:
        entry = s.exec(select(AuditEntry).where(_NOT_IMPORT)).one()
    assert (entry.user, entry.action) == ("boss", "user_add")
    assert "pass123" not in entry.after and "argon2" not in entry.after


@pytest.mark.parametrize(
    ("username", "role", "password", "field"),
    [
        ("", "clerk", "pass123", "username"),
        ("boss", "clerk", "pass123", "username"),
        ("wang", "clerk", "12345", "password"),
        ("wang", "center", "pass123", "role"),
    ],
)
def test_bad_new_users_are_refused_at_their_field(db, boss, username, role, password, field):
    with pytest.raises(AdminError) as err:
        add_user(db, boss, username=username, display_name="", role=role, password=password)
    assert err.value.field == field
    assert [u.username for u in list_users(db)] == ["boss"]
    assert _actions(db) == []


def test_a_deactivated_user_cannot_log_in_until_reactivated(db, boss):
    uid = add_user(db, boss, username="wang", display_name="", role="clerk", password="pass123")
    set_user_active(db, boss, uid, False)
    with pytest.raises(AuthError):
        authenticate(db, "wang", "pass123")
    assert [(u.username, u.active) for u in list_users(db)] == [("boss", True), ("wang", False)]
    set_user_active(db, boss, uid, True)
    assert authenticate(db, "wang", "pass123").username == "wang"
    assert _actions(db) == ["user_add", "user_deactivate", "user_activate"]


def test_nobody_deactivates_themselves_but_may_deactivate_another_supervisor(db, boss):
    with pytest.raises(AdminError):
        set_user_active(db, boss, boss.id, False)
    other = create_user(db, username="boss2", password="secret2", role="supervisor")
    set_user_active(db, other, boss.id, False)
    assert [(u.username, u.active) for u in list_users(db)] == [("boss2", True), ("boss", False)]


def test_a_reset_password_replaces_the_old_one(db, boss):
    uid = add_user(db, boss, username="wang", display_name="", role="clerk", password="pass123")
    with pytest.raises(AdminError):
        reset_password(db, boss, uid, "123")
    reset_password(db, boss, uid, "newpass9")
    with pytest.raises(AuthError):
        authenticate(db, "wang", "pass123")
    assert authenticate(db, "wang", "newpass9").username == "wang"
    assert _actions(db) == ["user_add", "user_password_reset"]
    assert verify(db).ok


def test_a_clerk_cannot_manage_users(db, boss):
    clerk = create_user(db, username="li", password="secret1", role="clerk")
    with pytest.raises(AdminError):
        add_user(db, clerk, username="x", display_name="", role="clerk", password="pass123")
    with pytest.raises(AdminError):
        set_user_active(db, clerk, boss.id, False)
    with pytest.raises(AdminError):
        reset_password(db, clerk, boss.id, "hacked1")
    assert authenticate(db, "boss", "secret1").is_supervisor


def test_a_supervisor_deactivated_meanwhile_can_change_nothing(db, boss):
    other = create_user(db, username="boss2", password="secret2", role="supervisor")
    set_user_active(db, other, boss.id, False)
    with pytest.raises(AdminError):
        add_user(db, boss, username="x1", display_name="", role="clerk", password="pass123")
    assert [u.username for u in list_users(db)] == ["boss2", "boss"]
