"""What each answer of a validation-queue form does: one service call, one sentence for the clerk.

A job runs in the screen's thread worker and returns (sentence, forbidden-phrase
warnings); refusals the clerk can act on (changed by someone else, day signed off,
a date that is no date) come back as an error sentence, never as a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.notifications import SeverityLevel

from clerk_tui.domain.findings import Finding
from clerk_tui.domain.phrases import PhraseHit
from clerk_tui.i18n import t, tn
from clerk_tui.services.validation import (
    CheckedTicket,
    FixRefused,
    TicketStale,
    ValueAddRefused,
    add_finding,
    cancel_duplicate,
    fix_field,
    log_contact,
    outcome_label,
    party_label,
    phrase_hits,
    request_part,
    set_part,
)
from clerk_tui.ui.common.desk import DeskApp
from clerk_tui.ui.tickets.labels import state_label
from clerk_tui.ui.validation.choice import ChoiceDialog, DialogResult

Job = Callable[[], tuple[str, list[str]]]


class Refusal(Exception):
    """An answer that cannot be saved as given; the message says what to do instead."""


def _advice(hits: tuple[PhraseHit, ...] | list[PhraseHit]) -> list[str]:
    if not hits:
        return []
    names = t("val.list_sep").join(dict.fromkeys(f"「{h.phrase}」" for h in hits))
    tips = {h.phrase: h.suggestion for h in hits if h.suggestion}
    lines = [t("vq.warn.phrases", list=names)]
    lines += [t("vq.phrase.hit", phrase=p, suggestion=s) for p, s in tips.items()]
    return lines


def _state_text(result: Any, no: str, fallback: str) -> str:
    if result.moved and result.status == "ready":
        return t("vq.done.ready", no=no, state=state_label("ready"))
    return fallback


def contact_job(
    app: DeskApp, c: CheckedTicket, party: str, finding: Finding | None, r: DialogResult
) -> Job:
    def job() -> tuple[str, list[str]]:
        confirm = finding if r.choice == "confirmed" else None
        if confirm is not None and confirm.kind == "part_unavailable":
            raise Refusal(t("vq.err.cannot_confirm"))
        res = log_contact(
            app.db,
            ticket_id=c.id,
            user=app.user,
            party=party,
            outcome=r.choice,
            note=r.values[0],
            now=app.now(),
            confirm=confirm,
            seen_version=c.version,
        )
        if confirm is not None:
            text = tn("vq.done.confirmed", res.remaining, no=c.ticket_no)
            return _state_text(res, c.ticket_no, text), _advice(res.phrase_hits)
        done = t("vq.done.contact", party=party_label(party), outcome=outcome_label(r.choice))
        return done, _advice(res.phrase_hits)

    return job


def fix_job(app: DeskApp, c: CheckedTicket, finding: Finding, r: DialogResult) -> Job:
    def job() -> tuple[str, list[str]]:
        field = finding.field
        value: str | tuple[str, str] = (
            (r.values[0], r.values[1]) if field == "requested_window" else r.values[0]
        )
        res = fix_field(
            app.db,
            ticket_id=c.id,
            seen_version=c.version,
            field=field,
            value=value,
            user=app.user,
            party=r.choice,
            note=r.values[-1],
            now=app.now(),
        )
        text = tn("vq.done.fix", res.remaining, no=c.ticket_no)
        return _state_text(res, c.ticket_no, text), _advice(res.phrase_hits)

    return job


def part_job(app: DeskApp, c: CheckedTicket, r: DialogResult) -> Job:
    def job() -> tuple[str, list[str]]:
        name = r.values[0].strip()
        stock = {"in_stock": True, "out_of_stock": False, "unknown_stock": None}.get(
            r.choice, False
        )
        if name != c.info.part_needed or stock != c.info.part_in_stock:
            set_part(
                app.db,
                ticket_id=c.id,
                seen_version=c.version,
                part=name,
                in_stock=stock,
                user=app.user,
                now=app.now(),
            )
        if r.choice == "requested" and name:
            request_part(app.db, ticket_id=c.id, user=app.user, now=app.now())
            return t("vq.done.requested", no=c.ticket_no), []
        return t("vq.done.part", no=c.ticket_no), []

    return job


def consult_job(app: DeskApp, c: CheckedTicket, r: DialogResult) -> Job:
    def job() -> tuple[str, list[str]]:
        from clerk_tui.services.intake import refuse_consultation, start_consultation

        note = r.values[0]
        hits = phrase_hits(app.db, note)
        if r.choice == "consulted":
            res = start_consultation(
                app.db,
                ticket_id=c.id,
                user=app.user,
                outcome_note=note,
                now=app.now(),
                version=c.version,
            )
            due = res.callback_due.strftime("%H:%M") if res.callback_due else ""
            return t("vq.done.consulted", due=due), _advice(hits)
        res = refuse_consultation(
            app.db, ticket_id=c.id, user=app.user, now=app.now(), version=c.version, note=note
        )
        return t("vq.done.refused", no=c.ticket_no, state=state_label(res.status)), _advice(hits)

    return job


def duplicate_job(app: DeskApp, c: CheckedTicket, finding: Finding, r: DialogResult) -> Job:
    from clerk_tui.ui.validation.forms import party_of

    party = party_of(finding)
    if r.choice == "not_dup":
        confirmed = DialogResult("confirmed", r.values)
        return contact_job(app, c, party, finding, confirmed)

    def job() -> tuple[str, list[str]]:
        res = cancel_duplicate(
            app.db,
            ticket_id=c.id,
            seen_version=c.version,
            other_no=finding.with_ticket_no,
            user=app.user,
            party=party,
            note=r.values[0],
            now=app.now(),
        )
        return t("vq.done.cancelled", no=c.ticket_no), _advice(res.phrase_hits)

    return job


def valueadd_job(app: DeskApp, c: CheckedTicket, r: DialogResult) -> Job:
    def job() -> tuple[str, list[str]]:
        add_finding(
            app.db, ticket_id=c.id, tag=r.choice, text=r.values[0], user=app.user, now=app.now()
        )
        return t("vq.done.valueadd"), []

    return job


def fix_dialog(
    app: DeskApp, c: CheckedTicket, finding: Finding, phrases
) -> tuple[ChoiceDialog, Callable[[DialogResult], Job]] | str:
    """The form that resolves this problem (a field, the part, a consultation, a duplicate),
    or a sentence saying how it is resolved instead."""
    from clerk_tui.ui.validation import forms

    kind = finding.kind
    if kind == "part_unavailable":
        return forms.part_form(c), lambda r: part_job(app, c, r)
    if kind == "likely_misuse":
        return forms.consult_form(c, finding, phrases), lambda r: consult_job(app, c, r)
    if kind == "duplicate_ticket":
        dialog = forms.duplicate_form(c, finding, phrases)
        return dialog, lambda r: duplicate_job(app, c, finding, r)
    if kind == "repeat_repair":
        party = forms.party_of(finding)
        dialog = forms.contact_form(party, c, finding, phrases)
        return dialog, lambda r: contact_job(app, c, party, finding, r)
    fixer = forms.fix_form(c, finding, phrases)
    if fixer is None:
        return t("vq.err.no_fix", how=t("vq.dlg.hint"))
    return fixer, lambda r: fix_job(app, c, finding, r)


def run_job(job: Job) -> tuple[str, SeverityLevel, list[str]]:
    """(sentence, notify severity, warnings): refusals become an error sentence."""
    from clerk_tui.domain.states import TransitionRefused
    from clerk_tui.services.daylock import DayLocked

    refusals: tuple[type[Exception], ...] = (
        Refusal,
        TicketStale,
        FixRefused,
        DayLocked,
        ValueAddRefused,
        TransitionRefused,
    )
    try:
        from clerk_tui.services.intake import ConsultRefused

        refusals += (ConsultRefused,)
    except ImportError:  # the consultation service is another feature's module
        pass
    try:
        text, warnings = job()
    except refusals as exc:
        return str(exc), "error", []
    return text, "information", warnings
