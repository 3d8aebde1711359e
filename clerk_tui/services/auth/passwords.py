"""Users and passwords: argon2 hashes, roles clerk/supervisor/center, first-run supervisor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, func, select

from clerk_tui.db.models import User
from clerk_tui.services.database import Database

ROLES = ("clerk", "supervisor", "center")
_hasher = PasswordHasher()


class AuthError(ValueError):
    """A user cannot be created or cannot log in; the message is for the screen."""


@dataclass(frozen=True)
class CurrentUser:
    """Who is logged in, handed to the UI (no Session, no ORM object)."""

    id: int
    username: str
    display_name: str
    role: str
    outlet_id: int | None

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


def _current(user: User) -> CurrentUser:
    assert user.id is not None
    return CurrentUser(
        user.id, user.username, user.display_name or user.username, user.role, user.outlet_id
    )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def has_users(db: Database) -> bool:
    """False on a first run: the app then asks for the supervisor account."""
    with db.read() as s:
        return (s.exec(select(func.count()).select_from(User)).one() or 0) > 0


def create_user(
    db: Database,
    *,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    outlet_id: int | None = None,
) -> CurrentUser:
    """Create a user; refuses an empty or taken username, a short password, an unknown role."""
    with db.session() as s:
        user = insert_user(
            s,
            username=username,
            password=password,
            role=role,
            display_name=display_name,
            outlet_id=outlet_id,
        )
        return _current(user)


def insert_user(
    s: Session,
    *,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    outlet_id: int | None = None,
) -> User:
    """`create_user` inside the caller's transaction (so an audit entry can land with it)."""
    username = username.strip()
    if not username:
        raise AuthError("username_empty")
    if len(password) < 6:
        raise AuthError("password_short")
    if role not in ROLES:
        raise AuthError("role_unknown")
    if s.exec(select(User).where(User.username == username)).first():
        raise AuthError("username_taken")
    user = User(
        username=username,
        display_name=display_name.strip() or username,
        role=role,
        password_hash=hash_password(password),
        outlet_id=outlet_id,
        created_at=datetime.now().replace(microsecond=0),
    )
    s.add(user)
    s.flush()
    return user


def authenticate(db: Database, username: str, password: str) -> CurrentUser:
    """The user for these credentials, or AuthError('bad_credentials')."""
    with db.read() as s:
        user = s.exec(select(User).where(User.username == username.strip())).first()
    if user is None or not user.active:
        raise AuthError("bad_credentials")
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise AuthError("bad_credentials") from None
    return _current(user)


def get_user(db: Database, username: str) -> CurrentUser | None:
    """A user by name without a password (used by the benchmark's auto-login)."""
    with db.read() as s:
        user = s.exec(select(User).where(User.username == username)).first()
    return _current(user) if user and user.active else None
