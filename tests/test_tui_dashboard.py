"""Pilot tests of the dashboard: this week stays in view, the numbers agree with each other."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import screen_text
from textual.widgets import Static
from tui_helpers import opened, set_plan

from planner.core.model import Domain, Practice, replace
from planner.tui.app import make_app


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_this_week_stays_in_view_however_many_warnings(plan_copy: Path, size: tuple[int, int]) -> None:
    # Mid-plan with nothing logged: infeasible, behind, and a late resource for every week gone by.
    app = make_app(plan=plan_copy, today="2027-02-20")
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        assert len(app.situation.alerts) >= 5
        text = screen_text(app)
        assert "This week · Mon 15 Feb – Sun 21 Feb" in text
        for name in ("Data Engineering", "Exploratory Data Analysis", "Modelling", "ML Implementation"):
            assert re.search(rf"\d h  {name}", text), name
        assert "Today:" in text
        assert "RISK" in text, "the first warning still shows"


async def test_the_practice_counts_agree(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2027-03-30")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        sched = app.situation.schedule
        week = sched.week_of(sched.today)
        hint = str(app.query_one("#practice-hint").render())
        card = str(app.query_one("#this-week").render())
        left = re.search(r"(\d+) of 10 practice exams left: (.*) ·", hint)
        assert left, hint
        parts = [int(n) for n in re.findall(r"(\d+) (?:this week|in the weeks after|does not fit|do not fit)", hint)]
        assert sum(parts) == int(left[1]) == sched.practice_needed_exams, hint
        assert f"{week.practice_exams} this week" in hint
        assert f"Practice: {week.practice_exams} timed practice exams" in card


async def test_repeated_warnings_are_grouped_and_the_weak_domain_shift_said_once(plan_copy: Path) -> None:
    import datetime as dt

    from planner.core.model import PracticeResult, replace
    from planner.edge import store

    plan = store.load(plan_copy).plan
    weak = PracticeResult(dt.date(2027, 2, 13), 60, (("eda", 70), ("modelling", 55), ("data-engineering", 90)))
    store.save(
        plan_copy,
        replace(plan, practice=replace(plan.practice, results=(weak,))),
        force=True,
    )
    app = make_app(plan=plan_copy, today="2027-02-20")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        codes = [str(a.code) for a in app.situation.alerts]
        assert codes.count("resource-late") > 1 and codes.count("weak-domain") == 2
        shown = str(app.query_one("#warnings").render())
        assert shown.count("resource-late") == 1 and "resources are late; the oldest" in shown
        assert shown.count("weak-domain") == 1 and shown.count("The remaining hours move") == 1


def _heavier(plan: Any) -> Any:
    first = plan.domains[0]
    return replace(plan, domains=(replace(first, weight=first.weight + 15), *plan.domains[1:]))


def _long_names(plan: Any) -> Any:
    long = " and ".join(["Feature engineering"] * 12)
    return replace(plan, domains=tuple(replace(d, name=f"{d.name}: {long}") for d in plan.domains))


def _much_more_work(plan: Any) -> Any:
    return replace(plan, resources=tuple(replace(r, hours=r.hours * 8) for r in plan.resources))


def _no_weekends(plan: Any) -> Any:
    hours = plan.study.availability
    return replace(plan, study=replace(plan.study, availability=(*hours[:5], 0.0, 0.0)))


def _long_exam_name(plan: Any) -> Any:
    return replace(plan, exam=replace(plan.exam, name="Machine Learning " * 20))


CARD_EDITS = [
    pytest.param(_heavier, id="a-weight-moves-hours"),
    pytest.param(_long_names, id="names-longer-than-a-line"),
    pytest.param(_much_more_work, id="no-longer-fits"),
    pytest.param(_no_weekends, id="fewer-study-days"),
    pytest.param(_long_exam_name, id="a-long-exam-name"),
]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("edit", CARD_EDITS)
async def test_after_an_edit_every_card_is_as_tall_as_what_it_shows(
    plan_copy: Path, size: tuple[int, int], edit: Any
) -> None:
    # The dashboard lays the screen out again only when a card may change height. The edits here keep
    # the number of lines (a weight, long names, a long exam name: the cards that never wrap), add and
    # remove lines (fewer study days), and change what the warnings say (no longer fits: a card that wraps).
    app = make_app(plan=plan_copy, today="2027-02-20")
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        before = {card.id: str(card.render()) for card in app.query(".card").results(Static)}
        assert set_plan(app, edit(app.plan))
        await pilot.pause()
        await pilot.pause()
        changed = 0
        for card in app.query(".card").results(Static):
            if not card.display or card.parent is None or not card.parent.display:
                continue
            changed += str(card.render()) != before[card.id]
            needs = card._render().get_height(card.styles, card.content_size.width)
            assert card.content_size.height == needs, (card.id, card.content_size.height, needs)
        assert changed, "the edit shows on the dashboard"


def _many_domains(count: int) -> Any:
    import datetime as dt

    from planfactory import make_plan

    from planner.core.model import Resource

    weights = tuple(float(5 + k % 7) for k in range(count))
    resources = tuple(
        Resource(id=f"r{k}", title=f"Chapter {k}", hours=3.0, domains=(f"d{k % count}",)) for k in range(2 * count)
    )
    return make_plan(weights=weights, resources=resources, exam=dt.datetime(2027, 4, 26, 9, 0))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("count", [6, 14, 30, 60], ids=lambda n: f"{n}-domains")
@pytest.mark.parametrize(
    "practice", [None, Practice(count=12, minutes=130, weeks_before_exam=9)], ids=["", "practice-due"]
)
async def test_however_many_domains_the_warnings_keep_their_first_line(
    tmp_path: Path, size: tuple[int, int], count: int, practice: Any
) -> None:
    # This week lists a line a domain; past the room the screen has, the rest are counted in one line,
    # so the warnings below keep their first line, and the progress under them lists them all. With a
    # practice exam due, the bar that starts it takes a line or two more (its hint wraps when narrow).
    from planner.edge import store

    path = tmp_path / "many.toml"
    plan = _many_domains(count)
    store.create(path, plan if practice is None else replace(plan, practice=practice))
    app = make_app(plan=path, today="2027-03-03")
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        for _ in range(3):  # laid out, the practice bar may turn out taller than reckoned
            await pilot.pause()
        assert app.query_one("#practice-bar").display == (practice is not None)
        assert app.situation.alerts, "mid-plan with nothing logged: there are warnings"
        text = screen_text(app)
        assert "This week · Mon 1 Mar – Sun 7 Mar" in text and "Today:" in text
        first = str(app.query_one("#warnings").render()).splitlines()[1]
        assert first.strip() and first[:40] in text, first
        week = app.situation.schedule.week_of(app.situation.schedule.today)
        card = str(app.query_one("#this-week").render())
        listed = len(re.findall(r"^\s+[\d.]+ h  Domain \d+", card, re.M))
        more = re.search(r"and (\d+) more domains \(2 Schedule\)", card)
        assert listed + (int(more[1]) if more else 0) == sum(1 for h in week.hours.values() if h)
        if count <= 6:
            assert more is None, "a plan of a few domains lists them all"
        wide = size[0] >= 100
        progress = str(app.query_one("#progress" if wide else "#progress-below").render())
        bars = len(re.findall(r"^Domain \d+ ", progress, re.M))
        counted = re.search(r"^and (\d+) more domains: all under the warnings$", progress, re.M)
        assert bars + (int(counted[1]) if counted else 0) == count
        assert counted is None or wide, "under the warnings, every domain's bar is listed"
        below = app.query_one("#progress-below", Static)
        assert below.display == (not wide or counted is not None), "the whole list is somewhere"
        assert len(re.findall(r"^Domain \d+ ", str(below.render()), re.M)) == count
        if count == 60:  # more lines than either screen has: some are counted, not listed
            assert counted if wide else more, progress if wide else card
        assert progress.splitlines()[-1].startswith("Total")


@pytest.mark.parametrize(("start", "end"), [((80, 24), (120, 40)), ((120, 40), (80, 24))], ids=["widen", "narrow"])
async def test_a_card_edited_while_hidden_is_laid_out_when_shown(
    plan_copy: Path, start: tuple[int, int], end: tuple[int, int]
) -> None:
    # Below 100 columns the hours per domain sit under the warnings and the side card is hidden (and
    # the other way round): a hidden card is updated without a layout, and must fit when it shows.
    app = make_app(plan=plan_copy, today="2027-02-20")
    async with app.run_test(size=start) as pilot:
        await opened(pilot)
        more = tuple(Domain(id=f"extra-{k}", name=f"Extra domain {k}", weight=5.0) for k in range(3))
        assert set_plan(app, replace(app.plan, domains=(*app.plan.domains, *more)))
        await pilot.pause()
        await pilot.resize_terminal(*end)
        for _ in range(3):
            await pilot.pause()
        shown = "#progress" if end[0] >= 100 else "#progress-below"
        card = app.query_one(shown, Static)
        assert card.display and "Extra domain 2" in str(card.render())
        needs = card._render().get_height(card.styles, card.content_size.width)
        assert card.content_size.height == needs


@pytest.mark.parametrize("width", [100, 102, 105, 108, 111, 114, 120, 140])
async def test_the_hours_per_domain_are_never_cut_beside_this_week(plan_copy: Path, width: int) -> None:
    # Side by side, each card gets half the width: where that is too little for a bar and its figures
    # ("0/161 h"), the hours per domain move under the warnings, as below 100 columns.
    from rich.cells import cell_len

    from planner.tui.views.dashboard import DashboardView

    app = make_app(plan=plan_copy, today="2027-01-20")
    async with app.run_test(size=(width, 30)) as pilot:
        await opened(pilot)
        await pilot.pause()
        view = app.query_one(DashboardView)
        card = app.query_one("#progress-below" if view.narrow else "#progress", Static)
        assert card.display
        lines = str(card.render()).splitlines()
        assert lines[-1].startswith("Total") and lines[-1].rstrip().endswith(" h"), lines[-1]
        assert all(cell_len(text) <= card.content_size.width for text in lines), (width, card.content_size, lines)
        if width >= 120:
            assert not view.narrow, "a comfortable terminal keeps them side by side"


SCROLL_BURSTS = [  # (case, keys pressed in one burst, lines the warnings move: a number, or "page" per page)
    ("six downs", ("down",) * 6, 6),
    ("six downs, two ups", ("down",) * 6 + ("up",) * 2, 4),
    ("two page downs", ("pagedown", "pagedown"), "2 pages"),
    ("two page downs, a page up", ("pagedown", "pagedown", "pageup"), "1 page"),
]


@pytest.mark.parametrize(("keys", "moved"), [c[1:] for c in SCROLL_BURSTS], ids=[c[0] for c in SCROLL_BURSTS])
async def test_scroll_keys_pressed_in_a_burst_move_the_warnings_as_far_as_pressed(
    tmp_path: Path, keys: tuple[str, ...], moved: int | str
) -> None:
    """A held key, or keys typed while the app was busy, reach it together: each still moves the warnings."""
    from textual import events

    from planner.edge import store

    path = tmp_path / "many.toml"
    store.create(path, _many_domains(60))
    app = make_app(plan=path, today="2027-03-03")
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        more = app.query_one("#dash-more")
        assert app.focused is more, "the warnings have the keyboard"
        page = more.scrollable_content_region.height
        assert more.max_scroll_y > 2 * page, "room to scroll two pages"
        for key in keys:
            app.post_message(events.Key(key, None))
        await pilot.pause(0.5)  # the scroll is animated
        expected = moved if isinstance(moved, int) else int(moved.split()[0]) * page
        assert more.scroll_target_y == expected
        assert more.scroll_y == expected
