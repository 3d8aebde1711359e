"""The schedule screen's keyboard actions: each opens its dialog, then runs the change in a worker.

A mixin of `ScheduleScreen` (it uses the screen's `view`, `appt`, `finding`, `proposals`
and its widgets). A refused change (stale version, no consent, locked day, bad input, a
start already past) comes back as `Done(ok=False)` with the service's sentence; nothing
is half-written. The assign/move dialog refuses a start already past by the app's clock
itself, so the clerk corrects it there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from textual import work
from textual.message import Message

from clerk_tui.domain.schedule.lateness import describe_lateness, lateness_response
from clerk_tui.i18n import t
from clerk_tui.services.schedule import OPEN, ApptRow, check_not_past
from clerk_tui.ui.schedule.move_dialog import MoveDialog, MoveRequest
from clerk_tui.ui.tickets.labels import code_label


class NotPastMoveDialog(MoveDialog):
    """The assign/move dialog, refusing (in the dialog) a start already past by `clock`."""

    def __init__(self, title: str, *, clock: Callable[[], datetime], **fields: Any) -> None:
        super().__init__(title, **fields)
        self._clock = clock

    def collect(self) -> MoveRequest:
        request = super().collect()
        check_not_past(request.start, self._clock())  # ScheduleError is a ValueError
        return request


class SchedActions:
    """Assign, move, unassign, consent/refusal, late, call ahead, failed visit, alternatives."""

    class Done(Message):
        """An action finished: what to tell the clerk, and what to reload."""

        def __init__(
            self, text: str, ok: bool, ticket_no: str | None, touched: tuple[str, str | None] | None
        ) -> None:
            super().__init__()
            self.text, self.ok, self.ticket_no, self.touched = text, ok, ticket_no, touched

    # -- helpers ----------------------------------------------------------------------
    def _target(self) -> ApptRow | None:
        appt: ApptRow | None = self.appt  # type: ignore[attr-defined]
        if appt is None or appt.status != OPEN:
            self.notify(t("sc.err.pick_open_visit"), severity="warning", markup=False)  # type: ignore[attr-defined]
            return None
        return appt

    def _ctx(self) -> tuple[Any, Any, Any]:
        app = self.app  # type: ignore[attr-defined]
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
        from clerk_tui.services.schedule import ScheduleError

        try:
            result = job()
        except (ScheduleError, DayLocked) as exc:
            self.post_message(self.Done(str(exc), False, ticket_no, None))  # type: ignore[attr-defined]
            return
        self.post_message(self.Done(said(result), True, ticket_no, touched))  # type: ignore[attr-defined]

    def _known(self) -> set[str]:
        view = self.view  # type: ignore[attr-defined]
        return {e.code for e in view.engineers} if view is not None else set()

    # -- assign / move / unassign -----------------------------------------------------
    def action_assign(self) -> None:
        from clerk_tui.ui.schedule.panes import WaitingTable

        if self.view is None:  # type: ignore[attr-defined]
            return
        ticket = self.query_one(WaitingTable).ticket_at_cursor() or ""  # type: ignore[attr-defined]
        dialog = NotPastMoveDialog(
            t("sc.assign.title"),
            clock=self.app.now,  # type: ignore[attr-defined]
            ticket_no=ticket,
            engineer=self.engineer_code,  # type: ignore[attr-defined]
            day=self.day,
            start="",
            end="",
            known=self._known(),
            assign=True,  # type: ignore[attr-defined]
            intro=t("sc.assign.intro"),
        )
        self.app.push_screen(dialog, self._assign_chosen)  # type: ignore[attr-defined]

    def _assign_chosen(self, req) -> None:
        if req is None:
            return
        from clerk_tui.services.schedule import assign

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
            clock=self.app.now,  # type: ignore[attr-defined]
            ticket_no=appt.ticket_no,
            engineer=appt.engineer_code,
            day=appt.start.date(),
            start=f"{appt.start:%H:%M}",
            end=f"{appt.end:%H:%M}",
            known=self._known(),
            intro=t("sc.move.intro"),
        )
        self.app.push_screen(dialog, lambda req: self._move_to(appt, req))  # type: ignore[attr-defined]

    def _move_to(self, appt: ApptRow, req) -> None:
        if req is not None:
            self._do_move(appt, req.engineer_code, req.start, req.end)

    def _do_move(self, appt: ApptRow, code: str, start, end) -> None:
        from clerk_tui.services.schedule import move

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
                f"sc.ok.{m.kind}",
                no=appt.ticket_no,
                engineer=code,
                start=start.strftime("%m-%d %H:%M"),
            ),
            appt.ticket_no,
            (appt.ticket_no, appt.engineer_code),
        )

    def action_unassign(self) -> None:
        from clerk_tui.services.schedule import unassign

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
        f, proposals, view = self.finding, self.proposals, self.view  # type: ignore[attr-defined]
        if f is None or not proposals or view is None or not 1 <= n <= len(proposals):
            self.notify(t("sc.err.no_such_alternative", n=n), severity="warning", markup=False)  # type: ignore[attr-defined]
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
        self.app.push_screen(dialog, lambda ans: self._answered(appt, ans))  # type: ignore[attr-defined]

    def _answered(self, appt: ApptRow, answer) -> None:
        if answer is None:
            return
        from clerk_tui.services.schedule import record_answer

        db, user, now = self._ctx()
        self._run(
            lambda: record_answer(
                db, user, appointment_id=appt.id, seen_version=appt.version, answer=answer, now=now
            ),
            lambda outcome: t(f"sc.ok.{outcome}", no=appt.ticket_no),
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
        self.app.push_screen(dialog, lambda minutes: self._late(appt, minutes))  # type: ignore[attr-defined]

    def _late(self, appt: ApptRow, minutes: int | None) -> None:
        if minutes is None:
            return
        from clerk_tui.services.schedule import record_late

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
                what=describe_lateness(minutes, response),
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
            self.notify(t("sc.err.not_late", no=appt.ticket_no), severity="warning", markup=False)  # type: ignore[attr-defined]
            return
        policy = self.view.plan.policy  # type: ignore[attr-defined]
        what = describe_lateness(appt.late_minutes, lateness_response(appt.late_minutes, policy))
        dialog = CallDialog(appt.ticket_no, what)
        self.app.push_screen(dialog, lambda ans: self._called(appt, ans))  # type: ignore[attr-defined]

    def _called(self, appt: ApptRow, answer) -> None:
        if answer is None:
            return
        from clerk_tui.services.schedule import record_call_ahead

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
            lambda response: t(
                "sc.ok.call_" + ("manager" if response == "manager_visit" else "ok"),
                no=appt.ticket_no,
            ),
            appt.ticket_no,
            (appt.ticket_no, None),
        )

    def action_failed(self) -> None:
        from clerk_tui.ui.schedule.visit_dialog import FailedDialog

        appt = self._target()
        if appt is None:
            return
        self.app.push_screen(FailedDialog(appt.ticket_no), lambda ans: self._failed(appt, ans))  # type: ignore[attr-defined]

    def _failed(self, appt: ApptRow, answer) -> None:
        if answer is None:
            return
        from clerk_tui.services.schedule import record_failed_visit

        db, user, now = self._ctx()
        reason = code_label("sc.fail", answer.reason)
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
            lambda manager: t(
                "sc.ok.failed_manager" if manager else "sc.ok.failed",
                no=appt.ticket_no,
                reason=reason,
            ),
            appt.ticket_no,
            (appt.ticket_no, None),
        )
