"""Schedule (排班): the engineers' day as a grid, conflicts with reasons and alternatives, consent.

Every query and change runs in a thread worker and posts its result; the grid stays
usable meanwhile. A change re-checks only the engineers it touched
(`services.schedule.load_day(previous=..., touched=...)`); `r` checks the whole day.
Moving a visit to another time is refused by the service until the customer's consent
is recorded (`c`); a refusal (`x`) may hand the ticket back to the center.

Each key opens its dialog, then runs the change in the `_run` worker. A refused change
(stale version, no consent, locked day, bad input, a start already past) comes back as
`Done(ok=False)` with the service's sentence; nothing is half-written. The assign/move
dialog refuses a start already past by the app's clock itself, so the clerk corrects it
there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from clerk_tui.domain.findings import Finding
from clerk_tui.domain.schedule.alternatives import Proposal
from clerk_tui.domain.schedule.lateness import describe_lateness, lateness_response
from clerk_tui.i18n import N_, t
from clerk_tui.i18n.evidence import render
from clerk_tui.services.schedule import (
    OPEN,
    ApptRow,
    DayView,
    ScheduleError,
    alternatives,
    assign,
    history_reason,
    load_day,
    move,
    record_answer,
    record_call_ahead,
    record_failed_visit,
    record_late,
    unassign,
)
from clerk_tui.ui.common.screen_base import ClerkScreen
from clerk_tui.ui.schedule.grid import SchedGrid
from clerk_tui.ui.schedule.move_dialog import MoveRequest, NotPastMoveDialog
from clerk_tui.ui.schedule.panes import (
    FAILED_VISIT_REASON,
    ConflictTable,
    WaitingTable,
    conflict_detail,
    reminders_text,
    visit_detail,
)
from clerk_tui.ui.tickets.labels import code_label

if TYPE_CHECKING:
    from clerk_tui.services.database import Database

WEEKDAYS = "一二三四五六日"


MOVE_DONE: dict[str, str] = {
    "reassigned": N_("sc.ok.reassigned"),
    "rescheduled": N_("sc.ok.rescheduled"),
}
"""The note after a visit moved (`Moved.kind`)."""

ANSWER_DONE: dict[str, str] = {
    "consent": N_("sc.ok.consent"),
    "consent_refused": N_("sc.ok.consent_refused"),
    "transferred": N_("sc.ok.transferred"),
}
"""The note after the customer's answer (`record_answer`'s outcome)."""


class _Pane(VerticalScroll, can_focus=False):
    """A read-only pane: Tab goes from the grid to the waiting list to the conflicts."""


class ScheduleScreen(ClerkScreen):
    """The clerk's schedule of one day."""

    CSS_PATH = "schedule.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "day(-1)", N_("sc.key.prev_day")),
        Binding("right_square_bracket", "day(1)", N_("sc.key.next_day")),
        Binding("a", "assign", N_("sc.key.assign")),
        Binding("m", "move", N_("sc.key.move")),
        Binding("u", "unassign", N_("sc.key.unassign")),
        Binding("c", "answer(True)", N_("sc.key.consent")),
        Binding("x", "answer(False)", N_("sc.key.refused")),
        Binding("l", "late", N_("sc.key.late")),
        Binding("p", "call_ahead", N_("sc.key.call")),
        Binding("f", "failed", N_("sc.key.failed")),
        *(
            Binding(str(n), f"alternative({n})", N_("sc.key.alternative"), show=False)
            for n in (1, 2, 3)
        ),
        Binding("o", "open_ticket", N_("sc.key.open"), show=False),
        Binding("r", "reload", N_("sc.key.reload"), show=False),
        Binding("escape", "back", N_("sc.key.back")),
    ]

    class Loaded(Message):
        def __init__(self, view: DayView, keep_ticket: str | None) -> None:
            super().__init__()
            self.view, self.keep_ticket = view, keep_ticket

    class Proposed(Message):
        def __init__(self, finding: Finding, proposals: list[Proposal]) -> None:
            super().__init__()
            self.finding, self.proposals = finding, proposals

    class Done(Message):
        """An action finished: what to tell the clerk, and what to reload."""

        def __init__(
            self, text: str, ok: bool, ticket_no: str | None, touched: tuple[str, str | None] | None
        ) -> None:
            super().__init__()
            self.text, self.ok, self.ticket_no, self.touched = text, ok, ticket_no, touched

    def __init__(self) -> None:
        super().__init__()
        self.day: date = self.app_today()
        self.view: DayView | None = None
        self.finding: Finding | None = None
        self.proposals: list[Proposal] | None = None
        self.engineer_code = ""
        self.appt: ApptRow | None = None

    def app_today(self) -> date:
        try:
            return self.app.today
        except Exception:  # noqa: BLE001 - not yet attached to an app
            return date.today()

    # -- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(id="sc-bar", markup=False)
        yield Static(id="sc-reminders", markup=False)
        with Horizontal(id="sc-top"):
            yield SchedGrid(id="sc-grid")
            with Vertical(id="sc-side"):
                with _Pane(id="sc-day-box"):
                    yield Static(id="sc-day", markup=False)
                yield Static(Content(t("sc.waiting.title")), id="sc-waiting-title")
                yield WaitingTable(id="sc-waiting")
        with Horizontal(id="sc-bottom"):
            yield ConflictTable(id="sc-conflicts")
            with _Pane(id="sc-detail-box"):
                yield Static(id="sc-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("sc.title")
        self.day = self.app.today
        self.query_one(SchedGrid).focus()
        self._bar(t("sc.loading"))
        self._load()

    def on_screen_resume(self) -> None:
        if self.view is not None:
            self._load(keep=self.appt.ticket_no if self.appt else None)

    # -- loading ----------------------------------------------------------------------
    def _load(self, keep: str | None = None, touched: tuple[str, str | None] | None = None) -> None:
        previous = self.view if touched is not None else None
        self._fetch(self.day, keep, previous, touched)

    @work(thread=True, exclusive=True, group="sched-load", exit_on_error=False)
    def _fetch(self, day: date, keep, previous, touched) -> None:
        user = self.app.user
        outlet = user.outlet_id if user is not None else None
        view = load_day(self.app.db, day, outlet_id=outlet, previous=previous, touched=touched)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(view, keep))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        view = self.view = message.view
        if view.day != self.day:
            return
        conflicts = {f.ticket_no for f in view.findings}
        keep_finding = self.finding
        self.query_one(SchedGrid).show(view, conflicts, message.keep_ticket)
        table = self.query_one(ConflictTable)
        index = 0
        if keep_finding is not None:
            for i, f in enumerate(view.findings):
                if (f.ticket_no, f.kind) == (keep_finding.ticket_no, keep_finding.kind):
                    index = i
        table.show(view.findings, index)
        self.query_one(WaitingTable).show(view.waiting)
        self.query_one("#sc-waiting-title", Static).update(
            Content(t("sc.waiting.title_n", n=len(view.waiting)))
        )
        self.query_one("#sc-reminders", Static).update(reminders_text(view.reminders, self._now()))
        self._bar()
        self._select_finding(table.cursor_row if view.findings else None)

    def _now(self) -> datetime:
        return self.app.now()

    def _bar(self, status: str = "") -> None:
        d = self.day
        text = t("sc.bar.day", day=d.isoformat(), weekday=WEEKDAYS[d.weekday()])
        if self.view is not None and self.view.day == d:
            v = self.view
            open_ = sum(1 for a in v.appointments if a.status == OPEN)
            text += "   " + t(
                "sc.bar.counts",
                visits=len(v.appointments),
                open=open_,
                conflicts=len(v.findings),
                waiting=len(v.waiting),
            )
        if d == self.app.today:
            text += "   " + t("sc.bar.today")
        if status:
            text += "   " + status
        self.query_one("#sc-bar", Static).update(Content(text))

    # -- selection --------------------------------------------------------------------
    @on(SchedGrid.Selected)
    def _grid_selected(self, message: SchedGrid.Selected) -> None:
        self.engineer_code, self.appt = message.engineer_code, message.appt
        self._show_day()

    def _show_day(self) -> None:
        if self.view is None:
            return
        self.query_one("#sc-day", Static).update(
            visit_detail(self.view, self.engineer_code, self.appt)
        )

    @on(ConflictTable.RowHighlighted, "#sc-conflicts")
    def _conflict_highlighted(self, event: ConflictTable.RowHighlighted) -> None:
        self._select_finding(event.cursor_row)

    def _select_finding(self, index: int | None) -> None:
        view = self.view
        if view is None or index is None or not 0 <= index < len(view.findings):
            self.finding, self.proposals = None, None
            self._show_detail()
            return
        f = view.findings[index]
        if self.finding != f or self.proposals is None:
            self.finding, self.proposals = f, None
            self._propose(view, f)
        self.query_one(SchedGrid).select_ticket(f.ticket_no)
        self._show_detail()

    @work(thread=True, exclusive=True, group="sched-alt", exit_on_error=False)
    def _propose(self, view: DayView, f: Finding) -> None:
        user = self.app.user
        outlet = user.outlet_id if user is not None else None
        now = self._now()  # the app's clock: today's proposals never start before it
        found = alternatives(self.app.db, view, f, outlet_id=outlet, now=now)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Proposed(f, found))

    @on(Proposed)
    def _proposed(self, message: Proposed) -> None:
        if message.finding == self.finding:
            self.proposals = message.proposals
            self._show_detail()

    def _show_detail(self) -> None:
        if self.view is None:
            return
        appt = self.view.appointment(self.finding.ticket_no) if self.finding else None
        why_none = history_reason(self.view.day, self._now())
        text = conflict_detail(self.view, self.finding, self.proposals, appt, why_none=why_none)
        self.query_one("#sc-detail", Static).update(text)

    # -- navigation -------------------------------------------------------------------
    def action_day(self, step: int) -> None:
        self.day += timedelta(days=step)
        self.view, self.finding, self.proposals = None, None, None
        self._bar(t("sc.loading"))
        self._load()

    def action_reload(self) -> None:
        self._load(keep=self.appt.ticket_no if self.appt else None)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_open_ticket(self) -> None:
        if self.appt is not None:
            self.app.open_ticket(self.appt.ticket_id)

    # -- helpers ----------------------------------------------------------------------
    def _target(self) -> ApptRow | None:
        appt: ApptRow | None = self.appt
        if appt is None or appt.status != OPEN:
            self.notify(t("sc.err.pick_open_visit"), severity="warning", markup=False)
            return None
        return appt

    def _ctx(self) -> tuple[Database, Any, datetime]:
        """The database, who acts (the schedule services' Actor) and the app's clock, for a change."""
        app = self.app
        return app.db, app.user, app.now()

    @work(thread=True, exclusive=True, group="sched-act", exit_on_error=False)
    def _run(
        self,
        job: Callable[[], Any],
        said: Callable[[Any], str],
        ticket_no: str | None,
        touched: tuple[str, str | None] | None,
    ) -> None:
        from clerk_tui.services.daylock import DayLocked

        try:
            result = job()
        except (ScheduleError, DayLocked) as exc:
            self.post_message(self.Done(str(exc), False, ticket_no, None))
            return
        self.post_message(self.Done(said(result), True, ticket_no, touched))

    def _known(self) -> set[str]:
        view = self.view
        return {e.code for e in view.engineers} if view is not None else set()

    # -- assign / move / unassign -----------------------------------------------------
    def action_assign(self) -> None:
        if self.view is None:
            return
        ticket = self.query_one(WaitingTable).ticket_at_cursor() or ""
        dialog = NotPastMoveDialog(
            t("sc.assign.title"),
            clock=self.app.now,
            ticket_no=ticket,
            engineer=self.engineer_code,
            day=self.day,
            start="",
            end="",
            known=self._known(),
            assign=True,
            intro=t("sc.assign.intro"),
        )
        self.app.push_screen(dialog, self._assign_chosen)

    def _assign_chosen(self, req: MoveRequest | None) -> None:
        if req is None:
            return

        db, user, now = self._ctx()
        self._run(
            lambda: assign(
                db,
                user,
                ticket_no=req.ticket_no,
                engineer_code=req.engineer_code,
                start=req.start,
                end=req.end,
                now=now,
            ),
            lambda _: t("sc.ok.assigned", no=req.ticket_no, engineer=req.engineer_code),
            req.ticket_no,
            (req.ticket_no, None),
        )

    def action_move(self) -> None:
        appt = self._target()
        if appt is None:
            return
        dialog = NotPastMoveDialog(
            t("sc.move.title", no=appt.ticket_no),
            clock=self.app.now,
            ticket_no=appt.ticket_no,
            engineer=appt.engineer_code,
            day=appt.start.date(),
            start=f"{appt.start:%H:%M}",
            end=f"{appt.end:%H:%M}",
            known=self._known(),
            intro=t("sc.move.intro"),
        )
        self.app.push_screen(dialog, lambda req: self._move_to(appt, req))

    def _move_to(self, appt: ApptRow, req: MoveRequest | None) -> None:
        if req is not None:
            self._do_move(appt, req.engineer_code, req.start, req.end)

    def _do_move(self, appt: ApptRow, code: str, start: datetime, end: datetime) -> None:
        db, user, now = self._ctx()
        self._run(
            lambda: move(
                db,
                user,
                appointment_id=appt.id,
                seen_version=appt.version,
                engineer_code=code,
                start=start,
                end=end,
                now=now,
            ),
            lambda m: t(
                MOVE_DONE[m.kind],
                no=appt.ticket_no,
                engineer=code,
                start=start.strftime("%m-%d %H:%M"),
            ),
            appt.ticket_no,
            (appt.ticket_no, appt.engineer_code),
        )

    def action_unassign(self) -> None:
        appt = self._target()
        if appt is None:
            return
        db, user, now = self._ctx()
        self._run(
            lambda: unassign(db, user, appointment_id=appt.id, seen_version=appt.version, now=now),
            lambda _: t("sc.ok.unassigned", no=appt.ticket_no),
            appt.ticket_no,
            (appt.ticket_no, appt.engineer_code),
        )

    def action_alternative(self, n: int) -> None:
        f, proposals, view = self.finding, self.proposals, self.view
        if f is None or not proposals or view is None or not 1 <= n <= len(proposals):
            self.notify(t("sc.err.no_such_alternative", n=n), severity="warning", markup=False)
            return
        appt = view.appointment(f.ticket_no)
        if appt is None or appt.status != OPEN:
            return
        p = proposals[n - 1]
        self._do_move(appt, p.engineer_code, p.start, p.end)

    # -- the customer's answer ----------------------------------------------------------
    def action_answer(self, agreed: bool) -> None:
        from clerk_tui.ui.schedule.answer_dialog import AnswerDialog

        appt = self._target()
        if appt is None:
            return
        dialog = AnswerDialog(
            agreed=agreed, ticket_no=appt.ticket_no, customer=appt.customer_name, now=self._ctx()[2]
        )
        self.app.push_screen(dialog, lambda ans: self._answered(appt, ans))

    def _answered(self, appt: ApptRow, answer) -> None:
        if answer is None:
            return

        db, user, now = self._ctx()
        self._run(
            lambda: record_answer(
                db, user, appointment_id=appt.id, seen_version=appt.version, answer=answer, now=now
            ),
            lambda outcome: t(ANSWER_DONE[outcome], no=appt.ticket_no),
            appt.ticket_no,
            (appt.ticket_no, appt.engineer_code),
        )

    # -- lateness and failed visits -------------------------------------------------------
    def action_late(self) -> None:
        from clerk_tui.ui.schedule.visit_dialog import LateDialog

        appt = self._target()
        if appt is None:
            return
        dialog = LateDialog(appt.ticket_no, f"{appt.start:%H:%M}")
        self.app.push_screen(dialog, lambda minutes: self._late(appt, minutes))

    def _late(self, appt: ApptRow, minutes: int | None) -> None:
        if minutes is None:
            return

        db, user, now = self._ctx()
        due = appt.start - timedelta(minutes=2)
        self._run(
            lambda: record_late(
                db,
                user,
                appointment_id=appt.id,
                seen_version=appt.version,
                minutes=minutes,
                now=now,
            ),
            lambda response: t(
                "sc.ok.late",
                no=appt.ticket_no,
                due=f"{due:%H:%M}",
                what=render(describe_lateness(minutes, response)),
            ),
            appt.ticket_no,
            (appt.ticket_no, None),
        )

    def action_call_ahead(self) -> None:
        from clerk_tui.ui.schedule.visit_dialog import CallDialog

        appt = self._target()
        if appt is None:
            return
        if not appt.late_minutes:
            self.notify(t("sc.err.not_late", no=appt.ticket_no), severity="warning", markup=False)
            return
        if self.view is None:
            return
        policy = self.view.plan.policy
        what = render(
            describe_lateness(appt.late_minutes, lateness_response(appt.late_minutes, policy))
        )
        dialog = CallDialog(appt.ticket_no, what)
        self.app.push_screen(dialog, lambda ans: self._called(appt, ans))

    def _called(self, appt: ApptRow, answer) -> None:
        if answer is None:
            return

        db, user, now = self._ctx()
        self._run(
            lambda: record_call_ahead(
                db,
                user,
                appointment_id=appt.id,
                accepted=answer.accepted,
                now=now,
                note=answer.note,
            ),
            lambda response: (
                t("sc.ok.call_manager", no=appt.ticket_no)
                if response == "manager_visit"
                else t("sc.ok.call_ok", no=appt.ticket_no)
            ),
            appt.ticket_no,
            (appt.ticket_no, None),
        )

    def action_failed(self) -> None:
        from clerk_tui.ui.schedule.visit_dialog import FailedDialog

        appt = self._target()
        if appt is None:
            return
        self.app.push_screen(FailedDialog(appt.ticket_no), lambda ans: self._failed(appt, ans))

    def _failed(self, appt: ApptRow, answer) -> None:
        if answer is None:
            return

        db, user, now = self._ctx()
        reason = code_label(FAILED_VISIT_REASON, answer.reason)
        self._run(
            lambda: record_failed_visit(
                db,
                user,
                appointment_id=appt.id,
                seen_version=appt.version,
                reason=answer.reason,
                now=now,
                note=answer.note,
            ),
            lambda manager: (
                t("sc.ok.failed_manager", no=appt.ticket_no, reason=reason)
                if manager
                else t("sc.ok.failed", no=appt.ticket_no, reason=reason)
            ),
            appt.ticket_no,
            (appt.ticket_no, None),
        )

    @on(Done)
    def _done(self, message: Done) -> None:
        self.notify(
            message.text,
            severity="information" if message.ok else "error",
            timeout=6 if message.ok else 10,
            markup=False,
        )
        self._load(keep=message.ticket_no, touched=message.touched if message.ok else None)
