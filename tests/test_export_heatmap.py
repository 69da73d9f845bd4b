"""The printed page shows the days studied as a heatmap with the streaks (issue 14)."""

from __future__ import annotations

import datetime as dt
import re

import pendulum
import pytest
from conftest import REFERENCE

from planner.core.model import LogEntry, replace
from planner.core.situation import situate
from planner.edge import store
from planner.export.html import render_html

ZONE = "Europe/London"
PLAN = store.load(REFERENCE).plan


def page(log: tuple[LogEntry, ...], today: str) -> str:
    plan = replace(PLAN, log=log)
    year, month, day = map(int, today.split("-"))
    s = situate(plan, pendulum.datetime(year, month, day, tz=ZONE), ZONE)
    return render_html(s, list(s.schedule.weeks))


def cells(html: str) -> dict[str, tuple[int, str]]:
    """Each day shown: its shade and its hours, from the cells' classes and titles."""
    found = re.findall(r"<td class=l(\d) title='(\d{4}-\d\d-\d\d): ([\d.]+) h'></td>", html)
    return {day: (int(level), hours) for level, day, hours in found}


def study(day: str, hours: float, domain: str = "modelling") -> LogEntry:
    return LogEntry(dt.date.fromisoformat(day), hours, domain)


def test_a_plan_with_nothing_logged_has_no_heatmap() -> None:
    assert "Days studied" not in page((), "2026-12-16")


def test_every_day_from_the_start_to_today_is_a_cell_shaded_by_its_hours() -> None:
    html = page((study("2026-12-08", 1.5), study("2026-12-13", 3.5, "eda"), study("2026-12-13", 1.5)), "2026-12-16")
    shown = cells(html)
    assert sorted(shown) == [f"2026-12-{d:02d}" for d in range(7, 17)]
    assert shown["2026-12-13"] == (4, "5")  # the busiest day is the darkest
    assert shown["2026-12-08"] == (2, "1.5")
    assert shown["2026-12-09"] == (0, "0")


@pytest.mark.parametrize(
    ("days", "current", "longest"),
    [
        pytest.param(
            ["08", "09", "10", "12", "13", "15"], 1, 5, id="a-rest-friday-keeps-the-run-a-missed-monday-ends-it"
        ),
        pytest.param(["14", "15"], 2, 2, id="today-without-study-yet-keeps-the-streak"),
        pytest.param(["08"], 0, 1, id="an-old-run-is-only-the-longest"),
    ],
)
def test_the_streaks_are_printed(days: list[str], current: int, longest: int) -> None:
    html = page(tuple(study(f"2026-12-{d}", 1.0) for d in days), "2026-12-16")
    plural = lambda n: f"{n} day" + ("" if n == 1 else "s")
    assert f"Streak {plural(current)} · longest {plural(longest)}" in html
