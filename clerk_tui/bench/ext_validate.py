"""Bench figure `validate_10k_ms`: validating 10,000 open tickets (with their phones' history) from SQLite.

Builds its own database once per work folder: the shipped catalog, 10,000 open tickets
(a share with doubtful information: wrong phones, vague addresses, unknown models,
future purchase dates, misuse symptoms, missing parts) and 10,000 closed tickets of
the same phones for the duplicate and repeat-repair checks. The figure is the median
of three full runs of `validate_problems` (context, queries, rules).
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, datetime, timedelta
from pathlib import Path

KEY = "validate_10k_ms"
TARGET = (1000, "max", "ms")
OPEN_TICKETS = 10_000
HISTORY_TICKETS = 10_000
TODAY = date(2025, 3, 14)
_DB_NAME = "validate_10k_v1.db"

_STREETS = ["建国路", "朝阳北路", "学院路", "中关村大街", "丰台北路", "新华大街"]
_DISTRICTS = ["朝阳区", "海淀区", "丰台区", "通州区"]
_SYMPTOMS = [
    "不脱水，滚筒不转",
    "不制冷，压缩机不启动",
    "漏水，底部有积水",
    "噪音大，运行时异响",
    "显示E4故障码",
    "不加热，指示灯不亮",
]


def _ticket(
    rng: random.Random, n: int, models: list[str], phone: str, status: str, created: datetime
) -> dict:
    district = rng.choice(_DISTRICTS)
    address = f"北京市{district}{rng.choice(_STREETS)}{rng.randint(1, 300)}号{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(101, 2404)}室"
    row = {
        "ticket_no": f"B{n:08d}",
        "source": rng.choice(["center", "center", "phone"]),
        "service_type": "repair",
        "customer_name": rng.choice("王李张刘陈杨") + rng.choice(["伟", "芳", "娜", "强"]),
        "phone": phone,
        "address": address,
        "district": district,
        "product_model": rng.choice(models),
        "serial_no": f"SN{n:09d}",
        "purchase_date": created.date() - timedelta(days=rng.randint(30, 1500)),
        "symptom": rng.choice(_SYMPTOMS),
        "requested_start": created + timedelta(days=1, hours=1),
        "requested_end": created + timedelta(days=1, hours=4),
        "status": status,
        "created_at": created,
        "business_date": created.date(),
        "part_needed": "",
        "part_in_stock": None,
        "version": 1,
        "pull_back": False,
        "loaner": False,
        "warranty_status": "",
        "value_add": "",
        "notes": "",
    }
    roll = rng.random()  # about a third of the open tickets carry one doubtful item
    if status != "closed" and roll < 0.35:
        which = rng.randrange(7)
        if which == 0:
            row["phone"] = phone[:-1]
        elif which == 1:
            row["address"] = f"北京市{rng.choice(_STREETS)}附近"
        elif which == 2:
            row["product_model"] = f"XX-{n}"
        elif which == 3:
            row["purchase_date"] = TODAY + timedelta(days=10)
        elif which == 4:
            row["symptom"] = "洗衣机不进水，水龙头没开"
        elif which == 5:
            row["part_needed"], row["part_in_stock"] = "电脑板", False
        else:
            row["requested_start"] = row["requested_end"] = None
    return row


def build(path: Path) -> None:
    """The bench database: catalog, 10,000 open and 10,000 closed tickets."""
    from sqlalchemy import insert, select
    from sqlmodel import col

    from clerk_tui.db.models import ProductModel, Ticket
    from clerk_tui.services.database import open_database
    from clerk_tui.services.reference import ensure_reference

    tmp = path.with_suffix(".tmp")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{tmp}")
    try:
        ensure_reference(db)
        with db.read() as s:
            models = list(s.execute(select(col(ProductModel.model))).scalars())
        rng = random.Random(7)
        phones = [f"13{rng.randint(100000000, 999999999)}" for _ in range(OPEN_TICKETS)]
        start = datetime.combine(TODAY, datetime.min.time())
        rows = []
        for n in range(HISTORY_TICKETS):
            created = start - timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 9))
            rows.append(_ticket(rng, n, models, rng.choice(phones), "closed", created))
        for n in range(OPEN_TICKETS):
            created = start - timedelta(days=rng.randint(0, 5), hours=rng.randint(-9, 0))
            status = rng.choice(["new", "needs_info", "ready", "scheduled"])
            rows.append(_ticket(rng, HISTORY_TICKETS + n, models, phones[n], status, created))
        with db.session() as s:
            s.execute(insert(Ticket), rows)
    finally:
        db.dispose()
    tmp.rename(path)


def measure(work: Path) -> dict[str, float]:
    from clerk_tui.services.database import open_database
    from clerk_tui.services.validation.check import validate_problems

    path = Path(work) / _DB_NAME
    if not path.exists():
        build(path)
    db = open_database(f"sqlite:///{path}")
    try:
        times = []
        found = 0
        for _ in range(3):
            t0 = time.perf_counter()
            found = len(validate_problems(db, today=TODAY))
            times.append((time.perf_counter() - t0) * 1000)
    finally:
        db.dispose()
    return {KEY: statistics.median(times), "validate_10k_problems": float(found)}
