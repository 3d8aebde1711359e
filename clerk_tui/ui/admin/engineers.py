"""The engineers list and the selected engineer's coming 30 days, every cell plain `Text`."""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import DataTable, Static

from clerk_tui.i18n import N_, t
from clerk_tui.services.admin import EngineerRow
from clerk_tui.ui.tickets.labels import clip

COLUMNS = (
    ("code", N_("ad.eng.f.code")),
    ("name", N_("ad.eng.f.name")),
    ("phone", N_("ad.eng.f.phone")),
    ("skills", N_("ad.eng.col.skills")),
    ("hours", N_("ad.eng.col.hours")),
    ("district", N_("ad.eng.col.district")),
    ("cert", N_("ad.eng.col.cert")),
    ("capacity", N_("ad.eng.col.capacity")),
    ("active", N_("ad.eng.col.active")),
    ("leave", N_("ad.eng.col.leave")),
)
SKILL_CELLS = 22
CALENDAR_DAYS = 30


def engineer_cells(row: EngineerRow, policy_capacity: int) -> tuple[Text, ...]:
    """One engineer's cells in COLUMNS order; inactive engineers are dimmed."""
    skills = "、".join(s for s in str(row.skills).split("|") if s)
    capacity = row.daily_capacity
    cells = (
        str(row.code),
        clip(str(row.name), 12),
        str(row.phone),
        clip(skills, SKILL_CELLS),
        f"{row.work_start}-{row.work_end}",
        str(row.base_district),
        clip(str(row.certificate_no), 20),
        str(capacity) if capacity is not None else t("ad.eng.capacity_default", n=policy_capacity),
        t("ad.eng.active") if row.active else t("ad.eng.inactive"),
        t("ad.eng.leave_days", n=len(row.leave_days)) if row.leave_days else "",
    )
    style = "" if row.active else "dim"
    return tuple(Text(c, style=style) for c in cells)


class EngineerTable(DataTable[Text]):
    """Engineers, active first; row keys are engineer ids."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.rows_by_id: dict[int, EngineerRow] = {}

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(Text(t(label)), key=key)

    def show_rows(self, rows: list[EngineerRow], policy_capacity: int, keep: int | None) -> None:
        self.clear()
        for column in self.columns.values():
            column.content_width = column.label.cell_len
        self.rows_by_id = {r.id: r for r in rows}
        for r in rows:
            self.add_row(*engineer_cells(r, policy_capacity), key=str(r.id))
        for index, r in enumerate(rows):
            if r.id == keep:
                self.move_cursor(row=index, animate=False)
                break

    def current(self) -> EngineerRow | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return self.rows_by_id.get(int(key.value)) if key.value is not None else None


def calendar_text(today: date, leave: dict[date, str], days: int = CALENDAR_DAYS) -> Text:
    """A month-style grid of the `days` from `today` (Monday first); leave days marked '休'."""
    names = t("ad.weekdays")
    step = len(names) // 7
    out = Text()
    for i in range(7):
        out.append(f"{names[i * step : (i + 1) * step]:>3} " if step == 2 else f" {names[i]} ")
    out.append("\n")
    out.append("    " * today.weekday())
    for n in range(days):
        d = today + timedelta(days=n)
        if d in leave:
            out.append(f"{d.day:>3}", style="bold reverse red")
        else:
            out.append(f"{d.day:>3}", style="bold underline" if n == 0 else "")
        out.append(" ")
        if d.weekday() == 6 and n < days - 1:
            out.append("\n")
    return out


def leave_lines(leave: dict[date, str]) -> Text:
    """One line per leave day with its reason (the reason is data: plain text)."""
    if not leave:
        return Text(t("ad.eng.no_leave"), style="dim")
    names = t("ad.weekdays")
    step = len(names) // 7
    out = Text()
    for i, (d, reason) in enumerate(sorted(leave.items())):
        if i:
            out.append("\n")
        weekday = names[d.weekday() * step : (d.weekday() + 1) * step]
        out.append(t("ad.eng.leave_line", day=d.isoformat(), weekday=weekday, reason=reason))
    return out


class LeavePanel(Static):
    """The selected engineer's coming 30 days: a small calendar and the list of leave days."""

    shown: dict[date, str] = {}
    """The leave days on show, with their reasons."""

    def show_leave(self, name: str, today: date, leave: dict[date, str]) -> None:
        self.shown = dict(leave)
        heading = Text(t("ad.eng.calendar", name=name), style="bold")
        heading.append("   ")
        heading.append(t("ad.eng.legend"), style="dim")
        cal = calendar_text(today, leave)
        listing = leave_lines(leave)
        grid = Table.grid(padding=(0, 4, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column()
        grid.add_row(cal, listing)
        self.update(Group(heading, grid))
