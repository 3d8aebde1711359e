"""Users kept by the supervisor (用户管理): list, add a clerk or supervisor, deactivate, reset a password.

Every change is one transaction with its audit entry. Only a supervisor may make
them (checked again inside each write), and nobody can deactivate themselves, so
an active supervisor always remains.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from clerk_tui.db.models import User
from clerk_tui.i18n import t
from clerk_tui.i18n.labels import AUTH_ERROR, label
from clerk_tui.services import audit
from clerk_tui.services.auth.passwords import AuthError, CurrentUser, hash_password, insert_user
from clerk_tui.services.database import Database

ADMIN_ROLES = ("clerk", "supervisor")
"""Roles a supervisor may give (center accounts are made at the center)."""
AUTH_FIELD = {
    "username_empty": "username",
    "username_taken": "username",
    "password_short": "password",
    "role_unknown": "role",
}


class AdminError(ValueError):
    """A change the admin screen asked for is refused; `str()` is the sentence, `field` its field."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def require_supervisor(actor: CurrentUser | None) -> str:
    """The actor's username for the audit log; AdminError unless a supervisor is logged in."""
    if actor is None or not actor.is_supervisor:
        raise AdminError(t("ad.err.not_supervisor"))
    return actor.username


def confirm_supervisor(s, actor: CurrentUser) -> None:
    """Inside the write: the actor is still an active supervisor (not deactivated meanwhile)."""
    row = s.get(User, actor.id)
    if row is None or not row.active or row.role != "supervisor":
        raise AdminError(t("ad.err.not_supervisor"))


@dataclass(frozen=True)
class UserRow:
    """One user as the admin list shows it (never the password hash)."""

    id: int
    username: str
    display_name: str
    role: str
    active: bool
    created_at: datetime | None


def list_users(db: Database) -> list[UserRow]:
    """Every user, active ones first, then by username."""
    q = select(User).order_by(User.active.desc(), User.username)  # type: ignore[attr-defined]
    with db.read() as s:
        return [
            UserRow(u.id or 0, u.username, u.display_name, u.role, u.active, u.created_at)
            for u in s.exec(q)
        ]


def _snapshot(user: User) -> dict:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "active": user.active,
    }


def add_user(
    db: Database,
    actor: CurrentUser,
    *,
    username: str,
    display_name: str,
    role: str,
    password: str,
    outlet_id: int | None = None,
) -> int:
    """Create a clerk or supervisor with its audit entry; the new user's id."""
    who = require_supervisor(actor)
    if role not in ADMIN_ROLES:
        raise AdminError(t("ui.auth.role_unknown"), "role")
    with db.session() as s:
        confirm_supervisor(s, actor)
        try:
            user = insert_user(
                s,
                username=username,
                password=password,
                role=role,
                display_name=display_name,
                outlet_id=outlet_id if outlet_id is not None else actor.outlet_id,
            )
        except AuthError as exc:
            raise AdminError(label(AUTH_ERROR, str(exc)), AUTH_FIELD.get(str(exc), "")) from None
        audit.record(
            s, user=who, action="user_add", entity="user", entity_id=user.id, after=_snapshot(user)
        )
        assert user.id is not None
        return user.id


def _get(s, user_id: int) -> User:
    user = s.get(User, user_id)
    if user is None:
        raise AdminError(t("ad.err.user_gone"))
    return user


def set_user_active(db: Database, actor: CurrentUser, user_id: int, active: bool) -> None:
    """Deactivate (or reactivate) a user, never oneself (so an active supervisor always remains)."""
    who = require_supervisor(actor)
    with db.session() as s:
        confirm_supervisor(s, actor)
        user = _get(s, user_id)
        if user.active == active:
            return
        if not active and user.id == actor.id:
            raise AdminError(t("ad.err.self_deactivate"))
        before = _snapshot(user)
        user.active = active
        s.add(user)
        s.flush()
        audit.record(
            s,
            user=who,
            action="user_activate" if active else "user_deactivate",
            entity="user",
            entity_id=user.id,
            before=before,
            after=_snapshot(user),
        )


def reset_password(db: Database, actor: CurrentUser, user_id: int, password: str) -> None:
    """Give a user a new password (the audit entry says that it was reset, never the password)."""
    who = require_supervisor(actor)
    if len(password) < 6:
        raise AdminError(t("ui.auth.password_short"), "password")
    with db.session() as s:
        confirm_supervisor(s, actor)
        user = _get(s, user_id)
        user.password_hash = hash_password(password)
        s.add(user)
        s.flush()
        audit.record(
            s,
            user=who,
            action="user_password_reset",
            entity="user",
            entity_id=user.id,
            after={"username": user.username, "password": "reset"},
        )
