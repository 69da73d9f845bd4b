"""The calendar feed (RFC 5545), written with the icalendar library.

The exam is an event at its local time in its own zone (with a VTIMEZONE),
each study day is laid out on the clock by ``engine.day_sessions`` (its
start time, or early enough to end by 23:00; each practice exam its real
minutes with its review after it; around the calendars' busy time, a
session's note in its description). UIDs depend only on the plan and the
day, so importing a new export updates the events instead of duplicating them.
Only what lies from today on is exported: the past is in the log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final
from zoneinfo import ZoneInfo

from planner.core import fmt, uids
from planner.core.engine import Week, day_sessions, week_days
from planner.core.safetext import clean
from planner.core.situation import Situation

__all__ = ["PRODID", "plan_key", "render", "render_feed"]

PRODID: Final = "-//planner//study plan//EN"
"""Who made the feed, as RFC 5545 asks; calendar clients show it when they import."""


def plan_key(s: Situation) -> str:
    """Stable across exports and reschedules of the same plan (``publish`` uses the same UIDs)."""
    return uids.plan_key(s.plan)


def _remind(event: Any, s: Situation) -> None:
    """The reminder ``[publish] alarm_minutes`` asks for, before each event."""
    minutes = s.plan.publish.alarm_minutes if s.plan.publish else None
    if minutes:
        from icalendar import Alarm

        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", dt.timedelta(minutes=-minutes))
        alarm.add("description", event.get("summary", "planner"))
        event.add_component(alarm)


def render_feed(s: Situation, weeks: Sequence[Week] = ()) -> str:
    """The feed as the export registry wants it (CRLF line ends kept); a feed is always from today on."""
    return render(s).decode("utf-8")


def render(s: Situation) -> bytes:
    from icalendar import Calendar, Event

    plan = s.plan
    zone = ZoneInfo(s.zone)
    key = plan_key(s)
    stamp = dt.datetime.fromtimestamp(s.now.timestamp(), tz=dt.UTC)
    names = {d.id: clean(d.name, one_line=True) for d in plan.domains}
    title = clean(plan.exam.name, one_line=True)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Study plan: {title}")

    d = plan.exam.date
    exam_start = dt.datetime(d.year, d.month, d.day, d.hour, d.minute, d.second, tzinfo=zone)
    exam = Event()
    exam.add("uid", uids.exam_uid(key))
    exam.add("dtstamp", stamp)
    exam.add("dtstart", exam_start)
    exam.add("duration", dt.timedelta(minutes=plan.exam.duration_minutes))
    exam.add("summary", f"Exam: {title}" + (f" ({clean(plan.exam.code, one_line=True)})" if plan.exam.code else ""))
    exam.add("categories", ["exam"])
    _remind(exam, s)
    cal.add_component(exam)

    by_id = {r.id: r for r in plan.resources}
    for week in s.schedule.weeks:
        if week.state == "past":
            continue
        due = [r for rid in week.resources_due if (r := by_id.get(rid)) and r.status != "done"]
        for day in week_days(plan, s.schedule, week):
            if day.state == "past":
                continue
            for session in day_sessions(plan, day, s.busy_on(day.date)):
                event = Event()
                event.add("uid", uids.event_uid(key, session.key))
                event.add("dtstamp", stamp)
                event.add("dtstart", session.start.replace(tzinfo=zone))
                event.add("duration", session.end - session.start)
                what = ", ".join(f"{names[i]} {fmt.hours_h(h)}" for i, h in session.study)
                about = [session.note] if session.note else []
                if session.kind == "practice":
                    event.add("summary", f"Practice exam (timed, {plan.practice.minutes} min)")
                    event.add("categories", ["practice"])
                else:
                    head = "Review the practice exam, then study" if session.kind == "review" else "Study"
                    event.add("summary", f"{head}: {what}")
                    if due:
                        about.append("Due this week: " + "; ".join(clean(r.title, one_line=True) for r in due))
                    event.add("categories", ["study"])
                if about:
                    event.add("description", "\n".join(about))
                _remind(event, s)
                cal.add_component(event)
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data
