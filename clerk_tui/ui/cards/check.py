"""The card-entry screen's live check: the form read as a card, its field errors, warnings and hints.

A mixin of `CardEntryScreen` (it uses the screen's `ctx`, `form`, `findings`, `errors`
and `touched`); the screen calls `_recheck` whenever a field changes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from rich.text import Text
from textual.widgets import Static

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
from clerk_tui.ui.cards.panels import KIND_FIELD, field_hint, warnings_panel

_PARTIAL_TIME = re.compile(r"^\d{1,3}$")
"""A time still being typed: its error waits until it is complete or the clerk moves on."""


class CardCheck:
    """Read the form, check it against the ticket, and show errors, hints and warnings."""

    ctx: Any
    form: CardForm
    findings: list
    errors: dict[str, str]
    touched: set[str]

    def _field_name(self, widget) -> str:
        return (widget.id or "").removeprefix("ce-")

    def _mirror(self, name: str) -> None:
        """Copy a field into the fields that follow it until they are typed in themselves."""
        for target, source in MIRRORS.items():
            if source == name and target not in self.touched:
                self.form.put(target, self.form.value(source))

    def _values(self) -> dict[str, object]:
        form = self.form
        names = (
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
        return {n: form.value(n) for n in names}

    def _read(self) -> FormRead:
        ctx = self.ctx
        engineers = {e.name: e.code for e in ctx.engineers}
        return read_form(self._values(), day=ctx.day, today=self.app.today, engineers=engineers)  # type: ignore[attr-defined]

    def _recheck(self) -> None:
        """Errors of the fields and the reconciliation's findings about the card as it stands."""
        from clerk_tui.services.cards import card_warnings

        if self.ctx is None:
            return
        read = self._read()
        self.errors = read.errors
        self.findings = card_warnings(self.ctx, read.card, read.certificate_fen)
        form = self.form
        focused = self._field_name(self.focused) if self.focused is not None else ""  # type: ignore[attr-defined]
        for name in {
            *KIND_FIELD.values(),
            *read.errors,
            *TIME_FIELDS,
            *MONEY_FIELDS,
            "engineer",
            "items",
        }:
            typing = name == focused and _PARTIAL_TIME.match(str(form.value(name) or ""))
            if name in read.errors and not typing:
                form.hint(name, read.errors[name], error=True)
            else:
                form.hint(name, field_hint(self.findings, name) or self._info(name, read))
        self.query_one("#ce-warnings", Static).update(warnings_panel(self.findings))  # type: ignore[attr-defined]

    def _info(self, name: str, read: FormRead) -> Text | None:
        from clerk_tui.domain.fees import fee_check

        ctx = self.ctx
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
        if name in MIRRORS and name not in self.touched and self.form.value(name):
            return Text(t("ce.hint.default"), style="dim")
        return None
