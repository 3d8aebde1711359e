"""Supervision cards (服务任务监督卡) and warranty slips (保修记录单): the one shape and its parser.

Pure: stdlib only — no database, no message catalog. `card` holds the values and how they are
stored; `parse` reads raw field values (file cells or typed text) into them, with errors as data.
"""

from clerk_tui.domain.cards.card import (
    CARD_COLUMNS,
    FAIRLY_SATISFIED,
    SATISFACTION_LEVELS,
    SATISFIED,
    SLIP_COLUMNS,
    UNSATISFIED,
    SupervisionCard,
    WarrantySlip,
    card_from_stored,
    slip_from_stored,
    stored_card,
    stored_slip,
)
from clerk_tui.domain.cards.parse import (
    CardRead,
    FieldError,
    SlipRead,
    parse_card,
    parse_slip,
)

__all__ = [
    "CARD_COLUMNS",
    "FAIRLY_SATISFIED",
    "SATISFACTION_LEVELS",
    "SATISFIED",
    "SLIP_COLUMNS",
    "UNSATISFIED",
    "CardRead",
    "FieldError",
    "SlipRead",
    "SupervisionCard",
    "WarrantySlip",
    "card_from_stored",
    "parse_card",
    "parse_slip",
    "slip_from_stored",
    "stored_card",
    "stored_slip",
]
