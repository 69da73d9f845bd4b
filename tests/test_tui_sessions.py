"""Pilot tests: study sessions in the TUI, on a clock the test moves.

The app is made by ``make_app`` without ``today``, so it reads the clock
(``edge.clock.now_in``); the test replaces that clock and moves it, then
lets the app's one-second tick (``tick_session``) see the new time.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pendulum
import pytest
from conftest import record_notes, run_planner, screen_text
from tui_helpers import focus, opened, set_plan, show_tab

from planner.core.model import Focus, LogEntry, RunningSession, replace
from planner.edge import clock, store
from planner.tui.app import make_app
from planner.tui.views.resources import ResourceList
from planner.tui.widgets.grid import CellGrid

ZONE = "Europe/London"
START = pendulum.datetime(2026, 12, 14, 19, 0, tz=ZONE)
"""A Monday evening of the reference plan's third study week."""


class FakeClock:
    def __init__(self, at: pendulum.DateTime) -> None:
        self.at = at

    def __call__(self, zone: str) -> pendulum.DateTime:
        return self.at.in_timezone(zone)

    def advance(self, **delta: float) -> None:
        self.at = self.at + dt.timedelta(**delta)


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock(START)
    monkeypatch.setattr(clock, "now_in", fake)
    return fake


@pytest.fixture
def no_notify_send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH without ``notify-send``: a phase change rings the bell."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def bar_text(app) -> str:
    bar = app.session_bar
    return str(bar.render()) if bar.display and bar.has_class("running") else ""


async def tick(pilot, app) -> None:
    app.tick_session()
    await pilot.pause()


async def start_on_dashboard(pilot, domain_row: int = 0) -> None:
    """Press the session key on the dashboard and pick a domain (``domain_row`` downs, then enter)."""
    await pilot.press("s")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "SessionPicker"
    await pilot.press(*["down"] * domain_row, "enter")
    await pilot.pause()


@pytest.mark.slow
async def test_start_from_the_board_is_on_the_highlighted_card_and_its_list(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "3", "resources")
        modelling = next(lst for lst in app.query(ResourceList) if lst.domain_id == "modelling")
        await focus(pilot, modelling)
        modelling.highlighted = 1
        card = modelling.highlighted_option.id
        await pilot.press("s")
        await pilot.pause()
        assert app.plan.session == RunningSession(dt.datetime(2026, 12, 14, 19, 0), "modelling", card)
        title = app.plan.resource(card).title
        assert "Modelling" in bar_text(app) and title[:20] in bar_text(app) and "0:00:00" in bar_text(app)
        app.flush_save()
        assert store.load(plan_copy).plan.session == app.plan.session  # the CLI sees it


@pytest.mark.slow
async def test_a_card_for_every_domain_asks_which_one_and_keeps_the_card(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "3", "resources")
        everywhere = next(lst for lst in app.query(ResourceList) if lst.domain_id == "*all*")
        await focus(pilot, everywhere)
        everywhere.highlighted = 0
        card = everywhere.highlighted_option.id
        assert app.plan.resource(card).domains == ()
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionPicker"
        assert app.plan.resource(card).title[:30] in screen_text(app)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.plan.session == RunningSession(dt.datetime(2026, 12, 14, 19, 0), "modelling", card)


@pytest.mark.slow
async def test_start_from_the_dashboard_asks_for_the_domain(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await start_on_dashboard(pilot, domain_row=1)
        assert app.plan.session == RunningSession(dt.datetime(2026, 12, 14, 19, 0), "eda", None)
        assert "Exploratory Data Analysis" in bar_text(app)


@pytest.mark.slow
async def test_escape_in_the_picker_starts_nothing(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.plan.session is None and bar_text(app) == ""


@pytest.mark.slow
async def test_start_from_the_plan_tab_is_on_the_domain_being_edited(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "4", "plan")
        grid = app.query_one("#domain-grid", CellGrid)
        await focus(pilot, grid)
        await pilot.press("down", "down", "down")
        await pilot.press("s")
        await pilot.pause()
        assert app.plan.session is not None and app.plan.session.domain == "ml-ops"


@pytest.mark.slow
async def test_a_second_start_says_one_at_a_time(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await start_on_dashboard(pilot)
        running = app.plan.session
        fake_clock.advance(minutes=5)
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ != "SessionPicker"
        assert app.plan.session == running
        assert any("A session is already running" in n and "x stops it" in n for n in notes)


@pytest.mark.slow
async def test_the_time_shows_on_every_tab_and_ticks(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await start_on_dashboard(pilot)
        for k, tab in enumerate(("dashboard", "schedule", "resources", "plan", "log"), start=1):
            fake_clock.advance(minutes=1, seconds=3)
            await show_tab(pilot, str(k), tab)
            await tick(pilot, app)
            shown = f"0:{k:02d}:{3 * k:02d}"
            assert shown in bar_text(app), tab
            assert f"● Session {shown} · Data Engineering since Mon 14 Dec 19:00" in screen_text(app), tab


@pytest.mark.slow
async def test_the_stop_key_is_in_the_footer_only_while_a_session_runs(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert "s" in app.screen.active_bindings and "x" not in app.screen.active_bindings
        await start_on_dashboard(pilot)
        assert "x" in app.screen.active_bindings
        assert " x Stop " in screen_text(app)


@pytest.mark.slow
async def test_a_focus_phase_change_rings_the_bell(plan_copy: Path, fake_clock, no_notify_send) -> None:
    app = make_app(plan=plan_copy)
    rings: list[int] = []
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        app.bell = lambda: rings.append(1)
        set_plan(app, replace(app.plan, focus=Focus(25, 5, enabled=True)))
        await start_on_dashboard(pilot)
        fake_clock.advance(minutes=24)
        await tick(pilot, app)
        assert rings == [] and "focus 1, 01:00 left" in bar_text(app)
        assert not app.session_bar.has_class("on-break")
        fake_clock.advance(minutes=2)
        await tick(pilot, app)
        assert rings == [1] and "break 1, 04:00 left" in bar_text(app)
        assert app.session_bar.has_class("on-break")
        assert any(n.startswith("Break: Focus 1 done") for n in notes)
        await tick(pilot, app)
        assert rings == [1]  # once per phase, not once per second
        fake_clock.advance(minutes=5)
        await tick(pilot, app)
        assert rings == [1, 1] and "focus 2" in bar_text(app)
        assert not app.session_bar.has_class("on-break")


@pytest.mark.slow
async def test_a_focus_phase_change_sends_a_desktop_notification(
    plan_copy: Path, fake_clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    sent = tmp_path / "sent.txt"
    script = bin_dir / "notify-send"
    script.write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> "{sent}"\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin")
    app = make_app(plan=plan_copy)
    rings: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        app.bell = lambda: rings.append(1)
        set_plan(app, replace(app.plan, focus=Focus(50, 10, enabled=True)))
        await start_on_dashboard(pilot)
        await tick(pilot, app)
        fake_clock.advance(minutes=51)
        await tick(pilot, app)
        await app.workers.wait_for_complete()
        assert sent.read_text() == "--app-name=planner|planner: Break|Focus 1 done: 10 minutes off.|"
        assert rings == []


@pytest.mark.slow
async def test_stop_opens_the_form_prefilled_and_logs_one_undoable_edit(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await start_on_dashboard(pilot, domain_row=2)
        running = app.plan.session
        before = app.plan.log
        fake_clock.advance(minutes=50)
        await pilot.press("x")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "StopForm"
        assert form.query_one("#stop-date-0").value == "2026-12-14"
        assert form.query_one("#stop-hours-0").value == "0.83"
        assert form.query_one("#stop-domain").value == "modelling"
        form.query_one("#stop-note").value = "SageMaker algorithms"
        await pilot.click("#log")
        await pilot.pause()
        assert app.plan.session is None and bar_text(app) == ""
        assert app.plan.log == (
            *before,
            LogEntry(dt.date(2026, 12, 14), 0.83, "modelling", None, "SageMaker algorithms"),
        )
        await pilot.press("ctrl+z")  # one undo takes the whole stop back: the session runs again
        await pilot.pause()
        assert app.plan.log == before and app.plan.session == running
        assert "0:50:00" in bar_text(app)


@pytest.mark.slow
async def test_a_session_over_midnight_is_prefilled_one_line_per_day(plan_copy: Path, fake_clock) -> None:
    fake_clock.at = pendulum.datetime(2026, 12, 14, 23, 30, tz=ZONE)
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await start_on_dashboard(pilot)
        fake_clock.advance(hours=1, minutes=15)
        await pilot.press("x")
        await pilot.pause()
        form = app.screen
        rows = [(form.query_one(f"#stop-date-{k}").value, form.query_one(f"#stop-hours-{k}").value) for k in (0, 1)]
        assert rows == [("2026-12-14", "0.5"), ("2026-12-15", "0.75")]
        form.query_one("#stop-hours-1").value = "0.5"  # editable: the last quarter hour was a phone call
        await pilot.click("#log")
        await pilot.pause()
        logged = app.plan.log[-2:]
        assert [(e.date.isoformat(), e.hours, e.domain) for e in logged] == [
            ("2026-12-14", 0.5, "data-engineering"),
            ("2026-12-15", 0.5, "data-engineering"),
        ]


@pytest.mark.slow
async def test_a_refused_entry_keeps_the_form_open_with_the_reason(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await start_on_dashboard(pilot)
        fake_clock.advance(minutes=30)
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#stop-date-0").value = "2026-12-20"  # after today
        await pilot.click("#log")
        await pilot.pause()
        assert type(app.screen).__name__ == "StopForm"
        assert "2026-12-20" in str(app.screen.query_one("#stop-error").render())
        assert app.plan.session is not None


@pytest.mark.slow
async def test_cancel_keeps_the_session_running(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await start_on_dashboard(pilot)
        running, log = app.plan.session, app.plan.log
        fake_clock.advance(minutes=20)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.plan.session == running and app.plan.log == log
        fake_clock.advance(minutes=1)
        await tick(pilot, app)
        assert "0:21:00" in bar_text(app)


@pytest.mark.slow
async def test_discard_ends_it_logging_nothing(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await start_on_dashboard(pilot)
        log = app.plan.log
        fake_clock.advance(minutes=3)
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#discard")
        await pilot.pause()
        assert app.plan.session is None and app.plan.log == log and bar_text(app) == ""


@pytest.mark.slow
async def test_a_session_over_twelve_hours_asks_before_the_form(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await start_on_dashboard(pilot)
        fake_clock.advance(hours=13)
        await tick(pilot, app)
        assert app.session_bar.has_class("long") and "left running?" in bar_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert "running for 13 h" in screen_text(app)
        await pilot.press("n")  # keep it running
        await pilot.pause()
        assert app.plan.session is not None and len(app.screen_stack) == 1
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "StopForm"
        hours = [form.query_one(f"#stop-hours-{k}").value for k in (0, 1)]
        assert hours == ["5", "8"]  # 19:00 to midnight, then to 08:00
        form.query_one("#stop-hours-1").value = ""  # it was left running overnight: keep the evening only
        await pilot.click("#log")
        await pilot.pause()
        assert app.plan.session is None
        assert app.plan.log[-1] == LogEntry(dt.date(2026, 12, 14), 5.0, "data-engineering")


async def test_a_session_started_in_the_cli_shows_and_stopping_it_there_hides_it(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        started = run_planner(
            "session", "start", "--domain", "eda", "--plan", str(plan_copy), "--today", "2026-12-14T18:40"
        )
        assert started.code == 0, started.err
        app.check_disk()
        await pilot.pause()
        assert app.plan.session == RunningSession(dt.datetime(2026, 12, 14, 18, 40), "eda")
        assert "Session 0:20:00 · Exploratory Data Analysis since Mon 14 Dec 18:40" in bar_text(app)
        stopped = run_planner("session", "stop", "--plan", str(plan_copy), "--today", "2026-12-14T19:10")
        assert stopped.code == 0, stopped.err
        app.check_disk()
        await pilot.pause()
        assert app.plan.session is None and bar_text(app) == ""
        assert "x" not in app.screen.active_bindings


@pytest.mark.slow
async def test_clicking_the_bar_opens_the_stop_form(plan_copy: Path, fake_clock) -> None:
    app = make_app(plan=plan_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await start_on_dashboard(pilot)
        fake_clock.advance(minutes=10)
        await pilot.click("#session-bar")
        await pilot.pause()
        assert type(app.screen).__name__ == "StopForm"
