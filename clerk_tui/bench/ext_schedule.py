"""Bench figure `conflicts_day_ms`: loading one day of 200 engineers × 8 appointments and checking it.

Builds its own SQLite database once per work folder: 200 engineers (a few inactive or on
leave), 1,600 appointments of the day with their tickets (district, product model,
requested window), a share of them clashing on purpose, the shipped travel table and
policy. The figure is the median of five runs of `services.schedule.load_day` (queries,
plan, every conflict rule); `conflicts_touch_ms` is re-checking one moved visit.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, datetime, timedelta
from pathlib import Path

KEY = "conflicts_day_ms"
TARGET = {"conflicts_day_ms": (200, "max", "ms"), "conflicts_touch_ms": (20, "max", "ms")}
ENGINEERS = 200
PER_ENGINEER = 8
RUNS = 5
DAY = date(2025, 3, 14)
_DB_NAME = "conflicts_day_v1.db"
_DISTRICTS = ["市南区", "市北区", "李沧区", "崂山区", "城阳区", "黄岛区", "即墨区"]
_CATEGORIES = ["洗衣机", "冰箱", "空调", "热水器", "电视"]


def _at(minutes: int) -> datetime:
    return datetime.combine(DAY, datetime.min.time()) + timedelta(minutes=minutes)


def build(path: Path) -> None:
    """The bench day's database at `path` (a fresh file)."""
    from sqlalchemy import insert

    from clerk_tui.db.models import (
        Appointment,
        Engineer,
        EngineerLeave,
        Outlet,
        ProductModel,
        Ticket,
    )
    from clerk_tui.services.database import open_database
    from clerk_tui.services.reference import default_policy, load_travel_minutes, save_policy

    rng = random.Random(4)
    db = open_database(f"sqlite:///{path}")
    try:
        load_travel_minutes(db)
        save_policy(db, default_policy())
        with db.session() as s:
            outlet = Outlet(code="BENCH", name="bench")
            s.add(outlet)
            s.flush()
            s.execute(
                insert(ProductModel),
                [{"model": f"M-{c}", "category": c} for c in _CATEGORIES],
            )
            engineers = [
                {
                    "code": f"E{n:04d}",
                    "name": f"工程师{n}",
                    "outlet_id": outlet.id,
                    "skills": "|".join(rng.sample(_CATEGORIES, 3)),
                    "work_start": "08:00",
                    "work_end": "18:30",
                    "base_district": rng.choice(_DISTRICTS),
                    "active": n % 97 != 0,
                }
                for n in range(1, ENGINEERS + 1)
            ]
            s.execute(insert(Engineer), engineers)
            s.execute(
                insert(EngineerLeave),
                [{"engineer_id": n, "day": DAY, "reason": "休假"} for n in (7, 77, 177)],
            )
            tickets, appts = [], []
            for e in range(1, ENGINEERS + 1):
                start = 8 * 60 + 15
                for k in range(PER_ENGINEER):
                    n = (e - 1) * PER_ENGINEER + k + 1
                    clash = rng.random() < 0.05  # starts before the previous visit ends
                    begin = start - (30 if clash and k else 0)
                    tickets.append(
                        {
                            "ticket_no": f"B{n:06d}",
                            "outlet_id": outlet.id,
                            "customer_name": "客户",
                            "district": rng.choice(_DISTRICTS),
                            "model_id": rng.randint(1, len(_CATEGORIES)),
                            "status": "scheduled",
                            "requested_start": _at(begin - 60),
                            "requested_end": _at(begin + 120),
                            "created_at": _at(7 * 60),
                            "business_date": DAY,
                            "symptom": "",
                            "notes": "",
                        }
                    )
                    appts.append(
                        {
                            "ticket_id": n,
                            "engineer_id": e,
                            "start": _at(begin),
                            "end": _at(begin + 60),
                            "status": "planned",
                            "version": 1,
                        }
                    )
                    start = begin + 75
            s.execute(insert(Ticket), tickets)
            s.execute(insert(Appointment), appts)
    finally:
        db.dispose()


def measure(work: Path) -> dict[str, float]:
    """Median milliseconds to load and check the day, and to re-check one moved visit."""
    from dataclasses import replace

    from clerk_tui.domain.schedule.rules import conflicts_touching
    from clerk_tui.services.database import open_database
    from clerk_tui.services.schedule.day import load_day

    path = work / _DB_NAME
    if not path.exists():
        partial = work / (_DB_NAME + ".partial")
        partial.unlink(missing_ok=True)
        build(partial)
        partial.rename(path)
    db = open_database(f"sqlite:///{path}")
    try:
        load_day(db, DAY)  # warm the connection pool and the policy/travel reads
        times, touch = [], []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            view = load_day(db, DAY)
            times.append((time.perf_counter() - t0) * 1000)
            visit = view.plan.visit("B000100")
            assert visit is not None and visit.start is not None
            moved = replace(
                visit, engineer_code="E0001", start=visit.start + timedelta(hours=1), end=None
            )
            t0 = time.perf_counter()
            conflicts_touching(view.plan.with_visit(moved), "B000100", visit.engineer_code)
            touch.append((time.perf_counter() - t0) * 1000)
        if not view.findings:
            raise RuntimeError("the bench day has no conflicts: the check did no work")
    finally:
        db.dispose()
    return {
        "conflicts_day_ms": statistics.median(times),
        "conflicts_touch_ms": statistics.median(touch),
    }
