"""The card entry form: one row per field (label, field, hint), and reading it into a card and a slip.

`read_form` turns what is typed into a CardInfo and SlipInfo plus the errors of fields that
cannot be taken as they are (unreadable times, finished before arrived, money that is not a
number); the screen refuses to save while there are errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from clerk_tui.domain.names import find_name
from clerk_tui.domain.reconcile.inputs import (
    FAIRLY_SATISFIED,
    SATISFIED,
    UNSATISFIED,
    CardInfo,
    SlipInfo,
)
from clerk_tui.i18n import t
from clerk_tui.ui.cards.fields import (
    Choice,
    ChoiceField,
    FieldRefused,
    parse_time,
    parse_yuan,
    scores,
    show_time,
    yes_no,
)

TIME_FIELDS = ("returned", "arrived", "finished", "signed")
MONEY_FIELDS = ("fee", "certificate", "slip_fee")
CHOICE_FIELDS = ("signature", "satisfaction", "attitude", "quality", "confident", "called", "slip")
MIRRORS = {"signed": "finished", "slip_fee": "fee", "slip_receipt": "receipt"}
"""Fields that copy another field until the clerk types in them."""

_CARD = (
    "engineer",
    "returned",
    "arrived",
    "finished",
    "signer",
    "relation",
    "signature",
    "satisfaction",
    "attitude",
    "quality",
    "signed",
    "fee",
    "certificate",
    "items",
    "receipt",
    "confident",
    "called",
    "notes",
)
_SLIP = ("slip", "cause", "action", "parts", "slip_fee", "slip_receipt")
_PLACEHOLDERS = {
    "ticket": "ce.ph.ticket",
    "returned": "ce.ph.time",
    "arrived": "ce.ph.time",
    "finished": "ce.ph.time",
    "signed": "ce.ph.time",
    "signer": "ce.ph.signer",
    "relation": "ce.ph.relation",
    "items": "ce.ph.items",
    "certificate": "ce.ph.certificate",
    "parts": "ce.ph.parts",
}


def satisfaction_choices() -> list[Choice]:
    return [
        Choice("1", SATISFIED, t("ce.v.satisfied")),
        Choice("2", FAIRLY_SATISFIED, t("ce.v.fairly")),
        Choice("3", UNSATISFIED, t("ce.v.unsatisfied")),
    ]


def _field(name: str) -> Widget:
    fid = f"ce-{name}"
    if name == "signature" or name == "confident" or name == "slip":
        return ChoiceField(yes_no(), id=fid)
    if name == "called":
        return ChoiceField(yes_no(blank=True), id=fid)
    if name == "satisfaction":
        return ChoiceField(satisfaction_choices(), id=fid)
    if name in ("attitude", "quality"):
        return ChoiceField(scores(), id=fid)
    ph = t(_PLACEHOLDERS[name]) if name in _PLACEHOLDERS else ""
    return Input(id=fid, compact=True, placeholder=ph, max_length=_MAX.get(name, 100))


_MAX = {
    "ticket": 40,
    "engineer": 50,
    "signer": 100,
    "relation": 20,
    "items": 200,
    "receipt": 40,
    "slip_receipt": 40,
    "cause": 500,
    "action": 500,
    "parts": 300,
    "notes": 1000,
}


class CardForm(VerticalScroll):
    """The form; `value(name)` reads a field, `put(name, value)` fills one, `hint` marks one."""

    def compose(self) -> ComposeResult:
        yield self._row("ticket")
        yield Static(Content(t("ce.sec.card")), classes="ce-section")
        for name in _CARD:
            yield self._row(name)
        yield Static(Content(t("ce.sec.slip")), classes="ce-section")
        for name in _SLIP:
            yield self._row(name)

    def _row(self, name: str) -> Horizontal:
        return Horizontal(
            Static(Content(t(f"ce.f.{name}")), classes="ce-label"),
            _field(name),
            Static("", classes="ce-hint", id=f"ce-hint-{name}"),
            classes="ce-row",
            id=f"ce-row-{name}",
        )

    def field(self, name: str) -> Widget:
        return self.query_one(f"#ce-{name}")

    def input(self, name: str) -> Input:
        """A text field (not a choice) by name."""
        return self.query_one(f"#ce-{name}", Input)

    def value(self, name: str) -> object:
        w = self.field(name)
        return w.value if isinstance(w, (Input, ChoiceField)) else None

    def put(self, name: str, value: object) -> None:
        w = self.field(name)
        if isinstance(w, Input):
            w.value = "" if value is None else str(value)
            w.cursor_position = len(w.value)
        elif isinstance(w, ChoiceField):
            w.value = value

    def hint(self, name: str, text: Text | str | None, *, error: bool = False) -> None:
        hint = self.query_one(f"#ce-hint-{name}", Static)
        if isinstance(text, str):
            text = Text(text, style="bold red" if error else "dim")
        hint.update(text or "")
        self.query_one(f"#ce-row-{name}").set_class(error, "-error")


def _score(value: object) -> int | None:
    """A score chosen on the form (1-5), or None when not chosen."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _yes_no(value: object) -> bool | None:
    """A yes/no choice, or None when not chosen."""
    return value if isinstance(value, bool) else None


@dataclass(frozen=True)
class FormRead:
    card: CardInfo
    slip: SlipInfo | None
    errors: dict[str, str]
    certificate_fen: int | None = None
    """The warranty certificate's fee (保修证标准) as typed; None when left empty."""


def read_form(
    values: dict[str, object], *, day: date, today: date, engineers: dict[str, str]
) -> FormRead:
    """The card and slip the typed `values` make; fields in `errors` are left out (None/0).

    Times are on the visit's `day` (returned_at on `today`); `engineers` maps names to codes so a
    typed name is stored as the engineer's code.
    """
    errors: dict[str, str] = {}

    def text(name: str) -> str:
        return str(values.get(name) or "").strip()

    def when(name: str) -> datetime | None:
        try:
            return parse_time(text(name), today if name == "returned" else day)
        except FieldRefused as exc:
            errors[name] = str(exc)
            return None

    def money(name: str) -> int:
        try:
            return parse_yuan(text(name)) or 0
        except FieldRefused as exc:
            errors[name] = str(exc)
            return 0

    times = {name: when(name) for name in TIME_FIELDS}
    arrived, finished = times["arrived"], times["finished"]
    if arrived and finished and finished < arrived:
        errors["finished"] = t(
            "ce.err.finished_before",
            finished=show_time(finished, day),
            arrived=show_time(arrived, day),
        )
        times["finished"] = None
    engineer = text("engineer")
    name_match = find_name(engineer, engineers)
    code = engineers[name_match] if name_match else engineer
    split = tuple(x.strip() for x in text("items").split("|") if x.strip())
    fee = money("fee")
    try:
        certificate = parse_yuan(text("certificate"))
    except FieldRefused as exc:
        errors["certificate"] = str(exc)
        certificate = None
    card = CardInfo(
        ticket_no=text("ticket"),
        engineer_code=code,
        returned_at=times["returned"],
        arrived_at=arrived,
        finished_at=times["finished"],
        signer_name=text("signer"),
        signer_relation=text("relation"),
        signature_present=values.get("signature") is True,
        satisfaction=str(values.get("satisfaction") or ""),
        attitude_score=_score(values.get("attitude")),
        quality_score=_score(values.get("quality")),
        signed_at=times["signed"],
        fee_charged_fen=fee,
        fee_items=split,
        receipt_no=text("receipt"),
        repair_confident=values.get("confident") is not False,
        called_ahead=_yes_no(values.get("called")),
        notes=text("notes"),
    )
    slip = None
    if values.get("slip") is True:
        slip = SlipInfo(
            ticket_no=card.ticket_no,
            engineer_code=code,
            returned_at=card.returned_at,
            fault_cause=text("cause"),
            repair_action=text("action"),
            parts=tuple(x.strip() for x in text("parts").split("|") if x.strip()),
            fee_charged_fen=money("slip_fee"),
            receipt_no=text("slip_receipt"),
        )
    return FormRead(card, slip, errors, certificate)
