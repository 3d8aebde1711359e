"""The new-ticket form's widgets, top to bottom: one row per field, the consultation box, history."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Select, Static

from clerk_tui.i18n import t
from clerk_tui.services.intake import SERVICE_TYPES, SOURCES
from clerk_tui.ui.intake.fields import FieldMessage, FieldRow, IntakeInput
from clerk_tui.ui.intake.history import HistoryPanel
from clerk_tui.ui.tickets.labels import TICKET_SOURCE, TICKET_TYPE, code_label

# Input id → (form field it belongs to, max length); widths are in screens/intake.tcss.
INPUTS: dict[str, tuple[str, int]] = {
    "in-name": ("name", 100),
    "in-phone": ("phone", 40),
    "in-address": ("address", 300),
    "in-model": ("model", 64),
    "in-serial": ("serial", 64),
    "in-purchase": ("purchase", 20),
    "in-symptom": ("symptom", 20000),
    "in-day": ("window", 20),
    "in-start": ("window", 8),
    "in-end": ("window", 8),
    "in-notes": ("notes", 20000),
    "in-consult-note": ("consult", 2000),
}
SELECTS = {"in-type": "repair", "in-source": "phone", "in-consult": ""}


def _field(id_: str, placeholder: str = "") -> IntakeInput:
    return IntakeInput(id=id_, max_length=INPUTS[id_][1], placeholder=placeholder)


def form_widgets() -> ComposeResult:
    """Every widget of the form (the screen puts them in its scrolling body)."""
    yield Static(id="in-heading", markup=False)
    yield FieldRow(t("in.f.name"), _field("in-name"), message_id="msg-name")
    yield FieldRow(t("in.f.phone"), _field("in-phone", t("in.ph.phone")), message_id="msg-phone")
    yield FieldRow(
        t("in.f.address"), _field("in-address", t("in.ph.address")), message_id="msg-address"
    )
    yield FieldRow(t("in.f.model"), _field("in-model", t("in.ph.model")), message_id="msg-model")
    yield FieldRow(t("in.f.serial"), _field("in-serial"), message_id="msg-serial")
    yield FieldRow(
        t("in.f.purchase"), _field("in-purchase", t("in.ph.date")), message_id="msg-purchase"
    )
    yield FieldRow(
        t("in.f.symptom"), _field("in-symptom", t("in.ph.symptom")), message_id="msg-symptom"
    )
    yield FieldRow(
        t("in.f.window"),
        _field("in-day", t("in.ph.day")),
        _field("in-start", t("in.ph.time")),
        Static(Content(t("in.f.window_to")), classes="in-sep"),
        _field("in-end", t("in.ph.time")),
        message_id="msg-window",
    )
    yield FieldRow(
        t("in.f.type"),
        Select(
            [(code_label(TICKET_TYPE, v), v) for v in SERVICE_TYPES],
            value="repair",
            allow_blank=False,
            compact=True,
            id="in-type",
        ),
        Static(Content(t("in.f.source")), classes="in-sep"),
        Select(
            [(code_label(TICKET_SOURCE, v), v) for v in SOURCES],
            value="phone",
            allow_blank=False,
            compact=True,
            id="in-source",
        ),
        message_id="msg-type",
    )
    yield FieldRow(t("in.f.notes"), _field("in-notes"), message_id="msg-notes")
    with Vertical(id="in-consult-box"):
        yield Static(id="in-consult-title", markup=False)
        yield Static(id="in-consult-why", markup=False)
        with Horizontal(id="in-consult-row"):
            yield Static(Content(t("in.consult.choice")), classes="in-label")
            yield Select(
                [
                    (t("in.consult.undecided"), ""),
                    (t("in.consult.consult"), "consult"),
                    (t("in.consult.refused"), "refused"),
                ],
                value="",
                allow_blank=False,
                compact=True,
                id="in-consult",
            )
            yield Static(Content(t("in.consult.note")), classes="in-sep")
            yield _field("in-consult-note", t("in.consult.note_ph"))
    yield Static(Content(t("in.hist.title")), id="in-hist-title")
    yield HistoryPanel(id="in-history")
    yield FieldMessage(id="in-summary")
    yield Static(id="in-result", markup=False)
