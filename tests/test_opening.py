"""The first screen, worked out by the child that reads the plan while the app imports Textual.

What a user would notice if it went wrong: a first frame without the plan,
a dashboard that changes as the plan is really opened, another moment or
another plan than the one asked for, or an app that waits on a child that
failed.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from conftest import screen_text
from tui_helpers import opened

from planner.core.model import RunningSession, replace
from planner.edge import clock, store
from planner.edge.prefetch import Prefetch
from planner.tui import calendars, opener
from planner.tui.app import PlannerApp, make_app
from planner.tui.launch import start_reading
from planner.tui.opening import FirstScreen, first_screen, now_source
from planner.tui.views import dashparts

MOMENTS = [
    pytest.param("2026-12-07", id="months before, nothing behind"),
    pytest.param("2027-02-20", id="mid-plan, behind, warnings"),
    pytest.param("2027-04-10", id="the practice weeks"),
    pytest.param("2027-01-04T21:30", id="late in the evening"),
]


@pytest.mark.parametrize("today", MOMENTS)
def test_the_child_sends_the_cards_of_the_plan_at_that_moment(plan_copy: Path, today: str) -> None:
    prefetch = Prefetch.start(plan_copy, partial(first_screen, today=today))
    assert prefetch is not None
    first = prefetch.first(30)
    loaded = prefetch.result()
    assert loaded == store.load(plan_copy)
    from planner.core.situation import situate

    zone = clock.plan_zone(loaded.plan)
    here = situate(loaded.plan, now_source(today)(zone), zone, here=clock.local_zone())
    assert isinstance(first, FirstScreen)
    assert first.cards == dashparts.cards(here, plan_copy, None)  # no calendars: no calendar card
    assert first.cards.exam[0][1][0].strip() == loaded.plan.exam.code  # the plan's own code, not a template's
    assert first.session is None


def test_another_plan_is_another_first_screen(plan_copy: Path) -> None:
    other = plan_copy.with_name("other.toml")
    plan = store.load(plan_copy).plan
    other.write_text(store.dumps(replace(plan, exam=replace(plan.exam, code="XYZ-99"))), encoding="utf-8")
    prefetch = Prefetch.start(other, partial(first_screen, today="2027-01-04"))
    assert prefetch is not None
    first = prefetch.first(30)
    assert isinstance(first, FirstScreen)
    assert "XYZ-99" in "".join(text for line in first.cards.exam for text, _ in line)
    prefetch.cancel()


def _broken(loaded: object) -> object:
    raise RuntimeError("the first screen could not be worked out")


def _slow(loaded: object) -> object:
    time.sleep(30)  # the app does not wait for it, and stops it
    return "late"


def _big(loaded: object) -> bytes:
    return b"x" * 8_000_000


def test_a_first_screen_that_fails_still_sends_the_plan(plan_copy: Path) -> None:
    prefetch = Prefetch.start(plan_copy, _broken)
    assert prefetch is not None
    assert prefetch.first(30) is None
    assert prefetch.result() == store.load(plan_copy)


def test_a_first_screen_too_late_is_not_worked_out_and_the_plan_comes_at_once(plan_copy: Path) -> None:
    """The app stops waiting (a huge plan): the child is told, and sends the plan without the first screen."""
    prefetch = Prefetch.start(plan_copy, _slow)
    assert prefetch is not None
    time.sleep(0.5)  # the child is in the thirty seconds of ``_slow``
    assert prefetch.first(0.05) is None
    started = time.monotonic()
    assert prefetch.result() == store.load(plan_copy)
    assert time.monotonic() - started < 10  # not after the child's thirty seconds
    assert prefetch.first(30) is None  # given up: not taken later either


def test_a_first_screen_cut_off_mid_message_is_passed_over(plan_copy: Path) -> None:
    """``first`` timed out while part of the first screen had come: ``result`` reads past the rest of it."""
    prefetch = Prefetch.start(plan_copy, _big)
    assert prefetch is not None
    fd = prefetch._fd
    assert fd is not None
    while prefetch._message(fd, time.monotonic() + 0.001) is None and not prefetch._buffer:
        pass  # as a timed-out ``first`` leaves it: some of the eight megabytes read
    assert prefetch._buffer and len(prefetch._buffer) < 8_000_000
    assert prefetch.result() == store.load(plan_copy)


def test_a_plan_that_does_not_load_gives_no_first_screen(plan_copy: Path) -> None:
    plan_copy.write_text(plan_copy.read_text(encoding="utf-8") + "\n[exam\n", encoding="utf-8")
    prefetch = Prefetch.start(plan_copy, partial(first_screen, today="2027-01-04"))
    assert prefetch is not None
    assert prefetch.first(30) is None
    assert prefetch.result() is None


def _with_calendars(plan: Path) -> str:
    """The plan reading a calendar (from a file that is not there: it is read after the first frame anyway)
    and publishing its sessions."""
    extra = '\n[[calendars]]\nid = "work"\nsource = "work.ics"\n\n[publish]\nurl = "https://dav.invalid/study/"\n'
    return plan.read_text(encoding="utf-8") + extra


def _with_session(plan: Path) -> str:
    loaded = store.load(plan).plan
    running = RunningSession(dt.datetime(2027, 1, 4, 18, 30), loaded.domains[2].id)
    return store.dumps(replace(loaded, session=running))


PLANS = [
    pytest.param(None, "2026-12-07", id="the reference plan"),
    pytest.param(None, "2027-02-20", id="behind, with warnings"),
    pytest.param(None, "2027-04-10", id="in the practice weeks"),
    pytest.param(_with_calendars, "2027-01-04", id="calendars and publish"),
    pytest.param(_with_session, "2027-01-04T19:05", id="a session running"),
]


def _shown(app: PlannerApp) -> dict[str, object]:
    """What a user sees of the plan: each card's text and style, the dashboard's state, the keys, the session bar."""
    from planner.tui.widgets.footer import shown_keys

    cards = {
        w.id or "": (str(w.render()), w.render().spans if hasattr(w.render(), "spans") else None)
        for w in app.query("DashboardView Static")
        if w.display
    }
    dashboard = app.query_one("DashboardView")
    return {
        "cards": cards,
        "classes": sorted(dashboard.classes),
        # The keys the key bar shows (Textual's footer draws them a frame after the first, whoever opens the plan).
        "keys": [(binding.key, enabled) for binding, enabled, _ in shown_keys(app.screen)],
        "session bar": (app.session_bar.display, str(app.session_bar.render())),
    }


@pytest.mark.parametrize(("change", "today"), PLANS)
async def test_the_first_frame_holds_the_plan_and_opening_it_changes_nothing(
    plan_copy: Path, change: Any, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if change is not None:
        plan_copy.write_text(change(plan_copy), encoding="utf-8")
    seen: dict[str, Any] = {}
    open_at_once = PlannerApp._open_at_once

    def first_frame_then_open(self: PlannerApp, path: Path) -> None:
        seen.update(situation=self.situation, text=screen_text(self), first=_shown(self))
        open_at_once(self, path)

    monkeypatch.setattr(PlannerApp, "_open_at_once", first_frame_then_open)
    never = threading.Event()
    monkeypatch.setattr(calendars, "read", lambda *args, **kwargs: never.wait())  # calendars still being read
    app = make_app(plan=plan_copy, today=today, prefetch=start_reading(str(plan_copy), None, today))
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        for _ in range(5):
            await pilot.pause()
        assert seen, "the plan was not taken after a first frame"
        assert seen["situation"] is None  # the app had not planned anything itself yet
        code = app.situation.plan.exam.code
        assert code and code in seen["text"] and "This week" in seen["text"]
        assert _shown(app) == seen["first"]  # the plan open, as the first frame showed it


async def test_a_child_that_cannot_prepare_in_time_leaves_the_app_to_read_the_plan(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opener, "FIRST_SCREEN_SECONDS", 0.05)
    prefetch = Prefetch.start(plan_copy, _slow)
    started = time.monotonic()
    app = make_app(plan=plan_copy, today="2027-01-04", prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert time.monotonic() - started < 15  # read here, not after the child's thirty seconds
        assert app.situation is not None and app.situation.plan == store.load(plan_copy).plan
        assert "This week" in screen_text(app)


async def test_a_child_whose_first_screen_fails_leaves_the_app_to_read_the_plan(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2027-01-04", prefetch=Prefetch.start(plan_copy, _broken))
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert app.situation is not None and app.situation.plan == store.load(plan_copy).plan
