"""Intake services (接单): reference for the form, earlier tickets, saving, phone consultation.

The feature's face: the UI and the CLI import from here, never from a submodule.
"""

from clerk_tui.services.intake.consult import (
    ConsultRefused,
    refuse_consultation,
    start_consultation,
)
from clerk_tui.services.intake.save import (
    MISUSE,
    SERVICE_TYPES,
    SOURCES,
    History,
    IntakeForm,
    IntakeReference,
    Saved,
    check_form,
    clean_text,
    customer_history,
    district_of,
    load_reference,
    save_ticket,
    status_for,
)

__all__ = [
    "MISUSE",
    "SERVICE_TYPES",
    "SOURCES",
    "ConsultRefused",
    "History",
    "IntakeForm",
    "IntakeReference",
    "Saved",
    "check_form",
    "clean_text",
    "customer_history",
    "district_of",
    "load_reference",
    "refuse_consultation",
    "save_ticket",
    "start_consultation",
    "status_for",
]
