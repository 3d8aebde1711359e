"""Small builders for reconciliation tests: one outlet's day on 2024-05-10, times as "HH:MM"."""

from __future__ import annotations

from datetime import date, datetime

from clerk_tui.domain.policy import Policy
from clerk_tui.domain.reconcile.inputs import (
    CallbackInfo,
    CardInfo,
    DayData,
    EngineerInfo,
    FeeStandard,
    SlipInfo,
    VisitInfo,
)

DAY = date(2024, 5, 10)
EVENING = datetime(2024, 5, 10, 22, 0)  # after the 20:00 cut-off
ENGINEERS = (
    EngineerInfo("E01", "王建国"),
    EngineerInfo("E02", "李强"),
    EngineerInfo("E03", "张伟"),
)


def at(hhmm: str | None, day: date = DAY) -> datetime | None:
    """'09:30' on the test day; 'YYYY-MM-DD HH:MM' as written; None stays None."""
    if hhmm is None:
        return None
    if len(hhmm) > 5:
        return datetime.strptime(hhmm, "%Y-%m-%d %H:%M")
    h, m = hhmm.split(":")
    return datetime(day.year, day.month, day.day, int(h), int(m))


def visit(
    ticket="T1",
    engineer="E01",
    status="completed",
    start="09:00",
    end="10:30",
    customer="王芳",
    household=(),
    warranty="out",
    service="repair",
    certificate=None,
    consulted=None,
) -> VisitInfo:
    return VisitInfo(
        ticket_no=ticket,
        engineer_code=engineer,
        status=status,
        appointment_start=at(start),
        appointment_end=at(end),
        customer_name=customer,
        household=tuple(household),
        warranty_status=warranty,
        service_type=service,
        category="洗衣机",
        certificate_fee_fen=certificate,
        consulted_at=at(consulted),
    )


def card(
    ticket="T1",
    engineer="E01",
    returned="18:00",
    arrived="08:55",
    finished="10:10",
    signer="王芳",
    relation="",
    signed=True,
    satisfaction="满意",
    signed_at="10:05",
    fee=0,
    items=(),
    receipt="",
    confident=True,
    called_ahead=None,
) -> CardInfo:
    return CardInfo(
        ticket_no=ticket,
        engineer_code=engineer,
        returned_at=at(returned),
        arrived_at=at(arrived),
        finished_at=at(finished),
        signer_name=signer,
        signer_relation=relation,
        signature_present=signed,
        satisfaction=satisfaction,
        attitude_score=5,
        quality_score=5,
        signed_at=at(signed_at),
        fee_charged_fen=fee,
        fee_items=tuple(items),
        receipt_no=receipt,
        repair_confident=confident,
        called_ahead=called_ahead,
    )


def slip(ticket="T1", engineer="E01", returned="18:00") -> SlipInfo:
    return SlipInfo(
        ticket_no=ticket,
        engineer_code=engineer,
        returned_at=at(returned),
        fault_cause="进水阀堵塞",
        repair_action="清洗进水阀",
    )


def callback(
    ticket="T1",
    called="15:00",
    reached=True,
    satisfied=None,
    signed=None,
    came=None,
    done=None,
    due=None,
    reason="verification",
) -> CallbackInfo:
    return CallbackInfo(
        ticket_no=ticket,
        called_at=at(called),
        reached=reached,
        satisfied=satisfied,
        customer_signed=signed,
        engineer_came=came,
        done_at=at(done),
        due_at=at(due),
        reason=reason,
    )


def day(
    visits=(),
    cards=(),
    slips=(),
    callbacks=(),
    fees=None,
    policy=None,
    engineers=ENGINEERS,
    outlet="QD01",
) -> DayData:
    return DayData(
        day=DAY,
        visits=tuple(visits),
        cards=tuple(cards),
        slips=tuple(slips),
        callbacks=tuple(callbacks),
        engineers=tuple(engineers),
        fees=fees or FeeStandard(),
        policy=policy or Policy(),
        outlet_code=outlet,
    )


def summary(findings) -> list[tuple[str, str, str]]:
    """(kind, severity, ticket) of each finding, sorted: what a supervisor sees first."""
    return sorted((f.kind, f.severity, f.ticket_no) for f in findings)
