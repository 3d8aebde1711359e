"""Checking a ticket's information [H 一.1–2]: logged contacts, fixes, parts; one transaction each.

Every check is a contact with whom and its outcome. A fix records the field before
and after (audit) and the contact that gave the new value; a problem found right as
given is confirmed (finding_waiver) for the value that was checked. Edits of a ticket
check the day lock and the ticket's version (optimistic lock), and afterwards the
ticket is validated again: nothing left moves it from new/needs_info to ready.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session, col

from clerk_tui.db.models import Contact, FindingWaiver, Ticket
from clerk_tui.domain.findings import Finding
from clerk_tui.domain.phrases import PhraseHit, find_forbidden
from clerk_tui.domain.states import check_transition
from clerk_tui.domain.validation.rules import ValidationContext
from clerk_tui.i18n import t
from clerk_tui.services import audit
from clerk_tui.services.database import Database, key_of
from clerk_tui.services.daylock import ensure_ticket_workable
from clerk_tui.services.reference import forbidden_phrases
from clerk_tui.services.validation.check import (
    PART_REQUESTED,
    check_in_session,
    finding_subject,
    load_context,
)

PARTIES = ("dispatcher", "customer", "engineer", "center")
OUTCOMES = ("confirmed", "no_answer", "not_verified", "corrected", "cancelled", PART_REQUESTED)


class TicketStale(RuntimeError):
    """Someone else changed (or removed) the ticket since it was shown: nothing was saved."""

    def __init__(self, ticket_no: str) -> None:
        super().__init__(t("vq.err.stale", no=ticket_no))
        self.ticket_no = ticket_no


class FixRefused(ValueError):
    """The new value cannot be what the field holds (a date that is no date); nothing was saved."""


@dataclass(frozen=True)
class ActionResult:
    """What a check did: the ticket's state afterwards, problems left, phrases to avoid in the note."""

    ticket_no: str
    status: str
    previous_status: str
    remaining: int
    version: int
    phrase_hits: tuple[PhraseHit, ...] = ()

    @property
    def moved(self) -> bool:
        return self.status != self.previous_status


def phrase_hits(db: Database, text: str) -> list[PhraseHit]:
    """Forbidden phrases (服务禁语) in a note or message to a customer [S 2.2]."""
    return find_forbidden(text, forbidden_phrases(db)) if text else []


def clean(text: str) -> str:
    """User text as typed, less NUL characters (PostgreSQL text cannot hold them)."""
    return text.replace("\x00", "") if "\x00" in text else text


def who(user: Any) -> tuple[int | None, str]:
    return getattr(user, "id", None), getattr(user, "username", "") or str(user or "")


def load_ticket(s: Session, ticket_id: int, seen_version: int | None) -> Ticket:
    tk = s.get(Ticket, ticket_id)
    if tk is None:
        raise TicketStale(str(ticket_id))
    if seen_version is not None and tk.version != seen_version:
        raise TicketStale(tk.ticket_no)
    return tk


def guarded_update(s: Session, tk: Ticket, seen: int, values: dict[str, Any], now: datetime) -> int:
    """`UPDATE ... version = version + 1 WHERE id AND version = seen`; 0 rows: TicketStale."""
    stmt = (
        update(Ticket)
        .where(col(Ticket.id) == tk.id, col(Ticket.version) == seen)
        .values(**values, updated_at=now, version=col(Ticket.version) + 1)
        .execution_options(synchronize_session=False)
    )
    if s.exec(stmt).rowcount != 1:
        raise TicketStale(tk.ticket_no)
    s.expire(tk)
    return seen + 1


def add_contact(
    s: Session, tk: Ticket, user: Any, party: str, outcome: str, note: str, now: datetime
) -> Contact:
    if party not in PARTIES:
        raise ValueError(f"unknown party {party!r}")
    uid, uname = who(user)
    note = clean(note)
    row = Contact(
        ticket_id=key_of(tk), at=now, user_id=uid, party=party, outcome=outcome, note=note
    )
    s.add(row)
    s.flush()
    audit.record(
        s,
        user=uname,
        action="contact.log",
        entity="contact",
        entity_id=row.id,
        after={"ticket_no": tk.ticket_no, "party": party, "outcome": outcome, "note": note},
        at=now,
    )
    return row


def settle(
    s: Session, tk: Ticket, ctx: ValidationContext, user: Any, now: datetime
) -> tuple[str, str, int]:
    # called after `_update` in the same transaction: the version is already this action's
    """Validate the ticket again; nothing left: new/needs_info → ready; problems: new/ready → needs_info."""
    before = tk.status
    checked = check_in_session(s, ctx, ticket_ids=[key_of(tk)], open_only=False)
    remaining = len(checked[0].findings) if checked else 0
    target = before
    if remaining == 0 and before in ("new", "needs_info"):
        target = "ready"
    elif remaining and before in ("new", "ready"):
        target = "needs_info"
    if target != before:
        check_transition(before, target)
        s.exec(update(Ticket).where(col(Ticket.id) == tk.id).values(status=target))
        s.expire(tk)
        audit.record(
            s,
            user=who(user)[1],
            action="ticket.status",
            entity="ticket",
            entity_id=tk.ticket_no,
            before={"status": before},
            after={"status": target, "reason": "validation", "problems_left": remaining},
            at=now,
        )
    return before, target, remaining


def finish(
    s: Session, tk: Ticket, ctx, user, now, version: int, hits: list[PhraseHit]
) -> ActionResult:
    before, status, remaining = settle(s, tk, ctx, user, now)
    return ActionResult(tk.ticket_no, status, before, remaining, version, tuple(hits))


def log_contact(
    db: Database,
    *,
    ticket_id: int,
    user: Any,
    party: str,
    outcome: str,
    note: str = "",
    now: datetime,
    confirm: Finding | None = None,
    seen_version: int | None = None,
) -> ActionResult:
    """Log one call about the ticket; with `confirm`, that problem was found right as given.

    A plain contact does not change the ticket (no day lock, no version check); a
    confirmation does: the problem is waived for the value checked (day lock and
    version checked), and the ticket may become ready.
    """
    hits = phrase_hits(db, note)
    ctx = load_context(db, now.date()) if confirm is not None else None
    with db.session() as s:
        tk = load_ticket(s, ticket_id, seen_version if confirm is not None else None)
        if confirm is None or ctx is None:
            add_contact(s, tk, user, party, outcome, note, now)
            return ActionResult(tk.ticket_no, tk.status, tk.status, -1, tk.version, tuple(hits))
        ensure_ticket_workable(s, tk)
        checked = check_in_session(s, ctx, ticket_ids=[key_of(tk)], open_only=False)
        subject = finding_subject(confirm, checked[0].info) if checked else ""
        contact = add_contact(s, tk, user, party, outcome, note, now)
        uid, uname = who(user)
        s.add(
            FindingWaiver(
                ticket_id=key_of(tk),
                kind=confirm.kind,
                field=confirm.field,
                subject=subject,
                contact_id=contact.id,
                user_id=uid,
                at=now,
            )
        )
        audit.record(
            s,
            user=uname,
            action="finding.confirm",
            entity="ticket",
            entity_id=tk.ticket_no,
            after={"kind": confirm.kind, "field": confirm.field, "value": subject},
            at=now,
        )
        version = guarded_update(s, tk, tk.version, {}, now)
        return finish(s, tk, ctx, user, now, version, hits)


@dataclass(frozen=True)
class ContactRow:
    """One logged contact, newest first in `contact_history`."""

    at: datetime
    party: str
    outcome: str
    note: str
    user: str


def contact_history(db: Database, ticket_id: int, limit: int = 30) -> list[ContactRow]:
    """The ticket's contacts, newest first."""
    from clerk_tui.db.models import User

    q = (
        select(
            col(Contact.at),
            col(Contact.party),
            col(Contact.outcome),
            col(Contact.note),
            col(User.display_name),
        )
        .outerjoin(User, col(User.id) == col(Contact.user_id))
        .where(col(Contact.ticket_id) == ticket_id)
        .order_by(col(Contact.at).desc(), col(Contact.id).desc())
        .limit(limit)
    )
    with db.read() as s:
        return [ContactRow(a, p, o or "", n or "", u or "") for a, p, o, n, u in s.execute(q)]
