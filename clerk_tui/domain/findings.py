"""Finding: what every rule returns — which rule fired, how bad, the evidence, what to do next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["high", "medium", "low"]

SEVERITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on one ticket (or engineer): a FORMATS `kind` plus evidence.

    `evidence` holds short interface strings (built with `clerk_tui.i18n.t`) that quote
    the concrete values; the optional keys are filled only where they apply.
    """

    kind: str  # FORMATS vocabulary, e.g. 'invalid_phone'
    severity: str  # 'high' | 'medium' | 'low'
    evidence: tuple[str, ...]  # short human-readable strings with the concrete values
    ticket_no: str = ""
    field: str = ""  # validate: the ticket field concerned
    next_step: str = ""  # ask_dispatcher / call_customer / phone_consult / requisition_part
    engineer_id: str = ""  # scheduling/reconciliation: engineer code
    with_ticket_no: str = ""  # the other ticket involved, if any

    def as_dict(self) -> dict:
        """JSON-able dict: ticket_no/kind/severity/evidence always, other keys only when set."""
        out: dict = {
            "ticket_no": self.ticket_no,
            "kind": self.kind,
            "severity": self.severity,
            "evidence": list(self.evidence),
        }
        for key in ("field", "next_step", "engineer_id", "with_ticket_no"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out

    def sort_key(self) -> tuple[int, str, str, str]:
        """Most severe first, then by ticket, kind and field (stable report order)."""
        return (SEVERITY_ORDER.get(self.severity, 9), self.ticket_no, self.kind, self.field)
