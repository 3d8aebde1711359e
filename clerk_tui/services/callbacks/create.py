"""Callbacks the rules create (回访 [H 七.1, C 七.1]) and the daily risk-weighted verification sample.

Both are idempotent: each callback stores a rerun-stable key in `Callback.row_hash`
(`CallbackDue.key` for the rule's callbacks, `ticket|verification|day` for the sample),
so running them again creates nothing new. Each run is one transaction with one audit
entry; a callback whose day is signed off is not created (the day lock: the due day
for the rules' callbacks, the cards' day for the sample).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from clerk_tui.db.models import Callback, Engineer, Flag, Ticket
from clerk_tui.domain.callbacks.sampling import (
    REMEDY,
    VERIFICATION,
    VERIFY_KINDS,
    callbacks_due,
    covered_by_other_callbacks,
    high_risk_tickets,
    verification_due,
)
from clerk_tui.domain.callbacks.sampling import verification_sample as sample_of
from clerk_tui.domain.reconcile.forgery import FORGERY_KINDS
from clerk_tui.domain.reconcile.inputs import CallbackInfo
from clerk_tui.domain.reconcile.rules import RULE_OF
from clerk_tui.services import audit
from clerk_tui.services.callbacks.data import callback_info, card_info, day_cards, load_day
from clerk_tui.services.database import Database
from clerk_tui.services.daylock import LOCKED_STATES, day_state
from clerk_tui.services.reference import load_policy

SYSTEM_USER = "system"
RECORD_DAYS = 90
"""An engineer's record: flags confirmed against him in this many days before the sample's day."""
_LOCK_ID = 727055  # PostgreSQL advisory lock: one callback generator at a time


def row_key(key: str) -> str:
    """A key that fits Callback.row_hash (64): as is, else its SHA-256."""
    return key if len(key) <= 64 else hashlib.sha256(key.encode("utf-8")).hexdigest()


def verification_key(ticket_no: str, day: date) -> str:
    return row_key(f"{ticket_no}|{VERIFICATION}|{day.isoformat()}")


@dataclass(frozen=True)
class Generated:
    """What a run created: callbacks (ticket, reason, due) and those left out for a locked day."""

    created: tuple[tuple[str, str, datetime], ...] = ()
    locked: tuple[str, ...] = ()


def _serialise(s: Session) -> None:
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text(f"SELECT pg_advisory_xact_lock({_LOCK_ID})"))


def _existing_keys(s: Session, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        q = select(col(Callback.row_hash)).where(col(Callback.row_hash).in_(chunk))
        found |= {h for h in s.exec(q) if h is not None}  # IN never matches NULL
    return found


def _tickets(s: Session, nos: set[str]) -> dict[str, Ticket]:
    out: dict[str, Ticket] = {}
    ordered = sorted(nos)
    for i in range(0, len(ordered), 500):
        chunk = ordered[i : i + 500]
        out |= {
            t.ticket_no: t for t in s.exec(select(Ticket).where(col(Ticket.ticket_no).in_(chunk)))
        }
    return out


def _insert(
    s: Session,
    wanted: list[tuple[str, str, datetime, str, str]],
    *,
    user: str,
    now: datetime,
    action: str,
    lock_day: date | None = None,
) -> Generated:
    """Insert (ticket_no, reason, due_at, key, note) rows not stored yet; audit them as one entry.

    A row is left out when its day is locked: `lock_day` if given, else the day it is due.
    """
    stored = _existing_keys(s, [w[3] for w in wanted])
    tickets = _tickets(s, {w[0] for w in wanted})
    created: list[tuple[str, str, datetime]] = []
    locked: list[str] = []
    states: dict[tuple[int | None, date], str] = {}
    keys: list[str] = []
    for ticket_no, reason, due_at, key, note in wanted:
        if key in stored:
            continue
        tk = tickets.get(ticket_no)
        if tk is None:
            continue
        lock_key = (tk.outlet_id, lock_day or due_at.date())
        if lock_key not in states:
            states[lock_key] = day_state(s, outlet_id=tk.outlet_id, day=lock_key[1])
        if states[lock_key] in LOCKED_STATES:
            locked.append(ticket_no)
            continue
        cb = Callback(
            ticket_id=tk.id,
            ticket_no=ticket_no,
            reason=reason,
            due_at=due_at,
            notes=note,
            row_hash=key,
        )
        s.add(cb)
        stored.add(key)
        keys.append(key)
        created.append((ticket_no, reason, due_at))
    if created:
        s.flush()
        ids = [
            cb_id
            for (cb_id,) in s.execute(select(Callback.id).where(col(Callback.row_hash).in_(keys)))
        ]
        audit.record(
            s,
            user=user,
            action=action,
            entity="callback",
            entity_id=",".join(map(str, ids[:20])),
            after=[{"ticket_no": n, "reason": r, "due_at": d} for n, r, d in created],
            at=now,
        )
    return Generated(tuple(created), tuple(locked))


def confirmed_forgeries_without_remedy(s: Session) -> set[str]:
    """Tickets with a forgery flag the supervisor confirmed and no remedy callback yet [H 七.2]."""
    confirmed = set(
        s.exec(
            select(Flag.ticket_no).where(
                Flag.status == "confirmed",
                col(Flag.kind).in_(sorted(FORGERY_KINDS)),
                Flag.ticket_no != "",
            )
        )
    )
    if not confirmed:
        return set()
    remedied = set(
        s.exec(
            select(Callback.ticket_no).where(
                Callback.reason == REMEDY, col(Callback.ticket_no).in_(sorted(confirmed))
            )
        )
    )
    return confirmed - remedied


def generate(db: Database, *, day: date, now: datetime, user: str = SYSTEM_USER) -> Generated:
    """Put on the queue every callback the rules call for on `day` (see `generate_callbacks`)."""
    policy = load_policy(db)
    with db.session() as s:
        _serialise(s)
        remedies = confirmed_forgeries_without_remedy(s)
        data = load_day(s, day=day, policy=policy, extra_tickets=remedies)
        due = callbacks_due(data, now, confirmed_forgeries=remedies)
        wanted = [(d.ticket_no, d.reason, d.due_at, row_key(d.key), "") for d in due]
        return _insert(s, wanted, user=user, now=now, action="callback.generate")


def generate_callbacks(db: Database, *, day: date, now: datetime, user: str = SYSTEM_USER) -> int:
    """Create the callbacks the rules call for on `day`; the number created.

    - 2 h (policy.consult_callback_hours) after a phone consultation [H 一.2(1), 一.3(3)];
    - policy.uncertain_repair_callback_hours after a repair the engineer was unsure of
      (3 h; a ceramics outlet sets 168 h) [H 七.1, C 七.1];
    - a follow-up at once for a customer left unsatisfied (card or callback), again after
      every unsatisfied answer, until satisfied [H 六.1, 七.1];
    - a remedy call for every confirmed forgery flag (FORGERY_KINDS) of a ticket without a
      remedy callback yet [H 七.2].
    Idempotent: `CallbackDue.key` is stored in Callback.row_hash.
    """
    return len(generate(db, day=day, now=now, user=user).created)


def _records(s: Session, day: date) -> dict[str, int]:
    """Engineer code → flags confirmed against him in the RECORD_DAYS before `day`."""
    rows = s.exec(
        select(Engineer.code, func.count())
        .join(Flag, col(Flag.engineer_id) == col(Engineer.id))
        .where(
            Flag.status == "confirmed",
            col(Flag.business_date) >= day - timedelta(days=RECORD_DAYS),
            col(Flag.business_date) < day,
        )
        .group_by(Engineer.code)
    ).all()
    return {code: int(n) for code, n in rows}


def _stored_findings(s: Session, day: date):
    from clerk_tui.domain.findings import Finding

    rows = s.exec(
        select(Flag.kind, Flag.severity, Flag.ticket_no, Engineer.code)
        .join(Engineer, col(Engineer.id) == col(Flag.engineer_id), isouter=True)
        .where(Flag.business_date == day, Flag.status != "dismissed")
        .where(col(Flag.kind).in_(sorted(VERIFY_KINDS)))
    ).all()
    return [Finding(k, sev, (), ticket_no=n or "", engineer_id=c or "") for k, sev, n, c in rows]


@dataclass(frozen=True)
class Sampled:
    """The day's verification sample and what booking it did.

    `tickets`: every ticket sampled, high-risk first (`high` of them), then those drawn;
    `covered`: those another callback already covers (`covered_by_other_callbacks`), so
    no verification callback of their own; `due`: the deadline of the day's verification
    callbacks; `booked`: what this run created, and left out for a locked day.
    """

    tickets: tuple[str, ...]
    high: int
    covered: tuple[str, ...]
    due: datetime
    booked: Generated

    @property
    def to_call(self) -> tuple[str, ...]:
        """Sampled tickets with a verification callback of their own (booked now or before)."""
        covered = set(self.covered)
        return tuple(n for n in self.tickets if n not in covered)

    @property
    def booked_before(self) -> int:
        """Verification callbacks of the day an earlier run booked."""
        return len(self.to_call) - len(self.booked.created) - len(self.booked.locked)


def _other_callbacks(s: Session, nos: list[str], day: date) -> list[CallbackInfo]:
    """The tickets' callbacks, less the sample's own verification callbacks of `day`."""
    own = {verification_key(n, day) for n in nos}
    out: list[CallbackInfo] = []
    for i in range(0, len(nos), 500):
        chunk = nos[i : i + 500]
        for cb in s.exec(select(Callback).where(col(Callback.ticket_no).in_(chunk))):
            if cb.row_hash not in own:
                out.append(callback_info(cb))
    return out


def sample(db: Database, *, day: date, now: datetime, user: str = SYSTEM_USER) -> Sampled:
    """Draw and book the day's verification sample (see `book_verification_sample`)."""
    policy = load_policy(db)
    with db.session() as s:
        _serialise(s)
        data = load_day(s, day=day, policy=policy)
        findings = [f for kind in sorted(VERIFY_KINDS) for f in RULE_OF[kind].function(data, now)]
        findings += _stored_findings(s, day)
        cards = [card_info(c) for c in day_cards(s, day)]
        picked = sample_of(
            cards,
            findings,
            _records(s, day),
            policy.verification_sample_rate,
            f"verify|{day.isoformat()}",
        )
        high = high_risk_tickets(cards, findings)
        due = verification_due(day, now, policy)
        covered = covered_by_other_callbacks(
            picked, _other_callbacks(s, picked, day), cards, day, due
        )
        wanted = [
            (n, VERIFICATION, due, verification_key(n, day), "") for n in picked if n not in covered
        ]
        done = _insert(s, wanted, user=user, now=now, action="callback.sample", lock_day=day)
    return Sampled(
        tickets=tuple(picked),
        high=sum(1 for n in picked if n in high),
        covered=tuple(n for n in picked if n in covered),
        due=due,
        booked=done,
    )


def book_verification_sample(
    db: Database, *, day: date, now: datetime, user: str = SYSTEM_USER
) -> list[str]:
    """Book the day's verification callbacks (DESIGN §3); the tickets to call for it.

    Every card of `day` with a high-severity forgery finding (the rules run now, plus the
    day's stored flags not dismissed) is in, plus policy.verification_sample_rate of the
    others, weighted by each engineer's confirmed flags of the past 90 days; the seed is
    the date, so the sample is the same on every run. Booked as Callback reason
    'verification', due by `verification_due` (policy: the next day at 12:00 [H 七.2]).
    A sampled ticket whose customer already has an open callback due by then, or was
    already called back after the visit, gets none: that call asks the verification
    questions (`covered_by_other_callbacks`), and it is not among the tickets returned.
    """
    return list(sample(db, day=day, now=now, user=user).to_call)
