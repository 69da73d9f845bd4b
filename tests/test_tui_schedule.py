"""Pilot tests of the Schedule tab: this week in view, and its numbers are the command line's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_planner, screen_text
from tui_helpers import opened, show_tab

from planner.tui.app import make_app


@pytest.mark.slow
async def test_this_week_is_in_view_at_80x24_and_its_days_add_up(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2027-02-20")
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "2", "schedule")
        await pilot.pause()
        text = screen_text(app)
        assert "▶ Mon 15 Feb" in text, "the current week is scrolled into view"
        detail = str(app.query_one("#week-detail").render())
        total = float(re.search(r"current · ([\d.]+) h", detail)[1])
        days = [float(h) for h in re.findall(r"^\w{3} \d\d +([\d.]+) h", detail, re.MULTILINE)]
        assert len(days) == 7 and abs(sum(days) - total) < 1e-9, detail


@pytest.mark.slow
async def test_the_week_rows_are_the_command_line_s(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2027-01-20")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "2", "schedule")
        text = screen_text(app)
    cli = run_planner("schedule", "--plan", str(plan_copy), "--today", "2027-01-20").out
    for line in cli.splitlines():
        m = re.match(r"[> ](\w{3} \d{1,2} \w{3}) +([\d.]+)((?: +[\d.·]+)+)$", line)
        if not m:
            continue
        numbers = m[3].split()
        day, month = m[1].split()[1:]
        row = re.search(rf"Mon {int(day):02d} {month} +{re.escape(m[2])} +(.*)", text)
        assert row, line
        assert row[1].split()[: len(numbers)] == numbers, (line, row[0])
