"""The open plan, and the one way it changes: what the app is underneath its screens.

Views post ``EditRequested`` (a ``Plan -> Plan`` function); ``apply_edit``
runs it on the plan as it is now, shows a refusal as one line, pushes the new
plan onto the session's undo stack, re-flows it at once and writes the file a
moment later. The file is watched through ``edge.sync``: this class only turns
its decisions into notifications and the conflict dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final, Literal

from textual import on
from textual.app import App
from textual.timer import Timer

from planner.core.errors import PlanError
from planner.edge import clock
from planner.tui.messages import ActionRequested, EditRequested, Say
from planner.tui.text import shown_path

if TYPE_CHECKING:
    import pendulum
    from textual.driver import Driver

    from planner.core.model import Plan
    from planner.core.situation import Situation
    from planner.edge.session import Session
    from planner.edge.sync import Answer, Ask, Decision, Sync
    from planner.tui.messages import Edit

__all__ = ["ACTIONS", "DISK_POLL_SECONDS", "SAVE_DELAY_SECONDS", "PlanKeeper"]

SAVE_DELAY_SECONDS: Final = 0.4
"""Edits made in a burst are written once, this long after the last one."""
DISK_POLL_SECONDS: Final = 1.5
"""How often the file is checked for changes made outside the app."""
ACTIONS: Final = frozenset(
    {"add_log", "practice", "reschedule", "print_preview", "new_plan", "keys", "start_session", "stop_session"}
)
"""The commands a view may ask the app to run (``ActionRequested``)."""

Severity = Literal["information", "warning", "error"]


class PlanKeeper(App[int]):
    """The session, the sync rules and the situation shown; the screens are the subclass's."""

    def __init__(self, *, now: Callable[[str], pendulum.DateTime]) -> None:
        super().__init__()
        self._clock = now
        self.session: Session | None = None
        self.sync: Sync | None = None
        self.situation: Situation | None = None
        """The plan at this moment, as the views were last shown it."""
        self._save_timer: Timer | None = None

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this platform, made to outlive a terminal that hangs up (``tui.hangup``)."""
        from planner.tui.hangup import safe_driver

        return safe_driver(super().get_driver_class())

    def show_situation(self, situation: Situation) -> None:
        """Draw ``situation`` (the app's views do)."""

    @property
    def plan(self) -> Plan | None:
        return self.session.plan if self.session else None

    def now(self) -> pendulum.DateTime:
        """Now in the exam's zone (the machine's before a plan is open): ``--today`` or the clock."""
        plan = self.plan
        return self._clock(clock.plan_zone(plan) if plan else clock.local_zone())

    def say(
        self, message: str, *, title: str = "", severity: Severity = "information", timeout: float | None = None
    ) -> None:
        """A notification whose text is shown as typed (plan text is never markup)."""
        from planner.core.safetext import clean

        self.notify(clean(message), title=clean(title, one_line=True), severity=severity, timeout=timeout, markup=False)

    # --- the plan ------------------------------------------------------------------

    def take(self, session: Session, situation: Situation | None = None) -> None:
        """Make ``session`` the open plan and show it (``situation`` when it was worked out already)."""
        from planner.edge.sync import Sync

        self.session = session
        self.sync = Sync(session)
        if situation is None:
            self.replan(announce=False)
        else:
            self._show(situation)

    def replan(self, *, announce: bool = True) -> None:
        """Re-flow the plan at this moment and show it; new risks are announced."""
        if self.session is None:
            return
        before = self.situation
        self._show(self.situate_now(self.session.plan))
        if announce and before is not None and self.situation is not None:
            self._announce_new_risks(before, self.situation)

    def situate_now(self, plan: Plan) -> Situation:
        """``plan`` at this moment; the calendar keeper adds the busy time its calendars give."""
        from planner.core.situation import situate

        return situate(plan, self.now(), clock.plan_zone(plan), here=clock.local_zone())

    def _show(self, situation: Situation) -> None:
        self.situation = situation
        self.update_title()
        self.show_situation(situation)

    def _announce_new_risks(self, before: Situation, after: Situation) -> None:
        old = {(a.code, a.subject) for a in before.alerts if a.severity == "risk"}
        for alert in after.alerts:
            if alert.severity == "risk" and (alert.code, alert.subject) not in old:
                self.say(alert.message, title=f"New risk: {alert.code}", severity="error", timeout=8)

    def update_title(self) -> None:
        plan, session = self.plan, self.session
        if plan is None or session is None:
            return
        from planner.core.safetext import clean

        code = f" {plan.exam.code}" if plan.exam.code else ""
        self.title = clean(f"{plan.exam.name}{code}", one_line=True)
        # "not saved" only when a save did not happen: a save due in a moment is not news
        # (and every change of the header lays out the whole screen again).
        unsaved = " · not saved" if session.dirty and self._save_timer is None else ""
        self.sub_title = clean(f"{session.path.name}{unsaved}", one_line=True)

    def apply_edit(self, edit: Edit, label: str, *, coalesce: str | None = None) -> bool:
        """Run ``edit`` on the plan as it is now; a refusal is said in one line and changes nothing."""
        session = self.session
        if session is None:
            return False
        try:
            plan = edit(session.plan)
        except PlanError as exc:
            from planner.tui.fieldnames import error_text

            self.say(error_text(exc, session.plan), title="Not changed", severity="warning", timeout=6)
            return False
        if not session.apply(plan, label, coalesce=coalesce):
            return False
        self._schedule_save()
        self.replan()
        return True

    @on(EditRequested)
    def _edit_requested(self, message: EditRequested) -> None:
        message.stop()
        self.apply_edit(message.edit, message.label, coalesce=message.coalesce)

    @on(Say)
    def _said(self, message: Say) -> None:
        message.stop()
        self.say(message.text, title=message.title, severity=message.severity, timeout=message.timeout)

    @on(ActionRequested)
    async def _action_requested(self, message: ActionRequested) -> None:
        message.stop()
        if message.action in ACTIONS:
            await self.run_action(message.action)

    # --- saving and the file on disk ----------------------------------------------------

    def _schedule_save(self) -> None:
        self._cancel_save()
        self._save_timer = self.set_timer(SAVE_DELAY_SECONDS, self.flush_save, name="save")

    def _cancel_save(self) -> None:
        """The write a moment after an edit will not happen (it is done now, or the app leaves)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

    def flush_save(self) -> bool:
        """Write pending changes now; False when they could not be written (and why was said)."""
        self._cancel_save()
        if self.sync is None:
            return False
        from planner.edge.sync import Quiet, Saved

        decision = self.sync.save()
        self.react(decision)
        return isinstance(decision, Saved) or (isinstance(decision, Quiet) and not self.sync.session.dirty)

    def check_disk(self) -> None:
        """Look at the file (the poll calls this): reload, ask, or tell."""
        if self.sync is not None:
            self.react(self.sync.poll())

    def react(self, decision: Decision) -> None:
        """Show what the sync rules decided; every path in it shown cleaned (a file may be named with escapes)."""
        from planner.core.safetext import clean
        from planner.edge import sync

        if isinstance(decision, sync.Saved):
            for warning in decision.warnings:  # saved, but something beside the plan went wrong (the backup)
                self.say(clean(warning, one_line=True), title="Saved, but", severity="warning", timeout=10)
        match decision:
            case sync.Reloaded(name=name):
                self.replan(announce=False)
                self.say(f"{shown_path(name)} changed on disk and was reloaded (ctrl+z goes back).", title="Reloaded")
            case sync.Ask():
                self._ask(decision)
            case sync.Broken(error=error):
                self.say(
                    f"{clean(str(error), one_line=True)}. Nothing will be saved over it until it loads again.",
                    title="The plan on disk is broken",
                    severity="error",
                    timeout=15,
                )
            case sync.Fixed(name=name, unsaved=unsaved):
                self.say(f"{shown_path(name)} loads again.", title="Fixed on disk")
                if unsaved:
                    self._schedule_save()
            case sync.Missing(path=path):
                self.say(f"{shown_path(path)} was removed or renamed; ctrl+s writes it again.", severity="warning")
            case sync.Saved(path=path, how="overwrote", kept=kept):
                where = f" is kept as {shown_path(kept.name)}" if kept else " could not be copied aside"
                self.say(f"Saved over {shown_path(path.name)}; the version you replaced{where}.")
            case sync.Saved(path=path, how="saved-as"):
                self.say(f"Saved as {shown_path(path)}; the planner now edits that file.")
            case sync.UpToDate(name=name):
                self.say(f"{shown_path(name)} is up to date")
            case sync.Failed(message=message, title=title):
                self.say(clean(message, one_line=True), title=title, severity="error", timeout=10)
            case sync.Quit():
                self.exit(0)
        self.update_title()

    def _ask(self, ask: Ask) -> None:
        from planner.tui.modals.conflict import ConflictScreen

        if self.session is None or self.sync is None:
            return
        sync = self.sync

        def answered(answer: Answer | None) -> None:
            from planner.edge.sync import Answer, Choice

            self.react(sync.answer(answer or Answer(Choice.LATER)))

        self.push_screen(ConflictScreen(self.session.path, ask), answered)

    # --- actions every screen has -----------------------------------------------------------

    def action_save(self) -> None:
        if self.sync is None:
            return
        decision = self.sync.save_now()
        from planner.edge.sync import Saved

        if isinstance(decision, Saved):
            self.say(f"Saved {shown_path(decision.path)}")
        self.react(decision)

    def action_undo(self) -> None:
        if self.sync is None:
            return
        from planner.edge.sync import RELOAD_LABEL

        if self.sync.session.next_undo == RELOAD_LABEL:
            self._ask_undo_reload()
            return
        self._undo_last()

    def _ask_undo_reload(self) -> None:
        """Undoing a reload puts this version back over what another window or program wrote: asked first.

        A person pressing ``ctrl+z`` means their own last change; the reload is not theirs, and taking it back
        drops the other side's work from the plan (kept aside in a copy, but out of sight).
        """
        from textual.content import Content

        from planner.tui.modals.confirm import ConfirmScreen

        question = Content(
            "The last change is the reload of the plan from disk, with what another window or program wrote."
            "\n\nUndo it, putting your version back over theirs? Theirs is kept in a copy beside the plan."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._undo_last()

        self.push_screen(ConfirmScreen(question, yes="Undo the reload", no="Keep theirs"), answered)

    def _undo_last(self) -> None:
        if self.sync is None:
            return
        from planner.edge.store import SaveError

        try:
            label, kept = self.sync.undo()
        except SaveError as exc:  # their version could not be copied aside: it is not to be replaced
            from planner.core.safetext import clean

            self.say(f"{clean(str(exc), one_line=True)}; nothing was undone.", title="Not undone", severity="error")
            return
        if kept is not None:
            self.say(f"The version on disk is kept as {shown_path(kept.name)}.")
        if label is None:
            self.say("Nothing to undo")
            return
        self._schedule_save()
        self.replan()
        self.say(f"Undid: {label}")

    def action_redo(self) -> None:
        if self.session is None:
            return
        label = self.session.redo()
        if label is None:
            self.say("Nothing to redo")
            return
        self._schedule_save()
        self.replan()
        self.say(f"Redid: {label}")

    def terminal_gone(self) -> None:
        """The terminal hung up (``tui.hangup``): no one can answer a dialog, so what is unsaved is kept
        without asking (``Sync.hang_up``: into the file, or beside it), and the app leaves."""
        self._cancel_save()
        if self.sync is not None:
            self.sync.hang_up()
        from planner.tui.hangup import HANG_UP_EXIT

        self.exit(HANG_UP_EXIT)

    def action_quit_app(self) -> None:
        """Save and quit; when saving cannot happen, the conflict dialog asks (it can quit saving nothing)."""
        self._cancel_save()
        if self.sync is None:
            self.exit(0)
            return
        self.react(self.sync.quit())

    async def action_quit(self) -> None:
        """``ctrl+q`` and the palette's Quit save first too, like ``q``."""
        self.action_quit_app()
