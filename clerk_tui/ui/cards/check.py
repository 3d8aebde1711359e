"""The card-entry form's live check as plain functions: the form read as a card, and the hint each field shows.

No widget state here: the screen (`CardEntryScreen._recheck`) reads the form's values,
calls these, and puts the results on the form.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget

from clerk_tui.i18n import t
from clerk_tui.ui.cards.fields import show_yuan
from clerk_tui.ui.cards.form import (
    CHOICE_FIELDS,
    MIRRORS,
    MONEY_FIELDS,
    TIME_FIELDS,
    CardForm,
    FormRead,
    read_form,
)

if TYPE_CHECKING:
    from clerk_tui.services.cards import CardContext

_PARTIAL_TIME = re.compile(r"^\d{1,3}$")
"""A time still being typed: its error waits until it is complete or the clerk moves on."""

VALUE_FIELDS = (
    "ticket",
    "engineer",
    "signer",
    "relation",
    "items",
    "receipt",
    "notes",
    "cause",
    "action",
    "parts",
    "slip_receipt",
    *TIME_FIELDS,
    *MONEY_FIELDS,
    *CHOICE_FIELDS,
)
"""Every field the card and slip are read from, in the form's order of errors."""


def field_name(widget: Widget | None) -> str:
    """The form field a widget is (its id without the screen's `ce-` prefix); '' for none."""
    return ((widget.id if widget is not None else None) or "").removeprefix("ce-")


def form_values(form: CardForm) -> dict[str, object]:
    """What the clerk has typed and chosen, by field name."""
    return {n: form.value(n) for n in VALUE_FIELDS}


def read_card(ctx: CardContext, values: Mapping[str, object], today: date) -> FormRead:
    """The card and slip the form's `values` make for the ticket in `ctx` (typed names become codes)."""
    engineers = {e.name: e.code for e in ctx.engineers}
    return read_form(dict(values), day=ctx.day, today=today, engineers=engineers)


def still_typing_time(value: object) -> bool:
    """A time field holding 1-3 digits: its error waits until it is complete."""
    return bool(_PARTIAL_TIME.match(str(value or "")))


def field_info(
    name: str, read: FormRead, ctx: CardContext, *, touched: Collection[str], value: object
) -> Text | None:
    """The quiet hint beside a field with no error or finding: the engineer's name, the fee standard."""
    from clerk_tui.domain.reconcile.fees import fee_check

    if name == "engineer" and read.card.engineer_code:
        known = {e.code: e.name for e in ctx.engineers}
        if read.card.engineer_code in known:
            return Text(known[read.card.engineer_code], style="dim")
        return Text(t("ce.hint.engineer_unknown"), style="yellow")
    if name == "items" and read.card.fee_items:
        visit = ctx.ticket.visit if ctx.ticket else None
        if visit is not None and read.certificate_fen is not None:
            visit = replace(visit, certificate_fee_fen=read.certificate_fen)
        chk = fee_check(read.card, visit, ctx.fees, ctx.day)
        if chk.unknown:
            return Text(t("ce.hint.items_unknown", codes="|".join(chk.unknown)), style="yellow")
        return Text(t("ce.hint.items_standard", amount=show_yuan(chk.allowed_fen)), style="dim")
    if name in MIRRORS and name not in touched and value:
        return Text(t("ce.hint.default"), style="dim")
    return None
