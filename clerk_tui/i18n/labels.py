"""Label tables: each vocabulary's stored codes with the literal message id that names them.

One table per vocabulary shared by services, io, the CLI and the screens (the domain keeps
its own tables, it imports no catalog); `label(TABLE, code)` is the word in the session's
language, or the code itself for a code the table lacks.
"""

from __future__ import annotations

from collections.abc import Mapping

from clerk_tui.domain.reconcile.inputs import CALLBACK_REASON_LABEL
from clerk_tui.domain.validation.address import ADDRESS_PART_LABEL
from clerk_tui.domain.validation.fields import FIELD_LABEL
from clerk_tui.domain.validation.phone import PHONE_MESSAGE
from clerk_tui.i18n import N_, t

# The domain's own tables (it imports no catalog), named here too for the layers above: one
# table per vocabulary.
ADDRESS_PART = ADDRESS_PART_LABEL
"""The parts an address can lack (`val.addr.*`)."""
CALLBACK_REASON = CALLBACK_REASON_LABEL
"""Callback reasons (回访原因, `rec.reason.*`)."""
PHONE_PROBLEM = PHONE_MESSAGE
"""Why a phone number is refused (`check_phone(...).reason`; the message quotes `phone`)."""
VALIDATION_FIELD = FIELD_LABEL
"""Ticket fields a validation finding names (`val.field.*`)."""


def label(table: Mapping[str, str], code: str) -> str:
    """The interface word for `code` in `table`; the code itself when the table lacks it."""
    key = table.get(code)
    return t(key) if key is not None else code


AUDIT_REASON: dict[str, str] = {
    "deleted_before": N_("audit.deleted_before"),
    "edited": N_("audit.edited"),
}
"""Why the audit chain broke (`AuditCheck.reason`)."""

SCHEDULE_SEVERITY: dict[str, str] = {
    "high": N_("sc.sev.high"),
    "low": N_("sc.sev.low"),
    "medium": N_("sc.sev.medium"),
}
"""Schedule conflict severities."""

CONFLICT_KIND: dict[str, str] = {
    "engineer_inactive": N_("sc.kind.engineer_inactive"),
    "insufficient_travel": N_("sc.kind.insufficient_travel"),
    "outside_hours": N_("sc.kind.outside_hours"),
    "outside_requested_window": N_("sc.kind.outside_requested_window"),
    "over_capacity": N_("sc.kind.over_capacity"),
    "overlap": N_("sc.kind.overlap"),
    "skill_mismatch": N_("sc.kind.skill_mismatch"),
    "unassigned": N_("sc.kind.unassigned"),
}
"""Schedule conflict kinds."""

DAY_STATE: dict[str, str] = {
    "open": N_("ru.state.open"),
    "reconciled": N_("ru.state.reconciled"),
    "reported": N_("ru.state.reported"),
    "signed_off": N_("ru.state.signed_off"),
}
"""A reconciliation day's states."""

DEMO_ROLE: dict[str, str] = {
    "center": N_("demo.role.center"),
    "clerk": N_("demo.role.clerk"),
    "supervisor": N_("demo.role.supervisor"),
}
"""The demo accounts' roles."""

DAY_SUMMARY: dict[str, str] = {
    "cards_returned": N_("ru.sum.cards_returned"),
    "flags": N_("ru.sum.flags"),
    "flags_not_on_record": N_("ru.sum.flags_not_on_record"),
    "high": N_("ru.sum.high"),
    "low": N_("ru.sum.low"),
    "medium": N_("ru.sum.medium"),
    "satisfied": N_("ru.sum.satisfied"),
    "unsatisfied": N_("ru.sum.unsatisfied"),
    "visits": N_("ru.sum.visits"),
}
"""The reconciliation summary's counts."""

FLAG_KIND: dict[str, str] = {
    "callback_contradiction": N_("rec.kind.callback_contradiction"),
    "callback_overdue": N_("rec.kind.callback_overdue"),
    "card_for_unserved_ticket": N_("rec.kind.card_for_unserved_ticket"),
    "duplicate_card": N_("rec.kind.duplicate_card"),
    "engineer_pattern": N_("rec.kind.engineer_pattern"),
    "engineer_signed": N_("rec.kind.engineer_signed"),
    "fee_without_receipt": N_("rec.kind.fee_without_receipt"),
    "late_arrival": N_("rec.kind.late_arrival"),
    "late_card": N_("rec.kind.late_card"),
    "late_no_call_ahead": N_("rec.kind.late_no_call_ahead"),
    "missing_card": N_("rec.kind.missing_card"),
    "missing_slip": N_("rec.kind.missing_slip"),
    "orphan_card": N_("rec.kind.orphan_card"),
    "overcharge": N_("rec.kind.overcharge"),
    "signed_outside_visit": N_("rec.kind.signed_outside_visit"),
    "signer_not_customer": N_("rec.kind.signer_not_customer"),
    "unsatisfied_open": N_("rec.kind.unsatisfied_open"),
    "unsigned_satisfied": N_("rec.kind.unsigned_satisfied"),
}
"""Reconciliation flag kinds (稽核标记)."""

FLAG_SEVERITY: dict[str, str] = {
    "high": N_("ru.sev.high"),
    "low": N_("ru.sev.low"),
    "medium": N_("ru.sev.medium"),
}
"""Reconciliation flag severities."""

FLAG_STATUS: dict[str, str] = {
    "confirmed": N_("ru.status.confirmed"),
    "dismissed": N_("ru.status.dismissed"),
    "open": N_("ru.status.open"),
    "resolved": N_("ru.status.resolved"),
}
"""Reconciliation flag statuses."""


AUTH_ERROR: dict[str, str] = {
    "bad_credentials": N_("ui.auth.bad_credentials"),
    "password_short": N_("ui.auth.password_short"),
    "role_unknown": N_("ui.auth.role_unknown"),
    "username_empty": N_("ui.auth.username_empty"),
    "username_taken": N_("ui.auth.username_taken"),
}
"""Account errors (`AuthError` codes)."""

TICKET_STATE: dict[str, str] = {
    "cancelled": N_("tk.state.cancelled"),
    "closed": N_("tk.state.closed"),
    "completed": N_("tk.state.completed"),
    "consult_only": N_("tk.state.consult_only"),
    "in_service": N_("tk.state.in_service"),
    "needs_info": N_("tk.state.needs_info"),
    "new": N_("tk.state.new"),
    "pulled_back": N_("tk.state.pulled_back"),
    "ready": N_("tk.state.ready"),
    "scheduled": N_("tk.state.scheduled"),
    "transferred": N_("tk.state.transferred"),
}
"""Ticket states (工单状态)."""

CONTACT_HOW: dict[str, str] = {
    "in_person": N_("sc.how.in_person"),
    "phone": N_("sc.how.phone"),
    "sms": N_("sc.how.sms"),
    "wechat": N_("sc.how.wechat"),
}
"""How a customer answered (`sc.how.*`)."""

VALIDATION_KIND: dict[str, str] = {
    "duplicate_ticket": N_("vq.kind.duplicate_ticket"),
    "incomplete_address": N_("vq.kind.incomplete_address"),
    "invalid_phone": N_("vq.kind.invalid_phone"),
    "invalid_window": N_("vq.kind.invalid_window"),
    "likely_misuse": N_("vq.kind.likely_misuse"),
    "missing_field": N_("vq.kind.missing_field"),
    "part_unavailable": N_("vq.kind.part_unavailable"),
    "purchase_before_release": N_("vq.kind.purchase_before_release"),
    "purchase_date_future": N_("vq.kind.purchase_date_future"),
    "repeat_repair": N_("vq.kind.repeat_repair"),
    "unclear_symptom": N_("vq.kind.unclear_symptom"),
    "unknown_model": N_("vq.kind.unknown_model"),
}
"""Validation finding kinds."""

VALIDATION_SEVERITY: dict[str, str] = {
    "high": N_("vq.sev.high"),
    "low": N_("vq.sev.low"),
    "medium": N_("vq.sev.medium"),
}
"""Validation severities."""

VALIDATION_STEP: dict[str, str] = {
    "ask_dispatcher": N_("vq.step.ask_dispatcher"),
    "call_customer": N_("vq.step.call_customer"),
    "phone_consult": N_("vq.step.phone_consult"),
    "requisition_part": N_("vq.step.requisition_part"),
}
"""Validation next steps."""

VALUE_ADD_COLUMN: dict[str, str] = {
    "business_date": N_("ru.va.business_date"),
    "created_at": N_("ru.va.created_at"),
    "product_model": N_("ru.va.product_model"),
    "recorded_by": N_("ru.va.recorded_by"),
    "tag": N_("ru.va.tag"),
    "text": N_("ru.va.text"),
    "ticket_no": N_("ru.va.ticket_no"),
}
"""The value-add sheet's columns (增值记录)."""

TIMELINE_SOURCE: dict[str, str] = {
    "center": N_("tickets.tl.source.center"),
    "phone": N_("tickets.tl.source.phone"),
    "walkin": N_("tickets.tl.source.walkin"),
}
"""Where a ticket came from, on its timeline."""

TIMELINE_SERVICE: dict[str, str] = {
    "consult": N_("tickets.tl.service.consult"),
    "install": N_("tickets.tl.service.install"),
    "maintenance": N_("tickets.tl.service.maintenance"),
    "repair": N_("tickets.tl.service.repair"),
}
"""Service types, on a ticket's timeline."""

TIMELINE_PARTY: dict[str, str] = {
    "center": N_("tickets.tl.party.center"),
    "customer": N_("tickets.tl.party.customer"),
    "dispatcher": N_("tickets.tl.party.dispatcher"),
    "engineer": N_("tickets.tl.party.engineer"),
    "manager": N_("tickets.tl.party.manager"),
}
"""Who a contact was with, on a ticket's timeline."""

TIMELINE_OUTCOME: dict[str, str] = {
    "apology_accepted": N_("tickets.tl.outcome.apology_accepted"),
    "apology_refused": N_("tickets.tl.outcome.apology_refused"),
    "assigned": N_("tickets.tl.outcome.assigned"),
    "cancelled": N_("tickets.tl.outcome.cancelled"),
    "confirmed": N_("tickets.tl.outcome.confirmed"),
    "consent": N_("tickets.tl.outcome.consent"),
    "consent_refused": N_("tickets.tl.outcome.consent_refused"),
    "consult_refused": N_("tickets.tl.outcome.consult_refused"),
    "consulted": N_("tickets.tl.outcome.consulted"),
    "corrected": N_("tickets.tl.outcome.corrected"),
    "late": N_("tickets.tl.outcome.late"),
    "manager_visit": N_("tickets.tl.outcome.manager_visit"),
    "no_answer": N_("tickets.tl.outcome.no_answer"),
    "not_verified": N_("tickets.tl.outcome.not_verified"),
    "reassigned": N_("tickets.tl.outcome.reassigned"),
    "refused": N_("tickets.tl.outcome.refused"),
    "rescheduled": N_("tickets.tl.outcome.rescheduled"),
    "transferred": N_("tickets.tl.outcome.transferred"),
    "unassigned": N_("tickets.tl.outcome.unassigned"),
    "visit_failed": N_("tickets.tl.outcome.visit_failed"),
}
"""Contact and visit outcomes, on a ticket's timeline."""

TIMELINE_APPOINTMENT: dict[str, str] = {
    "cancelled": N_("tickets.tl.appt.cancelled"),
    "done": N_("tickets.tl.appt.done"),
    "moved": N_("tickets.tl.appt.moved"),
    "planned": N_("tickets.tl.appt.planned"),
}
"""Appointment statuses, on a ticket's timeline."""

TIMELINE_CALLBACK_REASON: dict[str, str] = {
    "consult": N_("tickets.tl.cbreason.consult"),
    "follow_up": N_("tickets.tl.cbreason.follow_up"),
    "remedy": N_("tickets.tl.cbreason.remedy"),
    "uncertain_repair": N_("tickets.tl.cbreason.uncertain_repair"),
    "unsatisfied": N_("tickets.tl.cbreason.unsatisfied"),
    "unsure": N_("tickets.tl.cbreason.unsure"),
    "verification": N_("tickets.tl.cbreason.verification"),
}
"""Callback reasons, on a ticket's timeline."""

TIMELINE_SEVERITY: dict[str, str] = {
    "high": N_("tickets.tl.sev.high"),
    "low": N_("tickets.tl.sev.low"),
    "medium": N_("tickets.tl.sev.medium"),
}
"""Flag severities, on a ticket's timeline."""

TIMELINE_FLAG_STATUS: dict[str, str] = {
    "confirmed": N_("tickets.tl.flag.confirmed"),
    "dismissed": N_("tickets.tl.flag.dismissed"),
    "open": N_("tickets.tl.flag.open"),
}
"""Flag statuses, on a ticket's timeline."""


VALIDATION_EXTRA_FIELD: dict[str, str] = {
    "part_needed": N_("vq.field.part_needed"),
    "serial_no": N_("vq.field.serial_no"),
    "ticket_no": N_("vq.field.ticket_no"),
}
"""Ticket fields named only by the validation queue."""

VALIDATION_PARTY: dict[str, str] = {
    "center": N_("vq.party.center"),
    "customer": N_("vq.party.customer"),
    "dispatcher": N_("vq.party.dispatcher"),
    "engineer": N_("vq.party.engineer"),
}
"""Who a validation contact was with."""

VALIDATION_OUTCOME: dict[str, str] = {
    "cancelled": N_("vq.outcome.cancelled"),
    "confirmed": N_("vq.outcome.confirmed"),
    "consult_refused": N_("vq.outcome.consult_refused"),
    "consulted": N_("vq.outcome.consulted"),
    "corrected": N_("vq.outcome.corrected"),
    "no_answer": N_("vq.outcome.no_answer"),
    "not_verified": N_("vq.outcome.not_verified"),
    "part_requested": N_("vq.outcome.part_requested"),
    "refused": N_("vq.outcome.refused"),
    "transferred": N_("vq.outcome.transferred"),
}
"""Validation contact outcomes."""

VALUE_ADD_TAG: dict[str, str] = {
    "design": N_("vq.va.tag.design"),
    "parts": N_("vq.va.tag.parts"),
    "quality": N_("vq.va.tag.quality"),
}
"""Value-add record tags."""

ENGINEER_FIELD: dict[str, str] = {
    "base_district": N_("ad.eng.f.base_district"),
    "certificate_no": N_("ad.eng.f.certificate_no"),
    "code": N_("ad.eng.f.code"),
    "daily_capacity": N_("ad.eng.f.daily_capacity"),
    "name": N_("ad.eng.f.name"),
    "phone": N_("ad.eng.f.phone"),
    "skills": N_("ad.eng.f.skills"),
    "work_end": N_("ad.eng.f.work_end"),
    "work_start": N_("ad.eng.f.work_start"),
}
"""The engineer form's fields (工程师档案)."""
