"""When a callback (回访) is due: one pure function for every callback the app books or retries.

The reasons a callback is booked for, and its due time from the event it answers (`basis`):

| reason           | due                                              | section          |
|------------------|--------------------------------------------------|------------------|
| consult          | basis + policy.consult_callback_hours (2 h)      | H 一.2(1), 一.3(3) |
| uncertain_repair | basis + policy.uncertain_repair_callback_hours   | H 七.1, C 七.1     |
|                  | (3 h; a ceramics outlet sets 168 h)              |                  |
| follow_up        | at once: the later of basis and now              | H 六.1, 七.1       |
| remedy           | at once: now                                     | H 七.2            |
| verification     | policy.verification_callback_days after the      | H 七.2 (outlet    |
|                  | cards' day at policy.verification_callback_hour  | policy)          |
| retry            | now + RETRY_AFTER (1 h): an unreached call again | H 一.3(4)         |

`retry` is not a stored reason: a callback that did not reach the customer keeps its own
reason and is due again an hour after the attempt.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from clerk_tui.domain.policy import Policy

CONSULT = "consult"
UNCERTAIN_REPAIR = "uncertain_repair"
FOLLOW_UP = "follow_up"
REMEDY = "remedy"
VERIFICATION = "verification"
RETRY = "retry"  # not a stored reason: the next try of a call that did not reach the customer

REASONS = (CONSULT, UNCERTAIN_REPAIR, FOLLOW_UP, REMEDY, VERIFICATION, RETRY)
_NEEDS_POLICY = frozenset({CONSULT, UNCERTAIN_REPAIR, VERIFICATION})

RETRY_AFTER = timedelta(hours=1)
"""An unreached customer is called again this long after the attempt ([H 一.3(4)] 改时间打)."""


def callback_due(
    reason: str, basis: datetime, *, now: datetime, policy: Policy | None = None
) -> datetime:
    """When a callback for `reason` answering the event at `basis` is due (table above).

    - consult: `basis` (the phone consultation) + policy.consult_callback_hours —
      [H 一.2(1)] 2小时后跟踪回访用户使用情况; [H 一.3(3)] 凡咨询后的用户2个小时后必须回访用户;
    - uncertain_repair: `basis` (the engineer finished) + policy.uncertain_repair_callback_hours —
      [H 七.1] 对没有彻底修复把握的用户信息,维修工3小时后回访 (ceramics: a week [C 七.1]);
    - follow_up: the customer left unsatisfied at `basis` is called again at once, never
      before `now` — [H 六.1, 七.1] 跟踪服务直至用户满意为止;
    - remedy: a confirmed forgery is remedied at once (`now`) — [H 七.2] 及时回访用户采取补救措施;
    - verification: the cards of `basis`'s day (booked at `now`) are verified
      policy.verification_callback_days after that day, or after `now` when booked on a
      later day, at policy.verification_callback_hour:00 (by default the next day at noon);
      never at or before `now`: a deadline already past moves on a day at a time. The
      manuals give no hour, only 及时回访 [H 七.2], so it is outlet policy;
    - retry: an attempt at `basis` that did not reach the customer is tried again
      RETRY_AFTER later — [H 一.3(4)] 如果用户电话无人接…应改时间打.

    `policy` is required for consult, uncertain_repair and verification. ValueError for an
    unknown reason or a missing policy.
    """
    if reason in _NEEDS_POLICY and policy is None:
        raise ValueError(f"a {reason} callback's due time depends on the outlet policy")
    if reason == CONSULT and policy is not None:
        return basis + timedelta(hours=policy.consult_callback_hours)
    if reason == UNCERTAIN_REPAIR and policy is not None:
        return basis + timedelta(hours=policy.uncertain_repair_callback_hours)
    if reason == FOLLOW_UP:
        return max(basis, now)
    if reason == REMEDY:
        return now
    if reason == VERIFICATION and policy is not None:
        day = max(basis.date(), now.date()) + timedelta(days=policy.verification_callback_days)
        due = datetime.combine(day, time(policy.verification_callback_hour))
        while due <= now:
            due += timedelta(days=1)
        return due
    if reason == RETRY:
        return basis + RETRY_AFTER
    raise ValueError(f"unknown callback reason {reason!r}; one of {', '.join(REASONS)}")
