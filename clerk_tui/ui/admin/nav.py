"""The supervisor's admin screen (管理): engineers and their leave, users, policy."""

from clerk_tui.i18n import N_
from clerk_tui.ui.nav import NavEntry

ENTRIES = [
    NavEntry(
        name="admin",
        key="a",
        label_key=N_("ad.nav"),
        help_key=N_("ad.nav.help"),
        module="clerk_tui.ui.admin.screen",
        cls="AdminScreen",
        roles=frozenset({"supervisor"}),
        order=90,
    )
]
