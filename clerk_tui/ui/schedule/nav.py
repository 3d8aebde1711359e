"""The schedule screen in the app's navigation (key s)."""

from clerk_tui.i18n import N_
from clerk_tui.ui.nav import NavEntry

ENTRIES = [
    NavEntry(
        name="schedule",
        key="s",
        label_key=N_("sc.nav"),
        help_key=N_("sc.nav.help"),
        module="clerk_tui.ui.schedule.screen",
        cls="ScheduleScreen",
        order=30,
    )
]
