"""First run (首次使用): a database without users asks for the supervisor's account, then logs in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Footer, Header, Input, Static

from clerk_tui.i18n import t
from clerk_tui.i18n.labels import AUTH_ERROR, label
from clerk_tui.ui.common.form import FieldError, FieldLabel, PasswordInput, apply_cursor_blink
from clerk_tui.ui.common.screen_base import ClerkScreen

if TYPE_CHECKING:
    from clerk_tui.services.auth import CurrentUser

FIELDS = ("username", "display-name", "password", "password2")
ERROR_FIELD = {
    "username_empty": "username",
    "username_taken": "username",
    "password_short": "password",
}
"""Which field's error line shows an AuthError code (others go under the button)."""


class FirstRunScreen(ClerkScreen):
    """Create the supervisor account on an empty database."""

    CSS_PATH = "first_run.tcss"
    AUTO_FOCUS = "#username"

    class Created(Message):
        """The create worker's result: the new user, or an AuthError code."""

        def __init__(self, user: CurrentUser | None, code: str = "") -> None:
            super().__init__()
            self.user, self.code = user, code

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="first-box"):
            yield Static(Content(t("ui.first.title")), id="first-title")
            yield Static(Content(t("ui.first.intro")), id="first-intro")
            yield FieldLabel(t("ui.first.username"))
            yield Input(id="username", max_length=50)
            yield FieldError(id="username-error")
            yield FieldLabel(t("ui.first.display_name"))
            yield Input(id="display-name", max_length=50)
            yield FieldLabel(t("ui.first.password"))
            yield PasswordInput(id="password")
            yield FieldError(id="password-error")
            yield FieldLabel(t("ui.first.password2"))
            yield PasswordInput(id="password2")
            yield FieldError(id="password2-error")
            yield Button(t("ui.first.button"), id="create-button", variant="primary")
            yield FieldError(id="form-error")
        yield Footer()

    def on_mount(self) -> None:
        apply_cursor_blink(self)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        name = event.input.id or ""
        if name in FIELDS[:-1]:
            self.query_one(f"#{FIELDS[FIELDS.index(name) + 1]}", Input).focus()
        else:
            self._create()

    @on(Button.Pressed, "#create-button")
    def _create(self) -> None:
        for err in self.query(FieldError):
            err.clear()
        value = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        if value["password"] != value["password2"]:
            self.query_one("#password2-error", FieldError).show(t("ui.first.mismatch"))
            self.query_one("#password2", Input).focus()
            return
        self.query_one("#create-button", Button).disabled = True
        self._save(value["username"], value["display-name"], value["password"])

    def worker_failed(self, worker) -> None:
        self.query_one("#create-button", Button).disabled = False

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _save(self, username: str, display_name: str, password: str) -> None:
        from clerk_tui.services.auth import AuthError, create_user

        db = self.app.db
        try:
            user = create_user(
                db,
                username=username,
                password=password,
                role="supervisor",
                display_name=display_name,
            )
        except AuthError as exc:
            self.post_message(self.Created(None, str(exc)))
            return
        self.post_message(self.Created(user))

    @on(Created)
    def _created(self, message: Created) -> None:
        self.query_one("#create-button", Button).disabled = False
        if message.user is not None:
            self.app.log_in(message.user)
            return
        field = ERROR_FIELD.get(message.code)
        target = f"#{field}-error" if field else "#form-error"
        self.query_one(target, FieldError).show(label(AUTH_ERROR, message.code))
        if field:
            self.query_one(f"#{field}", Input).focus()
