"""New ticket (新建工单) [H 一.1–2]: the clerk types a ticket, every field is checked as typed, ctrl+s saves.

No keystroke waits on the database: the catalog, districts and policy are read once
in a worker when the screen opens; a phone's earlier tickets are read in a worker
after the typing pauses (DEBOUNCE_SECONDS). Saving runs in a worker too; the form
keeps its text until the ticket is safely saved, and a form left unsaved comes back
as a draft when the screen is opened again. Reading the form is a plain function
(`check.read_form`); the screen checks it with the intake service and shows the result.
"""

from __future__ import annotations

import weakref
from datetime import date
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

from clerk_tui.domain.findings import Evidence, Finding
from clerk_tui.domain.validation.phone import check_phone, phone_key
from clerk_tui.domain.validation.rules import ValidationContext
from clerk_tui.i18n import N_, t, tn
from clerk_tui.i18n.evidence import render
from clerk_tui.services.intake import (
    MISUSE,
    History,
    IntakeForm,
    IntakeReference,
    Saved,
    check_form,
    customer_history,
    district_of,
    load_reference,
    save_ticket,
)
from clerk_tui.ui.common.screen_base import ClerkScreen
from clerk_tui.ui.intake.check import consult_title, consult_why, field_value, read_form
from clerk_tui.ui.intake.fields import FieldMessage, IntakeInput
from clerk_tui.ui.intake.history import HistoryPanel
from clerk_tui.ui.intake.layout import INPUTS, SELECTS, form_widgets
from clerk_tui.ui.intake.messages import FormState, field_messages, summary
from clerk_tui.ui.tickets.labels import state_label

DEBOUNCE_SECONDS = 0.3
_DRAFTS: weakref.WeakKeyDictionary[object, dict[str, str]] = weakref.WeakKeyDictionary()


class IntakeScreen(ClerkScreen):
    """The clerk's new-ticket form."""

    CSS_PATH = "intake.tcss"

    AUTO_FOCUS = "#in-name"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("in.key.save"), priority=True),
        Binding("escape", "back", N_("in.key.back")),
        Binding("ctrl+n", "clear", N_("in.key.clear")),
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
        self.findings: list[Finding] = []
        self.touched: set[str] = set()
        self.values: dict[str, str] = {}
        self.last_saved: Saved | None = None
        self._refused: dict[str, str] = {}
        self._saving = False
        self._timer: Timer | None = None
        self._wanted_key = ""
        self._consult_shown: tuple[Evidence, ...] = ()

    def _today(self) -> date:
        return self.app.today

    # ---- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="in-body"):
            yield from form_widgets()
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("in.title")
        blink = self.app.cursor_blink
        for field in self.query(Input):
            field.cursor_blink = blink
        user = self.app.user
        self.query_one("#in-heading", Static).update(
            Content(t("in.heading", owner=user.display_name if user else "", day=self._today()))
        )
        self.query_one("#in-consult-box").display = False
        draft = _DRAFTS.pop(self.app, None)
        if draft:
            self._fill(draft)
            self.notify(t("in.draft"), markup=False)
        self._recheck()
        if self.app.db_ready:
            self._load_ref(user.outlet_id if user else None)

    def on_unmount(self) -> None:
        if any(v.strip() for k, v in self.values.items() if k not in SELECTS):
            _DRAFTS[self.app] = dict(self.values)

    # ---- the form, read and checked as typed -------------------------------------------

    def _fill(self, values: dict[str, str]) -> None:
        for id_, value in values.items():
            widget = self.query_one(f"#{id_}")
            if isinstance(widget, (Input, Select)):
                widget.value = value
        self.values.update(values)

    def _v(self, id_: str) -> str:
        return field_value(self.values, id_)

    def read_form(self) -> tuple[IntakeForm, dict[str, str]]:
        """The form as typed (dates parsed) and the parse problems by field."""
        return read_form(self.values, self.ref.ctx.today)

    def _recheck(self) -> None:
        form, problems = self.read_form()
        prior = self.history.prior if self.history is not None else ()
        self.findings = check_form(form, self.ref, prior)
        state = FormState(
            form, self.values, problems, self.findings, frozenset(self.touched), self.history
        )
        district = district_of(form.address, self.ref.ctx.districts) if form.address else ""
        for name, (text, level) in field_messages(state, self.ref, district).items():
            if name in self._refused:
                text, level = self._refused[name], "error"
            self.query_one(f"#msg-{name}", FieldMessage).say(text, level)
        for name in ("serial", "notes"):
            self.query_one(f"#msg-{name}", FieldMessage).say(self._refused.get(name, ""), "error")
        self._show_consult()
        hist = self.query_one(HistoryPanel)
        marks = tuple((f.kind, f.with_ticket_no) for f in self.findings if f.with_ticket_no)
        if hist.shown != (id(self.history), marks):
            hist.shown = (id(self.history), marks)
            hist.show(self.history, self.findings, self.ref.ctx.policy.repeat_repair_days)
        text, level = summary(
            self.findings, self._v("in-consult"), self.ref.ctx.policy.consult_callback_hours
        )
        if form.is_empty():
            text = ""
        self.query_one("#in-summary", FieldMessage).say(text, level)

    def _show_consult(self) -> None:
        misuse = next((f for f in self.findings if f.kind == MISUSE), None)
        box = self.query_one("#in-consult-box")
        if (misuse is not None) != box.display:
            box.display = misuse is not None
        if misuse is not None and misuse.evidence != self._consult_shown:
            self._consult_shown = misuse.evidence
            title = consult_title(self.ref.ctx.policy)
            self.query_one("#in-consult-title", Static).update(Content(title))
            self.query_one("#in-consult-why", Static).update(Content(consult_why(misuse)))

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
            self._refused[name] = tn("in.m.too_long", event.size, max=event.limit)
        else:
            self._refused[name] = tn("in.m.full", event.limit, max=event.limit)
        self._recheck()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        self.focus_next()

    # ---- workers ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="in-ref", exit_on_error=False)
    def _load_ref(self, outlet_id: int | None) -> None:
        db = self.app.db
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
        if sum(c.isdigit() for c in key) >= 7 and self.app.db_ready:
            self.query_one(HistoryPanel).show(None, (), 0, loading=True)
            self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self._lookup(value, key))

    @work(thread=True, exclusive=True, group="in-history", exit_on_error=False)
    def _lookup(self, phone: str, key: str) -> None:
        db = self.app.db
        history = customer_history(db, phone)
        if not get_current_worker().is_cancelled:
            self.post_message(self.HistoryLoaded(key, history))

    @on(HistoryLoaded)
    def _history_loaded(self, message: HistoryLoaded) -> None:
        if message.key == self._wanted_key:
            self.history = message.history
            self._recheck()

    # ---- saving, clearing, back ---------------------------------------------------------

    def action_save(self) -> None:
        if self._saving:
            return
        self.touched.update(name for name, _ in INPUTS.values())
        self._recheck()
        form, problems = self.read_form()
        result = self.query_one("#in-result", Static)
        if problems:
            result.update(Content(t("in.fix_fields")))
            first = "#in-purchase" if "purchase" in problems else "#in-day"
            self.query_one(first).focus()
            return
        if form.is_empty():
            result.update(Content(t("in.empty")))
            return
        if not self.ref_loaded:
            result.update(Content(t("in.not_ready")))
            return
        self._saving = True
        result.update(Content(t("in.saving")))
        choice = self._v("in-consult") if any(f.kind == MISUSE for f in self.findings) else ""
        self._save(form, self.ref, choice, self._v("in-consult-note"))

    @work(thread=True, exclusive=True, group="in-save", exit_on_error=False)
    def _save(self, form: IntakeForm, ref: IntakeReference, choice: str, note: str) -> None:
        from clerk_tui.services.daylock import DayLocked

        db = self.app.db
        try:
            saved = save_ticket(
                db,
                form,
                ref,
                user=self.app.user,
                now=self.app.now(),
                consult=choice,
                consult_note=note,
            )
        except DayLocked as exc:
            self.post_message(self.SaveDone(None, str(exc)))
            return
        self.post_message(self.SaveDone(saved))

    def _reset(self) -> None:
        self._fill({id_: "" for id_ in INPUTS})
        self._fill(dict(SELECTS))
        self.touched.clear()
        self._refused.clear()
        self.history, self._wanted_key = None, ""
        self._recheck()
        self.query_one("#in-name").focus()

    def action_clear(self) -> None:
        self._reset()
        self.query_one("#in-result", Static).update(Content(t("in.cleared")))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

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
            lines += [f"  {render(f.evidence[0])}" for f in shown]
        result.update(Content("\n".join(lines)))
        self.notify(head, markup=False)
        self._reset()
