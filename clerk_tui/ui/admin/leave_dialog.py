"""Leave (请假): put an engineer on leave for a day or a range of days, or take the leave back."""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from clerk_tui.i18n import N_, t, tn
from clerk_tui.services.admin import EngineerRow, LeaveResult, add_leave, remove_leave
from clerk_tui.ui.admin.dialog_base import AdminDialog, AdminFieldError


def parse_day(text: str) -> date | None:
    """'2025-03-15' (or 2025/3/15, 2025.3.15) as a date; None if it is not one."""
    parts = text.strip().replace("/", "-").replace(".", "-").split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def added_text(result: LeaveResult) -> str:
    if not result.changed:
        return t("ad.leave.nothing_added")
    if result.visits:
        return t("ad.leave.added_visits", n=len(result.changed), visits=result.visits)
    return tn("ad.leave.added", len(result.changed))


def removed_text(result: LeaveResult) -> str:
    if not result.changed:
        return t("ad.leave.nothing_removed")
    return tn("ad.leave.removed", len(result.changed))


class LeaveDialog(AdminDialog):
    """From, to (blank: one day), reason; save adds the leave, ctrl+d takes it back."""

    BINDINGS = [Binding("ctrl+d", "remove", N_("ad.leave.remove"))]

    def __init__(self, row: EngineerRow, today: date) -> None:
        super().__init__()
        self.row = row
        self.first_default = today + timedelta(days=1)

    def _row(self, name: str, label: str, widget) -> ComposeResult:
        with Horizontal(classes="ad-row"):
            yield Static(Content(label), classes="ad-label")
            yield widget
        yield AdminFieldError(id=f"ad-e-{name}", classes="ad-error")

    def compose(self) -> ComposeResult:
        with Vertical(id="ad-dialog", classes="ad-leave"):
            yield Static(Content(t("ad.leave.title", name=str(self.row.name))), classes="ad-title")
            yield Static(Content(t("ad.leave.hint")), classes="ad-hint")
            first = Input(
                self.first_default.isoformat(), id="ad-f-first", max_length=10, compact=True
            )
            yield from self._row("first", t("ad.leave.first"), first)
            last = Input(id="ad-f-last", max_length=10, compact=True)
            yield from self._row("last", t("ad.leave.last"), last)
            reason = Input(id="ad-f-reason", max_length=200, compact=True)
            yield from self._row("reason", t("ad.leave.reason"), reason)
            with Horizontal(classes="ad-buttons"):
                yield Button(t("ad.leave.add"), id="ad-save", variant="primary", compact=True)
                yield Button(t("ad.leave.remove"), id="ad-remove", variant="warning", compact=True)
                yield Button(t("ad.key.cancel"), id="ad-cancel", compact=True)
            yield AdminFieldError(id="ad-e-form")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ad-f-first").focus()

    def _range(self) -> tuple[date, date] | None:
        self.clear_errors()
        first_text = self.query_one("#ad-f-first", Input).value
        last_text = self.query_one("#ad-f-last", Input).value
        first = parse_day(first_text)
        last = parse_day(last_text) if last_text.strip() else first
        if first is None:
            self.show_error("first", t("ad.err.date", value=first_text.strip()))
            return None
        if last is None:
            self.show_error("last", t("ad.err.date", value=last_text.strip()))
            return None
        if last < first:
            self.show_error("last", t("ad.err.leave_order"))
            return None
        return first, last

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "ad-f-reason":
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#ad-save")
    def action_save(self) -> None:
        days = self._range()
        if days is None:
            return
        db, actor, eid = self.app.db, self.app.current_user, self.row.id
        reason = self.query_one("#ad-f-reason", Input).value
        self.submit(lambda: added_text(add_leave(db, actor, eid, days[0], days[1], reason)))

    @on(Button.Pressed, "#ad-remove")
    def action_remove(self) -> None:
        days = self._range()
        if days is None:
            return
        db, actor, eid = self.app.db, self.app.current_user, self.row.id
        self.submit(lambda: removed_text(remove_leave(db, actor, eid, days[0], days[1])))

    @on(Button.Pressed, "#ad-cancel")
    def _cancel(self) -> None:
        self.action_cancel()
