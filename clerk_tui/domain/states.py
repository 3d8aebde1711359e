"""Ticket states and the transitions allowed between them (DESIGN §4), in one place."""

from __future__ import annotations

TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"needs_info", "ready", "consult_only", "cancelled", "transferred"}),
    "needs_info": frozenset({"ready", "consult_only", "cancelled", "transferred"}),
    "ready": frozenset({"needs_info", "scheduled", "consult_only", "cancelled", "transferred"}),
    "scheduled": frozenset({"ready", "in_service", "cancelled", "transferred", "scheduled"}),
    "in_service": frozenset({"completed", "pulled_back", "scheduled"}),
    "pulled_back": frozenset({"in_service", "completed"}),
    "completed": frozenset({"closed", "scheduled"}),
    "consult_only": frozenset({"ready", "closed"}),
    "transferred": frozenset({"closed"}),
    "cancelled": frozenset({"closed"}),
    "closed": frozenset(),
}

OPEN_STATES = frozenset({"new", "needs_info", "ready", "scheduled", "in_service", "pulled_back"})


class TransitionRefused(ValueError):
    """A ticket cannot move from one state to another."""


def check_transition(current: str, target: str) -> None:
    """Raise TransitionRefused unless `current → target` is allowed."""
    if current not in TRANSITIONS:
        raise TransitionRefused(f"unknown state {current!r}")
    if target not in TRANSITIONS[current]:
        raise TransitionRefused(f"a ticket in state {current!r} cannot become {target!r}")
