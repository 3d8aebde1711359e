"""The callbacks queue (回访) in the app's navigation: key h."""

from __future__ import annotations

from clerk_tui.i18n import N_
from clerk_tui.ui.nav import NavEntry

ENTRIES = [
    NavEntry(
        name="callbacks",
        key="h",
        label_key=N_("cb.nav"),
        help_key=N_("cb.nav.help"),
        module="clerk_tui.ui.callbacks.screen",
        cls="CallbacksScreen",
        order=60,
    )
]
