"""Dashboard services: the Today counts and the demo accounts shown at login.

The feature's face: the UI and the CLI import from here, never from a submodule.
"""

from clerk_tui.services.dashboard.counts import (
    DashboardCounts,
    DemoAccount,
    demo_accounts,
    today_counts,
)

__all__ = ["DashboardCounts", "DemoAccount", "demo_accounts", "today_counts"]
