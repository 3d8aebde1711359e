"""Admin (管理, supervisor only): engineers and their leave, users, the policy.

Lists are read in a thread worker; each change is made in a dialog (or the policy
form) whose save is one service call: one transaction with its audit entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from clerk_tui.domain.policy import Policy
from clerk_tui.i18n import N_, t, tn
from clerk_tui.services.admin import (
    AdminError,
    EngineerRow,
    UserRow,
    form_choices,
    list_engineers,
    list_users,
    set_engineer_active,
    set_user_active,
    update_policy,
)
from clerk_tui.ui.admin.engineers import CALENDAR_DAYS, EngineerTable, LeavePanel
from clerk_tui.ui.admin.policy import PolicyForm
from clerk_tui.ui.admin.users import UserTable
from clerk_tui.ui.common.screen_base import ClerkScreen

TABS = ("engineers", "users", "policy")
TAB_ACTIONS = {
    "new": ("engineers", "users"),
    "edit": ("engineers",),
    "toggle_active": ("engineers", "users"),
    "leave": ("engineers",),
    "password": ("users",),
    "save_policy": ("policy",),
}


@dataclass(frozen=True)
class AdminData:
    """Everything the admin screen shows, read in one worker call."""

    engineers: list[EngineerRow]
    users: list[UserRow]
    policy: Policy
    categories: list[str]
    districts: list[str]


def read_admin(db, today: date) -> AdminData:
    from clerk_tui.services.reference import load_policy

    engineers = list_engineers(db, today=today, days=CALENDAR_DAYS)
    categories, districts = form_choices(db)
    return AdminData(engineers, list_users(db), load_policy(db), categories, districts)


class AdminScreen(ClerkScreen):
    """The supervisor's admin: three tabs, keys for what the current tab offers."""

    CSS_PATH = "admin.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", N_("ad.key.new")),
        Binding("e", "edit", N_("ad.key.edit")),
        Binding("x", "toggle_active", N_("ad.key.active")),
        Binding("l", "leave", N_("ad.key.leave")),
        Binding("p", "password", N_("ad.key.password")),
        Binding("ctrl+s", "save_policy", N_("ad.key.save")),
        Binding("r", "reload", N_("ad.key.refresh")),
        *(
            Binding(str(i), f"tab('{name}')", N_("ad.key.tab"), show=False)
            for i, name in enumerate(TABS, start=1)
        ),
        Binding("escape", "back", N_("ad.key.back")),
    ]

    class Loaded(Message):
        def __init__(self, data: AdminData) -> None:
            super().__init__()
            self.data = data

    class Saved(Message):
        def __init__(self, text: str, error: bool = False) -> None:
            super().__init__()
            self.text, self.error = text, error

    def __init__(self) -> None:
        super().__init__()
        self.data: AdminData | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with TabbedContent(id="ad-tabs"):
            with TabPane(f"1 {t('ad.tab.engineers')}", id="engineers"):
                with Vertical():
                    yield Static(Content(t("ad.loading")), id="ad-eng-info", markup=False)
                    yield EngineerTable(id="ad-engineers")
                    yield LeavePanel(id="ad-leave")
            with TabPane(f"2 {t('ad.tab.users')}", id="users"):
                yield UserTable(id="ad-users")
            with TabPane(f"3 {t('ad.tab.policy')}", id="policy"):
                yield PolicyForm(id="ad-policy")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("ad.title")
        user = self.app.user
        if user is None or not user.is_supervisor:
            self.app.pop_screen()  # only reachable by a supervisor; never show it to anyone else
            return
        self.query_one(EngineerTable).focus()
        self.reload()

    # -- loading ---------------------------------------------------------------------------
    @property
    def today(self) -> date:
        return self.app.today

    def reload(self) -> None:
        self._fetch(self.today)

    @work(thread=True, exclusive=True, group="admin-load", exit_on_error=False)
    def _fetch(self, today: date) -> None:
        db = self.app.db
        data = read_admin(db, today)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(data))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        first = self.data is None
        self.data = d = message.data
        engineers = self.query_one(EngineerTable)
        current = engineers.current()
        engineers.show_rows(d.engineers, d.policy.daily_capacity, current.id if current else None)
        users = self.query_one(UserTable)
        cur_user = users.current()
        users.show_rows(d.users, cur_user.id if cur_user else None)
        active = sum(1 for e in d.engineers if e.active)
        info = (
            tn("ad.eng.count", len(d.engineers), active=active)
            if d.engineers
            else t("ad.eng.empty")
        )
        self.query_one("#ad-eng-info", Static).update(Content(info))
        form = self.query_one(PolicyForm)
        if first or form.seen != d.policy:
            form.fill(d.policy)
        self._show_leave()

    def _show_leave(self) -> None:
        row = self.query_one(EngineerTable).current()
        panel = self.query_one(LeavePanel)
        if row is None or self.data is None:
            panel.update("")
            return
        panel.show_leave(str(row.name), self.today, row.leave)

    @on(DataTable.RowHighlighted, "#ad-engineers")
    def _highlighted(self) -> None:
        self._show_leave()

    @on(DataTable.RowSelected, "#ad-engineers")
    def _selected(self) -> None:
        self.action_edit()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    # -- which keys the current tab offers ---------------------------------------------------
    def _tab(self) -> str:
        return self.query_one(TabbedContent).active or "engineers"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tabs = TAB_ACTIONS.get(action)
        if tabs is None:
            return True
        return self._tab() in tabs

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name
        # the policy form itself, not its first field: digits still switch tabs, tab goes in
        target = {"engineers": EngineerTable, "users": UserTable, "policy": PolicyForm}[name]
        self.query_one(target).focus()

    # -- dialogs -----------------------------------------------------------------------------
    def _after(self, result: str | None) -> None:
        if result:
            self.notify(result, markup=False)
            self.reload()

    def _engineer(self) -> EngineerRow | None:
        row = self.query_one(EngineerTable).current()
        if row is None:
            self.notify(t("ad.eng.none_selected"), severity="warning", markup=False)
        return row

    def _user(self) -> UserRow | None:
        row = self.query_one(UserTable).current()
        if row is None:
            self.notify(t("ad.user.none_selected"), severity="warning", markup=False)
        return row

    def action_new(self) -> None:
        if self.data is None:
            return
        if self._tab() == "users":
            from clerk_tui.ui.admin.user_dialog import UserDialog

            self.app.push_screen(UserDialog(), self._after)
            return
        self._open_engineer(None)

    def action_edit(self) -> None:
        row = self._engineer()
        if row is not None:
            self._open_engineer(row)

    def _open_engineer(self, row: EngineerRow | None) -> None:
        from clerk_tui.ui.admin.engineer_dialog import EngineerDialog

        d = self.data
        if d is None:
            return
        dialog = EngineerDialog(row, d.categories, d.districts, d.policy.daily_capacity)
        self.app.push_screen(dialog, self._after)

    def action_leave(self) -> None:
        from clerk_tui.ui.admin.leave_dialog import LeaveDialog

        row = self._engineer()
        if row is not None:
            self.app.push_screen(LeaveDialog(row, self.today), self._after)

    def action_password(self) -> None:
        from clerk_tui.ui.admin.user_dialog import PasswordDialog

        user = self._user()
        if user is not None:
            self.app.push_screen(PasswordDialog(user), self._after)

    # -- changes made right here ---------------------------------------------------------------
    def action_toggle_active(self) -> None:
        db, actor = self.app.db, self.app.current_user
        if self._tab() == "users":
            user = self._user()
            if user is not None:
                key = N_("ad.user.reactivated") if not user.active else N_("ad.user.deactivated")
                self._change(
                    "set_user_active",
                    db,
                    actor,
                    user.id,
                    not user.active,
                    done=t(key, name=user.username),
                )
            return
        row = self._engineer()
        if row is not None:
            key = N_("ad.eng.reactivated") if not row.active else N_("ad.eng.deactivated")
            self._change(
                "set_engineer_active",
                db,
                actor,
                row.id,
                not row.active,
                done=t(key, name=str(row.name)),
            )

    def action_save_policy(self) -> None:
        form = self.query_one(PolicyForm)
        policy = form.checked()
        if policy is None or form.seen is None:
            return
        db, actor = self.app.db, self.app.current_user
        self._change("update_policy", db, actor, form.seen, policy, done=t("ad.pol.saved"))

    @work(thread=True, exclusive=True, group="admin-change", exit_on_error=False)
    def _change(self, what: str, *args, done: str) -> None:
        changes: dict[str, Callable[..., object]] = {
            "set_user_active": set_user_active,
            "set_engineer_active": set_engineer_active,
            "update_policy": update_policy,
        }
        fn = changes[what]
        try:
            changed = fn(*args)
        except AdminError as exc:
            self.post_message(self.Saved(str(exc), error=True))
            return
        self.post_message(self.Saved(done if changed is not False else t("ad.pol.unchanged")))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        severity: SeverityLevel = "error" if message.error else "information"
        self.notify(
            message.text, severity=severity, markup=False, timeout=8 if message.error else 4
        )
        if not message.error:
            self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_back(self) -> None:
        if self.focused is not None and not isinstance(self.focused, DataTable):
            # leave a form field first (the policy's inputs)
            self.set_focus(None)
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
