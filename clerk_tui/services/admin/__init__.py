"""Admin services (管理): engineers, users and the policy as the supervisor edits them.

The feature's face: the UI and the CLI import from here, never from a submodule.
"""

from clerk_tui.services.admin.engineer_form import (
    EngineerForm,
    check_engineer,
    check_field,
    form_of,
)
from clerk_tui.services.admin.engineers import (
    EngineerRow,
    LeaveResult,
    add_engineer,
    add_leave,
    form_choices,
    list_engineers,
    remove_leave,
    set_engineer_active,
    update_engineer,
)
from clerk_tui.services.admin.policy import FIELDS, check_policy, policy_texts, update_policy
from clerk_tui.services.admin.users import (
    ADMIN_ROLES,
    AdminError,
    UserRow,
    add_user,
    list_users,
    reset_password,
    set_user_active,
)

__all__ = [
    "ADMIN_ROLES",
    "FIELDS",
    "AdminError",
    "EngineerForm",
    "EngineerRow",
    "LeaveResult",
    "UserRow",
    "add_engineer",
    "add_leave",
    "add_user",
    "check_engineer",
    "check_field",
    "check_policy",
    "form_choices",
    "form_of",
    "list_engineers",
    "list_users",
    "policy_texts",
    "remove_leave",
    "reset_password",
    "set_engineer_active",
    "set_user_active",
    "update_engineer",
    "update_policy",
]
