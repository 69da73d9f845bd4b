"""The first screen, worked out by the child that reads the plan while the app imports Textual.

What a user would notice if it went wrong: a first frame without the plan,
a dashboard that changes as the plan is really opened, another moment or
another plan than the one asked for, or an app that waits on a child that
failed.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from conftest import screen_text
from tui_helpers import opened

from planner.core.model import replace
from planner.edge import clock, store
from planner.edge.prefetch import Prefetch
from planner.tui import opener
from planner.tui.app import PlannerApp, make_app
from planner.tui.launch import start_reading
from planner.tui.opening import first_screen, now_source
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
    assert first == dashparts.cards(here, plan_copy, None)
    assert first.exam[0][1][0].strip() == loaded.plan.exam.code  # the plan's own code, not a template's


def test_another_plan_is_another_first_screen(plan_copy: Path) -> None:
    other = plan_copy.with_name("other.toml")
    plan = store.load(plan_copy).plan
    other.write_text(store.dumps(replace(plan, exam=replace(plan.exam, code="XYZ-99"))), encoding="utf-8")
    prefetch = Prefetch.start(other, partial(first_screen, today="2027-01-04"))
    assert prefetch is not None
    first = prefetch.first(30)
    assert isinstance(first, dashparts.Cards)
    assert "XYZ-99" in "".join(text for line in first.exam for text, _ in line)
    prefetch.cancel()


def _broken(loaded: object) -> object:
    raise RuntimeError("the first screen could not be worked out")


def _slow(loaded: object) -> object:
    time.sleep(2)
    return "late"


def test_a_first_screen_that_fails_still_sends_the_plan(plan_copy: Path) -> None:
    prefetch = Prefetch.start(plan_copy, _broken)
    assert prefetch is not None
    assert prefetch.first(30) is None
    assert prefetch.result() == store.load(plan_copy)


def test_a_first_screen_too_late_is_skipped_and_the_plan_still_comes(plan_copy: Path) -> None:
    prefetch = Prefetch.start(plan_copy, _slow)
    assert prefetch is not None
    started = time.monotonic()
    assert prefetch.first(0.05) is None
    assert time.monotonic() - started < 1.5  # it did not wait for the child
    assert prefetch.result() == store.load(plan_copy)  # the late first message is passed over


def test_a_plan_that_does_not_load_gives_no_first_screen(plan_copy: Path) -> None:
    plan_copy.write_text(plan_copy.read_text(encoding="utf-8") + "\n[exam\n", encoding="utf-8")
    prefetch = Prefetch.start(plan_copy, partial(first_screen, today="2027-01-04"))
    assert prefetch is not None
    assert prefetch.first(30) is None
    assert prefetch.result() is None


def _dashboard_text(app: PlannerApp) -> dict[str, str]:
    return {w.id or "": str(w.render()) for w in app.query("DashboardView Static") if w.display}


@pytest.mark.parametrize("today", MOMENTS)
async def test_the_first_frame_holds_the_plan_and_opening_it_changes_nothing(
    plan_copy: Path, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}
    open_at_once = PlannerApp._open_at_once

    def first_frame_then_open(self: PlannerApp, path: Path) -> None:
        seen.update(situation=self.situation, text=screen_text(self), cards=_dashboard_text(self))
        open_at_once(self, path)

    monkeypatch.setattr(PlannerApp, "_open_at_once", first_frame_then_open)
    app = make_app(plan=plan_copy, today=today, prefetch=start_reading(str(plan_copy), None, today))
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert seen, "the plan was not taken after a first frame"
        assert seen["situation"] is None  # the app had not planned anything itself yet
        code = app.situation.plan.exam.code
        assert code and code in seen["text"] and "This week" in seen["text"]
        assert _dashboard_text(app) == seen["cards"]


async def test_a_child_that_cannot_prepare_in_time_leaves_the_app_to_read_the_plan(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opener, "FIRST_SCREEN_SECONDS", 0.05)
    prefetch = Prefetch.start(plan_copy, _slow)
    started = time.monotonic()
    app = make_app(plan=plan_copy, today="2027-01-04", prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert time.monotonic() - started < 1.8  # read here, not after the child's two seconds
        assert app.situation is not None and app.situation.plan == store.load(plan_copy).plan
        assert "This week" in screen_text(app)


async def test_a_child_whose_first_screen_fails_leaves_the_app_to_read_the_plan(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2027-01-04", prefetch=Prefetch.start(plan_copy, _broken))
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert app.situation is not None and app.situation.plan == store.load(plan_copy).plan
