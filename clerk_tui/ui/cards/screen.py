"""Card entry (录入监督卡): returned cards and slips keyed by ticket no., checked as they are typed.

The fast path for a clean card: scan the ticket (its number and Enter), arrival and finish
as HHMM (each moves on by itself), F3 for "the customer signed", then one key each for
signature, satisfaction, attitude and quality, and Ctrl+S: about 15 keys. The engineer,
return time, signing time and slip default from the ticket and the clock. Reading the form
and each field's hint are plain functions in `check.py`; the screen puts them on the form.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Input, Static

from clerk_tui.domain.findings import Finding
from clerk_tui.i18n import N_, t, tn
from clerk_tui.ui.cards.check import (
    field_info,
    field_name,
    form_values,
    read_card,
    still_typing_time,
)
from clerk_tui.ui.cards.confirm import ConfirmOrphan
from clerk_tui.ui.cards.fields import (
    ChoiceField,
    CodeListSuggester,
    FieldRefused,
    parse_time,
    show_time,
    show_yuan,
)
from clerk_tui.ui.cards.form import (
    CHOICE_FIELDS,
    MIRRORS,
    MONEY_FIELDS,
    TIME_FIELDS,
    CardForm,
    FormRead,
)
from clerk_tui.ui.cards.panels import (
    KIND_FIELD,
    field_hint,
    recent_row,
    ticket_panel,
    warnings_panel,
)
from clerk_tui.ui.common.form import apply_cursor_blink
from clerk_tui.ui.common.screen_base import ClerkScreen

if TYPE_CHECKING:
    from clerk_tui.services.cards import CardContext, DayProgress, SavedCard

_FOUR_DIGITS = re.compile(r"^\d{4}$")


_RECENT_COLUMNS = (
    ("ticket", N_("ce.col.ticket")),
    ("engineer", N_("ce.col.engineer")),
    ("signer", N_("ce.col.signer")),
    ("satisfaction", N_("ce.col.satisfaction")),
    ("returned", N_("ce.col.returned")),
    ("mark", N_("ce.col.mark")),
)
"""The recent cards table's columns: (key, header)."""


class CardEntryScreen(ClerkScreen):
    """Keyed by ticket no.; the ticket beside the form, live warnings, the day's cards below."""

    CSS_PATH = "card_entry.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", N_("ce.key.save"), priority=True),
        Binding("f3", "customer_signed", N_("ce.key.customer"), priority=True),
        Binding("f4", "household_signed", N_("ce.key.household"), priority=True),
        Binding("escape", "clear", N_("ce.key.clear")),
    ]

    class Loaded(Message):
        def __init__(self, ctx: CardContext) -> None:
            super().__init__()
            self.ctx = ctx

    class Saved(Message):
        def __init__(self, saved: SavedCard, ticket_no: str) -> None:
            super().__init__()
            self.saved, self.ticket_no = saved, ticket_no

    class Progress(Message):
        def __init__(self, progress: DayProgress) -> None:
            super().__init__()
            self.progress = progress

    def __init__(self) -> None:
        super().__init__()
        self.ctx: CardContext | None = None
        self.findings: list[Finding] = []
        self.errors: dict[str, str] = {}
        self.touched: set[str] = set()
        self._household = 0
        self._saving = False

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="ce-main"):
            yield CardForm(id="ce-form")
            with Vertical(id="ce-side"):
                yield Static(ticket_panel(None), id="ce-ticket-panel")
                yield Static(warnings_panel([]), id="ce-warnings")
                yield Static("", id="ce-progress")
                yield DataTable(id="ce-recent", cursor_type="row", zebra_stripes=True)
        yield Footer()

    @property
    def form(self) -> CardForm:
        return self.query_one(CardForm)

    def on_mount(self) -> None:
        self.title = t("ce.title")
        apply_cursor_blink(self)
        table = self.query_one("#ce-recent", DataTable)
        for key, header in _RECENT_COLUMNS:
            table.add_column(t(header), key=key)
        self.form.field("ticket").focus()
        self._refresh_progress()

    # -- the ticket -------------------------------------------------------------------
    @on(Input.Submitted, "#ce-ticket")
    def _ticket_submitted(self, event: Input.Submitted) -> None:
        no = event.value.strip()
        if not no:
            return
        self.query_one("#ce-ticket-panel", Static).update(ticket_panel(None, looking_up=no))
        self._load(no)

    @work(thread=True, exclusive=True, group="card-load", exit_on_error=False)
    def _load(self, no: str) -> None:
        from clerk_tui.services.cards import load_ticket_for_card

        app = self.app
        ctx = load_ticket_for_card(app.db, no, app.today, outlet_id=app.current_user.outlet_id)
        self.post_message(self.Loaded(ctx))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        ctx = self.ctx = message.ctx
        self.touched.clear()
        self._household = 0
        form = self.form
        for name in (
            *TIME_FIELDS,
            "signer",
            "relation",
            "fee",
            "certificate",
            "items",
            "receipt",
            "notes",
            "cause",
            "action",
            "parts",
            "slip_fee",
            "slip_receipt",
        ):
            form.put(name, "")
        for name in CHOICE_FIELDS:
            form.put(name, None)
        form.put("ticket", ctx.ticket_no)
        form.put("engineer", ctx.ticket.engineer_code if ctx.ticket else "")
        form.put("returned", show_time(self.app.now(), self.app.today))
        form.put("confident", True)
        cert = ctx.ticket.certificate_fee_fen if ctx.ticket else None
        form.put("certificate", show_yuan(cert) if cert is not None else "")
        repair = ctx.ticket is not None and ctx.ticket.service_type == "repair"
        form.put("slip", repair)
        form.input("items").suggester = CodeListSuggester(sorted(ctx.fees.versions))
        form.input("engineer").suggester = CodeListSuggester([e.code for e in ctx.engineers])
        self.query_one("#ce-ticket-panel", Static).update(ticket_panel(ctx))
        self._recheck()
        form.field("arrived" if ctx.ticket and ctx.ticket.engineer_code else "engineer").focus()

    # -- typing -----------------------------------------------------------------------
    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = field_name(event.input)
        if name == "ticket" or self.ctx is None:
            return
        typed = event.input.has_focus  # values put by the screen land while focus is elsewhere
        if typed:
            self.touched.add(name)
            self._mirror(name)
        self._recheck()
        if (
            typed
            and name in TIME_FIELDS
            and _FOUR_DIGITS.match(event.value)
            and name not in self.errors
        ):
            self.screen.focus_next()

    @on(Input.Blurred)
    def _left_field(self, event: Input.Blurred) -> None:
        """A time typed as HHMM is shown as HH:MM once the clerk moves on."""
        name = field_name(event.input)
        if self.ctx is None or name not in TIME_FIELDS:
            return
        if name in self.errors:
            self._recheck()  # a half-typed time shows its error once the clerk leaves it
            return
        day = self.app.today if name == "returned" else self.ctx.day
        try:
            shown = show_time(parse_time(event.value, day), day)
        except FieldRefused:
            return
        if shown and shown != event.value:
            self.form.put(name, shown)
            self._mirror(name)

    @on(ChoiceField.Changed)
    def _choice_changed(self, event: ChoiceField.Changed) -> None:
        if self.ctx is not None:
            self._recheck()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        name = field_name(event.input)
        if name != "ticket" and name not in self.errors:
            self.screen.focus_next()

    # -- the live check ---------------------------------------------------------------
    def _mirror(self, name: str) -> None:
        """Copy a field into the fields that follow it until they are typed in themselves."""
        for target, source in MIRRORS.items():
            if source == name and target not in self.touched:
                self.form.put(target, self.form.value(source))

    def _read(self, ctx: CardContext) -> FormRead:
        return read_card(ctx, form_values(self.form), self.app.today)

    def _recheck(self) -> None:
        """Errors of the fields and the reconciliation's findings about the card as it stands."""
        from clerk_tui.services.cards import card_warnings

        ctx = self.ctx
        if ctx is None:
            return
        read = self._read(ctx)
        self.errors = read.errors
        self.findings = card_warnings(ctx, read.card, read.certificate_fen)
        form = self.form
        focused = field_name(self.focused)
        for name in {
            *KIND_FIELD.values(),
            *read.errors,
            *TIME_FIELDS,
            *MONEY_FIELDS,
            "engineer",
            "items",
        }:
            value = form.value(name)
            typing = name == focused and still_typing_time(value)
            if name in read.errors and not typing:
                form.hint(name, read.errors[name], error=True)
            else:
                info = field_info(name, read, ctx, touched=self.touched, value=value)
                form.hint(name, field_hint(self.findings, name) or info)
        self.query_one("#ce-warnings", Static).update(warnings_panel(self.findings))

    # -- signer keys ------------------------------------------------------------------
    def action_customer_signed(self) -> None:
        if self.ctx is None or self.ctx.ticket is None:
            return
        self.form.put("signer", self.ctx.ticket.customer_name)
        self.form.put("relation", "")
        self.form.field("signature").focus()

    def action_household_signed(self) -> None:
        if self.ctx is None or self.ctx.ticket is None or not self.ctx.ticket.household:
            return
        members = self.ctx.ticket.household
        name, relation = members[self._household % len(members)]
        self._household += 1
        self.form.put("signer", name)
        self.form.put("relation", relation)
        self.form.field("signature").focus()

    # -- saving -----------------------------------------------------------------------
    def action_save(self) -> None:
        if self._saving:
            return
        ctx = self.ctx
        if ctx is None or self.form.value("ticket") != ctx.ticket_no:
            self.notify(t("ce.err.no_ticket"), severity="warning", markup=False)
            self.form.field("ticket").focus()
            return
        self._recheck()
        read = self._read(ctx)
        if not read.card.engineer_code:
            read.errors["engineer"] = t("ce.err.engineer")
            self.form.hint("engineer", read.errors["engineer"], error=True)
        if read.errors:
            self.notify(tn("ce.err.fix", len(read.errors)), severity="error", markup=False)
            first = next(n for n in form_values(self.form) if n in read.errors)
            self.form.field(first).focus()
            return
        if ctx.ticket is None:

            def answered(yes: bool | None) -> None:
                if yes:
                    self._start_save(read)

            self.app.push_screen(ConfirmOrphan(ctx.ticket_no), answered)
            return
        self._start_save(read)

    def _start_save(self, read: FormRead) -> None:
        self._saving = True
        self.query_one("#ce-progress", Static).update(Content(t("ce.saving")))
        self._save(read)

    @work(thread=True, exclusive=True, group="card-save", exit_on_error=False)
    def _save(self, read: FormRead) -> None:
        from clerk_tui.services.cards import save_card

        app = self.app
        saved = save_card(
            app.db,
            user=app.current_user,
            card=read.card,
            slip=read.slip,
            now=app.now(),
            certificate_fen=read.certificate_fen,
        )
        self.post_message(self.Saved(saved, read.card.ticket_no))

    def _reset(self) -> None:
        self.ctx = None
        self.findings, self.errors = [], {}
        for name in form_values(self.form):
            self.form.put(name, None if name in CHOICE_FIELDS else "")
            self.form.hint(name, None)
        self.query_one("#ce-ticket-panel", Static).update(ticket_panel(None))
        self.query_one("#ce-warnings", Static).update(warnings_panel([]))
        self.form.field("ticket").focus()

    def action_clear(self) -> None:
        if self.ctx is not None or self.form.value("ticket"):
            self._reset()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # -- saved ------------------------------------------------------------------------
    def worker_failed(self, worker) -> None:
        self._saving = False
        self._refresh_progress()

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self._saving = False
        s, no = message.saved, message.ticket_no
        if s.orphan:
            self.notify(t("ce.saved.orphan", no=no), severity="warning", markup=False)
        elif s.earlier_cards:
            self.notify(
                tn("ce.saved.duplicate", s.earlier_cards, no=no), severity="warning", markup=False
            )
        else:
            key = N_("ce.saved.slip") if s.slip_id else N_("ce.saved")
            self.notify(t(key, no=no), markup=False)
        self._reset()
        self._refresh_progress()

    # -- the day's cards --------------------------------------------------------------
    def _refresh_progress(self) -> None:
        self._progress()

    @work(thread=True, exclusive=True, group="card-progress", exit_on_error=False)
    def _progress(self) -> None:
        from clerk_tui.services.cards import day_progress

        self.post_message(self.Progress(day_progress(self.app.db, day=self.app.today)))

    @on(Progress)
    def _show_progress(self, message: Progress) -> None:
        p = message.progress
        line = t("ce.progress", day=p.day.isoformat(), returned=p.returned, expected=p.expected)
        self.query_one("#ce-progress", Static).update(Content(line))
        table = self.query_one("#ce-recent", DataTable)
        table.clear()
        table.add_rows([recent_row(c) for c in p.recent])
