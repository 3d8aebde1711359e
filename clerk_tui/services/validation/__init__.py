"""Validation services (信息核实): ticket checks over the database, contacts, fixes, parts, value-add.

The feature's face: the UI and the CLI import from here, never from a submodule.
"""

from clerk_tui.services.validation.check import (
    CheckedTicket,
    Queue,
    validate_problems,
    validation_queue,
)
from clerk_tui.services.validation.contacts import (
    ContactRow,
    FixRefused,
    TicketStale,
    contact_history,
    log_contact,
    phrase_hits,
)
from clerk_tui.services.validation.fixes import (
    FIXABLE,
    cancel_duplicate,
    fix_field,
    limit_of,
    parse_day,
    parse_when,
    request_part,
    set_part,
)
from clerk_tui.services.validation.labels import (
    field_label,
    kind_label,
    outcome_label,
    party_label,
    severity_label,
    step_label,
    tag_label,
)
from clerk_tui.services.validation.valueadd import (
    ValueAddRefused,
    ValueAddRow,
    add_finding,
    default_export_path,
    export_csv,
    list_findings,
)

__all__ = [
    "FIXABLE",
    "CheckedTicket",
    "ContactRow",
    "FixRefused",
    "Queue",
    "TicketStale",
    "ValueAddRefused",
    "ValueAddRow",
    "add_finding",
    "cancel_duplicate",
    "contact_history",
    "default_export_path",
    "export_csv",
    "field_label",
    "fix_field",
    "kind_label",
    "limit_of",
    "list_findings",
    "log_contact",
    "outcome_label",
    "parse_day",
    "parse_when",
    "party_label",
    "phrase_hits",
    "request_part",
    "set_part",
    "severity_label",
    "step_label",
    "tag_label",
    "validate_problems",
    "validation_queue",
]
