"""Callback answers (回访结果): record them, and act on them — follow-ups, revisit notes, flag evidence.

One transaction per call, with an audit entry for each change. The day lock: the
callback's own day (its due day, else its ticket's day) must be open; a note on the
ticket is written only while the ticket's day is open, and flags only while theirs is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from clerk_tui.db.models import Callback, Flag, Ticket
from clerk_tui.domain.callbacks.due import FOLLOW_UP, RETRY, callback_due
from clerk_tui.domain.callbacks.sampling import CallbackDue
from clerk_tui.domain.findings import (
    Evidence,
    EvidenceValue,
    StoredEvidence,
    evidence_from_json,
    evidence_to_json,
)
from clerk_tui.domain.reconcile.forgery import FORGERY_KINDS
from clerk_tui.i18n import t
from clerk_tui.services import audit
from clerk_tui.services.callbacks.create import row_key
from clerk_tui.services.database import Database, key_of
from clerk_tui.services.daylock import LOCKED_STATES, day_state, ensure_day_open


class CallbackChanged(Exception):
    """Someone else recorded this callback meanwhile; the message asks to reload."""

    def __init__(self) -> None:
        super().__init__(t("cb.err.changed"))


@dataclass(frozen=True)
class Answer:
    """What the clerk heard. None = not asked / not known. `retry`: not reached, call again in 1 h."""

    reached: bool
    satisfied: bool | None = None
    customer_signed: bool | None = None
    engineer_came: bool | None = None
    note: str = ""
    retry: bool = True


@dataclass
class Applied:
    """What `apply_answers` did."""

    answered: list[int] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)  # ticket numbers
    revisits: list[str] = field(default_factory=list)  # tickets noted "revisit needed"
    flags: list[int] = field(default_factory=list)  # flags given the callback's answer
    locked: list[str] = field(default_factory=list)  # tickets whose day is signed off


def _hm(moment: datetime) -> str:
    return moment.strftime("%m-%d %H:%M")


def _yn(value: bool | None) -> str:
    return "-" if value is None else (t("cb.v.yes") if value else t("cb.v.no"))


def _snapshot(cb: Callback) -> dict:
    return {
        k: getattr(cb, k)
        for k in (
            "due_at",
            "called_at",
            "done_at",
            "reached",
            "satisfied",
            "customer_signed",
            "engineer_came",
            "notes",
        )
    }


def _write(s: Session, cb: Callback, a: Answer, *, user: str, now: datetime) -> None:
    """Store the answer (refusing if the callback changed since it was read)."""
    before = _snapshot(cb)
    line = f"{_hm(now)} {user}: "
    if a.reached:
        line += a.note.strip() or t("cb.note.reached")
        values = {
            "called_at": now,
            "done_at": now,
            "reached": True,
            "satisfied": a.satisfied,
            "customer_signed": a.customer_signed,
            "engineer_came": a.engineer_came,
        }
    else:
        line += t("cb.note.not_reached") + (f" {a.note.strip()}" if a.note.strip() else "")
        values = {"called_at": now, "reached": False}
        if a.retry:
            values["due_at"] = callback_due(RETRY, now, now=now)
    values["notes"] = f"{cb.notes}\n{line}" if cb.notes else line
    seen = (
        col(Callback.called_at).is_(None)
        if cb.called_at is None
        else (col(Callback.called_at) == cb.called_at)
    )
    done = s.exec(
        update(Callback)
        .where(col(Callback.id) == cb.id, col(Callback.done_at).is_(None), seen)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:
        raise CallbackChanged()
    s.refresh(cb)
    audit.record(
        s,
        user=user,
        action="callback.answer",
        entity="callback",
        entity_id=cb.id,
        before=before,
        after=_snapshot(cb),
        at=now,
    )


def _verdict(cb: Callback) -> str:
    """'contradicts' when the customer denies the card, 'confirms' when all three agree, else ''."""
    if cb.reached is not True:
        return ""
    if False in (cb.satisfied, cb.customer_signed, cb.engineer_came):
        return "contradicts"
    if cb.satisfied and cb.customer_signed and cb.engineer_came:
        return "confirms"
    return ""


def _yn_evidence(value: bool | None) -> EvidenceValue:
    if value is None:
        return "-"
    return Evidence("cb.v.yes") if value else Evidence("cb.v.no")


def _said(cb: Callback) -> Evidence:
    return Evidence(
        "cb.ev.said",
        {
            "at": _hm(cb.called_at or cb.done_at or datetime.min),
            "satisfied": _yn_evidence(cb.satisfied),
            "signed": _yn_evidence(cb.customer_signed),
            "came": _yn_evidence(cb.engineer_came),
        },
    )


def _as_json(evidence: list[StoredEvidence]) -> list[object]:
    return [e.to_json() if isinstance(e, Evidence) else e for e in evidence]


def _open_day(s: Session, states: dict, outlet_id: int | None, day: date | None) -> bool:
    if day is None or outlet_id is None:
        return True
    if (outlet_id, day) not in states:
        states[(outlet_id, day)] = day_state(s, outlet_id=outlet_id, day=day)
    return states[(outlet_id, day)] not in LOCKED_STATES


def _flags(
    s: Session, cb: Callback, tk: Ticket, *, user: str, now: datetime, states: dict, out: Applied
) -> None:
    verdict = _verdict(cb)
    if not verdict:
        return
    lines = [
        _said(cb),
        Evidence("cb.ev.contradicts") if verdict == "contradicts" else Evidence("cb.ev.confirms"),
    ]
    flags = s.exec(
        select(Flag).where(
            Flag.ticket_no == tk.ticket_no,
            Flag.status == "open",
            col(Flag.kind).in_(sorted(FORGERY_KINDS)),
        )
    ).all()
    for flag in flags:
        if not _open_day(s, states, flag.outlet_id, flag.business_date):
            continue
        evidence: list[StoredEvidence] = list(evidence_from_json(flag.evidence))
        new: list[StoredEvidence] = [x for x in lines if x not in evidence]
        if not new:
            continue
        before = {"evidence": _as_json(evidence)}
        flag.evidence = evidence_to_json(evidence + new)  # structured, like the reconciliation's
        s.add(flag)
        audit.record(
            s,
            user=user,
            action="flag.callback_evidence",
            entity="flag",
            entity_id=flag.id,
            before=before,
            after={"evidence": _as_json(evidence + new)},
            at=now,
        )
        out.flags.append(key_of(flag))


def _follow_up(
    s: Session, cb: Callback, tk: Ticket, *, user: str, now: datetime, states: dict, out: Applied
) -> None:
    """Unsatisfied: a follow-up callback now (same key as the rules'), and a revisit note."""
    said_at = cb.called_at or cb.done_at or now
    due = CallbackDue(tk.ticket_no, FOLLOW_UP, callback_due(FOLLOW_UP, said_at, now=now), said_at)
    key = row_key(due.key)
    if s.exec(select(Callback.id).where(Callback.row_hash == key)).first() is None:
        note = t("cb.note.revisit", at=_hm(said_at))
        fu = Callback(
            ticket_id=tk.id,
            ticket_no=tk.ticket_no,
            reason=FOLLOW_UP,
            due_at=due.due_at,
            notes=note,
            row_hash=key,
        )
        s.add(fu)
        s.flush()
        audit.record(
            s,
            user=user,
            action="callback.follow_up",
            entity="callback",
            entity_id=fu.id,
            after={"ticket_no": tk.ticket_no, "after": cb.id, "due_at": due.due_at},
            at=now,
        )
        out.follow_ups.append(tk.ticket_no)
    if not _open_day(s, states, tk.outlet_id, tk.business_date):
        return
    line = t("cb.note.revisit", at=_hm(said_at))
    if line in tk.notes:
        return
    notes = f"{tk.notes}\n{line}" if tk.notes else line
    done = s.exec(
        update(Ticket)
        .where(col(Ticket.id) == tk.id, col(Ticket.version) == tk.version)
        .values(notes=notes, updated_at=now, version=col(Ticket.version) + 1)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:
        raise CallbackChanged()
    audit.record(
        s,
        user=user,
        action="ticket.revisit_needed",
        entity="ticket",
        entity_id=tk.id,
        before={"notes": tk.notes},
        after={"notes": notes},
        at=now,
    )
    out.revisits.append(tk.ticket_no)


def apply_answers(
    db: Database,
    *,
    callback_ids: Iterable[int],
    user: str = "import",
    now: datetime | None = None,
    answers: Mapping[int, Answer] | None = None,
) -> Applied:
    """Act on the answers of these callbacks, in one transaction (imported ones too).

    `answers` (callback id → Answer) are written first, each refused if the callback's day
    is signed off (DayLocked) or someone recorded it meanwhile (CallbackChanged). Then for
    each answered callback:
    - not satisfied → a follow-up callback due now (key as the rules', so never twice) and a
      "revisit needed" note on the ticket: follow-ups until the customer is satisfied;
    - the customer did not sign, was not satisfied, or nobody came → the ticket's OPEN
      forgery flags (FORGERY_KINDS) get the answer and "suggest: confirm" added to evidence;
    - the customer signed, was satisfied and the engineer came → the same flags get the
      answer and "callback confirmed the card: suggest dismiss". The status is never set
      here: only a supervisor decides, on the reconciliation screen. No Flag rows (the day
      not reconciled yet) → nothing to update.
    Imported answers (`clerk-tui import callbacks`) can be passed by id without `answers`;
    a callback of a signed-off day is then skipped and named in `locked`.
    """
    now = now or datetime.now().replace(microsecond=0)
    answers = answers or {}
    out = Applied()
    states: dict = {}
    with db.session() as s:
        for cb_id in dict.fromkeys(callback_ids):
            cb = s.get(Callback, cb_id)
            if cb is None:
                continue
            tk = s.get(Ticket, cb.ticket_id) if cb.ticket_id else None
            if tk is None:
                tk = s.exec(select(Ticket).where(Ticket.ticket_no == cb.ticket_no)).first()
            if tk is None:
                continue
            cb_day = cb.due_at.date() if cb.due_at else tk.business_date
            if cb_id in answers:
                ensure_day_open(s, outlet_id=tk.outlet_id, day=cb_day)
                _write(s, cb, answers[cb_id], user=user, now=now)
            elif not _open_day(s, states, tk.outlet_id, cb_day):
                out.locked.append(tk.ticket_no)
                continue
            if cb.reached is not True:
                continue
            out.answered.append(cb_id)
            if cb.satisfied is False:
                _follow_up(s, cb, tk, user=user, now=now, states=states, out=out)
            _flags(s, cb, tk, user=user, now=now, states=states, out=out)
    return out


def record_answer(
    db: Database, *, callback_id: int, answer: Answer, user: str, now: datetime
) -> Applied:
    """The clerk's answer to one callback, acted on at once (see `apply_answers`)."""
    return apply_answers(
        db, callback_ids=[callback_id], user=user, now=now, answers={callback_id: answer}
    )
