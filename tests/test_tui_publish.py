"""Pilot tests of publishing from the TUI to a real CalDAV server (Radicale, started by the tests).

The plan is the hold-out plan (its meetings come from the .ics files beside it) with a ``[publish]``
calendar on the server: ``P`` shows what would change, ``y`` writes it, a second ``P`` finds nothing
to change, and after a replan the stale sessions go while another program's event stays.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from conftest import record_notes
from conftest_caldav import DavHelper, dav_fixture, radicale_fixture  # noqa: F401
from test_calendars_holdout import holdout_in
from test_tui_calendars import calendars_read
from tui_helpers import opened, set_plan

from planner.core import uids
from planner.core.model import Publish, replace
from planner.edge import store
from planner.edge.calendars import PASSWORD_ENV
from planner.tui.app import make_app

LONDON = ZoneInfo("Europe/London")
DENTIST = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//someone else//EN\r
BEGIN:VEVENT\r
UID:dentist@example.org\r
DTSTAMP:20261201T000000Z\r
DTSTART;TZID=Europe/London:20270106T190000\r
DURATION:PT1H\r
SUMMARY:Dentist\r
END:VEVENT\r
END:VCALENDAR\r
"""
MEETINGS = [
    # (start, end) in London of busy time the hold-out calendars hold inside study windows.
    (dt.datetime(2027, 1, 4, 19, 30), dt.datetime(2027, 1, 4, 20, 30)),  # the evening class
    (dt.datetime(2027, 1, 5, 18, 30), dt.datetime(2027, 1, 5, 19, 30)),  # the team sync
    (dt.datetime(2027, 1, 20, 19, 0), dt.datetime(2027, 1, 20, 20, 30)),  # the sync, moved
    (dt.datetime(2027, 1, 28, 19, 0), dt.datetime(2027, 1, 28, 20, 20)),  # the New York call
]


@pytest.fixture
def plan_path(tmp_path: Path, dav: DavHelper, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANNER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv(PASSWORD_ENV, dav.server.password)
    plan = holdout_in(tmp_path)
    url = dav.make("study")
    dav.calendar(url).add_event(DENTIST)
    path = tmp_path / "holdout.toml"
    store.create(path, replace(plan, publish=Publish(url, username=dav.server.username)))
    return path


def on_server(dav: DavHelper, url: str) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in dav.events(url)}


def span(event: icalendar.Event) -> tuple[dt.datetime, dt.datetime]:
    start = event["dtstart"].dt.astimezone(LONDON).replace(tzinfo=None)
    return start, start + event["duration"].dt


def sessions_of(event: icalendar.Event) -> list[tuple[dt.datetime, dt.datetime]]:
    """The study sessions an event's description lists on the clock (busy gaps left out)."""
    day = span(event)[0].date()
    out = []
    for line in str(event["description"]).splitlines():
        if "busy" not in line:
            a, b = (dt.time.fromisoformat(t) for t in line.split()[0].split("–"))
            out.append((dt.datetime.combine(day, a), dt.datetime.combine(day, b)))
    return out


async def until_screen(pilot, name: str) -> None:
    for _ in range(400):
        await pilot.pause(0.05)
        if type(pilot.app.screen).__name__ == name:
            return
    raise AssertionError(f"{name} never came")


async def until_said(pilot, notes: list[str], text: str, times: int = 1) -> str:
    """Wait until ``text`` has been said ``times`` times in all; the last saying of it."""
    for _ in range(400):
        found = [n for n in notes if text in n]
        if len(found) >= times:
            return found[-1]
        await pilot.pause(0.05)
    raise AssertionError(f"never said {text!r} {times} times: {notes}")


@pytest.mark.slow
async def test_publish_from_the_tui_goes_around_the_meetings_and_is_idempotent(dav: DavHelper, plan_path: Path) -> None:
    url = store.load(plan_path).plan.publish.url
    app = make_app(plan=plan_path, today="2027-01-04")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await calendars_read(pilot)
        key = uids.plan_key(app.plan)
        await pilot.press("P")
        await until_screen(pilot, "PublishScreen")
        preview = str(app.screen.query_one("#publish-counts").render())
        listed = str(app.screen.query_one("#publish-list").render()).splitlines()
        assert on_server(dav, url).keys() == {"dentist@example.org"}  # nothing written before the yes
        await pilot.press("y")
        said = await until_said(pilot, notes, "Published to")

        events = on_server(dav, url)
        ours = {u: e for u, e in events.items() if uids.owns(u, key)}
        adds = sum(1 for line in listed if line.split()[0] == "add")
        assert preview == f"Would add {adds}, update 0, delete 0; 0 unchanged."
        assert said.endswith(f"Added {adds}, updated 0, deleted 0; 0 unchanged.")
        assert len(ours) == adds and uids.exam_uid(key) in ours
        assert "dentist@example.org" in events
        for uid, event in ours.items():
            if uid == uids.exam_uid(key):
                continue
            for start, end in sessions_of(event):
                for busy_start, busy_end in MEETINGS:
                    assert end <= busy_start or start >= busy_end, (uid, start, end)
        monday = [e for e in ours.values() if span(e)[0].date() == dt.date(2027, 1, 4)]
        assert len(monday) == 1  # one event per study day, around the class
        assert span(monday[0]) == (dt.datetime(2027, 1, 4, 19, 0), dt.datetime(2027, 1, 4, 21, 0))
        assert sessions_of(monday[0]) == [  # 1 h of study around the class: 19:00-19:30, then 20:30-21:00
            (dt.datetime(2027, 1, 4, 19, 0), dt.datetime(2027, 1, 4, 19, 30)),
            (dt.datetime(2027, 1, 4, 20, 30), dt.datetime(2027, 1, 4, 21, 0)),
        ]
        assert "around busy time" in str(monday[0]["summary"])
        assert "Published at" in str(app.query_one("#calendars").render())

        await pilot.press("P")
        await until_said(pilot, notes, "Nothing to change")
        assert len(app.screen_stack) == 1

        # The replan: Saturdays are given up. Their sessions go; the dentist stays.
        plan = app.plan
        set_plan(app, replace(plan, study=replace(plan.study, availability=(2, 2, 2, 2, 0, 0, 3))))
        await pilot.press("P")
        await until_screen(pilot, "PublishScreen")
        changes = str(app.screen.query_one("#publish-list").render())
        assert "delete" in changes and "Sat 9 Jan 2027" in changes
        await pilot.press("y")
        said = await until_said(pilot, notes, "Published to", times=2)
        assert not said.endswith("deleted 0; 0 unchanged.")
    after = on_server(dav, url)
    assert "dentist@example.org" in after
    saturdays = [u for u, e in after.items() if uids.owns(u, key) and span(e)[0].weekday() == 5]
    assert saturdays == []


@pytest.mark.slow
async def test_no_answers_no_and_a_failed_login_is_one_line_without_the_secret(
    dav: DavHelper, plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = store.load(plan_path).plan.publish.url
    app = make_app(plan=plan_path, today="2027-01-04")
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await calendars_read(pilot)
        await pilot.press("P")
        await until_screen(pilot, "PublishScreen")
        await pilot.press("n")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        assert on_server(dav, url).keys() == {"dentist@example.org"}

        monkeypatch.setenv(PASSWORD_ENV, "not-the-password")
        await pilot.press("P")
        said = await until_said(pilot, notes, "Not published")
    assert said == f"Not published: [publish]: login failed for {dav.server.username} at {url}"
    assert not any("not-the-password" in n or dav.server.password in n for n in notes)
    assert on_server(dav, url).keys() == {"dentist@example.org"}
