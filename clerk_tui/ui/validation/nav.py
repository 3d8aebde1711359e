"""The validation queue (信息核实) in the app's navigation: key v."""

from clerk_tui.i18n import N_
from clerk_tui.ui.nav import NavEntry

ENTRIES = [
    NavEntry(
        name="validation",
        key="v",
        label_key=N_("vq.nav.label"),
        help_key=N_("vq.nav.help"),
        module="clerk_tui.ui.validation.screen",
        cls="ValidationQueueScreen",
        order=20,
    )
]
