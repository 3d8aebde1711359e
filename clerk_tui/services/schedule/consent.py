"""The customer's answer to another time: consent (同意改约) or refusal, and the hand-back to the center.

A refusal either leaves the ticket for another engineer at the same time (a plain
reassignment) or hands it back to the center clerk (转回中心信息员 [H 一.2(2)]): ticket
'transferred', appointment cancelled, owner unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from clerk_tui.db.models import Appointment, Ticket
from clerk_tui.domain.states import TransitionRefused, check_transition
from clerk_tui.i18n import t
from clerk_tui.i18n.labels import CONTACT_HOW, label
from clerk_tui.services import audit
from clerk_tui.services.database import Database
from clerk_tui.services.schedule.actions import (
    Actor,
    ScheduleError,
    _bump,
    _code,
    _contact,
    _hm,
    _open_visit,
    _touch_ticket,
)

HOW_REACHED = ("phone", "sms", "in_person", "wechat")


@dataclass(frozen=True)
class CustomerAnswer:
    """What the customer said about another time: who answered, how, when, and a note."""

    agreed: bool
    who: str
    how: str
    at: datetime
    note: str = ""
    back_to_center: bool = False  # refused: hand the ticket back to the center clerk


def record_answer(
    db: Database,
    actor: Actor,
    *,
    appointment_id: int,
    seen_version: int,
    answer: CustomerAnswer,
    now: datetime,
) -> str:
    """Log the customer's consent (同意改约) or refusal; a refusal may hand the ticket back to the
    center (转回中心: ticket 'transferred', appointment cancelled). Returns the contact outcome."""
    who = " ".join(answer.who.split())
    if not who:
        raise ScheduleError(t("sc.err.who_missing"))
    if answer.how not in HOW_REACHED:
        raise ScheduleError(t("sc.err.how_missing"))
    if answer.at > now:
        raise ScheduleError(t("sc.err.answer_in_future", at=_hm(answer.at)))
    outcome = "consent" if answer.agreed else "consent_refused"
    with db.session() as s:
        appt, tk = _open_visit(s, appointment_id, seen_version)
        note = t(
            "sc.note.answer",
            who=who,
            how=label(CONTACT_HOW, answer.how),
            at=answer.at.strftime("%Y-%m-%d %H:%M"),
            note=answer.note.strip() or "-",
        )
        _contact(s, tk, actor, answer.at, "customer", outcome, note)
        audit.record(
            s,
            user=actor.username,
            action=f"schedule.{outcome}",
            entity="ticket",
            entity_id=tk.ticket_no,
            before=None,
            after={"note": note},
            at=now,
        )
        if not answer.agreed and answer.back_to_center:
            _transfer(s, actor, appt, seen_version, tk, now)
            outcome = "transferred"
        return outcome


def _transfer(
    s: Session, actor: Actor, appt: Appointment, seen_version: int, tk: Ticket, now: datetime
) -> None:
    try:
        check_transition(tk.status, "transferred")
    except TransitionRefused:
        raise ScheduleError(t("sc.err.cannot_transfer", no=tk.ticket_no)) from None
    old_code = _code(s, appt.engineer_id)
    _bump(s, appt, seen_version, status="cancelled")
    _touch_ticket(s, tk, now, status="transferred", engineer_id=None)
    _contact(s, tk, actor, now, "center", "transferred", t("sc.note.transferred"))
    audit.record(
        s,
        user=actor.username,
        action="schedule.transfer",
        entity="ticket",
        entity_id=tk.ticket_no,
        before={"status": tk.status, "engineer": old_code},
        after={"status": "transferred", "engineer": ""},
        at=now,
    )
