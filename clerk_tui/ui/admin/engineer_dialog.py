"""The engineer form (工程师资料): add or edit one engineer, each field checked as it is left."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Button, Input, Select, SelectionList, Static

from clerk_tui.i18n import t
from clerk_tui.i18n.labels import ENGINEER_FIELD, label
from clerk_tui.services.admin import (
    EngineerForm,
    EngineerRow,
    add_engineer,
    check_engineer,
    check_field,
    form_of,
    update_engineer,
)
from clerk_tui.ui.admin.dialog_base import AdminDialog, AdminFieldError

TEXT_FIELDS = (
    ("code", 32),
    ("name", 50),
    ("phone", 32),
    ("work_start", 5),
    ("work_end", 5),
    ("certificate_no", 50),
    ("daily_capacity", 2),
)


class EngineerDialog(AdminDialog):
    """New engineer (row None) or an edit of `row`; dismissed with a sentence once saved."""

    def __init__(
        self,
        row: EngineerRow | None,
        categories: list[str],
        districts: list[str],
        policy_capacity: int,
    ) -> None:
        super().__init__()
        self.row = row
        self.categories = categories
        self.districts = districts
        self.policy_capacity = policy_capacity
        self.start = form_of(row.values) if row is not None else EngineerForm()

    def _row(self, name: str, widget) -> ComposeResult:
        with Horizontal(classes="ad-row"):
            yield Static(Content(label(ENGINEER_FIELD, name)), classes="ad-label")
            yield widget
        yield AdminFieldError(id=f"ad-e-{name}", classes="ad-error")

    def compose(self) -> ComposeResult:
        f = self.start
        title = t("ad.engdlg.edit", code=f.code) if self.row else t("ad.engdlg.new")
        hints = {
            "work_start": t("ad.engdlg.time_hint"),
            "work_end": t("ad.engdlg.time_hint"),
            "daily_capacity": t("ad.engdlg.capacity_hint", n=self.policy_capacity),
        }
        with VerticalScroll(id="ad-dialog", classes="ad-engineer"):
            yield Static(Content(title), classes="ad-title")
            for name, length in TEXT_FIELDS[:3]:
                yield from self._row(name, self._input(name, length, hints))
            skills = SelectionList[str](
                *((c, c, c in f.skills) for c in self.categories), id="ad-f-skills"
            )
            yield from self._row("skills", skills)
            for name, length in TEXT_FIELDS[3:5]:
                yield from self._row(name, self._input(name, length, hints))
            options = [(d, d) for d in self.districts]
            if f.base_district and f.base_district not in self.districts:
                options.append((f.base_district, f.base_district))
            district = Select(
                options,
                value=f.base_district or Select.NULL,
                prompt=t("ad.engdlg.pick_district"),
                id="ad-f-base_district",
                compact=True,
            )
            yield from self._row("base_district", district)
            for name, length in TEXT_FIELDS[5:]:
                yield from self._row(name, self._input(name, length, hints))
            with Horizontal(classes="ad-buttons"):
                yield Button(t("ad.key.save"), id="ad-save", variant="primary", compact=True)
                yield Button(t("ad.key.cancel"), id="ad-cancel", compact=True)
            yield AdminFieldError(id="ad-e-form")

    def _input(self, name: str, length: int, hints: dict[str, str]) -> Input:
        return Input(
            str(getattr(self.start, name)),
            placeholder=hints.get(name, ""),
            max_length=length,
            id=f"ad-f-{name}",
            compact=True,
            # the code is on paper cards and imports: it is set once
            disabled=name == "code" and self.row is not None,
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ad-f-name" if self.row else "#ad-f-code").focus()

    # -- the form's values ---------------------------------------------------------------
    def form(self) -> EngineerForm:
        def text(name: str) -> str:
            return self.query_one(f"#ad-f-{name}", Input).value

        district = self.query_one("#ad-f-base_district", Select).value
        return EngineerForm(
            code=text("code"),
            name=text("name"),
            phone=text("phone"),
            skills=tuple(self.query_one("#ad-f-skills", SelectionList).selected),
            work_start=text("work_start"),
            work_end=text("work_end"),
            base_district=district if isinstance(district, str) else "",
            certificate_no=text("certificate_no"),
            daily_capacity=text("daily_capacity"),
        )

    def _check(self, name: str) -> None:
        _, error = check_field(name, self.form(), self.categories, self.districts)
        self.set_error(name, error)

    @on(Input.Blurred)
    def _left_field(self, event: Input.Blurred) -> None:
        name = (event.input.id or "").removeprefix("ad-f-")
        try:
            self._check(name)
            if name == "work_start" and self.query_one("#ad-f-work_end", Input).value:
                self._check("work_end")
        except NoMatches:  # the dialog is closing
            pass

    @on(SelectionList.SelectedChanged, "#ad-f-skills")
    def _skills_changed(self) -> None:
        self._check("skills")

    @on(Select.Changed, "#ad-f-base_district")
    def _district_changed(self) -> None:
        self._check("base_district")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter goes to the next field; on the last one it saves."""
        if event.input.id == "ad-f-daily_capacity":
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#ad-save")
    def action_save(self) -> None:
        self.clear_errors()
        form = self.form()
        check = check_engineer(form, self.categories, self.districts)
        if not check.ok:
            for i, (name, message) in enumerate(check.errors.items()):
                self.show_error(name, message, focus=i == 0)
            self.show_error("", t("ad.engdlg.fix"))
            return
        db, actor, row = self.app.db, self.app.current_user, self.row
        name = str(check.values["name"])

        def job() -> str:
            if row is None:
                add_engineer(db, actor, form)
            else:
                update_engineer(db, actor, row.id, row.values, form)
            return t("ad.engdlg.saved", name=name)

        self.submit(job)

    @on(Button.Pressed, "#ad-cancel")
    def _cancel(self) -> None:
        self.action_cancel()
