"""Names of validation codes in the interface language: kinds, fields, next steps, parties, outcomes."""

from __future__ import annotations

from clerk_tui.i18n import has, t


def _label(key: str, fallback: str) -> str:
    return t(key) if has(key) else fallback


def kind_label(kind: str) -> str:
    return _label(f"vq.kind.{kind}", kind)


def field_label(field: str) -> str:
    if not field:
        return ""
    return _label(f"val.field.{field}", _label(f"vq.field.{field}", field))


def step_label(step: str) -> str:
    return _label(f"vq.step.{step}", step) if step else ""


def severity_label(severity: str) -> str:
    return _label(f"vq.sev.{severity}", severity) if severity else ""


def party_label(party: str) -> str:
    return _label(f"vq.party.{party}", party)


def outcome_label(outcome: str) -> str:
    return _label(f"vq.outcome.{outcome}", outcome) if outcome else ""


def tag_label(tag: str) -> str:
    return _label(f"vq.va.tag.{tag}", tag)
