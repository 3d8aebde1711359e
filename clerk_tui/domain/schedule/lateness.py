"""What to do when an engineer is late or a visit fails at the door [H 二.3, 三.3]: pure decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from clerk_tui.domain.findings import N_, Evidence
from clerk_tui.domain.policy import Policy

LatenessResponse = Literal["none", "apology", "apology_and_gift", "manager_visit"]

# [H 三.3(1)] 必须在同用户约定的时间前1~2分钟同用户取得联系: the call is due by the earlier end.
CALL_AHEAD_MINUTES = 2

FAILED_VISIT_REASONS = (
    "customer_out",  # 用户不在家 [H 三.2, 三.3(2)]
    "customer_busy",  # 用户临时有事出门 [H 三.3(5)]
    "refused_entry",  # 用户不让进门 [H 三.3(1)]
    "doubts_engineer",  # 用户对工程师资格表示怀疑 [H 三.3(3)]
    "power_cut",  # 用户家临时停电 [H 三.3(5)]
    "product_elsewhere",  # 报修产品不在此处 [H 三.3(4)]
)
FAILED_VISIT_MESSAGE: dict[str, str] = {
    "customer_out": N_("sch.fail.customer_out"),
    "customer_busy": N_("sch.fail.customer_busy"),
    "refused_entry": N_("sch.fail.refused_entry"),
    "doubts_engineer": N_("sch.fail.doubts_engineer"),
    "power_cut": N_("sch.fail.power_cut"),
    "product_elsewhere": N_("sch.fail.product_elsewhere"),
}
"""What follows a failed visit, by its reason (`FailedVisitAction.describe`)."""
_MANAGER_VISITS = frozenset({"refused_entry", "doubts_engineer"})


def lateness_response(
    late_minutes: int, policy: Policy, apology_accepted: bool | None = None
) -> LatenessResponse:
    """The response owed to a customer for a late arrival [H 三.3(1)].

    Late up to policy.lateness_threshold_minutes (15): an apology (交通受阻 may be given as
    the reason, never "too many customers"). Later than that: a sincere apology and a small
    gift. If the customer does not accept the apology (`apology_accepted=False`), the
    after-sales manager visits to apologise in person (售后经理上门道歉). Not late: "none".
    """
    if late_minutes <= 0:
        return "none"
    if apology_accepted is False:
        return "manager_visit"
    if late_minutes <= policy.lateness_threshold_minutes:
        return "apology"
    return "apology_and_gift"


def describe_lateness(late_minutes: int, response: LatenessResponse) -> Evidence:
    """The response as one message (rendered by the caller, in its reader's language)."""
    if response == "none":
        return Evidence("sch.late.none")
    if response == "manager_visit":
        return Evidence("sch.late.manager_visit")
    if response == "apology":
        return Evidence("sch.late.apology", {"minutes": late_minutes})
    return Evidence("sch.late.apology_and_gift", {"minutes": late_minutes})


@dataclass(frozen=True)
class FailedVisitAction:
    """What follows a visit that could not be done at the door."""

    reason: str
    reschedule: bool  # 改约
    consent_required: bool  # only with the customer's agreement
    manager_visit: bool  # 售后经理亲自上门

    def describe(self) -> Evidence:
        """The action as one message (rendered by the caller, in its reader's language)."""
        return Evidence(FAILED_VISIT_MESSAGE[self.reason])


def failed_visit_action(reason: str) -> FailedVisitAction:
    """The manual's answer to a visit that failed at the door [H 三.3(2)-(5)].

    Customer out, called away, power cut, product elsewhere: reschedule with the customer's
    consent. Customer refuses entry or doubts the engineer's qualification and still will
    not open: reschedule, and the after-sales manager visits in person (售后经理亲自上门).
    Unknown reasons raise ValueError (they are not guessed at).
    """
    if reason not in FAILED_VISIT_REASONS:
        raise ValueError(
            f"unknown failed-visit reason {reason!r}; one of {', '.join(FAILED_VISIT_REASONS)}"
        )
    return FailedVisitAction(
        reason, reschedule=True, consent_required=True, manager_visit=reason in _MANAGER_VISITS
    )


def call_ahead_due(appointment_start: datetime, late_minutes: int) -> datetime:
    """When the customer must have been phoned about a late arrival: before the appointment.

    [H 二.3] an engineer held up on the road phones ahead to apologise; [H 三.3(1)] the call
    is made 1-2 minutes before the agreed time at the latest, so it is due at
    `appointment_start` - CALL_AHEAD_MINUTES. ValueError if `late_minutes` <= 0 (no call owed).
    """
    if late_minutes <= 0:
        raise ValueError("no call ahead is owed for an arrival that is not late")
    return appointment_start - timedelta(minutes=CALL_AHEAD_MINUTES)


def call_ahead_owed(late_minutes: int | None, *, called: bool = False) -> bool:
    """Must the customer be phoned ahead about this visit? [H 二.3, 三.3(1)]

    [H 二.3] 若服务工程师在路上遇到塞车或其他意外,要提前电话联系向用户道歉; [H 三.3(1)]
    必须在同用户约定的时间前1~2分钟同用户取得联系,道歉取得用户的谅解. Owed when the
    engineer said he will be late (`late_minutes` > 0) and nobody has phoned yet (`called`).
    """
    return late_minutes is not None and late_minutes > 0 and not called


@dataclass(frozen=True)
class CallAheadOutcome:
    """What the call ahead about a late arrival led to, as codes.

    `offered`: the apology owed for the lateness (apology / apology_and_gift);
    `response`: `offered`, or manager_visit when the customer refused it;
    `contact_outcome`: the Contact outcome to log (apology_accepted / apology_refused);
    `manager_visit`: the after-sales manager goes to apologise in person.
    """

    offered: LatenessResponse
    response: LatenessResponse
    contact_outcome: Literal["apology_accepted", "apology_refused"]
    manager_visit: bool


def call_ahead_outcome(late_minutes: int, policy: Policy, accepted: bool) -> CallAheadOutcome:
    """The outcome of phoning the customer about a late arrival [H 三.3(1)].

    The customer is offered `lateness_response` (up to policy.lateness_threshold_minutes
    (15) late: an apology; more: an apology and a small gift, 可赠送小礼品); if the apology
    is not accepted (道歉不接受), the after-sales manager visits (再由售后经理上门道歉).
    ValueError if the arrival is not late (no call is owed).
    """
    if not call_ahead_owed(late_minutes):
        raise ValueError("no call ahead is owed for an arrival that is not late")
    offered = lateness_response(late_minutes, policy)
    response = lateness_response(late_minutes, policy, apology_accepted=accepted)
    return CallAheadOutcome(
        offered=offered,
        response=response,
        contact_outcome="apology_accepted" if accepted else "apology_refused",
        manager_visit=response == "manager_visit",
    )
