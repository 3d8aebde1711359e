"""Fields of the card entry form: times typed as HHMM, money in yuan, single-key choices.

The parsers are plain functions (tested on their own); `ChoiceField` takes one key and
moves on, so a clean card needs no Enter between its choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.suggester import Suggester
from textual.widget import Widget

from clerk_tui.domain.cards.parse import Unreadable, read_moment
from clerk_tui.i18n import t


class FieldRefused(ValueError):
    """A value the field cannot take; the message is the sentence shown beside it."""


def parse_time(text: str, day: date) -> datetime | None:
    """`HHMM`, `HH:MM` (on `day`) or `YYYY-MM-DD HH:MM`; None when empty (the card parser's rule)."""
    try:
        return read_moment(text, day, typed=True)
    except Unreadable:
        raise FieldRefused(t("ce.err.time", value=text.strip().replace("：", ":"))) from None


def show_time(value: datetime | None, day: date) -> str:
    """HH:MM on `day`, else the full date and time."""
    if value is None:
        return ""
    return value.strftime("%H:%M") if value.date() == day else value.strftime("%Y-%m-%d %H:%M")


def show_yuan(fen: int) -> str:
    return f"{fen // 100}" if fen % 100 == 0 else f"{fen // 100}.{fen % 100:02d}"


class CodeListSuggester(Suggester):
    """Completes the last `|`-separated code from a list (fee codes of the standard)."""

    def __init__(self, codes: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.codes = sorted(codes)

    async def get_suggestion(self, value: str) -> str | None:
        head, sep, last = value.rpartition("|")
        if not last:
            return None
        folded = last.casefold()
        for code in self.codes:
            if code.casefold().startswith(folded) and code != last:
                return f"{head}{sep}{code}"
        return None


@dataclass(frozen=True)
class Choice:
    key: str
    """The key that picks it (also accepted: any of `aliases`)."""
    value: object
    label: str
    aliases: tuple[str, ...] = ()


class ChoiceField(Widget, can_focus=True):
    """One of a few values, picked with one key; backspace clears. Picking moves focus on."""

    DEFAULT_CSS = """
    ChoiceField { height: 1; width: 1fr; padding: 0 1; background: $boost; }
    ChoiceField:focus { background: $primary 30%; }
    """

    value: reactive[object] = reactive(None, always_update=True)

    class Changed(Message):
        def __init__(self, field: ChoiceField, value: object) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> ChoiceField:
            return self.field

    def __init__(self, choices: list[Choice], *, value: object = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.choices = choices
        self.set_reactive(ChoiceField.value, value)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, c in enumerate(self.choices):
            if i:
                text.append("  ")
            chosen = c.value == self.value and self.value is not None
            text.append(f"{c.key} ", style="bold" if not chosen else "bold reverse")
            text.append(c.label, style="reverse" if chosen else "dim")
        return text

    def watch_value(self) -> None:
        self.post_message(self.Changed(self, self.value))

    def pick(self, value: object) -> None:
        self.value = value

    async def _on_key(self, event: events.Key) -> None:
        key = (event.character or event.key or "").lower()
        if event.key in ("backspace", "delete"):
            event.stop()
            event.prevent_default()
            self.value = None
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.screen.focus_next()
            return
        for c in self.choices:
            if key == c.key or key in c.aliases:
                event.stop()
                event.prevent_default()
                self.value = c.value
                self.screen.focus_next()
                return


def yes_no(*, blank: bool = False) -> list[Choice]:
    """Y/N (1/0 too); with `blank`, '-' for "not stated"."""
    out = [
        Choice("y", True, t("ce.v.yes"), ("1",)),
        Choice("n", False, t("ce.v.no"), ("0",)),
    ]
    if blank:
        out.append(Choice("-", None, t("ce.v.unstated"), (" ",)))
    return out


def scores() -> list[Choice]:
    return [Choice(str(n), n, "") for n in range(1, 6)]
