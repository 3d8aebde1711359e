"""User forms (用户): a new clerk or supervisor, and a new password for an existing user."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from clerk_tui.i18n import N_, t
from clerk_tui.i18n.labels import label
from clerk_tui.services.admin import ADMIN_ROLES, UserRow, add_user, reset_password
from clerk_tui.ui.admin.dialog_base import AdminDialog, AdminFieldError
from clerk_tui.ui.auth.login import role_label
from clerk_tui.ui.common.form import PasswordInput

USER_FIELD: dict[str, str] = {
    "display_name": N_("ad.user.display_name"),
    "password": N_("ad.user.password"),
    "password2": N_("ad.user.password2"),
    "role": N_("ad.user.role"),
    "username": N_("ad.user.username"),
}
"""The account form's fields."""


class _UserForm(AdminDialog):
    def _row(self, name: str, widget) -> ComposeResult:
        with Horizontal(classes="ad-row"):
            yield Static(Content(label(USER_FIELD, name)), classes="ad-label")
            yield widget
        yield AdminFieldError(id=f"ad-e-{name}", classes="ad-error")

    def _buttons(self) -> ComposeResult:
        with Horizontal(classes="ad-buttons"):
            yield Button(t("ad.key.save"), id="ad-save", variant="primary", compact=True)
            yield Button(t("ad.key.cancel"), id="ad-cancel", compact=True)
        yield AdminFieldError(id="ad-e-form")

    def _passwords(self) -> str | None:
        """The new password when both fields agree, else None (with the error shown)."""
        password = self.query_one("#ad-f-password", Input).value
        if password != self.query_one("#ad-f-password2", Input).value:
            self.show_error("password2", t("ad.user.mismatch"))
            return None
        return password

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "ad-f-password2":
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#ad-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#ad-cancel")
    def _cancel(self) -> None:
        self.action_cancel()


class UserDialog(_UserForm):
    """A new clerk or supervisor."""

    def compose(self) -> ComposeResult:
        with Vertical(id="ad-dialog", classes="ad-user"):
            yield Static(Content(t("ad.user.new")), classes="ad-title")
            yield from self._row("username", Input(id="ad-f-username", max_length=50, compact=True))
            yield from self._row(
                "display_name", Input(id="ad-f-display_name", max_length=50, compact=True)
            )
            roles = [(role_label(r), r) for r in ADMIN_ROLES]
            yield from self._row(
                "role",
                Select(roles, value="clerk", allow_blank=False, id="ad-f-role", compact=True),
            )
            yield from self._row("password", PasswordInput(id="ad-f-password", compact=True))
            yield from self._row("password2", PasswordInput(id="ad-f-password2", compact=True))
            yield from self._buttons()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ad-f-username").focus()

    def action_save(self) -> None:
        self.clear_errors()
        password = self._passwords()
        if password is None:
            return
        username = self.query_one("#ad-f-username", Input).value
        display = self.query_one("#ad-f-display_name", Input).value
        role = str(self.query_one("#ad-f-role", Select).value)
        db, actor = self.app.db, self.app.current_user

        def job() -> str:
            add_user(
                db, actor, username=username, display_name=display, role=role, password=password
            )
            return t("ad.user.created", name=username.strip())

        self.submit(job)


class PasswordDialog(_UserForm):
    """A new password for `user` (told to them in person; the log says only that it was reset)."""

    def __init__(self, user: UserRow) -> None:
        super().__init__()
        self.user = user

    def compose(self) -> ComposeResult:
        with Vertical(id="ad-dialog", classes="ad-user"):
            title = t("ad.user.reset_title", name=self.user.username)
            yield Static(Content(title), classes="ad-title")
            yield from self._row("password", PasswordInput(id="ad-f-password", compact=True))
            yield from self._row("password2", PasswordInput(id="ad-f-password2", compact=True))
            yield from self._buttons()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ad-f-password").focus()

    def action_save(self) -> None:
        self.clear_errors()
        password = self._passwords()
        if password is None:
            return
        db, actor, user = self.app.db, self.app.current_user, self.user

        def job() -> str:
            reset_password(db, actor, user.id, password)
            return t("ad.user.reset_done", name=user.username)

        self.submit(job)
