"""Pilot tests of the calendars in the TUI: read in the background, planned around as ``planner schedule`` does,
shown on the dashboard and the schedule, read again on a key.

The plan is the hold-out plan of ``test_calendars_holdout`` (its week capacities were computed by hand
there), with its two .ics files copied beside it in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import re
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REFERENCE, ROOT, record_notes, run_planner, screen_text
from test_calendars_holdout import EXPECTED_WEEK_BUSY, EXPECTED_WEEKS, HERE, holdout_in, holdout_plan
from tui_helpers import opened, set_plan, show_tab

from planner.core.model import CalendarSource, Plan, replace
from planner.edge import store
from planner.tui.app import make_app

TODAY = "2027-01-04"
WEEK_ROW = re.compile(r"(Mon \d\d \w{3}) +([\d.]+) +([\d.·]+) ")
"""A week of the Schedule's grid: its first day, Avail and Busy."""


def write_plan(folder: Path, plan: Plan) -> Path:
    path = folder / "holdout.toml"
    store.create(path, plan)
    return path


@pytest.fixture
def holdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hold-out plan and its calendars (work: all-day busy; home: all-day free) in a folder of their own."""
    monkeypatch.setenv("PLANNER_CACHE", str(tmp_path / "cache"))
    plan = holdout_in(tmp_path)
    return write_plan(tmp_path, plan)


async def calendars_read(pilot, *, reads: int = 1) -> None:
    """Wait until the plan is laid around what the calendars hold (the read runs in a thread)."""
    app = pilot.app
    for _ in range(600):
        await pilot.pause(0.05)
        s = app.situation
        if s is not None and s.busy is not None and "reading" not in _card(app):
            break
    else:
        raise AssertionError("the calendars were never read")
    await pilot.pause()


def _card(app) -> str:
    cards = app.query("#calendars")
    return str(cards.first().render()) if cards else ""


def cli_weeks(path: Path, cache: Path) -> list[dict]:
    run = run_planner("schedule", "--json", "--plan", str(path), "--today", TODAY, env={"PLANNER_CACHE": str(cache)})
    assert run.code == 0, run.err
    return json.loads(run.out)["weeks"]


def grid_weeks(app) -> list[tuple[str, float, float]]:
    """(first day, Avail, Busy) of every week the Schedule's grid shows."""
    rows = WEEK_ROW.findall(screen_text(app))
    return [(day, float(avail), 0.0 if busy == "·" else float(busy)) for day, avail, busy in rows]


def as_grid(weeks: list[dict]) -> list[tuple[str, float, float]]:
    return [
        (f"{dt.date.fromisoformat(w['start']):%a %d %b}", float(w["capacity_hours"]), float(w["busy_hours"]))
        for w in weeks
    ]


@pytest.mark.slow
async def test_the_schedule_shows_the_hand_computed_weeks_and_the_command_line_s(holdout: Path, tmp_path: Path) -> None:
    app = make_app(plan=holdout, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await calendars_read(pilot)
        await show_tab(pilot, "2", "schedule")
        shown = grid_weeks(app)
        detail = str(app.query_one("#week-detail").render())
    assert [avail for _, avail, _ in shown] == EXPECTED_WEEKS
    assert [busy for _, _, busy in shown] == EXPECTED_WEEK_BUSY
    assert shown == as_grid(cli_weeks(holdout, tmp_path / "cache"))
    assert "Week of Mon 4 Jan 2027 · current · 12.5 h · 2.5 h busy" in detail
    days = {line[:6]: line for line in detail.splitlines()}
    assert "(1 h busy)" in days["Mon 04"] and "(0.5 h busy)" in days["Tue 05"] and "busy" not in days["Wed 06"]


async def test_edits_replan_around_the_calendars_kept_and_a_later_exam_reads_them_again(
    holdout: Path, tmp_path: Path
) -> None:
    app = make_app(plan=holdout, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await calendars_read(pilot)
        plan = app.plan
        # Mondays and Tuesdays start at 18:00 now: the team sync (18:30-19:30) takes a whole hour of them.
        times = (*plan.study.start_times, ("monday", dt.time(18)), ("tuesday", dt.time(18)))
        set_plan(app, replace(plan, study=replace(plan.study, start_times=times)))
        app.flush_save()
        await pilot.pause()
        edited = [(w.capacity_hours, w.busy_hours) for w in app.situation.schedule.weeks]
        cli = [(w["capacity_hours"], w["busy_hours"]) for w in cli_weeks(holdout, tmp_path / "cache")]
        assert edited == cli
        assert edited != [(c, b) for c, b in zip(EXPECTED_WEEKS, EXPECTED_WEEK_BUSY)]

        # A week more before the exam: days no reading covered, so the calendars are read again.
        later = replace(app.plan.exam, date=app.plan.exam.date.replace(day=8))
        set_plan(app, replace(app.plan, exam=later))
        app.flush_save()
        await calendars_read(pilot)
        moved = [(w.capacity_hours, w.busy_hours) for w in app.situation.schedule.weeks]
    assert len(moved) == 5
    assert moved == [(w["capacity_hours"], w["busy_hours"]) for w in cli_weeks(holdout, tmp_path / "cache")]


async def test_the_dashboard_says_which_calendars_were_read_and_when(holdout: Path) -> None:
    app = make_app(plan=holdout, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await calendars_read(pilot)
        text = screen_text(app)
    assert "Calendars: work, home · 15.83 h busy before the exam" in text
    assert "work: file calendars/holdout-work.ics: read now; 14.83 h busy" in text
    assert "home: file calendars/holdout-home.ics: read now; 1 h busy" in text
    assert "c Calendars" in text  # the refresh key, in the footer


@pytest.mark.slow
async def test_c_reads_them_again_and_a_calendar_gone_is_a_risk(holdout: Path) -> None:
    app = make_app(plan=holdout, today=TODAY)
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await calendars_read(pilot)
        assert app.situation.alerts == ()
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Read the calendars again now" in commands  # in the palette too
        (holdout.parent / "calendars" / "holdout-home.ics").unlink()
        await pilot.press("c")
        await calendars_read(pilot)
        text = screen_text(app)
        codes = [str(a.code) for a in app.situation.alerts]
        weeks = [w.capacity_hours for w in app.situation.schedule.weeks]
    assert codes == ["calendar-unreadable"]
    assert "calendar-unreadable" in text and "home not read now" in text
    assert any("Read work; home not read" in n for n in notes), notes
    assert any("New risk: calendar-unreadable" in n for n in notes), notes
    assert weeks == [13.5, 13.0, 6.5, 12.0]  # the dinner (1 h on Sunday 10 January) no longer counts


async def test_the_calendar_keys_are_not_offered_for_a_plan_without_calendars(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        text = screen_text(app)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("c", "P")
        await pilot.pause()
        assert len(app.screen_stack) == 1
    assert "Calendars" not in text and "Publish" not in text
    assert "Read the calendars again now" not in commands
    assert not app.query("#calendars") or not app.query_one("#calendars").display


class SlowFeed:
    """A calendar feed on this machine that answers only when told to: a slow network, under control."""

    def __init__(self, body: bytes) -> None:
        self.release = threading.Event()
        release = self.release

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                release.wait(30)
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/work.ics"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def slow_feed() -> Iterator[SlowFeed]:
    feed = SlowFeed((HERE / "holdout-work.ics").read_bytes())
    yield feed
    feed.close()


@pytest.mark.slow
async def test_the_plan_opens_while_a_feed_is_slow_and_follows_it_when_it_answers(
    slow_feed: SlowFeed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANNER_CACHE", str(tmp_path / "cache"))
    plan = holdout_plan(CalendarSource("work", slow_feed.url), CalendarSource("unused", "-"))
    path = write_plan(tmp_path, replace(plan, calendars=plan.calendars[:1]))
    app = make_app(plan=path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        for _ in range(10):  # the feed has not answered: the plan is there, planned without busy time
            await pilot.pause(0.05)
        assert [w.capacity_hours for w in app.situation.schedule.weeks] == [15.0] * 4
        assert "Calendars: work · reading…" in screen_text(app)
        await pilot.press("2")  # and the app answers keys meanwhile
        await pilot.pause()
        assert app.query("#schedule-view")
        slow_feed.release.set()
        await calendars_read(pilot)
        weeks = [w.capacity_hours for w in app.situation.schedule.weeks]
    # The work calendar alone: the home calendar's dinner (1 h on Sunday 10 January) is not in it.
    assert weeks == [13.5, 13.0, 6.5, 12.0]


@pytest.mark.slow
@pytest.mark.parametrize("with_calendars", [False, True], ids=["no calendars", "calendars"])
def test_nothing_of_icalendar_or_caldav_is_imported_for_a_plan_without_calendars(
    with_calendars: bool, holdout: Path, tmp_path: Path
) -> None:
    """Checked in a fresh interpreter that opens the app on the plan and visits every tab."""
    plan = holdout if with_calendars else REFERENCE
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        from planner.tui.app import make_app

        async def main():
            app = make_app(plan={str(plan)!r}, today="2027-01-04")
            async with app.run_test(size=(120, 40)) as pilot:
                for _ in range(400):
                    await pilot.pause(0.05)
                    s = app.situation
                    if s is not None and (s.busy is not None or not s.plan.calendars):
                        break
                for key in "12345":
                    await pilot.press(key)
                    await pilot.pause(0.1)
            names = ("icalendar", "caldav", "recurring_ical_events", "x_wr_timezone", "urllib.request",
                     "planner.edge.calendars", "planner.edge.publish")
            print(",".join(n for n in names if n in sys.modules))

        asyncio.run(main())
        """
    )
    import os
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PLANNER_CACHE": str(tmp_path / "cache"), "TZ": "UTC"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    imported = done.stdout.strip().split(",") if done.stdout.strip() else []
    if with_calendars:
        assert "icalendar" in imported and "planner.edge.calendars" in imported
    else:
        assert imported == []


@pytest.mark.slow
async def test_a_feed_that_stops_answering_is_planned_from_its_copy_with_a_stale_warning(
    slow_feed: SlowFeed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANNER_CACHE", str(tmp_path / "cache"))
    slow_feed.release.set()
    plan = holdout_plan(CalendarSource("work", slow_feed.url), CalendarSource("unused", "-"))
    path = write_plan(tmp_path, replace(plan, calendars=plan.calendars[:1]))
    app = make_app(plan=path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await calendars_read(pilot)
        assert app.situation.alerts == ()
        slow_feed.close()  # offline now
        await pilot.press("c")
        await calendars_read(pilot)
        alerts = [(str(a.code), str(a.severity)) for a in app.situation.alerts]
        weeks = [w.capacity_hours for w in app.situation.schedule.weeks]
        card = _card(app)
    assert alerts == [("calendar-stale", "warn")]
    assert weeks == [13.5, 13.0, 6.5, 12.0]  # the copy's busy time, as before
    assert "work: feed http://127.0.0.1:" in card and "the copy read just now is used" in card


async def test_publish_without_a_publish_table_says_how_to_set_it_up(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2026-12-14")
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("P")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        assert "Publish" not in screen_text(app)  # the footer still leaves the key out
    said = [n for n in notes if "[publish]" in n]
    assert len(said) == 1 and "url" in said[0] and "password_command" in said[0], notes
