"""The card entry screen (录入监督卡), key c."""

from clerk_tui.i18n import N_
from clerk_tui.ui.nav import NavEntry

ENTRIES = [
    NavEntry(
        name="cards",
        key="c",
        label_key=N_("ce.nav"),
        help_key=N_("ce.nav.help"),
        module="clerk_tui.ui.cards.screen",
        cls="CardEntryScreen",
        order=50,
    )
]
