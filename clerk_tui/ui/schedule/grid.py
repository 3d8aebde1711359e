"""The schedule's time grid: one row per engineer, 07:00-20:00 in 15-minute cells, blocks per visit.

A block shows the ticket's serial (last 4 digits) and, where it fits, its district; its
colour says open / done / in conflict / late or failed, and overlapping quarters show
as `X`. Up/down choose the engineer, left/right the visit within his day; the grid
posts `SchedGrid.Selected`. Every cell is plain `Text` built here (names are data).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from clerk_tui.i18n import N_, t
from clerk_tui.services.schedule import OPEN, ApptRow, DayView, EngineerRow
from clerk_tui.ui.common.localized import localize_bindings
from clerk_tui.ui.tickets.labels import clip

FIRST_HOUR, LAST_HOUR = 7, 20
SLOT_MINUTES = 15
SLOTS = (LAST_HOUR - FIRST_HOUR) * 60 // SLOT_MINUTES  # 52 cells
NAME_CELLS = 12
LOAD_CELLS = 5
NO_ENGINEER = "__none__"  # row key of visits booked without an engineer

STYLE_OPEN = "bold white on dark_blue"
STYLE_DONE = "black on dark_sea_green4"
STYLE_CONFLICT = "bold white on red3"
STYLE_TROUBLE = "black on gold3"  # running late, or failed at the door
STYLE_SELECTED = "bold black on bright_white"
STYLE_OVERLAP = "bold yellow on red3"


def _slot(moment: datetime) -> int:
    minutes = (moment.hour - FIRST_HOUR) * 60 + moment.minute
    return max(0, min(SLOTS, minutes // SLOT_MINUTES))


def _slot_end(moment: datetime) -> int:
    minutes = (moment.hour - FIRST_HOUR) * 60 + moment.minute
    return max(0, min(SLOTS, -(-minutes // SLOT_MINUTES)))


def short_district(district: str) -> str:
    """黄岛区 -> 黄岛: two characters say which district in a narrow block."""
    if len(district) > 2 and district[-1] in "区县市":
        return district[:-1][:2]
    return district[:2]


def block_label(appt: ApptRow, cells: int) -> str:
    """Serial (last 4 digits) then as much of the district as fits, padded to `cells` cells."""
    serial = appt.ticket_no[-4:]
    if cells <= len(serial):
        return serial[-cells:]
    label = serial
    for ch in short_district(appt.district):
        if cell_len(label + ch) > cells:
            break
        label += ch
    return label + " " * (cells - cell_len(label))


def block_style(appt: ApptRow, conflicts: set[str], selected: bool) -> str:
    if selected:
        return STYLE_SELECTED
    if appt.status != OPEN:
        return STYLE_DONE
    if appt.outcome or (appt.late_minutes or 0) > 0:
        return STYLE_TROUBLE
    if appt.ticket_no in conflicts:
        return STYLE_CONFLICT
    return STYLE_OPEN


def timeline(
    appts: Iterable[ApptRow],
    engineer: EngineerRow | None,
    conflicts: set[str],
    selected_id: int | None = None,
) -> Text:
    """One engineer's day as SLOTS cells: '.' working time, ' ' off, '/' on leave, blocks."""
    cells: list[tuple[str, str]] = []
    for i in range(SLOTS):
        minutes = FIRST_HOUR * 60 + i * SLOT_MINUTES
        now = time(minutes // 60, minutes % 60)
        working = engineer is not None and engineer.work_start <= now < engineer.work_end
        if engineer is not None and engineer.on_leave and working:
            cells.append(("/", "dim"))
        elif working and engineer is not None and engineer.active:
            cells.append(("." if i % 4 else ":", "dim"))
        else:
            cells.append((" ", ""))
    used = [0] * SLOTS
    pieces: list[tuple[int, int, str, str]] = []
    for a in sorted(appts, key=lambda a: (a.start, a.id)):
        lo, hi = _slot(a.start), max(_slot(a.start) + 1, _slot_end(a.end))
        hi = min(hi, SLOTS)
        if lo >= SLOTS:
            continue
        pieces.append(
            (lo, hi, block_label(a, hi - lo), block_style(a, conflicts, a.id == selected_id))
        )
        for i in range(lo, hi):
            used[i] += 1
    text = Text(no_wrap=True, overflow="crop")
    painted: list[tuple[str, str] | None] = [None] * SLOTS
    for lo, hi, label, style in pieces:
        chars = list(_split_cells(label))
        for k, i in enumerate(range(lo, hi)):
            painted[i] = (chars[k] if k < len(chars) else " ", style)
    i = 0
    while i < SLOTS:
        if used[i] > 1:
            text.append("X", STYLE_OVERLAP)
        elif (cell := painted[i]) is not None:
            ch, style = cell
            text.append(ch or " ", style)
            if cell_len(ch) == 2:
                i += 1  # a wide character covers two quarters
        else:
            ch, style = cells[i]
            text.append(ch, style)
        i += 1
    return text


def _split_cells(label: str) -> Iterable[str]:
    """One entry per cell: a wide character, then '' for the cell it also covers."""
    for ch in label:
        yield ch
        if cell_len(ch) == 2:
            yield ""


def hours_header() -> Text:
    return Text("".join(f"{h:02d}  " for h in range(FIRST_HOUR, LAST_HOUR)), no_wrap=True)


class SchedGrid(DataTable):
    """The engineers' day; the selected visit is drawn bright."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "block(-1)", N_("sc.key.prev_visit"), show=False),
        Binding("right", "block(1)", N_("sc.key.next_visit"), show=False),
    ]

    class Selected(Message):
        """The selected engineer row and visit changed."""

        def __init__(self, engineer_code: str, appt: ApptRow | None) -> None:
            super().__init__()
            self.engineer_code = engineer_code
            self.appt = appt

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        localize_bindings(self)
        self._rows: dict[str, list[ApptRow]] = {}
        self._engineers: dict[str, EngineerRow] = {}
        self._conflicts: set[str] = set()
        self._selected: dict[str, int] = {}  # row key -> index of the selected visit

    def on_mount(self) -> None:
        self.add_column(Text(t("sc.col.engineer")), key="name", width=NAME_CELLS)
        self.add_column(Text(t("sc.col.load")), key="load", width=LOAD_CELLS)
        self.add_column(hours_header(), key="tl", width=SLOTS)

    def show(self, view: DayView, conflicts: set[str], keep_ticket: str | None = None) -> None:
        """Show `view`; keep the cursor on `keep_ticket`'s visit (or the same engineer row)."""
        old_key = self.row_key_at_cursor()
        rows: dict[str, list[ApptRow]] = {}
        for a in view.appointments:
            rows.setdefault(a.engineer_code or NO_ENGINEER, []).append(a)
        for v in rows.values():
            v.sort(key=lambda a: (a.start, a.id))
        self._rows, self._conflicts = rows, conflicts
        self._engineers = {e.code: e for e in view.engineers}
        keys = [e.code for e in view.engineers if e.active or e.code in rows]
        keys += [k for k in rows if k not in self._engineers and k != NO_ENGINEER]
        if NO_ENGINEER in rows:
            keys.append(NO_ENGINEER)
        self._selected = {k: self._first_open(k) for k in keys}
        target_row = None
        if keep_ticket is not None:
            for k in keys:
                for i, a in enumerate(rows.get(k, [])):
                    if a.ticket_no == keep_ticket and (a.status == OPEN or k not in self._selected):
                        self._selected[k], target_row = i, k
        self.clear()
        for k in keys:
            self.add_row(*self._cells(k), key=k)
        target_row = target_row or (old_key if old_key in self._selected else None)
        if target_row is not None:
            self.move_cursor(row=keys.index(target_row), animate=False)
        self._announce()

    def _first_open(self, key: str) -> int:
        visits = self._rows.get(key, [])
        for i, a in enumerate(visits):
            if a.status == OPEN:
                return i
        return 0

    def _cells(self, key: str) -> tuple[Text, Text, Text]:
        eng = self._engineers.get(key)
        visits = self._rows.get(key, [])
        if key == NO_ENGINEER:
            name, load = Text(t("sc.unassigned"), style="bold red"), Text(str(len(visits)))
        else:
            name = Text(clip(f"{eng.name} {key}" if eng else key, NAME_CELLS))
            load = self._load(eng, len(visits))
        sel = self.selected_appt(key)
        tl = timeline(visits, eng, self._conflicts, sel.id if sel else None)
        return name, load, tl

    @staticmethod
    def _load(eng: EngineerRow | None, count: int) -> Text:
        if eng is None:
            return Text(str(count))
        if not eng.active:
            return Text(t("sc.grid.inactive"), style="red")
        if eng.on_leave:
            return Text(t("sc.grid.leave"), style="yellow")
        return Text(f"{count}/{eng.capacity}", style="bold red" if count > eng.capacity else "")

    def row_key_at_cursor(self) -> str | None:
        if not self.row_count:
            return None
        try:
            return str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)
        except Exception:  # noqa: BLE001 - an empty or shrinking table has no cursor row
            return None

    def selected_appt(self, key: str | None = None) -> ApptRow | None:
        key = key if key is not None else self.row_key_at_cursor()
        if key is None:
            return None
        visits = self._rows.get(key, [])
        i = self._selected.get(key, 0)
        return visits[i] if 0 <= i < len(visits) else None

    def select_ticket(self, ticket_no: str) -> bool:
        """Put the cursor on the open visit of `ticket_no`; False when it is not on the grid."""
        keys = list(self._selected)
        for k in keys:
            for i, a in enumerate(self._rows.get(k, [])):
                if a.ticket_no == ticket_no and a.status == OPEN:
                    self._set(k, i)
                    self.move_cursor(row=keys.index(k), animate=False)
                    self._announce()
                    return True
        return False

    def _set(self, key: str, index: int) -> None:
        self._selected[key] = index
        self.update_cell(key, "tl", self._cells(key)[2])

    def action_block(self, step: int) -> None:
        key = self.row_key_at_cursor()
        if key is None or not self._rows.get(key):
            return
        n = len(self._rows[key])
        self._set(key, (self._selected.get(key, 0) + step) % n)
        self._announce()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._announce()

    def _announce(self) -> None:
        key = self.row_key_at_cursor()
        if key is not None:
            self.post_message(
                self.Selected("" if key == NO_ENGINEER else key, self.selected_appt(key))
            )
