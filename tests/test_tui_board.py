"""Pilot tests of the Resources board: lists, keys, cards, and the edits it asks the app for."""

from __future__ import annotations

import datetime as dt
import webbrowser
from typing import Any

import pytest
from conftest import REFERENCE, screen_text
from planfactory import make_plan
from textual.geometry import Region
from tuihost import Host

from planner.core.model import LogEntry, Plan, Resource, replace
from planner.edge import store
from planner.tui import links
from planner.tui.views.board import CARD_CELLS, LIST_CELLS, card, split_hours
from planner.tui.views.resources import ResourceList, ResourcesView

TODAY = dt.date(2027, 1, 20)

SHARED = Resource(id="udemy", title="A course that covers EDA and Modelling", hours=30, domains=("d1", "d2"))
LONG = Resource(
    id="long",
    title="AWS Certified Machine Learning Specialty — Hands On! (the long edition)",
    hours=12,
    domains=("d2",),
    status="doing",
)
EVERYWHERE = Resource(id="readiness", title="Exam Readiness", hours=4, priority="high")
SMALL = Resource(
    id="docs", title="Developer guide", hours=5, domains=("d3",), priority="low", url="https://example.org/g"
)


def board_plan(*resources: Resource, log: tuple[LogEntry, ...] = ()) -> Plan:
    """Four domains weighted 20/24/36/20 from Mon 4 Jan 2027, the exam on Mon 1 Mar."""
    return make_plan(resources=resources or (SHARED, LONG, EVERYWHERE, SMALL), log=log)


def board(plan: Plan, today: dt.date = TODAY) -> Host:
    return Host(plan, today, ResourcesView(id="resources-view"))


def lists(app: Host) -> list[ResourceList]:
    return list(app.query(ResourceList))


def list_lines(lst: ResourceList) -> list[str]:
    """The lines a list draws, as text (whether or not the board has scrolled it into view)."""
    return [strip.text.rstrip() for strip in lst.render_lines(Region(0, 0, lst.size.width, lst.size.height))]


def shows(lst: ResourceList, text: str) -> bool:
    """Whether the list shows ``text``, wrapped or not (spaces aside: a long word folds without one)."""
    return text.replace(" ", "") in "".join(list_lines(lst)).replace(" ", "")


def card_ids(lst: ResourceList) -> list[str]:
    return [o.id for o in lst.options if o.id is not None]


async def wait(pilot: object) -> None:
    for _ in range(2):
        await pilot.pause()  # type: ignore[attr-defined]


async def start(app: Host, pilot: object) -> None:
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        pytest.param(Resource(id="a", title="a", hours=8, domains=("d2",)), {"d2": 8}, id="one-domain-keeps-all"),
        pytest.param(Resource(id="a", title="a", hours=30, domains=("d1", "d2")), {"d1": 12, "d2": 18}, id="by-weight"),
        pytest.param(Resource(id="a", title="a", hours=8, domains=("d1", "d2")), {"d1": 3, "d2": 5}, id="whole-blocks"),
        pytest.param(
            Resource(id="a", title="a", hours=10, domains=()),
            {"d0": 2, "d1": 2.5, "d2": 3.5, "d3": 2},
            id="no-domain-is-all",
        ),
        pytest.param(
            Resource(id="a", title="a", hours=1.25, domains=("d1", "d2")), {"d1": 0.5, "d2": 0.75}, id="hundredths"
        ),
    ],
)
def test_a_shared_resource_splits_by_weight_and_adds_up(resource: Resource, expected: dict[str, float]) -> None:
    plan = board_plan()
    parts = split_hours(resource, plan.domains, plan.study.granularity_hours)
    assert parts == pytest.approx(expected)
    assert sum(parts.values()) == pytest.approx(resource.hours)


WED = dt.date(2027, 3, 31)
SUN = dt.date(2027, 4, 4)


@pytest.mark.parametrize(
    ("resource", "here", "due", "lines"),
    [
        pytest.param(SMALL, 5, WED, [" L  5 h · course", "by Wed 31 Mar"], id="todo"),
        pytest.param(SHARED, 12, SUN, [" M  12 of 30 h", "by Sun 4 Apr · course"], id="shared-kind-moves-down"),
        pytest.param(SHARED, 12, WED, [" M  12 of 30 h", "by Wed 31 Mar"], id="kind-left-out-when-no-room"),
        pytest.param(LONG, 12, WED, [" M  12 h · course", "doing · by Wed 31 Mar"], id="doing"),
        pytest.param(
            replace(SMALL, status="done", done_on=dt.date(2027, 1, 10)),
            5,
            WED,
            [" L  5 h · course", "done on Sun 10 Jan"],
            id="done",
        ),
        pytest.param(
            replace(SHARED, kind="practice", hours=100.75, status="doing"),
            12.25,
            WED,
            [" M  12.25 of 100.75 h", "doing · by Wed 31 Mar"],
            id="widest",
        ),
    ],
)
def test_a_card_keeps_its_lines_but_the_title_within_a_list(
    resource: Resource, here: float, due: dt.date, lines: list[str]
) -> None:
    title, *rest = card(resource, here, due).plain.split("\n")
    assert title == resource.title
    assert rest == lines
    assert all(len(line) <= CARD_CELLS for line in rest)


def test_zero_weights_split_evenly() -> None:
    plan = make_plan(weights=(0, 0, 1))
    parts = split_hours(Resource(id="a", title="a", hours=4, domains=("d0", "d1")), plan.domains, 0.5)
    assert parts == {"d0": 2, "d1": 2}


async def test_every_list_of_the_reference_plan_fits_at_120_columns() -> None:
    plan = store.load(REFERENCE).plan
    app = board(plan, dt.date(2027, 3, 25))
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        shown = lists(app)
        everywhere = any(not r.domains for r in plan.resources)
        assert len(shown) == len(plan.domains) + everywhere
        for lst in shown:
            assert lst.region.right <= 120, lst.id
            assert lst.region.width >= 20, lst.id
        assert not app.query_one(ResourcesView).has_class("crowded")


async def test_left_and_right_move_between_lists_and_the_board_follows() -> None:
    app = board(board_plan())
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        view = app.query_one(ResourcesView)
        assert view.has_class("crowded")  # five lists of 23 cells do not fit in 80
        shown = lists(app)
        assert app.focused is shown[0]
        for k in range(1, len(shown)):
            await pilot.press("right")
            await pilot.pause()
            assert app.focused is shown[k]
            assert shown[k].region.right <= 80  # scrolled into view
            assert [lst.parent.has_class("current") for lst in shown].count(True) == 1
            assert shown[k].parent.has_class("current")  # its title shows it
        await pilot.press("right")  # the last list stays
        await pilot.pause()
        assert app.focused is shown[-1]
        await pilot.press("left")
        await pilot.pause()
        assert app.focused is shown[-2]
        assert app.focused.highlighted_option is not None


async def test_lists_count_a_shared_resource_by_its_share() -> None:
    app = board(board_plan())
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        by_list = {lst.domain_id: card_ids(lst) for lst in lists(app)}
        assert by_list == {"*all*": ["readiness"], "d0": [], "d1": ["udemy"], "d2": ["udemy", "long"], "d3": ["docs"]}
        text = screen_text(app)
        assert "12 of 30 h" in text and "18 of 30 h" in text
        assert "1 · 0 done · 12 h" in text  # EDA: its share of the course only
        assert "2 · 0 done · 30 h" in text  # Modelling: 18 of the course + 12
        assert "51 h" in text  # the summary: 30 + 12 + 4 + 5, what the lists add up to


async def test_long_titles_wrap_and_the_state_line_stays_whole() -> None:
    app = board(board_plan())
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        modelling = app.query_one("#col-2", ResourceList)
        lines = list_lines(modelling)
        assert modelling.size.width == LIST_CELLS - 1  # the narrowest a list gets (then the board scrolls)
        assert " ".join(lines).count(LONG.title) == 1  # all of it, over several lines
        assert len([line for line in lines if line.strip().startswith("doing · by Sun ")]) == 1


async def test_due_is_the_last_day_of_the_week() -> None:
    app = board(board_plan())
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        due = {p.id: p.due_week for p in app.situation.schedule.resources}
        week = app.situation.schedule.week_of(due["docs"])
        assert week is not None and week.end.weekday() == 6
        assert f"by Sun {week.end.day} {week.end:%b}" in screen_text(app)


async def test_space_ticks_a_card_todo_doing_done_and_back() -> None:
    app = board(board_plan())
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        app.query_one("#col-3", ResourceList).focus()
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert app.plan.resource("docs").status == "doing"
        await pilot.press("space")
        await pilot.pause()
        done = app.plan.resource("docs")
        assert done.status == "done" and done.done_on == TODAY
        assert f"done on {TODAY:%a} {TODAY.day} {TODAY:%b}" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert app.plan.resource("docs").status == "todo" and app.plan.resource("docs").done_on is None
        assert app.labels == ["mark docs doing", "mark docs done", "mark docs todo"]


@pytest.mark.slow
async def test_add_puts_the_resource_in_the_list_shown() -> None:
    app = board(board_plan())
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        app.query_one("#col-0", ResourceList).focus()  # Domain 0, empty
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResourceForm"
        app.screen.query_one("#res-title").value = "Kinesis deep dive [video]"
        app.screen.query_one("#res-hours").value = "3"
        await pilot.click("#save")
        await pilot.pause()
        await pilot.pause()
        added = app.plan.resource("kinesis-deep-dive-video")
        assert added is not None and added.hours == 3 and added.domains == ("d0",)
        assert card_ids(app.query_one("#col-0", ResourceList)) == ["kinesis-deep-dive-video"]
        assert app.focused is app.query_one("#col-0", ResourceList)
        assert shows(app.query_one("#col-0", ResourceList), "Kinesis deep dive [video]")
        assert app.labels == ["add kinesis-deep-dive-video"]


BAD_HOURS = [
    pytest.param("many", "hours: 'many' is not a number of hours", id="words"),
    pytest.param("", "hours: how many hours it takes is missing", id="left-empty"),
    pytest.param("1_0", "hours: '1_0' is not a number of hours", id="underscore"),
    pytest.param("inf", "hours: 'inf' is not a number of hours", id="infinity"),
    pytest.param("-2", "hours: must be at least 0, got -2", id="negative"),
]


@pytest.mark.parametrize(("typed", "said"), BAD_HOURS)
async def test_a_bad_resource_stays_in_the_form_with_the_reason(typed: str, said: str) -> None:
    app = board(board_plan())
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#res-title").value = "Too long"
        app.screen.query_one("#res-hours").value = typed
        await pilot.click("#save")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResourceForm"
        assert said in screen_text(app)
        assert app.labels == []


async def test_enter_in_the_title_of_a_new_resource_does_not_add_one_of_no_hours() -> None:
    app = board(board_plan())
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"alpha", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResourceForm"  # still open, saying what is missing
        assert "how many hours it takes is missing" in screen_text(app)
        app.screen.query_one("#res-hours").value = "0"  # said on purpose, it is taken
        await pilot.click("#save")
        await pilot.pause()
        assert app.labels == ["add alpha"]


@pytest.mark.slow
async def test_edit_changes_the_card_and_a_new_id_keeps_its_log() -> None:
    log = (LogEntry(date=dt.date(2027, 1, 5), hours=1, domain="d3", resource="docs"),)
    app = board(board_plan(SHARED, LONG, EVERYWHERE, SMALL, log=log))
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        app.query_one("#col-3", ResourceList).focus()
        await pilot.press("enter")  # enter on a card edits it, as e does
        await pilot.pause()
        assert type(app.screen).__name__ == "ResourceForm"
        app.screen.query_one("#res-hours").value = "4.5"
        app.screen.query_one("#res-id").value = "guide"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.plan.resource("docs") is None
        assert app.plan.resource("guide").hours == 4.5
        assert app.plan.log[0].resource == "guide"
        assert "4.5 h" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#res-id").value == "guide"
        app.screen.query_one("#res-status").value = "done"
        await pilot.click("#save")
        await wait(pilot)
        assert app.plan.resource("guide").done_on == TODAY  # the form is told today; it never asks a clock


@pytest.mark.slow
async def test_delete_asks_first_and_keeps_the_log_hours() -> None:
    log = (LogEntry(date=dt.date(2027, 1, 5), hours=1, domain="d3", resource="docs"),)
    app = board(board_plan(SHARED, LONG, EVERYWHERE, SMALL, log=log))
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        app.query_one("#col-3", ResourceList).focus()
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")
        await pilot.pause()
        assert app.plan.resource("docs") is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert app.plan.resource("docs") is None
        assert app.plan.log == (replace(log[0], resource=None),)
        assert card_ids(app.query_one("#col-3", ResourceList)) == []
        assert app.labels == ["delete docs"]


async def test_an_edit_refused_by_the_plan_changes_nothing() -> None:
    """The app may have reloaded the file in between: editing a resource that is gone is refused."""
    app = board(board_plan())
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        app.query_one("#col-3", ResourceList).focus()
        app.plan = replace(app.plan, resources=app.plan.resources[:-1])  # reloaded without "docs"
        await pilot.press("space")
        await pilot.pause()
        assert app.refused and "docs" in app.refused[0]


async def test_open_url_and_say_what_happened(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    app = board(board_plan())
    monkeypatch.setattr(links, "open_in_browser", lambda url: opened.append(url) is None)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        app.query_one("#col-3", ResourceList).focus()
        await pilot.press("o")
        app.query_one("#col-all", ResourceList).focus()
        await pilot.press("o")
        await pilot.pause()
    assert opened == ["https://example.org/g"]
    assert app.said == ["Opened https://example.org/g", "This resource has no URL"]


class FakeBrowser(webbrowser.BackgroundBrowser):
    def __init__(self, answer: bool) -> None:
        super().__init__("true")
        self.answer = answer
        self.asked: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.asked.append(url)
        return self.answer


def no_browser() -> webbrowser.BaseBrowser:
    raise webbrowser.Error("could not locate runnable browser")


@pytest.mark.parametrize(
    ("found", "said"),
    [
        pytest.param(lambda: FakeBrowser(True), "Opened https://example.org/g", id="a-browser"),
        pytest.param(no_browser, "No browser could be opened from here; the link: https://example.org/g", id="none"),
        pytest.param(
            lambda: FakeBrowser(False),
            "No browser could be opened from here; the link: https://example.org/g",
            id="it-refused",
        ),
        pytest.param(
            lambda: webbrowser.GenericBrowser("lynx"),
            "No browser could be opened from here; the link: https://example.org/g",
            id="console-browser-not-run-in-our-terminal",
        ),
    ],
)
async def test_open_says_opened_only_when_a_browser_was_asked(
    monkeypatch: pytest.MonkeyPatch, found: Any, said: str
) -> None:
    monkeypatch.setattr(webbrowser, "get", lambda *a: found())
    app = board(board_plan())
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        app.query_one("#col-3", ResourceList).focus()
        await pilot.press("o")
        await pilot.pause()
    assert app.said == [said]


async def test_filters_narrow_the_board() -> None:
    app = board(board_plan())
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        app.query_one("#filter-priority").value = "low"
        await pilot.pause()
        assert {i for lst in lists(app) for i in card_ids(lst)} == {"docs"}
        assert "1 shown · 0/4 done · 5 h" in screen_text(app)


@pytest.mark.slow
async def test_plan_text_is_shown_as_typed() -> None:
    hostile = (
        Resource(id="m1", title="[bold]x[/]", hours=2, domains=("d0",)),
        Resource(id="m2", title="[@click=app.quit]boom[/]", hours=2, domains=("d0",)),
        Resource(id="m3", title="[link=https://evil.example]click[/link] \x1b[31mred\x1b[0m", hours=2),
    )
    plan = board_plan(*hostile)
    plan = replace(plan, domains=(replace(plan.domains[0], name="[red]D[/red]"), *plan.domains[1:]))
    app = board(plan)
    async with app.run_test(size=(160, 50)) as pilot:
        await start(app, pilot)
        text = screen_text(app)
        assert "[red]D[/red]" in text and "\x1b" not in text
        assert shows(app.query_one("#col-0", ResourceList), "[bold]x[/]")
        assert shows(app.query_one("#col-0", ResourceList), "[@click=app.quit]boom[/]")
        assert shows(app.query_one("#col-all", ResourceList), "[link=https://evil.example]click[/link] [31mred[0m")
        app.query_one("#col-0", ResourceList).focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "ResourceForm"
