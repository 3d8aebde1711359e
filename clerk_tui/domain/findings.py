"""Finding: what every rule returns — which rule fired, how bad, the evidence as data, what to do next.

Evidence is a message id with its values (times, names, amounts), never a sentence: the
text is made where it is shown, in that reader's language (`clerk_tui.i18n.evidence`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Union

Severity = Literal["high", "medium", "low"]

SEVERITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}

EvidenceValue = Union[str, int, float, "Evidence", tuple["EvidenceValue", ...]]
"""A value quoted by evidence: plain text or a number (language-neutral), a nested message
(e.g. the word "none", a status label), or a list of these (shown with the catalog's list
separator)."""


def _value_json(value: EvidenceValue) -> Any:
    if isinstance(value, Evidence):
        return value.to_json()
    if isinstance(value, tuple):
        return [_value_json(v) for v in value]
    return value


def _value_from_json(value: Any) -> EvidenceValue:
    if isinstance(value, dict):
        return Evidence.from_json(value)
    if isinstance(value, list):
        return tuple(_value_from_json(v) for v in value)
    if isinstance(value, (str, int, float)):
        return value
    return str(value)


@dataclass(frozen=True)
class Evidence:
    """One line of evidence as data: the message id and the values it quotes.

    `Evidence("rec.ev.fee_excess", {"excess": "30.00"})` reads "多收 30.00 元" or
    "30.00 yuan too much" depending on who reads it; stored, it is language-free JSON.
    """

    id: str
    values: Mapping[str, EvidenceValue] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.id, tuple(sorted(self.values.items()))))

    def to_json(self) -> dict[str, Any]:
        """`{"id": ..., "values": {...}}` (values only when there are some); JSON-able."""
        out: dict[str, Any] = {"id": self.id}
        if self.values:
            out["values"] = {k: _value_json(v) for k, v in self.values.items()}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Evidence:
        """The inverse of `to_json`."""
        values = data.get("values") or {}
        return cls(str(data["id"]), {str(k): _value_from_json(v) for k, v in values.items()})


StoredEvidence = Evidence | str
"""Evidence read back from storage: structured, or a sentence stored before evidence was data."""


def N_(key: str, /) -> str:  # noqa: N802 - the gettext convention's name
    """Marks a message id written in a domain table for a later `Evidence(...)`: returns `key`
    unchanged. The domain imports no catalog, so it has this twin of `clerk_tui.i18n.N_`; the
    id checks (`python -m clerk_tui.i18n extract`) find both by their name."""
    return key


def code_label(table: Mapping[str, str], code: str) -> EvidenceValue:
    """The label of a stored `code` as evidence, from a table of literal ids (`{code: N_(id)}`);
    the code itself, as plain text, when the table lacks it (a state added later)."""
    key = table.get(code)
    return Evidence(key) if key is not None else code


def evidence_to_json(evidence: Iterable[StoredEvidence]) -> str:
    """The stored form of evidence (Flag.evidence): a JSON list, language-free, stable."""
    items = [e.to_json() if isinstance(e, Evidence) else e for e in evidence]
    return json.dumps(items, ensure_ascii=False, sort_keys=True)


def evidence_from_json(text: str | None) -> tuple[StoredEvidence, ...]:
    """Evidence as stored: a JSON list of Evidence objects or (legacy) sentences; other text is
    one legacy sentence."""
    try:
        items = json.loads(text or "[]")
    except ValueError:
        return (text or "",)
    if not isinstance(items, list):
        return (str(items),)
    out: list[StoredEvidence] = []
    for item in items:
        if isinstance(item, dict) and "id" in item:
            out.append(Evidence.from_json(item))
        else:
            out.append(str(item))
    return tuple(out)


Renderer = Callable[[StoredEvidence], str]


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on one ticket (or engineer): a FORMATS `kind` plus evidence.

    `evidence` holds message ids with the concrete values (see `Evidence`); the optional
    keys are filled only where they apply.
    """

    kind: str  # FORMATS vocabulary, e.g. 'invalid_phone'
    severity: str  # 'high' | 'medium' | 'low'
    evidence: tuple[Evidence, ...]
    ticket_no: str = ""
    field: str = ""  # validate: the ticket field concerned
    next_step: str = ""  # ask_dispatcher / call_customer / phone_consult / requisition_part
    engineer_id: str = ""  # scheduling/reconciliation: engineer code
    with_ticket_no: str = ""  # the other ticket involved, if any

    def as_dict(self, render: Renderer | None = None) -> dict[str, Any]:
        """JSON-able dict: ticket_no/kind/severity/evidence always, other keys only when set.

        Evidence is text made by `render` (the caller's, in its reader's language), or its
        structured JSON form when no renderer is given.
        """
        out: dict[str, Any] = {
            "ticket_no": self.ticket_no,
            "kind": self.kind,
            "severity": self.severity,
            "evidence": [render(e) if render else e.to_json() for e in self.evidence],
        }
        for key in ("field", "next_step", "engineer_id", "with_ticket_no"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out

    def sort_key(self) -> tuple[int, str, str, str]:
        """Most severe first, then by ticket, kind and field (stable report order)."""
        return (SEVERITY_ORDER.get(self.severity, 9), self.ticket_no, self.kind, self.field)
