"""The new-ticket screen (新建工单), key n, for clerks and supervisors."""

from clerk_tui.i18n import N_
from clerk_tui.ui.nav import NavEntry

ENTRIES = [
    NavEntry(
        name="intake",
        key="n",
        label_key=N_("in.nav"),
        help_key=N_("in.nav.help"),
        module="clerk_tui.ui.intake.screen",
        cls="IntakeScreen",
        roles=frozenset({"clerk", "supervisor"}),
        order=10,
    )
]
