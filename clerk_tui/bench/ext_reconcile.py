"""Bench figures of the end of day: reconcile one outlet's day (300 tickets) and a center's day
(20,000 cards across 100 outlets) end to end (load + rules + store), and key-to-repaint in the
reconciliation screen while a reconciliation runs in its worker."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from datetime import date, datetime, timedelta
from pathlib import Path

KEY = "reconcile_outlet_ms"
TARGET = {
    "reconcile_outlet_ms": (100, "max", "ms"),
    "reconcile_center_ms": (2000, "max", "ms"),
    "keypress_ms": (50, "max", "ms"),
}
DAY = date(2025, 6, 10)
SUPERVISOR = "bench_sup"
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def _name(r: random.Random) -> str:
    return r.choice(_SURNAMES) + "".join(r.choice(_GIVEN) for _ in range(r.randint(1, 2)))


def _at(minutes: int) -> datetime:
    return datetime.combine(DAY, datetime.min.time()) + timedelta(minutes=minutes)


def build_day(db, *, outlets: int, tickets_per_outlet: int, engineers_per_outlet: int) -> None:
    """One day of `outlets` outlets: each ticket booked, visited and (mostly) carded; a few
    cards carry each kind of problem so every rule family has work to do."""
    from sqlalchemy import insert, select
    from sqlmodel import col

    from clerk_tui.db.models import (
        Appointment,
        Callback,
        Engineer,
        Outlet,
        SupervisionCard,
        Ticket,
        User,
        WarrantySlip,
    )  # fmt: skip
    from clerk_tui.services.auth.passwords import hash_password

    r = random.Random(7)
    created = _at(7 * 60)
    with db.session() as s:
        s.execute(insert(Outlet), [{"code": f"B{o:03d}", "name": f"网点{o}", "city": ""}
                                   for o in range(outlets)])  # fmt: skip
        outlet_ids = dict(s.execute(select(col(Outlet.code), col(Outlet.id))).all())
        s.add(User(username=SUPERVISOR, display_name="主管", role="supervisor",
                   password_hash=hash_password("bench"), outlet_id=outlet_ids["B000"]))  # fmt: skip
        engs = [{"code": f"B{o:03d}E{e:02d}", "name": _name(r), "outlet_id": outlet_ids[f"B{o:03d}"],
                 "phone": "", "skills": "", "work_start": "08:30", "work_end": "17:30",
                 "base_district": "", "certificate_no": "", "active": True}
                for o in range(outlets) for e in range(engineers_per_outlet)]  # fmt: skip
        s.execute(insert(Engineer), engs)
        eng_ids = dict(s.execute(select(col(Engineer.code), col(Engineer.id))).all())
        tickets, appts, cards, slips, callbacks = [], [], [], [], []
        for o in range(outlets):
            for n in range(tickets_per_outlet):
                no = f"B{o:03d}{DAY:%Y%m%d}{n:05d}"
                code = f"B{o:03d}E{n % engineers_per_outlet:02d}"
                name = _name(r)
                tickets.append({
                    "ticket_no": no, "outlet_id": outlet_ids[f"B{o:03d}"], "customer_name": name,
                    "status": "completed", "created_at": created, "business_date": DAY,
                    "engineer_id": eng_ids[code], "warranty_status": r.choice(["in", "out"]),
                    "service_type": "repair", "symptom": "", "notes": "", "source": "center",
                })  # fmt: skip
                start = 8 * 60 + 30 + (n // engineers_per_outlet) % 8 * 60  # 8 jobs a day
                appts.append((no, eng_ids[code], _at(start), _at(start + 50)))
                roll = r.random()
                if roll < 0.05:
                    continue  # card never came back
                signer = name
                signed = _at(start + 46)
                arrived = _at(start + (25 if roll > 0.98 else -5))  # a few arrive late
                if roll < 0.08:
                    signer = engs[0]["name"]  # someone else's hand
                elif roll < 0.10:
                    signed = _at(start - 30)  # signed before arrival
                cards.append({
                    "ticket_no": no, "engineer_code": code, "engineer_id": eng_ids[code],
                    "returned_at": _at(18 * 60 + r.randint(0, 150)), "arrived_at": arrived,
                    "finished_at": _at(start + 45), "signer_name": signer, "signer_relation": "",
                    "signature_present": not 0.10 <= roll < 0.12, "satisfaction": "满意",
                    "signed_at": signed, "fee_charged_fen": 0, "fee_items": "", "receipt_no": "",
                    "repair_confident": roll > 0.15, "notes": "", "business_date": DAY,
                })  # fmt: skip
                slips.append({"ticket_no": no, "engineer_code": code, "fault_cause": "",
                              "repair_action": "", "parts": "", "fee_charged_fen": 0,
                              "receipt_no": "", "returned_at": _at(18 * 60)})  # fmt: skip
                if roll > 0.97:
                    callbacks.append((no, _at(16 * 60)))
        s.execute(insert(Ticket), tickets)
        ids = dict(s.execute(select(col(Ticket.ticket_no), col(Ticket.id))).all())
        s.execute(insert(Appointment), [
            {"ticket_id": ids[no], "engineer_id": e, "start": a, "end": b, "status": "done",
             "outcome": "", "version": 1} for no, e, a, b in appts])  # fmt: skip
        for c in cards:
            c["ticket_id"] = ids[c["ticket_no"]]
        s.execute(insert(SupervisionCard), cards)
        s.execute(insert(WarrantySlip), [{**sl, "ticket_id": ids[sl["ticket_no"]]} for sl in slips])
        if callbacks:
            s.execute(insert(Callback), [
                {"ticket_id": ids[no], "ticket_no": no, "reason": "verification", "due_at": due,
                 "notes": ""} for no, due in callbacks])  # fmt: skip


def _clear_flags(db) -> None:
    from sqlalchemy import delete

    from clerk_tui.db.models import BusinessDay, Flag

    with db.session() as s:
        s.execute(delete(Flag))
        s.execute(delete(BusinessDay))


def _time_reconcile(db, runs: int) -> float:
    from clerk_tui.services.reconcile.run import outlets_for, reconcile

    now = _at(21 * 60)
    times = []
    for _ in range(runs):
        _clear_flags(db)
        outlets = outlets_for(db)
        t0 = time.perf_counter()
        reconcile(db, DAY, outlets, now=now, user="bench")
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _fresh(path: Path, **shape):
    from clerk_tui.services.database import open_database

    path.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{path}")
    build_day(db, **shape)
    return db


async def _keypresses(db_url: str, keys: int = 30) -> float:
    """Median ms from a key press to the next screen update, a reconciliation running."""
    from clerk_tui.config import Settings
    from clerk_tui.ui.app import build_app
    from clerk_tui.ui.reconcile.screen import ReconcileScreen

    settings = Settings(db_url=db_url, lang="zh", today=DAY.isoformat(), autologin=SUPERVISOR)
    app = build_app(settings, cursor_blink=False, clock=lambda: _at(21 * 60))
    shown: list[float] = []
    original = app._display

    def display(screen, renderable):
        if renderable is not None:
            shown.append(time.perf_counter())
        return original(screen, renderable)

    app._display = display  # type: ignore[method-assign]
    samples = []
    async with app.run_test(size=(130, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.press("d")
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, ReconcileScreen), screen  # "d" opened the day's reconciliation
        for i in range(keys):
            if not any(w.group == "reconcile" and w.is_running for w in app.workers):
                screen.action_rerun()  # keep a reconciliation running in its worker
            await asyncio.sleep(0.005)
            t0 = time.perf_counter()
            await pilot.press("down" if i % 10 < 5 else "up")
            deadline = t0 + 1.0
            while not any(t > t0 for t in shown) and time.perf_counter() < deadline:
                await asyncio.sleep(0.0005)
            first = min((t for t in shown if t > t0), default=deadline)
            samples.append((first - t0) * 1000)
        await app.workers.wait_for_complete()
    return statistics.median(samples)


def measure(work: Path) -> dict[str, float]:
    work.mkdir(parents=True, exist_ok=True)
    outlet_path = work / "reconcile_outlet.db"
    db = _fresh(outlet_path, outlets=1, tickets_per_outlet=300, engineers_per_outlet=38)
    try:
        outlet_ms = _time_reconcile(db, 5)
    finally:
        db.dispose()
    from clerk_tui.services.reconcile import proc as reconcile_proc

    try:
        keypress = asyncio.run(_keypresses(f"sqlite:///{outlet_path}"))
    finally:
        reconcile_proc.shutdown()
    db = _fresh(work / "reconcile_center.db", outlets=100, tickets_per_outlet=212,
                engineers_per_outlet=27)  # fmt: skip
    try:
        center_ms = _time_reconcile(db, 3)
    finally:
        db.dispose()
    return {"reconcile_outlet_ms": outlet_ms, "reconcile_center_ms": center_ms,
            "keypress_ms": keypress}  # fmt: skip
