"""The planner's Textual app, and the one factory that builds it.

The CLI and the tests both call ``make_app`` with the plan path and the
moment to use as "now", so what a test drives is what a user runs.

State lives in a ``Session`` (the plan, undo/redo, the file). Every change
goes through ``PlannerApp.change``: the plan is re-flowed at once, the
visible view is updated in place, and the file is written a moment later
(and at once on ``ctrl+s`` and on quit).
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Final

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, TabbedContent, TabPane

from planner.core.errors import PlanError
from planner.edge import clock, paths

if TYPE_CHECKING:
    import pendulum

    from planner.core.model import LogEntry, Plan
    from planner.core.situation import Situation
    from planner.edge.session import Session

# The core (dates, zones, the engine) is imported when the plan is opened, after the first
# frame: the shell of the app paints as fast as Textual allows.

__all__ = ["PlannerApp", "make_app"]

SAVE_DELAY_SECONDS: Final = 0.4
"""Edits typed in a burst are written once, this long after the last one."""
BACKGROUND_LOAD_BYTES: Final = 256 * 1024
"""Plans bigger than this (thousands of resources) are loaded in a thread behind a loading indicator."""
DISK_POLL_SECONDS: Final = 1.5
"""How often the file is checked for changes made outside the app."""

TABS: Final = (
    ("dashboard", "Dashboard", "1"),
    ("schedule", "Schedule", "2"),
    ("resources", "Resources", "3"),
    ("plan", "Plan", "4"),
    ("log", "Log", "5"),
)


VIEWS: Final = {
    "dashboard": ("dashboard", "DashboardView"),
    "schedule": ("schedule", "ScheduleView"),
    "resources": ("resources", "ResourcesView"),
    "plan": ("planform", "PlanView"),
    "log": ("logview", "LogView"),
}
"""tab -> (module in planner.tui.views, class): a view is imported and built when its tab is first shown."""


class PlannerApp(App[int]):
    """Plan, track and replan a study plan against a booked exam."""

    CSS_PATH = "planner.tcss"
    TITLE = "planner"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        # In footer order: what a newcomer needs first survives a narrow terminal.
        Binding("question_mark", "keys", "Keys", key_display="?", id="planner.keys", tooltip="Show every key"),
        Binding("q", "quit_app", "Quit", id="planner.quit", tooltip="Save and quit"),
        Binding("l", "add_log", "Log", id="planner.log.add", tooltip="Log a study session"),
        Binding("p", "print_preview", "Print", id="planner.print", tooltip="Print preview and export"),
        Binding("ctrl+s", "save", "Save", id="planner.save", tooltip="Write the plan file now"),
        Binding("ctrl+z", "undo", "Undo", id="planner.undo", tooltip="Undo the last change"),
        Binding("ctrl+y", "redo", "Redo", id="planner.redo", tooltip="Redo what was undone"),
        Binding("ctrl+t", "toggle_theme", "Theme", id="planner.theme", tooltip="Switch dark and light"),
        # The tab keys are written on the tabs themselves ("1 Dashboard"): not repeated in the footer.
        *(
            Binding(
                key, f"show_tab('{tab}')", title, id=f"planner.go.{tab}", tooltip=f"Show the {title} screen", show=False
            )
            for tab, title, key in TABS
        ),
    ]

    def __init__(
        self,
        *,
        plan_path: Path | None,
        plans_dir: Path,
        now: Callable[[str], pendulum.DateTime],
        load_error: PlanError | None = None,
        pick_from: list[Path] | None = None,
    ) -> None:
        super().__init__()
        self.plans_dir = plans_dir
        self._now = now
        self.session: Session | None = None
        self.situation: Situation | None = None
        self._plan_path = plan_path
        self._load_error = load_error
        self._pick_from = pick_from
        self._stale: set[str] = set()
        self._save_timer = None
        self._asking_about_disk = False
        self._disk_broken: PlanError | None = None
        self._snoozed: str | None = None
        self._missing_reported = False
        self.theme = "textual-dark"

    # --- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        from planner.tui.views.dashboard import DashboardView

        with TabbedContent(initial="dashboard", id="tabs"):
            for tab, title, key in TABS:
                with TabPane(f"{key} {title}", id=tab):
                    if tab == "dashboard":
                        yield DashboardView(id="dashboard-view")
        yield Footer()

    def _view(self, tab: str) -> Widget | None:
        """The view of ``tab``; the other views are built the first time their tab is shown."""
        found = self.query(f"#{tab}-view")
        if found:
            return found.first()
        import importlib

        module_name, class_name = VIEWS[tab]
        view_class = getattr(importlib.import_module(f"planner.tui.views.{module_name}"), class_name)
        self.query_one(f"#{tab}", TabPane).mount(view_class(id=f"{tab}-view"))
        return None  # it shows the plan once mounted

    def on_mount(self) -> None:
        self.set_interval(DISK_POLL_SECONDS, self.check_disk, name="disk-poll")
        # The first frame is the shell; the plan (and the dates, zones and engine it needs) comes next.
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        if self._load_error is not None:
            self._show_load_error(self._plan_path, self._load_error)
        elif self._pick_from:
            self._pick_plan(self._pick_from)
        elif self._plan_path is None:
            self._new_plan()
        else:
            self._open(self._plan_path)

    def say(
        self, message: str, *, title: str = "", severity: str = "information", timeout: float | None = None
    ) -> None:
        """A notification whose text is shown as typed (plan text is never markup)."""
        from planner.core.safetext import clean

        self.notify(
            clean(message),
            title=clean(title, one_line=True),
            severity=severity,  # type: ignore[arg-type]
            timeout=timeout,
            markup=False,
        )

    # --- opening plans ------------------------------------------------------------

    def _open(self, path: Path) -> bool:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        if size > BACKGROUND_LOAD_BYTES:
            # A big plan is read and planned off the event loop: the first frame does not wait for it.
            self.query_one("#dashboard-view").loading = True
            # Started after the first frame: the thread's parsing would otherwise hold the GIL against it.
            self.call_after_refresh(
                self.run_worker, lambda: self._load_off_loop(path), thread=True, exclusive=True, group="open"
            )
            return True
        try:
            from planner.edge.session import Session

            self.session = Session.open(path)
        except PlanError as exc:
            self._show_load_error(path, exc)
            return False
        self._plan_path = path
        self.replan(announce=False)
        return True

    def _load_off_loop(self, path: Path) -> None:
        from planner.core.situation import situate
        from planner.edge.session import Session

        try:
            session = Session.open(path)
            zone = clock.plan_zone(session.plan)
            situation = situate(session.plan, self._now(zone), zone, here=clock.local_zone())
        except PlanError as exc:
            self.call_from_thread(self._show_load_error, path, exc)
            return
        self.call_from_thread(self._opened, session, situation)

    def _opened(self, session: Session, situation: Situation) -> None:
        self.session = session
        self._plan_path = session.path
        self.query_one("#dashboard-view").loading = False
        self._show(situation)
        _settle_heap()

    def _show_load_error(self, path: Path | None, error: PlanError) -> None:
        from planner.tui.modals.load_error import LoadErrorScreen

        def done(retry: bool | None) -> None:
            if retry and path is not None:
                self._open(path)
            elif self.session is None:
                self.exit(2)

        self.push_screen(LoadErrorScreen(path, error), done)

    def _pick_plan(self, plans: list[Path]) -> None:
        from planner.tui.modals.picker import PlanPicker

        def done(path: Path | None) -> None:
            if path is None:
                if self.session is None:
                    self.exit(0)
            elif path == Path():
                self._new_plan()
            else:
                self._open(path)

        self.push_screen(PlanPicker(plans), done)

    def _new_plan(self) -> None:
        from planner.tui.modals.new_plan import NewPlanScreen

        def done(path: Path | None) -> None:
            if path is not None:
                self._open(path)
                self.say(f"Created {path}", title="New plan")
            elif self.session is None:
                self.exit(0)

        today = self._now(clock.local_zone())
        self.push_screen(NewPlanScreen(self.plans_dir, today), done)

    # --- the plan -------------------------------------------------------------------

    @property
    def plan(self) -> Plan | None:
        return self.session.plan if self.session else None

    def now(self) -> pendulum.DateTime:

        plan = self.plan
        zone = clock.plan_zone(plan) if plan else clock.local_zone()
        return self._now(zone)

    def replan(self, *, announce: bool = True) -> None:
        """Re-flow the plan and update the visible view in place; the others when shown."""
        if self.session is None:
            return
        from planner.core.situation import situate

        before = self.situation
        plan = self.session.plan
        zone = clock.plan_zone(plan)
        self._show(situate(plan, self.now(), zone, here=clock.local_zone()))
        if announce and before is not None:
            self._announce_new_risks(before, self.situation)

    def _show(self, situation: Situation) -> None:
        """Make ``situation`` what the views show: the visible one now, the others when opened."""
        self.situation = situation
        self._update_title()
        self._stale = {tab for tab, _, _ in TABS}
        self._refresh_active()

    def _update_title(self) -> None:
        plan = self.plan
        if plan is None:
            return
        code = f" {plan.exam.code}" if plan.exam.code else ""
        from planner.core.safetext import clean

        self.title = clean(f"{plan.exam.name}{code}", one_line=True)
        # "not saved" only when a save did not happen: a save pending for a moment is not news
        # (and every change of the header relays out the whole screen).
        pending = self._save_timer is not None
        unsaved = " · not saved" if self.session and self.session.dirty and not pending else ""
        self.sub_title = f"{self.session.path.name if self.session else ''}{unsaved}"

    def _refresh_active(self) -> None:
        if self.situation is None:
            return
        tabs = self.query_one("#tabs", TabbedContent)
        active = tabs.active or "dashboard"
        if active in self._stale:
            self._stale.discard(active)
            view = self._view(active)
            if view is not None:
                view.show(self.situation)  # type: ignore[attr-defined]

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        self._refresh_active()
        found = self.query(f"#{event.pane.id}-view")
        if found:  # a view built just now focuses itself once mounted
            found.first().focus_main()  # type: ignore[attr-defined]

    def _announce_new_risks(self, before: Situation, after: Situation) -> None:
        old = {(a.code, a.subject) for a in before.alerts if a.severity == "risk"}
        for alert in after.alerts:
            if alert.severity == "risk" and (alert.code, alert.subject) not in old:
                self.say(alert.message, title=f"New risk: {alert.code}", severity="error", timeout=8)

    def change(self, plan: Plan, label: str, *, coalesce: str | None = None) -> None:
        """Make ``plan`` the plan: re-flow now, save shortly."""
        if self.session is None or not self.session.apply(plan, label, coalesce=coalesce):
            return
        self._schedule_save()
        self.replan()

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY_SECONDS, self.flush_save, name="save")

    def flush_save(self, *, force: bool = False) -> bool:
        """Write the plan now. Returns whether the file is up to date afterwards."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.session is None:
            return True
        if self._disk_broken is not None:
            self.say(
                "The file on disk does not load, and the planner never writes over such a file."
                " Fix it, or press ctrl+s to save your version as another file.",
                title="Not saved",
                severity="error",
                timeout=10,
            )
            return False
        from planner.edge.store import SaveConflict, SaveError

        try:
            self.session.save(force=force)
        except SaveConflict:
            self._ask_about_disk()
            return False
        except SaveError as exc:
            self.say(str(exc), title="Not saved", severity="error", timeout=10)
            return False
        self._update_title()
        return True

    def check_disk(self) -> None:
        """Notice outside edits: reload when nothing is unsaved, else ask; never write over a broken file."""
        if self.session is None or self._asking_about_disk:
            return
        state = self.session.disk_state()
        if not state.changed:
            if self._disk_broken is not None and not state.missing:
                # Back to what the planner last read or wrote: nothing to decide, saving is safe again.
                self._disk_broken = None
                self.say(f"{self.session.path.name} loads again.", title="Fixed on disk")
                if self.session.dirty:
                    self._schedule_save()
            return
        if state.missing:
            if not self._missing_reported:
                self._missing_reported = True
                self.say(f"{self.session.path} was removed or renamed; ctrl+s writes it again.", severity="warning")
            return
        self._missing_reported = False
        try:
            on_disk = self.session.peek(state.sha256)
        except PlanError as exc:
            if self._disk_broken is None or str(self._disk_broken) != str(exc):
                self.say(
                    f"{exc}. Nothing will be saved over it until it loads again.",
                    title="The plan on disk is broken",
                    severity="error",
                    timeout=15,
                )
            self._disk_broken = exc
            return
        self._disk_broken = None
        if on_disk.plan == self.session.plan:
            self.session.adopt(on_disk)
            self._update_title()
            return
        if self.session.dirty:
            self._ask_about_disk(sha256=on_disk.fingerprint.sha256)
            return
        self.session.reload()
        self.replan(announce=False)
        self.say(f"{self.session.path.name} changed on disk and was reloaded (ctrl+z goes back).", title="Reloaded")

    def _disk_hash(self) -> str | None:
        from planner.edge import store

        try:
            return store.fingerprint(self.session.path).sha256 if self.session else None
        except OSError:
            return None

    def _ask_about_disk(self, *, asked: bool = False, sha256: str | None = None) -> None:
        """Show the conflict dialog; a "later" answer holds until the file changes again, unless asked."""
        from planner.tui.modals.conflict import ConflictScreen

        if self.session is None or self._asking_about_disk:
            return
        if not asked and self._snoozed is not None and self._snoozed == (sha256 or self._disk_hash()):
            return
        self._asking_about_disk = True

        def done(choice: str | None) -> None:
            self._asking_about_disk = False
            if self.session is None:
                return
            if choice == "reload":
                try:
                    self.session.reload()
                except PlanError as exc:
                    self.say(str(exc), title="Cannot reload", severity="error", timeout=10)
                    return
                self.replan(announce=False)
                self.say("Reloaded the file from disk; ctrl+z brings your version back.")
            elif choice == "overwrite":
                kept = self.session.keep_theirs()
                if self.flush_save(force=True):
                    where = f" is kept as {kept.name}" if kept else " could not be copied aside"
                    self.say(f"Saved over {self.session.path.name}; the version you replaced{where}.")
            elif choice is None:
                self._snoozed = self._disk_hash()  # "later": not asked again until the file changes again
            elif isinstance(choice, str) and choice.startswith("save-as:"):
                from planner.edge.store import SaveError

                target = Path(choice.removeprefix("save-as:")).expanduser()
                if target.suffix != ".toml":
                    target = target.with_name(target.name + ".toml")
                try:
                    self.session.save_as(target)
                except (SaveError, OSError) as exc:
                    self.say(str(exc), title="Not saved", severity="error")
                    return
                self._disk_broken = None
                self._update_title()
                self.say(f"Saved as {target}; the planner now edits that file.")

        broken = self._disk_broken is not None
        self.push_screen(ConflictScreen(self.session.path, broken=broken), done)

    # --- actions ----------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab

    def action_save(self) -> None:
        if self.session is None:
            return
        self.check_disk()
        if self._disk_broken is not None:
            self._ask_about_disk(asked=True)
            return
        state = self.session.disk_state()
        if state.changed and not state.missing:
            self._ask_about_disk(asked=True)
            return
        if self.session.dirty or state.missing:
            if self.flush_save(force=state.missing):
                self.say(f"Saved {self.session.path}")
        else:
            self.say(f"{self.session.path.name} is up to date")

    def action_undo(self) -> None:
        if self.session is None:
            return
        if self.session.next_undo == "reload from disk":
            # Undoing a reload puts this version back over the file's: keep the file's aside first.
            kept = self.session.keep_theirs()
            if kept is not None:
                self.say(f"The version on disk is kept as {kept.name}.")
        label = self.session.undo()
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
        self.replan()
        self._schedule_save()
        self.say(f"Redid: {label}")

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_keys(self) -> None:
        from planner.tui.modals.keys import KeysScreen

        self.push_screen(KeysScreen())

    def action_quit_app(self) -> None:
        if self.session is not None and self.session.dirty and not self.flush_save():
            return
        self.exit(0)

    async def action_quit(self) -> None:
        """``ctrl+q`` and the palette's Quit save first too, like ``q``."""
        self.action_quit_app()

    def action_add_log(self) -> None:
        from planner.tui.modals.log_form import LogForm

        if self.plan is None:
            return
        now = self.now()

        def done(result: LogEntry | None) -> None:
            if result is not None and self.plan is not None:
                self.change(dataclasses.replace(self.plan, log=(*self.plan.log, result)), "log a session")
                self.say(f"Logged {result.hours:g} h")

        self.push_screen(LogForm(self.plan, now.date()), done)

    def action_print_preview(self) -> None:
        from planner.tui.modals.preview import PreviewScreen

        if self.situation is None or self.session is None:
            return
        self.push_screen(PreviewScreen(self.situation, self.session.path))

    def action_reschedule(self) -> None:
        from planner.tui.modals.reschedule import RescheduleRequest, RescheduleScreen

        if self.situation is None:
            return

        def done(request: RescheduleRequest | None) -> None:
            if request is None or self.situation is None:
                return
            from planner.core import moments
            from planner.core.reschedule import decide

            s = self.situation  # decided again on the plan as it is now (it may have been reloaded)
            decision = decide(
                s.plan,
                request.to,
                now=s.now,
                exam_at=s.exam_at,
                to_at=moments.at_local(request.to, s.zone),
                reason=request.reason,
                force=request.force,
            )
            if decision.plan is None:
                self.say(f"Not rescheduled: {decision.refused}", severity="error")
                return
            self.change(decision.plan, "reschedule the exam")
            self.flush_save()
            for note in decision.notes:
                self.say(note, title="Rescheduled")

        self.push_screen(RescheduleScreen(self.situation), done)

    def action_practice(self) -> None:
        from planner.tui.modals.practice import PracticeTimer

        if self.plan is None:
            return

        def done(result: tuple | None) -> None:
            if result is None or self.plan is None:
                return
            from planner.core.model import LogEntry

            practice_result, minutes = result
            plan = self.plan
            entry = LogEntry(
                date=practice_result.date,
                hours=max(0.25, round(minutes / 60 * 4) / 4),
                kind="practice",
                note=f"practice exam: {practice_result.score:g}%",
            )
            self.change(
                dataclasses.replace(
                    plan,
                    practice=dataclasses.replace(plan.practice, results=(*plan.practice.results, practice_result)),
                    log=(*plan.log, entry),
                ),
                "record a practice exam",
            )
            self.say(f"Practice exam recorded: {practice_result.score:g}%")

        self.push_screen(PracticeTimer(self.plan, self.now().date()), done)

    # --- the command palette --------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for tab, title, key in TABS:
            yield SystemCommand(
                f"Go to {title}", f"Show the {title} screen ({key})", lambda tab=tab: self.action_show_tab(tab)
            )
        yield SystemCommand("Log a session", "Add a study session to the log (l)", self.action_add_log)
        yield SystemCommand("Start a practice exam", "A timed practice exam, then its score", self.action_practice)
        yield SystemCommand("Reschedule the exam", "Move the exam date, counting postponements", self.action_reschedule)
        yield SystemCommand(
            "Print preview", "The printable schedule and the calendar feed (p)", self.action_print_preview
        )
        yield SystemCommand("Save", "Write the plan file now (ctrl+s)", self.action_save)
        yield SystemCommand("Undo", "Undo the last change (ctrl+z)", self.action_undo)
        yield SystemCommand("Redo", "Redo the last undone change (ctrl+y)", self.action_redo)
        yield SystemCommand("Toggle dark/light", "Switch the theme (ctrl+t)", self.action_toggle_theme)
        yield SystemCommand("Show keys", "Every key and what it does (?)", self.action_keys)
        yield SystemCommand("New plan", "Make a plan from a template", self._new_plan)
        yield from self._view_commands()

    def _view_commands(self) -> Iterable[SystemCommand]:
        """The keys of the screen shown, as commands too (``Resources: Add`` and so on)."""
        if self.session is None:
            return
        tab = self.query_one("#tabs", TabbedContent).active
        found = self.query(f"#{tab}-view")
        if not found:
            return
        view = found.first()
        title = next(t for name, t, _ in TABS if name == tab)
        for binding in vars(type(view)).get("BINDINGS", ()):  # the view's own keys, not its scrolling
            if isinstance(binding, Binding):

                def run(action: str = binding.action) -> None:
                    self.call_later(self.run_action, action, view)

                yield SystemCommand(f"{title}: {binding.description}", binding.tooltip, run)


def _settle_heap() -> None:
    """Move what is alive now (the widgets, the big plan just opened) out of the collector's sight.

    A big plan is a few hundred thousand long-lived objects. Left in the oldest generation,
    every full collection walks them all, and an edit that happens to set one off takes twice
    as long. The plan's objects hold no cycles: when an edit or a reload drops them, reference
    counting still frees them. Only a frozen widget caught in a cycle and removed later stays
    until exit, which is why small plans (cheap to collect) are not frozen.
    """
    gc.freeze()


def make_app(
    *,
    plan: str | Path | None = None,
    plans_dir: str | Path | None = None,
    today: str | None = None,
) -> PlannerApp:
    """The app on ``plan`` (a path or NAME, else whatever the plans folder holds).

    ``today`` fixes "now" (a date means 00:00 in the plan's zone), as
    ``--today`` does on the command line; without it the clock is used.
    """
    folder = paths.plans_dir(str(plans_dir) if plans_dir is not None else None)

    def now(zone: str) -> pendulum.DateTime:
        from planner.core import moments

        if today is None:
            return clock.now_in(zone)
        return moments.parse_moment(today, zone)

    if today is not None:
        from planner.core import moments

        moments.check_moment(today)  # a bad --today is reported before the app starts
    if plan is not None:
        path = paths.resolve_plan(str(plan), folder)
        if not path.exists():
            raise PlanError("no such plan file", source=str(path))
        return PlannerApp(plan_path=path, plans_dir=folder, now=now)
    found = paths.list_plans(folder)
    if len(found) == 1:
        return PlannerApp(plan_path=found[0], plans_dir=folder, now=now)
    if len(found) > 1:
        return PlannerApp(plan_path=None, plans_dir=folder, now=now, pick_from=found)
    return PlannerApp(plan_path=None, plans_dir=folder, now=now)
