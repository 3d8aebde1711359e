"""Card services (服务任务监督卡): the ticket beside the form, saving a card and slip, the day's progress.

The feature's face: the UI and the CLI import from here, never from a submodule.
"""

from clerk_tui.services.cards.checks import card_warnings
from clerk_tui.services.cards.entry import CardContext, SavedCard, load_ticket_for_card, save_card
from clerk_tui.services.cards.progress import DayProgress, RecentCard, day_progress

__all__ = [
    "CardContext",
    "DayProgress",
    "RecentCard",
    "SavedCard",
    "card_warnings",
    "day_progress",
    "load_ticket_for_card",
    "save_card",
]
