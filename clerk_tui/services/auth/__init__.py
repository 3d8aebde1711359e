"""Auth services: users' passwords (argon2), roles, the first-run supervisor.

The feature's face: the UI and the CLI import from here, never from a submodule.
"""

from clerk_tui.services.auth.passwords import (
    AuthError,
    CurrentUser,
    authenticate,
    create_user,
    get_user,
    has_users,
)

__all__ = ["AuthError", "CurrentUser", "authenticate", "create_user", "get_user", "has_users"]
