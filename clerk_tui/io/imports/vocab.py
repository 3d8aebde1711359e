"""Words the import files may use for coded values, mapped to what the database stores."""

from __future__ import annotations

from clerk_tui.db.models import TICKET_STATES

SOURCES = {
    "center": "center", "中心": "center", "派单": "center", "中心派单": "center",
    "phone": "phone", "电话": "phone", "来电": "phone",
    "walkin": "walkin", "walk-in": "walkin", "到店": "walkin", "进店": "walkin", "自送": "walkin",
}  # fmt: skip
SERVICE_TYPES = {
    "repair": "repair", "维修": "repair",
    "install": "install", "安装": "install",
    "maintenance": "maintenance", "保养": "maintenance", "维护": "maintenance",
    "consult": "consult", "咨询": "consult",
}  # fmt: skip
STATUSES = {s: s for s in TICKET_STATES}

# Product categories as the catalog stores them, from the English words FORMATS allows.
CATEGORY_ALIASES = {
    "washer": "洗衣机", "washing machine": "洗衣机", "washing_machine": "洗衣机",
    "fridge": "冰箱", "refrigerator": "冰箱",
    "air conditioner": "空调", "air_conditioner": "空调", "ac": "空调", "aircon": "空调",
    "water heater": "热水器", "water_heater": "热水器",
    "tv": "电视", "television": "电视",
    "range hood": "油烟机", "range_hood": "油烟机", "dishwasher": "洗碗机",
    "microwave": "微波炉", "freezer": "冰柜",
}  # fmt: skip


def category(value: str) -> str:
    """A product category as stored: the Chinese word for FORMATS' English ones, else as typed."""
    return CATEGORY_ALIASES.get(value.strip().lower(), value.strip())


def split_list(value: str, *, categories: bool = False) -> str:
    """A '|'-separated list trimmed and re-joined (full-width ｜ accepted), empty items dropped."""
    items = [i.strip() for i in value.replace("｜", "|").split("|")]
    return "|".join(category(i) if categories else i for i in items if i)
