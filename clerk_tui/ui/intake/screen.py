"""New ticket (新建工单) [H 一.1–2]: the clerk types a ticket, every field is checked as typed, ctrl+s saves.

No keystroke waits on the database: the catalog, districts and policy are read once
in a worker when the screen opens; a phone's earlier tickets are read in a worker
after the typing pauses (DEBOUNCE_SECONDS). Saving runs in a worker too; the form
keeps its text until the ticket is safely saved, and a form left unsaved comes back
as a draft when the screen is opened again. The live check is in `IntakeCheck`
(widgets/intake_check.py), the keys and save worker in `IntakeActions`.
"""

from __future__ import annotations

import weakref
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Select, Static
from textual.worker import get_current_worker

from clerk_tui.domain.validation.phone import check_phone, phone_key
from clerk_tui.domain.validation.rules import ValidationContext
from clerk_tui.i18n import t
from clerk_tui.services.intake import MISUSE, History, IntakeReference, Saved
from clerk_tui.ui.common.screen_base import ClerkScreen
from clerk_tui.ui.intake.actions import IntakeActions
from clerk_tui.ui.intake.check import IntakeCheck
from clerk_tui.ui.intake.fields import IntakeInput
from clerk_tui.ui.intake.history import HistoryPanel
from clerk_tui.ui.intake.layout import INPUTS, SELECTS, form_widgets
from clerk_tui.ui.tickets.labels import state_label

DEBOUNCE_SECONDS = 0.3
_DRAFTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class IntakeScreen(IntakeCheck, IntakeActions, ClerkScreen):
    """The clerk's new-ticket form."""

    CSS_PATH = "intake.tcss"

    AUTO_FOCUS = "#in-name"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "in.key.save", priority=True),
        Binding("escape", "back", "in.key.back"),
        Binding("ctrl+n", "clear", "in.key.clear"),
    ]

    class RefLoaded(Message):
        def __init__(self, ref: IntakeReference) -> None:
            super().__init__()
            self.ref = ref

    class HistoryLoaded(Message):
        def __init__(self, key: str, history: History) -> None:
            super().__init__()
            self.key, self.history = key, history

    class SaveDone(Message):
        def __init__(self, saved: Saved | None, refusal: str = "") -> None:
            super().__init__()
            self.saved, self.refusal = saved, refusal

    def __init__(self) -> None:
        super().__init__()
        self.ref = IntakeReference(ValidationContext(today=self._today()), (), "T", None)
        self.ref_loaded = False
        self.history: History | None = None
        self.findings: list = []
        self.touched: set[str] = set()
        self.values: dict[str, str] = {}
        self.last_saved: Saved | None = None
        self._refused: dict[str, str] = {}
        self._saving = False
        self._timer: Timer | None = None
        self._wanted_key = ""
        self._consult_shown: tuple[str, ...] = ()

    def _today(self):
        from datetime import date

        return getattr(self.app, "today", None) or date.today()

    # ---- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="in-body"):
            yield from form_widgets()
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("in.title")
        blink = bool(getattr(self.app, "cursor_blink", True))
        for field in self.query(Input):
            field.cursor_blink = blink
        user = getattr(self.app, "user", None)
        self.query_one("#in-heading", Static).update(
            Content(t("in.heading", owner=user.display_name if user else "", day=self._today()))
        )
        self.query_one("#in-consult-box").display = False
        draft = _DRAFTS.pop(self.app, None)
        if draft:
            self._fill(draft)
            self.notify(t("in.draft"), markup=False)
        self._recheck()
        if getattr(self.app, "db", None) is not None:
            self._load_ref(self.app.db, user.outlet_id if user else None)

    def on_unmount(self) -> None:
        if any(v.strip() for k, v in self.values.items() if k not in SELECTS):
            _DRAFTS[self.app] = dict(self.values)

    # ---- the form (read and checked in IntakeCheck) -----------------------------------

    def _fill(self, values: dict[str, str]) -> None:
        for id_, value in values.items():
            widget = self.query_one(f"#{id_}")
            widget.value = value  # type: ignore[attr-defined]
        self.values.update(values)

    # ---- events -----------------------------------------------------------------------

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        id_ = event.input.id or ""
        if id_ not in INPUTS:
            return
        self.values[id_] = event.value
        self._refused.pop(INPUTS[id_][0], None)
        if id_ == "in-phone":
            self._phone_changed(event.value)
        self._recheck()

    @on(Select.Changed)
    def _selected(self, event: Select.Changed) -> None:
        id_ = event.select.id or ""
        if id_ in SELECTS:
            self.values[id_] = event.value if isinstance(event.value, str) else ""
            self._recheck()

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        name = INPUTS.get(event.input.id or "", ("", 0))[0]
        if name and name not in self.touched:
            self.touched.add(name)
            self._recheck()

    @on(IntakeInput.Refused)
    def _too_long(self, event: IntakeInput.Refused) -> None:
        name = INPUTS.get(event.field.id or "", ("", 0))[0]
        if event.size > event.limit + 1:
            self._refused[name] = t("in.m.too_long", n=event.size, max=event.limit)
        else:
            self._refused[name] = t("in.m.full", max=event.limit)
        self._recheck()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        self.focus_next()

    # ---- workers ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="in-ref", exit_on_error=False)
    def _load_ref(self, db, outlet_id: int | None) -> None:
        from clerk_tui.services.intake import load_reference

        ref = load_reference(db, today=self._today(), outlet_id=outlet_id)
        check_phone.__wrapped__("0532 8888 123")  # phonenumbers loads its metadata on first use
        if not get_current_worker().is_cancelled:
            self.post_message(self.RefLoaded(ref))

    @on(RefLoaded)
    def _ref_loaded(self, message: RefLoaded) -> None:
        from textual.suggester import SuggestFromList

        self.ref, self.ref_loaded = message.ref, True
        self.query_one("#in-model", Input).suggester = SuggestFromList(
            message.ref.models, case_sensitive=False
        )
        self._recheck()

    def _phone_changed(self, value: str) -> None:
        key = phone_key(value)
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if key == self._wanted_key:
            return
        self._wanted_key = key
        self.history = None
        if sum(c.isdigit() for c in key) >= 7 and getattr(self.app, "db", None) is not None:
            self.query_one(HistoryPanel).show(None, (), 0, loading=True)
            self._timer = self.set_timer(
                DEBOUNCE_SECONDS, lambda: self._lookup(self.app.db, value, key)
            )

    @work(thread=True, exclusive=True, group="in-history", exit_on_error=False)
    def _lookup(self, db, phone: str, key: str) -> None:
        from clerk_tui.services.intake import customer_history

        history = customer_history(db, phone)
        if not get_current_worker().is_cancelled:
            self.post_message(self.HistoryLoaded(key, history))

    @on(HistoryLoaded)
    def _history_loaded(self, message: HistoryLoaded) -> None:
        if message.key == self._wanted_key:
            self.history = message.history
            self._recheck()

    # ---- saving (the keys and the save worker are in IntakeActions) -------------------

    def worker_failed(self, worker) -> None:
        if worker.group == "in-save":
            self._saving = False
            self.query_one("#in-result", Static).update("")

    @on(SaveDone)
    def _saved(self, message: SaveDone) -> None:
        self._saving = False
        result = self.query_one("#in-result", Static)
        saved = message.saved
        if saved is None:
            result.update(Content(message.refusal))
            self.notify(message.refusal, severity="error", markup=False)
            return
        self.last_saved = saved
        head = t("in.saved", no=saved.ticket_no, status=state_label(saved.status))
        if saved.callback_due is not None:
            head = t(
                "in.saved_callback",
                no=saved.ticket_no,
                status=state_label(saved.status),
                due=saved.callback_due.strftime("%H:%M"),
            )
        lines = [head]
        settled = saved.status == "consult_only" or saved.settled
        shown = [f for f in saved.findings if f.evidence and not (settled and f.kind == MISUSE)]
        if shown:
            lines.append(t("in.saved.findings"))
            lines += [f"  {f.evidence[0]}" for f in shown]
        result.update(Content("\n".join(lines)))
        self.notify(head, markup=False)
        self._reset()
