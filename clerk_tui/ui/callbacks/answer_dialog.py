"""Record a callback's answer in a few keys: y / n per question, then a note; Enter saves.

Questions: reached? then (reached) satisfied?, and where there is a card, did the
customer sign it themself? did the engineer come?; (not reached) call again in 1 h?
Forbidden phrases (服务禁语) in the note are highlighted as it is typed; it is saved anyway.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from clerk_tui.domain.phrases import find_forbidden, merged_spans
from clerk_tui.i18n import N_, t
from clerk_tui.services.callbacks import Answer, QueueRow
from clerk_tui.ui.callbacks.table import CALLBACK_QUESTION, card_text, reason_label
from clerk_tui.ui.common.desk import DeskApp
from clerk_tui.ui.common.localized import localize_bindings

REACHED, SATISFIED, SIGNED, CAME, RETRY = "reached", "satisfied", "signed", "came", "retry"
QUESTION_KEYS = {
    REACHED: N_("cb.q.reached"),
    SATISFIED: N_("cb.q.satisfied"),
    SIGNED: N_("cb.q.signed"),
    CAME: N_("cb.q.came"),
    RETRY: N_("cb.q.retry"),
}


def note_text(note: str, phrases) -> tuple[Text, list[str]]:
    """The note with forbidden phrases highlighted, and one suggestion line per phrase found."""
    hits = find_forbidden(note, phrases)
    text = Text(note)
    for start, end in merged_spans(hits):
        text.stylize("bold reverse red", start, end)
    seen: dict[str, str] = {}
    for h in hits:
        seen.setdefault(h.phrase, h.suggestion)
    lines = [t("cb.note.suggest", phrase=p, suggestion=s) if s else p for p, s in seen.items()]
    return text, lines


class AnswerDialog(ModalScreen[Answer | None]):
    """One callback's outcome; dismisses with an Answer, or None when cancelled."""

    app = getters.app(DeskApp)

    DEFAULT_CSS = """
    AnswerDialog { align: center middle; }
    AnswerDialog #cbd-box {
        width: 84; height: auto; max-height: 90%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    AnswerDialog #cbd-title { text-style: bold; margin: 0 0 1 0; }
    AnswerDialog .cbd-q { height: 1; padding: 0 1; }
    AnswerDialog .cbd-q.-current { background: $accent 30%; text-style: bold; }
    AnswerDialog .cbd-q.-off { display: none; }
    AnswerDialog #cbd-note { margin: 1 0 0 0; }
    AnswerDialog #cbd-phrases { color: $text-warning; height: auto; }
    AnswerDialog #cbd-help { color: $text-muted; margin: 1 0 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("cb.key.yes")),
        Binding("n", "answer(False)", N_("cb.key.no")),
        Binding("space", "answer(None)", N_("cb.key.skip")),
        Binding("backspace", "previous", N_("cb.key.prev"), show=False),
        Binding("up", "previous", N_("cb.key.prev")),
        Binding("enter", "save", N_("cb.key.save")),
        Binding("escape", "cancel", N_("cb.key.cancel")),
    ]

    AUTO_FOCUS = ""

    def __init__(self, row: QueueRow, phrases: list[tuple[str, str, str]]) -> None:
        super().__init__()
        localize_bindings(self)
        self.row = row
        self.phrases = phrases
        self.values: dict[str, bool | None] = {}
        self.index = 0
        self._ready = False  # keys typed ahead of the first paint are kept, shown on mount

    def compose(self) -> ComposeResult:
        r = self.row
        with Vertical(id="cbd-box"):
            yield Static(Content(t("cb.dlg.title")), id="cbd-title")
            head = Text(f"{r.ticket_no}  {r.customer_name}  {r.phone}  ", style="bold")
            head.append(reason_label(r.reason))
            head.append(f"\n{card_text(r)}")
            ask = CALLBACK_QUESTION.get(r.reason)
            if ask is not None:
                head.append(f"\n{t(ask)}", style="cyan")
            yield Static(head, id="cbd-head")
            for name in QUESTION_KEYS:
                yield Static("", id=f"cbd-{name}", classes="cbd-q")
            yield Input(placeholder=t("cb.note.placeholder"), id="cbd-note", max_length=500)
            yield Static("", id="cbd-phrases")
            yield Static(Content(t("cb.dlg.help")), id="cbd-help")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.app.cursor_blink
        self._ready = True
        self._show()

    # -- which questions ------------------------------------------------------------
    def questions(self) -> list[str]:
        reached = self.values.get(REACHED)
        if reached is False:
            return [REACHED, RETRY]
        extra = [SIGNED, CAME] if self.row.has_card else []
        return [REACHED, SATISFIED, *extra]

    def _show(self) -> None:
        if not self._ready:
            return
        asked = self.questions()
        for name, key in QUESTION_KEYS.items():
            w = self.query_one(f"#cbd-{name}", Static)
            w.set_class(name not in asked, "-off")
            w.set_class(name in asked and asked.index(name) == self.index, "-current")
            if name in self.values:
                value = self.values[name]
                shown = t("cb.v.unknown") if value is None else _yn(value)
            else:
                shown = t("cb.v.pending")
            w.update(Text.assemble(f"{t(key)}  ", (shown, "bold")))
        note = self.query_one(Input)
        if self.index >= len(asked):
            note.focus()
        elif self.focused is note:
            self.set_focus(None)

    # -- keys -----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.focused, Input) and action == "answer":
            return False  # typing in the note: the keys are text
        return True

    def action_answer(self, value: bool | None) -> None:
        asked = self.questions()
        if self.index >= len(asked):
            return
        name = asked[self.index]
        if name == REACHED and value is None:
            return  # reached or not is always known
        self.values[name] = value
        if name == REACHED:  # the questions depend on it
            for other in (SATISFIED, SIGNED, CAME, RETRY):
                self.values.pop(other, None)
        self.index += 1
        self._show()

    def action_previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Changed, "#cbd-note")
    def _note_changed(self, event: Input.Changed) -> None:
        text, lines = note_text(event.value, self.phrases)
        box = self.query_one("#cbd-phrases", Static)
        if not lines:
            box.update("")
            return
        out = Text(t("cb.note.forbidden"), style="bold")
        out.append_text(text)
        for line in lines:
            out.append(f"\n  {line}")
        out.append(f"\n{t('cb.note.saved_anyway')}", style="dim")
        box.update(out)

    @on(Input.Submitted, "#cbd-note")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Save once every question is answered (Enter from the note or, typed fast, before it)."""
        if REACHED not in self.values or self.index < len(self.questions()):
            return
        if not self._ready:
            self.call_after_refresh(self.action_save)
            return
        v = self.values
        self.dismiss(
            Answer(
                reached=bool(v[REACHED]),
                satisfied=v.get(SATISFIED),
                customer_signed=v.get(SIGNED),
                engineer_came=v.get(CAME),
                note=self.query_one(Input).value,
                retry=v.get(RETRY) is not False,
            )
        )


def _yn(value: bool) -> str:
    return t("cb.v.yes") if value else t("cb.v.no")
