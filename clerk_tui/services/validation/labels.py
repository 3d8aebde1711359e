"""Names of validation codes in the interface language: kinds, fields, next steps, parties, outcomes."""

from __future__ import annotations

from clerk_tui.i18n.labels import (
    VALIDATION_EXTRA_FIELD,
    VALIDATION_FIELD,
    VALIDATION_KIND,
    VALIDATION_OUTCOME,
    VALIDATION_PARTY,
    VALIDATION_SEVERITY,
    VALIDATION_STEP,
    VALUE_ADD_TAG,
    label,
)


def kind_label(kind: str) -> str:
    return label(VALIDATION_KIND, kind)


def field_label(field: str) -> str:
    if not field:
        return ""
    if field in VALIDATION_FIELD:
        return label(VALIDATION_FIELD, field)
    return label(VALIDATION_EXTRA_FIELD, field)


def step_label(step: str) -> str:
    return label(VALIDATION_STEP, step) if step else ""


def severity_label(severity: str) -> str:
    return label(VALIDATION_SEVERITY, severity) if severity else ""


def party_label(party: str) -> str:
    return label(VALIDATION_PARTY, party)


def outcome_label(outcome: str) -> str:
    return label(VALIDATION_OUTCOME, outcome) if outcome else ""


def tag_label(tag: str) -> str:
    return label(VALUE_ADD_TAG, tag)
