"""Shared builders for the validation tests: a complete ticket, a Qingdao outlet's context."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from clerk_tui.domain.policy import Policy
from clerk_tui.domain.validation.rules import ModelInfo, TicketInfo, ValidationContext

TODAY = date(2025, 6, 1)
CATALOG = {
    "XQG70-B12866": ModelInfo("XQG70-B12866", "洗衣机", 12, 36, date(2020, 3, 1)),
    "BCD-216SDN": ModelInfo("BCD-216SDN", "冰箱", 12, 36, date(2021, 5, 1)),
    "BCD-470WDPG": ModelInfo("BCD-470WDPG", "冰箱", 12, 36, date(2022, 9, 1)),
}
DISTRICTS = frozenset({"市南区", "市北区", "崂山区", "李沧区", "城阳区", "胶州市"})
# The water-pressure story [M 信息增值]: an alarm at peak water use that a restart clears.
WATER_PRESSURE = (
    "重新启动后又正常",
    "用水高峰水压低",
    "用水高峰水压不足，进水超时报警；避开高峰洗衣即可，电话指导后 2 小时回访",
)
MISUSE = [
    WATER_PRESSURE,
    ("没插电", "未通电", "电源未接好"),
    ("童锁", "童锁开启", "按键被童锁锁定，指导解锁"),
    ("水龙头没开", "未开水龙头", "进水阀关闭"),
]


def context(**changes) -> ValidationContext:
    base = dict(
        today=TODAY,
        catalog=CATALOG,
        policy=Policy(),
        misuse_keywords=MISUSE,
        districts=DISTRICTS,
    )
    base.update(changes)
    return ValidationContext(**base)


GOOD = TicketInfo(
    ticket_no="T20250601-0001",
    customer_name="沈冰",
    phone="13812345678",
    address="崂山区海尔路1号海尔花园3栋2单元502室",
    product_model="XQG70-B12866",
    serial_no="SN123",
    purchase_date=date(2024, 5, 1),
    symptom="脱水时噪音大，机身晃动",
    requested_start=datetime(2025, 6, 2, 9, 0),
    requested_end=datetime(2025, 6, 2, 12, 0),
    service_type="repair",
    status="new",
    created_at=datetime(2025, 6, 1, 9, 30),
    source="center",
)


def ticket(**changes) -> TicketInfo:
    return replace(GOOD, **changes)


def kinds(findings) -> list[str]:
    return [f.kind for f in findings]
