"""Reschedule only with the customer's consent (征得用户同意与用户改约时间) [H 一.2(2)]: pure decisions.

The ticket's consent record is the outcome of its latest consent-related contact:
'consent' (the customer agreed to another time), 'consent_refused', or 'rescheduled'
(a reschedule that used the consent up); "" when there is none. The service reads it
from the database and raises the screen's error; the decision itself is made here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

CONSENT = "consent"
CONSENT_REFUSED = "consent_refused"
RESCHEDULED = "rescheduled"
CONSENT_OUTCOMES = (CONSENT, CONSENT_REFUSED, RESCHEDULED)
"""The contact outcomes that make up a ticket's consent record, in any order."""

RescheduleDecision = Literal["allowed", "no_consent", "consent_refused", "consent_used"]


def is_reschedule(old: tuple[datetime, datetime], new: tuple[datetime, datetime]) -> bool:
    """Moving a visit from `old` (start, end) to `new` changes its time: a reschedule (改约).

    Giving the visit to another engineer at the same time is a reassignment (转派), which
    the customer need not agree to: the time they agreed is kept [H 一.2(2): 转其他人].
    """
    return old != new


def check_reschedule(latest_consent: str) -> RescheduleDecision:
    """May the visit move to another time, given the ticket's latest consent record? [H 一.2(2)]

    [H 一.2(2)] 不能保证按时到达,或同其他用户上门时间冲突,要向用户道歉、说明原因,
    征得用户同意与用户改约时间;若用户不同意,转其他他人或反馈中心信息员.
    - 'consent' (the customer agreed, not yet used): "allowed";
    - nothing recorded: "no_consent";
    - 'consent_refused' (the latest answer is no): "consent_refused";
    - 'rescheduled' (the consent was used by an earlier reschedule): "consent_used".
    An unknown record is treated as no consent.
    """
    if latest_consent == CONSENT:
        return "allowed"
    if latest_consent == CONSENT_REFUSED:
        return "consent_refused"
    if latest_consent == RESCHEDULED:
        return "consent_used"
    return "no_consent"


def reschedule_allowed(latest_consent: str) -> bool:
    """True when `check_reschedule` allows the reschedule [H 一.2(2)]."""
    return check_reschedule(latest_consent) == "allowed"
