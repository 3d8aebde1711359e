"""The users list of the admin screen: plain `Text` cells, row keys are user ids."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from clerk_tui.i18n import N_, t
from clerk_tui.services.admin import UserRow
from clerk_tui.ui.auth.login import role_label
from clerk_tui.ui.tickets.labels import when

COLUMNS = (
    ("username", N_("ad.user.col.username")),
    ("name", N_("ad.user.col.name")),
    ("role", N_("ad.user.col.role")),
    ("active", N_("ad.user.col.active")),
    ("created", N_("ad.user.col.created")),
)


def user_cells(user: UserRow) -> tuple[Text, ...]:
    style = "" if user.active else "dim"
    cells = (
        user.username,
        user.display_name,
        role_label(user.role),
        t("ad.user.active") if user.active else t("ad.user.inactive"),
        when(user.created_at),
    )
    return tuple(Text(c, style=style) for c in cells)


class UserTable(DataTable[Text]):
    """Users, active first."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.rows_by_id: dict[int, UserRow] = {}

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(Text(t(label)), key=key)

    def show_rows(self, rows: list[UserRow], keep: int | None) -> None:
        self.clear()
        for column in self.columns.values():
            column.content_width = column.label.cell_len
        self.rows_by_id = {u.id: u for u in rows}
        for u in rows:
            self.add_row(*user_cells(u), key=str(u.id))
        for index, u in enumerate(rows):
            if u.id == keep:
                self.move_cursor(row=index, animate=False)
                break

    def current(self) -> UserRow | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return self.rows_by_id.get(int(key.value)) if key.value is not None else None
