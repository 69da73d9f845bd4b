"""``planner export ics`` on a plan with calendars: the feed's sessions go around the meetings.

The plan and its calendars are the hold-out's (``test_calendars_holdout``),
read from files beside the plan, as a user runs the command.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
from test_calendars_cli import FILES, planner, write_plan
from test_publish_caldav import HOLDOUT, holdout_meetings


def test_export_ics_lays_the_sessions_around_the_calendars_meetings(tmp_path: Path) -> None:
    path = write_plan(tmp_path, FILES)
    r = planner("export", "ics", "--plan", str(path), folder=tmp_path)
    assert (r.code, r.err) == (0, "")
    events = icalendar.Calendar.from_ical(r.out).walk("VEVENT")
    sessions = sorted(
        (e["dtstart"].dt, e["dtstart"].dt + e["duration"].dt, str(e["uid"]))
        for e in events
        if "exam" not in str(e["uid"])
    )
    work, busy_days = holdout_meetings((HOLDOUT / "holdout-work.ics").read_bytes(), all_day_busy=True)
    home, _ = holdout_meetings((HOLDOUT / "holdout-home.ics").read_bytes(), all_day_busy=False)
    for start, end, uid in sessions:
        assert not [m for m in work + home if m[0] < end and start < m[1]], uid
        assert start.date() not in busy_days, uid
    assert len({uid for _, _, uid in sessions}) == len(sessions)
    # Monday 4 Jan, 2 h from 19:00, the class 19:30-20:30 London: the half hours either side of it.
    monday = [f"{a:%H:%M}-{b:%H:%M}" for a, b, _ in sessions if a.date() == dt.date(2027, 1, 4)]
    assert monday == ["19:00-19:30", "20:30-21:00"]
