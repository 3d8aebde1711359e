"""Write the README's pictures: an SVG of each screen over the demo outlet (docs/screens/).

Run: python scripts/screenshots.py   (builds a demo database in a temporary folder)
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from clerk_tui.config import Settings
from clerk_tui.demo.build import build_demo
from clerk_tui.services.database import open_database
from clerk_tui.ui import nav
from clerk_tui.ui.app import build_app

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 18, 30)
OUT = Path(__file__).resolve().parents[1] / "docs" / "screens"


async def settle(app, pilot) -> None:
    for _ in range(4):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause(0.3)


async def shoot(url: str, name: str, user: str | None, keys: tuple[str, ...]) -> None:
    settings = Settings(db_url=url, lang="zh", today=TODAY.isoformat(), demo=True, autologin=user)
    app = build_app(settings, cursor_blink=False, clock=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for key in keys:
            if key.startswith("open:"):
                app.action_open_screen(key[5:])
            else:
                await pilot.press(key)
            await settle(app, pilot)
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    print(f"docs/screens/{name}.svg")


async def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.db"
        db = open_database(f"sqlite:///{path}")
        build_demo(db, seed=1, today=TODAY)
        db.dispose()
        url = f"sqlite:///{path}"
        await shoot(url, "login", None, ())
        await shoot(url, "today", "zhuguan", ())
        await shoot(url, "tickets", "zhuguan", ("k",))
        await shoot(url, "ticket-detail", "zhuguan", ("k", "enter"))
        for entry in nav.entries():
            await shoot(url, entry.name, "zhuguan", (f"open:{entry.name}",))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
