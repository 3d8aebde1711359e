"""Validation queue (信息核实): open tickets with problems, most urgent first, checked and fixed here.

Each problem shows its next step [H 一.1–2]: ask the dispatcher first (d), call the
customer only if that fails (c); fix a field (e), the part (p), a phone consultation
(o), a value-add finding (i, list on l). Every save runs in a thread worker and then
the queue is validated again; a ticket with nothing left has left the queue as 'ready'.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from clerk_tui.i18n import N_, t, tn
from clerk_tui.services.validation import (
    CheckedTicket,
    ContactRow,
    Queue,
    contact_history,
    validation_queue,
)
from clerk_tui.ui.common.screen_base import ClerkScreen
from clerk_tui.ui.validation.actions import Job, run_job
from clerk_tui.ui.validation.choice import ChoiceDialog, DialogResult
from clerk_tui.ui.validation.tables import (
    ProblemTable,
    QueueTable,
    contacts_text,
    visible,
)


class ValidationQueueScreen(ClerkScreen):
    """The clerk's list of tickets whose information is missing or doubtful."""

    CSS_PATH = "validation_queue.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "contact('dispatcher')", N_("vq.key.dispatcher")),
        Binding("c", "contact('customer')", N_("vq.key.customer")),
        Binding("e", "fix", N_("vq.key.fix")),
        Binding("p", "part", N_("vq.key.part")),
        Binding("o", "consult", N_("vq.key.consult")),
        Binding("i", "valueadd", N_("vq.key.valueadd")),
        Binding("l", "valueadd_list", N_("vq.key.valueadd_list")),
        Binding("r", "refresh", N_("vq.key.refresh"), show=False),
        Binding("escape", "back", N_("vq.key.back")),
    ]

    class Loaded(Message):
        def __init__(self, queue: Queue, phrases: list, keep_id: int | None) -> None:
            super().__init__()
            self.queue, self.phrases, self.keep_id = queue, phrases, keep_id

    class ContactsLoaded(Message):
        def __init__(self, ticket_id: int, rows: list[ContactRow]) -> None:
            super().__init__()
            self.ticket_id, self.rows = ticket_id, rows

    class Done(Message):
        def __init__(self, text: str, severity: SeverityLevel, warnings: list[str]) -> None:
            super().__init__()
            self.text, self.severity, self.warnings = text, severity, warnings

    def __init__(self) -> None:
        super().__init__()
        self.queue: Queue | None = None
        self.phrases: list = []
        self.by_id: dict[int, CheckedTicket] = {}
        self.current: CheckedTicket | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(Content(t("vq.loading")), id="vq-info")
        yield QueueTable(today=self._today(), id="vq-tickets")
        yield Static(Content(t("vq.pick")), id="vq-head")
        yield ProblemTable(id="vq-problems")
        yield Static("", id="vq-contacts-title", markup=False)
        with VerticalScroll(id="vq-contacts-box"):
            yield Static("", id="vq-contacts", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("vq.title")
        self.query_one(QueueTable).focus()
        self._load(None)

    def _today(self) -> date:
        return self.app.today

    # -- loading ----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="vq-load", exit_on_error=False)
    def _load(self, keep_id: int | None) -> None:
        from clerk_tui.services.reference import forbidden_phrases

        db = self.app.db
        queue = validation_queue(db, today=self._today())
        phrases = forbidden_phrases(db)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(queue, phrases, keep_id))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.queue, self.phrases = message.queue, message.phrases
        self.by_id = {c.id: c for c in message.queue.tickets}
        q = message.queue
        info = tn("vq.info", q.total, parts=q.parts_to_requisition, **q.by_severity)
        if q.total > len(q.tickets):
            info += t("vq.info.more", shown=len(q.tickets))
        if not q.total:
            info = t("vq.empty")
        self.query_one("#vq-info", Static).update(Content(info))
        table = self.query_one(QueueTable)
        table.show(q.tickets, message.keep_id)
        self._select(table.ticket_id_at_cursor())

    def _select(self, ticket_id: int | None) -> None:
        c = self.by_id.get(ticket_id) if ticket_id is not None else None
        self.current = c
        head = self.query_one("#vq-head", Static)
        problems = self.query_one(ProblemTable)
        if c is None:
            head.update(Content(t("vq.pick")))
            problems.show([])
            self.query_one("#vq-contacts-title", Static).update("")
            self.query_one("#vq-contacts", Static).update("")
            return
        info = c.info
        head.update(
            Content.assemble(
                (t("vq.ticket.head", no=info.ticket_no), "bold"),
                "   ",
                visible(info.customer_name),
                "   ",
                visible(info.phone),
                "   ",
                visible(info.address),
            )
        )
        problems.show(c.findings)
        self._contacts(c.id)

    @on(DataTable.RowHighlighted, "#vq-tickets")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        if key is not None and (self.current is None or self.current.id != int(key)):
            self._select(int(key))

    @on(DataTable.RowSelected, "#vq-tickets")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.open_ticket(int(event.row_key.value))

    @work(thread=True, exclusive=True, group="vq-contacts", exit_on_error=False)
    def _contacts(self, ticket_id: int) -> None:
        rows = contact_history(self.app.db, ticket_id)
        if not get_current_worker().is_cancelled:
            self.post_message(self.ContactsLoaded(ticket_id, rows))

    @on(ContactsLoaded)
    def _contacts_loaded(self, message: ContactsLoaded) -> None:
        if self.current is None or self.current.id != message.ticket_id:
            return
        self.query_one("#vq-contacts-title", Static).update(
            Content(t("vq.contacts", n=len(message.rows)))
        )
        self.query_one("#vq-contacts", Static).update(contacts_text(message.rows, self.phrases))

    def on_screen_resume(self) -> None:
        if self.queue is not None:
            self._load(self.current.id if self.current else None)

    # -- actions ----------------------------------------------------------------------
    def _ticket(self) -> CheckedTicket | None:
        if self.current is None:
            self.notify(t("vq.err.no_ticket"), severity="warning", markup=False)
        return self.current

    def _ask(self, dialog: ChoiceDialog | None, job: Callable[[DialogResult], Job]) -> None:
        if dialog is None:
            return

        def answered(result: DialogResult | None) -> None:
            if result is not None:
                self._save(job(result))

        self.app.push_screen(dialog, answered)

    def action_contact(self, party: str) -> None:
        from clerk_tui.ui.validation.actions import contact_job
        from clerk_tui.ui.validation.forms import contact_form

        c = self._ticket()
        if c is not None:
            finding = self.query_one(ProblemTable).selected()
            dialog = contact_form(party, c, finding, self.phrases)
            self._ask(dialog, lambda r: contact_job(self.app, c, party, finding, r))

    def action_fix(self) -> None:
        from clerk_tui.ui.validation.actions import fix_dialog

        c = self._ticket()
        finding = self.query_one(ProblemTable).selected() if c is not None else None
        if c is None or finding is None:
            return
        found = fix_dialog(self.app, c, finding, self.phrases)
        if isinstance(found, str):
            self.notify(found, severity="warning", markup=False)
        else:
            self._ask(*found)

    def action_part(self) -> None:
        from clerk_tui.ui.validation.actions import part_job
        from clerk_tui.ui.validation.forms import part_form

        c = self._ticket()
        if c is not None:
            self._ask(part_form(c), lambda r: part_job(self.app, c, r))

    def action_consult(self) -> None:
        from clerk_tui.ui.validation.actions import consult_job
        from clerk_tui.ui.validation.forms import consult_form

        c = self._ticket()
        if c is None:
            return
        finding = next((f for f in c.findings if f.kind == "likely_misuse"), None)
        if finding is None:
            self.notify(t("vq.err.no_misuse"), severity="warning", markup=False)
            return
        self._ask(consult_form(c, finding, self.phrases), lambda r: consult_job(self.app, c, r))

    def action_valueadd(self) -> None:
        from clerk_tui.ui.validation.actions import valueadd_job
        from clerk_tui.ui.validation.forms import valueadd_form

        c = self._ticket()
        if c is not None:
            self._ask(valueadd_form(c, self.phrases), lambda r: valueadd_job(self.app, c, r))

    def action_valueadd_list(self) -> None:
        from clerk_tui.ui.validation.valueadd_list import ValueAddListScreen

        self.app.push_screen(ValueAddListScreen(self._today()))

    def action_refresh(self) -> None:
        self._load(self.current.id if self.current else None)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # -- saving -----------------------------------------------------------------------
    def _save(self, job: Job) -> None:
        self.busy = True
        self._run(job)

    @work(thread=True, exclusive=True, group="vq-save", exit_on_error=False)
    def _run(self, job: Job) -> None:
        text, severity, warnings = run_job(job)
        self.post_message(self.Done(text, severity, warnings))

    @on(Done)
    def _done(self, message: Done) -> None:
        self.busy = False
        self.notify(
            message.text,
            severity=message.severity,
            markup=False,
            timeout=8 if message.severity == "error" else 5,
        )
        for warning in message.warnings:
            self.notify(warning, severity="warning", markup=False, timeout=10)
        self._load(self.current.id if self.current else None)
