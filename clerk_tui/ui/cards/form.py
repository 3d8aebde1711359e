"""The card entry form: one row per field (label, field, hint), and reading it into a card and a slip.

`read_form` turns what is typed into a card and slip (the one card parser of
`clerk_tui.domain.cards`) plus the errors of fields that cannot be taken as they are
(unreadable times, finished before arrived, money that is not a number), worded for the form;
the screen refuses to save while there are errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from clerk_tui.domain.cards import FieldError, SupervisionCard, WarrantySlip, parse_card, parse_slip
from clerk_tui.domain.names import find_name
from clerk_tui.domain.reconcile.inputs import (
    FAIRLY_SATISFIED,
    SATISFIED,
    UNSATISFIED,
)
from clerk_tui.i18n import N_, t, tn
from clerk_tui.i18n.labels import label
from clerk_tui.ui.cards.fields import (
    Choice,
    ChoiceField,
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
    "ticket": N_("ce.ph.ticket"),
    "returned": N_("ce.ph.time"),
    "arrived": N_("ce.ph.time"),
    "finished": N_("ce.ph.time"),
    "signed": N_("ce.ph.time"),
    "signer": N_("ce.ph.signer"),
    "relation": N_("ce.ph.relation"),
    "items": N_("ce.ph.items"),
    "certificate": N_("ce.ph.certificate"),
    "parts": N_("ce.ph.parts"),
}


CARD_FIELD: dict[str, str] = {
    "action": N_("ce.f.action"),
    "arrived": N_("ce.f.arrived"),
    "attitude": N_("ce.f.attitude"),
    "called": N_("ce.f.called"),
    "cause": N_("ce.f.cause"),
    "certificate": N_("ce.f.certificate"),
    "confident": N_("ce.f.confident"),
    "engineer": N_("ce.f.engineer"),
    "fee": N_("ce.f.fee"),
    "finished": N_("ce.f.finished"),
    "items": N_("ce.f.items"),
    "notes": N_("ce.f.notes"),
    "parts": N_("ce.f.parts"),
    "quality": N_("ce.f.quality"),
    "receipt": N_("ce.f.receipt"),
    "relation": N_("ce.f.relation"),
    "returned": N_("ce.f.returned"),
    "satisfaction": N_("ce.f.satisfaction"),
    "signature": N_("ce.f.signature"),
    "signed": N_("ce.f.signed"),
    "signer": N_("ce.f.signer"),
    "slip": N_("ce.f.slip"),
    "slip_fee": N_("ce.f.slip_fee"),
    "slip_receipt": N_("ce.f.slip_receipt"),
    "ticket": N_("ce.f.ticket"),
}
"""The card form's fields (服务卡 and 维修单)."""


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
            Static(Content(label(CARD_FIELD, name)), classes="ce-label"),
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
    card: SupervisionCard
    slip: WarrantySlip | None
    errors: dict[str, str]
    certificate_fen: int | None = None
    """The warranty certificate's fee (保修证标准) as typed; None when left empty."""


# The form's fields that are card columns (FORMATS names), and those that are slip columns.
_CARD_COLUMN = {
    "ticket": "ticket_no",
    "engineer": "engineer_id",
    "returned": "returned_at",
    "arrived": "arrived_at",
    "finished": "finished_at",
    "signer": "signer_name",
    "relation": "signer_relation",
    "signature": "signature_present",
    "satisfaction": "satisfaction",
    "attitude": "attitude_score",
    "quality": "quality_score",
    "signed": "signed_at",
    "fee": "fee_charged",
    "certificate": "certificate_fee",
    "items": "fee_items",
    "receipt": "receipt_no",
    "confident": "repair_confident",
    "called": "called_ahead",
    "notes": "notes",
}
_SLIP_COLUMN = {
    "cause": "fault_cause",
    "action": "repair_action",
    "parts": "parts",
    "slip_fee": "fee_charged",
    "slip_receipt": "receipt_no",
}
_FORM_FIELD = {col: name for name, col in _CARD_COLUMN.items()}
_FORM_SLIP_FIELD = {col: name for name, col in _SLIP_COLUMN.items()}
_MONEY_CODES = frozenset({"bad_number", "negative", "bad_money", "out_of_range"})
_OTHER_REASONS = {  # what the form's own messages do not cover: worded as for a file's cell
    "key_missing": N_("import.key_missing"),
    "too_long": N_("import.too_long"),
    "control_char": N_("import.control_char"),
    "bad_bool": N_("import.bad_bool"),
    "bad_choice": N_("import.bad_choice"),
    "bad_number": N_("import.bad_number"),
    "negative": N_("import.negative"),
    "bad_money": N_("import.bad_money"),
    "out_of_range": N_("import.out_of_range"),
}


def _message(error: FieldError, name: str, day: date) -> str:
    """The sentence shown beside form field `name` for the card parser's `error`."""
    values = error.values
    if error.code == "bad_datetime":
        return t("ce.err.time", value=str(values["value"]).replace("：", ":"))
    if error.code == "end_before_start":
        return t(
            "ce.err.finished_before",
            finished=show_time(values["end"], day),
            arrived=show_time(values["start"], day),
        )
    if name in MONEY_FIELDS and error.code in _MONEY_CODES:
        return t("ce.err.money", value=str(values["value"]))
    shown = {k: "/".join(v) if isinstance(v, tuple) else v for k, v in values.items()}
    shown["field"] = label(CARD_FIELD, name)
    if error.code == "too_long":  # a count of characters: the plural form
        return tn("import.too_long", int(str(values["length"])), **shown)
    return t(_OTHER_REASONS[error.code], **shown)


def read_form(
    values: dict[str, object], *, day: date, today: date, engineers: dict[str, str]
) -> FormRead:
    """The card and slip the typed `values` make, read by the one card parser; fields in
    `errors` are left out (None/0).

    Times are on the visit's `day` (returned_at on `today`); `engineers` maps names to codes so a
    typed name is stored as the engineer's code.
    """
    raw = {col: values.get(name) for name, col in _CARD_COLUMN.items()}
    engineer = str(values.get("engineer") or "").strip()
    name_match = find_name(engineer, engineers)
    raw["engineer_id"] = engineers[name_match] if name_match else engineer
    read = parse_card(raw, day=day, returned_day=today, typed=True)
    errors: dict[str, str] = {}
    for error in read.errors:
        if error.field == "ticket_no":
            continue  # the ticket is the one looked up; saving another is refused (ce.err.no_ticket)
        name = _FORM_FIELD[error.field]
        errors.setdefault(name, _message(error, name, day))
    card = read.card
    slip = None
    if values.get("slip") is True:
        slip_raw = {col: values.get(name) for name, col in _SLIP_COLUMN.items()}
        slip_raw.update(
            ticket_no=card.ticket_no, engineer_id=card.engineer_code, returned_at=card.returned_at
        )
        slip_read = parse_slip(slip_raw, typed=True)
        slip = slip_read.slip
        for error in slip_read.errors:
            name = _FORM_SLIP_FIELD.get(error.field, "")
            if name:  # ticket, engineer and return time are the card's, checked there
                errors.setdefault(name, _message(error, name, day))
    return FormRead(card, slip, errors, card.certificate_fee_fen)
