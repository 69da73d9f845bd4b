"""The planner's Textual app, and the one factory that builds it.

The CLI and the tests both call ``make_app`` with the plan path and the
moment to use as "now", so what a test drives is what a user runs.

``PlanKeeper`` (keeper.py) holds the open plan and applies every change;
this class is the shell around it: the tabs and their views, the dialogs
behind the app's commands, and the command palette. Views are shown a
``Situation`` and post messages up; dialogs are handed what they need and
return typed results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Final, Literal

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from planner.core.errors import PlanError
from planner.edge import clock, paths
from planner.tui import hangup, keptstyles
from planner.tui.bindings import APP_BINDINGS, TABS, key_rows, shown_key
from planner.tui.keeper import DISK_POLL_SECONDS
from planner.tui.mainscreen import MainScreen
from planner.tui.opener import PlanOpener
from planner.tui.opening import now_source
from planner.tui.sessionkeeper import SessionKeeper
from planner.tui.widgets.footer import KeyBar
from planner.tui.widgets.tabs import PlanTabs, TabPane

if TYPE_CHECKING:
    import pendulum
    from textual.command import Provider
    from textual.content import Content

    from planner.core.model import LogEntry
    from planner.core.situation import Situation
    from planner.edge.prefetch import Prefetch
    from planner.tui.calendars import Card
    from planner.tui.modals.reschedule import RescheduleRequest
    from planner.tui.opening import FirstScreen
    from planner.tui.views.base import ShowsSituation
    from planner.tui.views.dashboard import DashboardView

# The core (dates, zones, the engine) is imported when the plan is opened, as the app mounts:
# a command that never opens the TUI pays for none of it.

__all__ = ["PlannerApp", "make_app"]


def view_class(tab: str) -> type[ShowsSituation]:
    """The view of ``tab``, imported the first time it is shown (start-up paints before it needs them)."""
    match tab:
        case "dashboard":
            from planner.tui.views.dashboard import DashboardView

            return DashboardView
        case "schedule":
            from planner.tui.views.schedule import ScheduleView

            return ScheduleView
        case "resources":
            from planner.tui.views.resources import ResourcesView

            return ResourcesView
        case "plan":
            from planner.tui.views.planform import PlanView

            return PlanView
        case "log":
            from planner.tui.views.logview import LogView

            return LogView
    raise KeyError(tab)


_TEXTUAL_TWINS: Final = frozenset({"Keys", "Quit", "Theme"})
"""Textual's palette commands that the planner's own keys (?, q, ctrl+t) stand for."""


def _palette() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (as Textual's own is)."""
    from planner.tui.palette import PlannerCommands

    return PlannerCommands


class PlannerApp(PlanOpener, SessionKeeper):
    """Plan, track and replan a study plan against a booked exam."""

    CSS_PATH = "planner.tcss"
    TITLE = "planner"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {_palette}
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(
        self,
        *,
        plan_path: Path | None,
        plans_dir: Path,
        now: Callable[[str], pendulum.DateTime],
        load_error: PlanError | None = None,
        pick_from: list[Path] | None = None,
        prefetch: Prefetch | None = None,
    ) -> None:
        super().__init__(now=now, prefetch=prefetch)
        self.plans_dir = plans_dir
        self._plan_path = plan_path
        self._load_error = load_error
        self._pick_from = pick_from
        self._views: dict[str, ShowsSituation] = {}
        self._building: set[str] = set()
        self._stale: set[str] = set()
        self._tabs: PlanTabs | None = None
        self.theme = "textual-dark"
        self._styles_restored = keptstyles.restore(self.stylesheet, paths.cache_dir())

    # --- layout -----------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(id="_default")

    def compose(self) -> ComposeResult:
        with PlanTabs([(tab.id, f"{tab.key} {tab.title}") for tab in TABS], initial="dashboard", id="tabs"):
            for tab in TABS:
                with TabPane(id=tab.id):
                    if tab.id == "dashboard":
                        yield view_class("dashboard")(id="dashboard-view")
        yield self.session_bar
        yield KeyBar()

    def on_mount(self) -> None:
        self._tabs = self.query_one("#tabs", PlanTabs)
        self._views["dashboard"] = self.query_one("#dashboard-view", view_class("dashboard"))
        self.call_after_refresh(self._focus_first_view)
        self.call_after_refresh(self._keep_styles)
        self.set_interval(DISK_POLL_SECONDS, self.check_disk, name="disk-poll")
        hangup.watch(self, self.terminal_gone)
        # The plan is in the first frame: the cards the reading child worked out, or a plan read here at
        # once; only a big plan without them is read in a thread, behind a loading indicator (tui.opener).
        self._start()

    def _keep_styles(self) -> None:
        """What Textual parsed for the first screen, for the next start (nothing when it was all kept)."""
        keptstyles.keep(self.stylesheet, paths.cache_dir(), self._styles_restored)

    def _focus_first_view(self) -> None:
        """The dashboard takes the keyboard, unless a key showed another tab first (focus would switch back)."""
        if self._active_tab() == "dashboard":
            self._views["dashboard"].focus_main()

    def _start(self) -> None:
        if self._load_error is not None:
            self._show_load_error(self._plan_path, self._load_error)
        elif self._pick_from:
            self._pick_plan(self._pick_from)
        elif self._plan_path is None:
            self.action_new_plan()
        else:
            self._open(self._plan_path)

    # --- the views ------------------------------------------------------------------

    def show_situation(self, situation: Situation) -> None:
        """The visible view shows ``situation`` now; the others when their tab is next shown."""
        super().show_situation(situation)  # the session bar
        path = self.session.path if self.session else None
        for view in self._views.values():
            view.plan_path = path
        self._stale = {tab.id for tab in TABS}
        self._refresh_active()

    def show_calendars(self, card: Card | None) -> None:
        """The dashboard says which calendars were read, and when (handed down like the situation)."""
        self._dashboard().show_calendars(card)

    def _dashboard(self) -> DashboardView:
        from planner.tui.views.dashboard import DashboardView

        view = self._views["dashboard"]
        assert isinstance(view, DashboardView)  # built with the app (compose)
        return view

    def _active_tab(self) -> str:
        return self._tabs.active if self._tabs is not None and self._tabs.active else "dashboard"

    def _refresh_active(self) -> None:
        tab = self._active_tab()
        if self.situation is None or tab not in self._stale:
            return
        view = self._views.get(tab)
        if view is None:
            self.call_later(self._build_view, tab)
            return
        self._stale.discard(tab)
        view.show(self.situation)

    async def _build_view(self, tab: str) -> None:
        """Build ``tab``'s view, then show it the plan as it is by then."""
        if tab in self._views or tab in self._building:
            return
        self._building.add(tab)
        view = view_class(tab)(id=f"{tab}-view")
        view.plan_path = self.session.path if self.session else None
        await self.query_one(f"#{tab}", TabPane).mount(view)
        self._building.discard(tab)
        self._views[tab] = view
        if view.SHOWN_ONCE_MOUNTED:
            self._first_show(tab)  # its tab's first frame holds the plan: one layout and paint, not two
        else:
            self.call_after_refresh(self._first_show, tab)  # once laid out: it fits what it shows to its size

    def _first_show(self, tab: str) -> None:
        """Show a view just built the plan, then give it the keyboard (its keys act on what it shows)."""
        self._refresh_active()
        if self._active_tab() == tab:
            self._views[tab].focus_main()

    @on(PlanTabs.Activated)
    def _tab_shown(self, event: PlanTabs.Activated) -> None:
        self._refresh_active()
        view = self._views.get(event.tab)
        if view is not None:  # a view still being built is focused once mounted
            view.focus_main()

    # --- opening plans ------------------------------------------------------------

    def show_first(self, first: FirstScreen) -> None:
        self._dashboard().put(first.cards)
        self.show_first_session(first.session)
        self.refresh_bindings()  # the key bar, drawn a frame later (Textual's footer), as it is with the plan open

    def show_loading(self, loading: bool) -> None:
        self._views["dashboard"].loading = loading

    def _pick_plan(self, plans: list[Path]) -> None:
        from planner.tui.modals.picker import NEW_PLAN, PlanPicker

        def done(path: Path | Literal["new"] | None) -> None:
            if path is None:
                if self.session is None:
                    self.exit(0)
            elif path == NEW_PLAN:
                self.action_new_plan()
            else:
                self._open(path)

        self.push_screen(PlanPicker(plans), done)

    def action_new_plan(self) -> None:
        from planner.tui.modals.new_plan import NewPlan, NewPlanScreen
        from planner.tui.text import shown_path

        def done(made: NewPlan | None) -> None:
            if made is not None:
                self._open(made.path)
                self.say(f"Created {shown_path(made.path)}", title="New plan")
                if made.note:
                    self.say(made.note, title="The exam's time", severity="warning", timeout=12)
            elif self.session is None:
                self.exit(0)

        self.push_screen(NewPlanScreen(self.plans_dir, self._clock(clock.local_zone())), done)

    # --- the commands -----------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        if self._tabs is not None:
            self._tabs.active = tab

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_keys(self) -> None:
        from planner.tui.modals.keys import KeysScreen
        from planner.tui.widgets.dayranges import DayRanges
        from planner.tui.widgets.planfield import PlanField

        groups: list[tuple[str, Iterable[BindingType]]] = [("everywhere", APP_BINDINGS)]
        for tab in TABS:
            own = vars(view_class(tab.id)).get("BINDINGS", ())
            if own:
                groups.append((tab.title, own))
        groups += [("Plan: a field", PlanField.BINDINGS), ("Plan: ranges", DayRanges.BINDINGS)]
        self.push_screen(KeysScreen(key_rows(groups)))

    def action_add_log(self) -> None:
        from functools import partial

        from planner.core import edits, fmt
        from planner.tui.modals.log_form import LogForm

        if self.situation is None:
            return
        today = self.situation.now.date()

        def done(entry: LogEntry | None) -> None:
            if entry is not None and self.apply_edit(partial(edits.add_log, entry=entry, today=today), "log a session"):
                self.say(f"Logged {fmt.hours_h(entry.hours)}")

        self.push_screen(LogForm(self.situation.plan, today), done)

    def action_print_preview(self) -> None:
        from planner.tui.modals.preview import PreviewScreen

        if self.situation is None or self.session is None:
            return
        self.push_screen(PreviewScreen(self.situation, self.session.path))

    def action_reschedule(self) -> None:
        from functools import partial

        from planner.tui import usecases
        from planner.tui.modals.reschedule import RescheduleScreen

        if self.situation is None:
            return

        def done(request: RescheduleRequest | None) -> None:
            if request is None or self.situation is None:
                return
            s = self.situation  # decided again on the plan as it is now (it may have been reloaded)
            edit = partial(
                usecases.reschedule,
                to=request.to,
                now=s.now,
                zone=s.zone,
                reason=request.reason,
                force=request.force,
                move_dated=request.move_dated,
            )
            if self.apply_edit(edit, "reschedule the exam"):
                self.flush_save()
                for note in request.notes:
                    self.say(note, title="Rescheduled")

        self.push_screen(RescheduleScreen(self.situation), done)

    def action_practice(self) -> None:
        from planner.tui.modals.practice import PracticeRecord, PracticeTimer

        if self.situation is None:
            return

        def done(record: PracticeRecord | None) -> None:
            if record is not None and self.apply_edit(record.edit, record.label):
                self.say(record.said)

        def start(yes: bool | None = True) -> None:
            now = self.situation  # as it is when the answer comes (the plan may have changed meanwhile)
            if yes and now is not None:
                self.push_screen(PracticeTimer(now.plan, now.now.date()), done)

        question = _not_due_yet(self.situation)
        if question is None:
            start()
            return
        from planner.tui.modals.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(question, yes="Start one now", no="Not now"), start)

    # --- the command palette --------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands, then every binding of the app and of the screen shown.

        Over a dialog or the practice timer (modal: the app's keys do not reach through), none of ours either.
        """
        # Textual's Keys, Quit and Theme do what ?, q and ctrl+t do (differently): listed once, as ours.
        yield from (c for c in super().get_system_commands(screen) if c.title not in _TEXTUAL_TWINS)
        if screen.is_modal:
            return
        for binding in APP_BINDINGS:
            if (
                isinstance(binding, Binding)
                and self.check_action(binding.action, ()) is not False  # stop, calendars: only when they apply
            ):
                yield SystemCommand(
                    binding.tooltip, f"{binding.description} ({shown_key(binding)})", self._runner(binding)
                )
        if self.session is not None:
            yield from self._view_commands()

    def _runner(self, binding: Binding, view: ShowsSituation | None = None) -> Callable[[], None]:
        def run() -> None:
            self.call_later(self.run_action, binding.action, view)

        return run

    def _view_commands(self) -> Iterable[SystemCommand]:
        """The keys of the screen shown, as commands too (``Resources: Add`` and so on)."""
        tab = self._active_tab()
        view = self._views.get(tab)
        if view is None:
            return
        title = next(t.title for t in TABS if t.id == tab)
        for binding in vars(type(view)).get("BINDINGS", ()):  # the view's own keys, not its scrolling
            if isinstance(binding, Binding):
                yield SystemCommand(f"{title}: {binding.description}", binding.tooltip, self._runner(binding, view))


def _not_due_yet(s: Situation) -> Content | None:
    """The question to ask before a practice exam that the plan does not have due yet; ``None`` when one is due.

    ``t`` works from any screen, so it is easily pressed months early; a sitting counts as one of the plan's
    practice exams, so starting it is checked first.
    """
    from textual.content import Content

    from planner.core import fmt
    from planner.core.views.totals import totals
    from planner.tui.views.dashparts import practice_hint

    t = totals(s.plan, s.schedule)
    if practice_hint(s, t) is not None:
        return None
    anyway = "\n\nStart a timed practice exam anyway?"
    if not t.practice.exams:
        return Content(f"The plan has no practice exams (its practice count is 0).{anyway}")
    if t.practice.taken >= t.practice.exams:
        return Content(f"The plan's practice exams are all taken ({t.practice.taken} of {t.practice.exams}).{anyway}")
    first = next((w for w in s.schedule.weeks if w.practice_exams and w.end >= s.schedule.today), None)
    when = f"the first is planned in the week of {fmt.day(first.start)}" if first else "none is planned ahead"
    return Content(
        f"No practice exam is due yet: {when}. One taken now counts as one of the plan's {t.practice.exams}.{anyway}"
    )


def make_app(
    *,
    plan: str | Path | None = None,
    plans_dir: str | Path | None = None,
    today: str | None = None,
    prefetch: Prefetch | None = None,
) -> PlannerApp:
    """The app on ``plan`` (a path or NAME, else whatever the plans folder holds).

    ``today`` fixes "now" (a date means 00:00 in the plan's zone), as
    ``--today`` does on the command line; without it the clock is used.
    ``prefetch`` is the plan already being read by a child, which also works
    out the first screen (``planner`` starts one before it imports Textual);
    the app shows that screen and takes the plan it read.
    A ``today`` or a plan file the app cannot use raises ``PlanError`` (the CLI exits 2).
    """
    folder = paths.plans_dir(str(plans_dir) if plans_dir is not None else None)
    if today is not None:
        from planner.core import moments

        moments.check_moment(today)  # out of the plan years, it cannot be planned from: exit 2 before the app starts

    now = now_source(today)
    if plan is not None:
        path = paths.resolve_plan(str(plan), folder)
        from planner.edge import files

        files.check_plan_file(path)  # a FIFO or a device would hang the app: refused before it starts
        return PlannerApp(plan_path=path, plans_dir=folder, now=now, prefetch=prefetch)
    found = paths.list_plans(folder)
    if len(found) == 1:
        return PlannerApp(plan_path=found[0], plans_dir=folder, now=now, prefetch=prefetch)
    if prefetch is not None:
        prefetch.cancel()  # the folder changed since the child started: no plan to take
    if len(found) > 1:
        return PlannerApp(plan_path=None, plans_dir=folder, now=now, pick_from=found)
    return PlannerApp(plan_path=None, plans_dir=folder, now=now)
