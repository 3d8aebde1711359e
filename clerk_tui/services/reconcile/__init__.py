"""End-of-day services (对帐): reconcile, store flags, decide, sign off, reopen, report to the center.

The feature's face: the UI and the CLI import from here, never from a submodule.
"""

from clerk_tui.services.reconcile.load import OutletRef
from clerk_tui.services.reconcile.proc import reconcile_in_helper
from clerk_tui.services.reconcile.report import default_path, write_day_report
from clerk_tui.services.reconcile.run import (
    FlagRow,
    UnknownOutlet,
    day_flags,
    default_now,
    outlets_for,
    reconcile,
)
from clerk_tui.services.reconcile.signoff import (
    DayStatus,
    EodRefused,
    day_status,
    decide_flag,
    reopen,
    sign_off,
)

__all__ = [
    "DayStatus",
    "EodRefused",
    "FlagRow",
    "OutletRef",
    "UnknownOutlet",
    "day_flags",
    "day_status",
    "decide_flag",
    "default_now",
    "default_path",
    "outlets_for",
    "reconcile",
    "reconcile_in_helper",
    "reopen",
    "sign_off",
    "write_day_report",
]
