"""The reconciliation screen (对帐), the supervisor's, on key d."""

from clerk_tui.i18n import N_
from clerk_tui.ui.nav import NavEntry

ENTRIES = [
    NavEntry(
        name="reconcile",
        key="d",
        label_key=N_("ru.nav.label"),
        help_key=N_("ru.nav.help"),
        module="clerk_tui.ui.reconcile.screen",
        cls="ReconcileScreen",
        roles=frozenset({"supervisor"}),
        order=70,
    )
]
