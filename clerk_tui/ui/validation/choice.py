"""ChoiceDialog: pick an outcome with one number key, type an optional text, Enter saves.

The validation queue's contact, fix, part, consultation and value-add forms are all
this shape, so logging a call takes two or three keys (d, 2, Enter). Number keys pick
while no text field has the focus; F2 cycles the choice from anywhere. The last field
is checked for forbidden phrases (服务禁语) as it is typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from clerk_tui.i18n import N_, t
from clerk_tui.ui.common.form import apply_cursor_blink
from clerk_tui.ui.common.localized import localize_bindings
from clerk_tui.ui.validation.tables import Phrases, phrase_advice, visible


@dataclass(frozen=True)
class Choice:
    key: str  # the number key that picks it
    code: str
    label: str


@dataclass(frozen=True)
class Field:
    label: str
    value: str = ""
    max_length: int = 0  # 0: no limit


@dataclass(frozen=True)
class DialogResult:
    choice: str
    values: tuple[str, ...]


class ChoiceLine(Static, can_focus=True):
    """The choices on one line; it holds the focus while a number key is awaited."""


class ChoiceDialog(ModalScreen[DialogResult | None]):
    """A small form over the queue; dismissed with the choice and the typed values (None: Esc)."""

    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    ChoiceDialog #vq-dlg {
        width: 84; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ChoiceDialog #vq-dlg-title { text-style: bold; margin-bottom: 1; }
    ChoiceDialog .vq-dlg-line { color: $text-muted; }
    ChoiceDialog ChoiceLine { margin: 1 0 0 0; height: auto; }
    ChoiceDialog ChoiceLine:focus { background: $boost; }
    ChoiceDialog .vq-dlg-label { margin: 1 0 0 0; }
    ChoiceDialog #vq-dlg-phrases { color: $text-warning; height: auto; }
    ChoiceDialog #vq-dlg-hint { color: $text-muted; margin-top: 1; }
    ChoiceDialog #vq-dlg-error { color: $text-error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("vq.key.cancel")),
        Binding("f2", "cycle", N_("vq.key.switch"), show=False, priority=True),
    ]

    def __init__(
        self,
        title: str,
        *,
        lines: Sequence[str] = (),
        choices: Sequence[Choice] = (),
        fields: Sequence[Field] = (),
        initial: str | None = None,
        label: str = "",
        hint: str = "",
        phrases: Phrases = (),
        check: Callable[[DialogResult], str | None] | None = None,
    ) -> None:
        super().__init__()
        localize_bindings(self)
        self.heading = title
        self.lines = list(lines)
        self.choices = list(choices)
        self.fields = list(fields)
        self.choice = initial
        self.choice_label = label or t("vq.dlg.outcomes")
        self.hint = hint or t("vq.dlg.hint")
        self.phrases = phrases
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="vq-dlg"):
            yield Static(Content(visible(self.heading)), id="vq-dlg-title")
            for line in self.lines:
                yield Static(Content(visible(line)), classes="vq-dlg-line")
            if self.choices:
                yield ChoiceLine(self._choice_text(), id="vq-dlg-choices")
            for n, field in enumerate(self.fields):
                yield Static(Content(field.label), classes="vq-dlg-label")
                yield Input(
                    field.value,
                    id=f"vq-dlg-in-{n}",
                    max_length=field.max_length,
                )
            yield Static("", id="vq-dlg-phrases", markup=False)
            yield Static(Content(self.hint), id="vq-dlg-hint")
            yield Static("", id="vq-dlg-error", markup=False)

    def on_mount(self) -> None:
        apply_cursor_blink(self)
        if self.choices and self.choice is None:
            self.query_one(ChoiceLine).focus()
        elif self.fields:
            self.query_one("#vq-dlg-in-0", Input).focus()
        self._phrases_changed()

    # -- choosing ---------------------------------------------------------------------
    def _choice_text(self) -> Text:
        text = Text(self.choice_label, style="bold")
        for c in self.choices:
            text.append("  ")
            text.append(
                f" {c.key} {c.label} ", style="reverse bold" if c.code == self.choice else ""
            )
        return text

    def _pick(self, code: str) -> None:
        self.choice = code
        self.query_one(ChoiceLine).update(self._choice_text())
        self._error("")
        if self.fields:
            self.query_one("#vq-dlg-in-0", Input).focus()

    def on_key(self, event: events.Key) -> None:
        if isinstance(self.focused, Input):
            return
        for c in self.choices:
            if event.key == c.key:
                event.stop()
                event.prevent_default()
                self._pick(c.code)
                return
        if event.key == "enter" and not self.fields:
            event.stop()
            self._submit()

    def action_cycle(self) -> None:
        if not self.choices:
            return
        codes = [c.code for c in self.choices]
        nxt = (
            codes[(codes.index(self.choice) + 1) % len(codes)] if self.choice in codes else codes[0]
        )
        focused = self.focused
        self._pick(nxt)
        if focused is not None:
            focused.focus()

    # -- typing and saving -------------------------------------------------------------
    def _values(self) -> tuple[str, ...]:
        return tuple(
            self.query_one(f"#vq-dlg-in-{n}", Input).value for n in range(len(self.fields))
        )

    @on(Input.Changed)
    def _phrases_changed(self) -> None:
        if not self.fields or not self.phrases:
            return
        text = self.query_one(f"#vq-dlg-in-{len(self.fields) - 1}", Input).value
        advice = phrase_advice(text, self.phrases)
        self.query_one("#vq-dlg-phrases", Static).update(Content("\n".join(advice)))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def _submit(self) -> None:
        if self.choices and self.choice is None:
            self._error(t("vq.err.no_choice"))
            self.query_one(ChoiceLine).focus()
            return
        result = DialogResult(self.choice or "", self._values())
        problem = self.check(result) if self.check is not None else None
        if problem:
            self._error(problem)
            return
        self.dismiss(result)

    def _error(self, text: str) -> None:
        self.query_one("#vq-dlg-error", Static).update(Content(text))

    def action_cancel(self) -> None:
        self.dismiss(None)
