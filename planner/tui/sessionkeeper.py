"""Study sessions in the TUI: start one on what is highlighted, watch it tick, stop it into the log.

A session lives in the plan (``[session]``), so this class holds no timer
state of its own: once a second it asks ``core.sessions.status`` where the
plan's session stands and hands that to the session bar. A session started
or stopped in the command line therefore shows (or goes) as soon as the
file is reloaded. Starting, stopping and discarding are edits like any
other (``apply_edit``): one undo takes each back whole.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Final

from textual.content import Content

from planner.core.errors import PlanError
from planner.edge import clock
from planner.tui.keeper import PlanKeeper
from planner.tui.running import SessionShown, session_shown
from planner.tui.views.base import SessionTarget, ShowsSituation
from planner.tui.widgets.sessionbar import SessionBar

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    import pendulum
    from textual.dom import DOMNode

    from planner.core.model import LogEntry, RunningSession
    from planner.core.sessions import FocusPhase, LongSession, SessionStatus
    from planner.core.situation import Situation
    from planner.tui.modals.session_stop import SessionEnd

__all__ = ["SESSION_TICK_SECONDS", "SessionKeeper"]

SESSION_TICK_SECONDS: Final = 1.0
"""The session bar's clock shows seconds: it is redrawn this often."""


class SessionKeeper(PlanKeeper):
    """The session key, the stop key, the bar that shows the session and the focus-cycle signal."""

    def __init__(self, *, now: Callable[[str], pendulum.DateTime]) -> None:
        super().__init__(now=now)
        self.session_bar = SessionBar(id="session-bar")
        """Composed by the app above its footer; shown while a session runs."""
        self._phase: tuple[RunningSession, str, int] | None = None
        """The focus phase last shown (session, kind, cycle): a change is signalled."""
        self._session_running = False

    def on_mount(self) -> None:
        self.set_interval(SESSION_TICK_SECONDS, self.tick_session, name="session-tick")

    def show_situation(self, situation: Situation) -> None:
        """A new plan (an edit, an undo, a reload): the bar follows its session at once."""
        self.tick_session()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The stop key is in the footer only while a session runs."""
        if action == "stop_session":
            return self._session_running
        return super().check_action(action, parameters)

    # --- the clock ---------------------------------------------------------------------

    def tick_session(self) -> None:
        """Redraw the session bar (every second, and whenever the plan changes)."""
        plan = self.plan
        found = session_shown(plan, self.now(), clock.plan_zone(plan)) if plan is not None else None
        self._show_session(found[0] if found is not None else None)
        if found is None:
            self._phase = None
        else:
            self._follow_focus(found[1])

    def show_first_session(self, shown: SessionShown | None) -> None:
        """The session the reading child found running, for the first frame (``tui.opening``)."""
        self._show_session(shown)

    def _show_session(self, shown: SessionShown | None) -> None:
        self.session_bar.show_session(shown)
        running = shown is not None
        if running != self._session_running:
            self._session_running = running
            self.refresh_bindings()

    def _follow_focus(self, status: SessionStatus) -> None:
        focus = status.focus
        if focus is None:
            self._phase = None
            return
        before, self._phase = self._phase, (status.session, focus.kind, focus.cycle)
        if before is not None and before[0] == status.session and before[1:] != (focus.kind, focus.cycle):
            self._signal(focus)

    def _signal(self, focus: FocusPhase) -> None:
        """A focus phase began: say it, and send a desktop notification or ring the bell."""
        from planner.core.fmt import plural
        from planner.core.model import Focus
        from planner.tui import chime

        plan = self.plan
        setting = plan.focus if plan is not None and plan.focus is not None else Focus()
        if focus.kind == "break":
            title = "Break"
            body = f"Focus {focus.cycle} done: {plural(setting.break_minutes, 'minute')} off."
        else:
            title = "Back to work"
            body = f"Focus {focus.cycle}: {plural(setting.work_minutes, 'minute')}."
        self.say(body, title=title, timeout=10)
        program = chime.notifier()
        if program is None:
            self.bell()
            return

        def send() -> None:
            if not chime.desktop(program, f"planner: {title}", body):
                self.call_from_thread(self.bell)

        self.run_worker(send, thread=True, group="chime", exit_on_error=False)

    # --- starting ------------------------------------------------------------------------

    def _highlighted(self) -> SessionTarget | None:
        """What the view with the keyboard has highlighted (the app asks; views never reach up)."""
        node: DOMNode | None = self.screen.focused
        while node is not None:
            if isinstance(node, ShowsSituation):
                return node.session_target()
            node = node.parent
        return None

    def action_start_session(self) -> None:
        plan = self.plan
        if plan is None:
            return
        if plan.session is not None:
            from planner.core import sessions

            self.say(
                f"{sessions.describe(plan, plan.session)}. One session at a time: x stops it.",
                title="A session is already running",
                severity="warning",
            )
            return
        target = self._highlighted()
        if target is not None and target.domain is not None and plan.domain(target.domain) is not None:
            self._begin(target.domain, target.resource)
            return
        from planner.tui.modals.session_pick import SessionPicker

        resource = target.resource if target is not None else None

        def picked(domain: str | None) -> None:
            if domain is not None:
                self._begin(domain, resource)

        self.push_screen(SessionPicker(plan, resource), picked)

    def _begin(self, domain: str, resource: str | None) -> None:
        plan = self.plan
        if plan is None:
            return
        from planner.core import sessions

        edit = partial(sessions.start, now=self.now(), zone=clock.plan_zone(plan), domain=domain, resource=resource)
        if self.apply_edit(edit, "start a session"):
            started = self.plan
            if started is not None and started.session is not None:
                what = sessions.describe(started, started.session)
                self.say(f"{what}. x stops it and logs the time.", title="Session started")

    # --- stopping ------------------------------------------------------------------------

    def action_stop_session(self) -> None:
        plan = self.plan
        if plan is None or plan.session is None:
            self.say("No session is running; s starts one.")
            return
        self._stop(plan.session, confirmed=False)

    def _stop(self, running: RunningSession, *, confirmed: bool) -> None:
        """Work out the entries stopping now makes, then open the log form with them."""
        plan = self.plan
        if plan is None or plan.session != running:
            return
        from planner.core import sessions
        from planner.tui.modals.session_stop import StopForm

        now, zone = self.now(), clock.plan_zone(plan)
        try:
            stopped = sessions.stop(plan, now, zone, confirmed=confirmed)
        except sessions.LongSession as exc:
            self._ask_long(running, exc)
            return
        except PlanError as exc:
            self._ask_discard(running, exc.message)
            return
        today = sessions.local(now, zone).date()
        self.push_screen(
            StopForm(plan, running, stopped.entries, stopped.seconds, today),
            partial(self._ended, running, today),
        )

    def _ended(self, running: RunningSession, today: dt.date, end: SessionEnd | None) -> None:
        from planner.tui import usecases

        if end is None:
            self.say("The session runs on.")
        elif end.discard:
            self._discard(running)
        elif self.apply_edit(
            partial(usecases.end_session, session=running, entries=end.entries, today=today), "stop the session"
        ):
            self.say(_logged(end.entries), title="Session stopped")

    def _discard(self, running: RunningSession) -> None:
        from planner.tui import usecases

        if self.apply_edit(partial(usecases.discard_session, session=running), "discard the session"):
            self.say("Nothing was logged; ctrl+z brings the session back.", title="Session discarded")

    def _ask_long(self, running: RunningSession, exc: LongSession) -> None:
        from planner.tui.modals.confirm import ConfirmScreen

        question = Content.assemble(
            _plain(exc.message), "\n\nOpen the log form with all of it? You can change the hours there."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._stop(running, confirmed=True)

        self.push_screen(ConfirmScreen(question, yes="Open the form", no="Keep running"), answered)

    def _ask_discard(self, running: RunningSession, why: str) -> None:
        from planner.tui.modals.confirm import ConfirmScreen

        question = Content.assemble(_plain(why), "\n\nDiscard the session, logging nothing?")

        def answered(yes: bool | None) -> None:
            if yes:
                self._discard(running)

        self.push_screen(ConfirmScreen(question, yes="Discard", no="Keep it"), answered)


def _plain(message: str) -> Content:
    """A core message as a sentence on screen; it may quote plan text, so it is never markup."""
    from planner.tui.text import content

    sentence = message[:1].upper() + message[1:]
    return content(sentence if sentence.endswith(".") else sentence + ".", one_line=False)


def _logged(entries: tuple[LogEntry, ...]) -> str:
    """``Logged 0.83 h on Mon 14 Dec``, or each day's part when it ran past midnight."""
    from planner.core import fmt

    if not entries:
        return "Nothing to log (under a minute)."
    total = fmt.hours_h(round(sum(e.hours for e in entries), 2))
    if len(entries) == 1:
        return f"Logged {total} on {fmt.day_month(entries[0].date)}."
    days = ", ".join(f"{fmt.day_month(e.date)} {fmt.hours_h(e.hours)}" for e in entries)
    return f"Logged {total}: {days}."
