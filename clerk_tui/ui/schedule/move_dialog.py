"""Assign a waiting ticket, or move a visit: engineer, day, start and end (派工 / 转派 / 改约); never a start already past."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from textual.widget import Widget
from textual.widgets import Input

from clerk_tui.i18n import t
from clerk_tui.services.schedule import ScheduleError, check_not_past, check_times
from clerk_tui.ui.schedule.dialog_base import SchedDialog, parse_date, parse_time


@dataclass(frozen=True)
class MoveRequest:
    ticket_no: str
    engineer_code: str
    start: datetime
    end: datetime


class MoveDialog(SchedDialog):
    """Fields prefilled from the selected visit (or proposal); the ticket field only when assigning."""

    def __init__(
        self,
        title: str,
        *,
        ticket_no: str,
        engineer: str,
        day: date,
        start: str,
        end: str,
        known: set[str],
        assign: bool = False,
        intro: str = "",
    ) -> None:
        super().__init__(title, intro)
        self._assign, self._known = assign, known
        self._values = {
            "ticket": ticket_no,
            "engineer": engineer,
            "day": day.isoformat(),
            "start": start,
            "end": end,
        }

    def fields(self) -> list[tuple[str, Widget]]:
        rows: list[tuple[str, Widget]] = []
        if self._assign:
            rows.append((t("sc.f.ticket"), Input(self._values["ticket"], id="sd-ticket")))
        rows += [
            (t("sc.f.engineer"), Input(self._values["engineer"], id="sd-engineer", max_length=32)),
            (t("sc.f.day"), Input(self._values["day"], id="sd-day", max_length=10)),
            (t("sc.f.start"), Input(self._values["start"], id="sd-start", max_length=5)),
            (t("sc.f.end"), Input(self._values["end"], id="sd-end", max_length=5)),
        ]
        return rows

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#sd-ticket" if self._assign else "#sd-engineer", Input).focus()

    def collect(self) -> MoveRequest:
        value = {
            k: self.query_one(f"#sd-{k}", Input).value for k in ("engineer", "day", "start", "end")
        }
        ticket = (
            self.query_one("#sd-ticket", Input).value.strip()
            if self._assign
            else self._values["ticket"]
        )
        if not ticket:
            raise ValueError(t("sc.err.unknown_ticket", no=""))
        code = value["engineer"].strip().upper()
        if code not in self._known:
            raise ValueError(t("sc.err.unknown_engineer", code=value["engineer"].strip()))
        day = parse_date(value["day"])
        start, end = parse_time(day, value["start"]), parse_time(day, value["end"])
        try:
            check_times(start, end)
        except ScheduleError as exc:
            raise ValueError(str(exc)) from None
        return MoveRequest(ticket, code, start, end)


class NotPastMoveDialog(MoveDialog):
    """The assign/move dialog, refusing (in the dialog) a start already past by `clock`."""

    def __init__(self, title: str, *, clock: Callable[[], datetime], **fields: Any) -> None:
        super().__init__(title, **fields)
        self._clock = clock

    def collect(self) -> MoveRequest:
        request = super().collect()
        check_not_past(request.start, self._clock())  # ScheduleError is a ValueError
        return request
