"""Login (登录): username and masked password; on a demo database, the demo accounts to pick from.

The screen paints before the database is open; the app calls `database_ready`
when it is. Passwords are checked in a thread worker (argon2 is slow on purpose).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, DataTable, Footer, Header, Input, Static

from clerk_tui.i18n import N_, t
from clerk_tui.i18n.labels import AUTH_ERROR, label
from clerk_tui.ui.common.form import FieldError, FieldLabel, PasswordInput, apply_cursor_blink
from clerk_tui.ui.common.screen_base import ClerkScreen

if TYPE_CHECKING:
    from clerk_tui.services.auth import CurrentUser
    from clerk_tui.services.dashboard import DemoAccount


LOGIN_ROLE: dict[str, str] = {
    "center": N_("ui.role.center"),
    "clerk": N_("ui.role.clerk"),
    "supervisor": N_("ui.role.supervisor"),
}
"""Account roles, as the login and account screens name them."""


def role_label(role: str) -> str:
    return label(LOGIN_ROLE, role)


class LoginScreen(ClerkScreen):
    """Who is at the desk."""

    CSS_PATH = "login.tcss"
    AUTO_FOCUS = "#username"

    class Checked(Message):
        """The password check's result: a user, or an AuthError code."""

        def __init__(self, user: CurrentUser | None, code: str = "") -> None:
            super().__init__()
            self.user, self.code = user, code

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="login-box"):
            yield Static(Content(t("ui.login.title")), id="login-title")
            yield FieldLabel(t("ui.login.username"))
            yield Input(id="username", max_length=50)
            yield FieldLabel(t("ui.login.password"))
            yield PasswordInput(id="password")
            yield FieldError(id="login-error")
            yield Button(t("ui.login.button"), id="login-button", variant="primary")
            yield Static(Content(t("ui.app.opening")), id="login-status")
        with Vertical(id="demo-box"):
            yield Static(Content(t("ui.login.demo_title")), id="demo-title")
            yield DataTable(id="demo-accounts", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        apply_cursor_blink(self)
        self.query_one("#demo-box").display = False
        if self.app.db_ready:
            # Shown again after logging out: the database is already open.
            self.database_ready(self.app.demo_accounts)

    def database_ready(self, accounts: list[DemoAccount]) -> None:
        """The database is open: allow logging in, and list the demo accounts if there are any."""
        self.query_one("#login-status", Static).update("")
        if not accounts:
            return
        table = self.query_one("#demo-accounts", DataTable)
        table.clear(columns=True)
        table.add_column(t("ui.login.col.username"), key="username")
        table.add_column(t("ui.login.col.password"), key="password")
        table.add_column(t("ui.login.col.role"), key="role")
        table.add_column(t("ui.login.col.name"), key="name")
        for acc in accounts:
            # User text is data: Text cells, never markup.
            table.add_row(
                Text(acc.username),
                Text(acc.password),
                Text(role_label(acc.role)),
                Text(acc.display_name),
            )
        self.query_one("#demo-box").display = True

    # -- submitting -----------------------------------------------------------------
    @on(Input.Submitted, "#username")
    def _next_field(self) -> None:
        self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    @on(Button.Pressed, "#login-button")
    def _submit(self) -> None:
        error = self.query_one("#login-error", FieldError)
        if not self.app.db_ready:
            error.show(t("ui.login.not_ready"))
            return
        error.clear()
        self.query_one("#login-button", Button).disabled = True
        self.query_one("#login-status", Static).update(Content(t("ui.login.checking")))
        username = self.query_one("#username", Input).value
        password = self.query_one("#password", Input).value
        self._check(username, password)

    @on(DataTable.RowSelected, "#demo-accounts")
    def _pick_demo(self, event: DataTable.RowSelected) -> None:
        accounts = self.app.demo_accounts
        if 0 <= event.cursor_row < len(accounts):
            acc = accounts[event.cursor_row]
            self.query_one("#username", Input).value = acc.username
            self.query_one("#password", Input).value = acc.password
            self._submit()

    def worker_failed(self, worker) -> None:
        self.query_one("#login-button", Button).disabled = False
        self.query_one("#login-status", Static).update("")

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _check(self, username: str, password: str) -> None:
        from clerk_tui.services.auth import AuthError, authenticate

        db = self.app.db
        try:
            user = authenticate(db, username, password)
        except AuthError as exc:
            self.post_message(self.Checked(None, str(exc)))
            return
        self.post_message(self.Checked(user))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        self.query_one("#login-button", Button).disabled = False
        self.query_one("#login-status", Static).update("")
        if message.user is not None:
            self.app.log_in(message.user)
            return
        self.query_one("#login-error", FieldError).show(label(AUTH_ERROR, message.code))
        password = self.query_one("#password", Input)
        password.value = ""
        password.focus()
