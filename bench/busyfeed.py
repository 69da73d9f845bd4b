"""The calendar figure's inputs: a plan with an https feed, and that feed's fresh copy in a cache folder.

The feed's URL is on ``.invalid`` (a name that never resolves), so no run can
reach a server: the copy is the only way the busy time gets in. The copy is
kept with the planner's own ``cache.store`` under ``$PLANNER_CACHE``, stamped
now, so it is fresh (``FRESH_FOR``) for the samples that follow; a check run
before and after the figure makes sure the busy time came from it and that no
``calendar-stale`` or ``calendar-unreadable`` was reported.

The feed is a working week's evenings over the reference plan's months: two
weekly series (one with a cancelled and a moved instance), about a hundred
single events in UTC, a few all-day days off, and a free (transparent) event.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from measure import Failed, child_env, run

FEED_URL = "https://calendar.invalid/bench/work.ics"
"""Never fetched: ``.invalid`` cannot resolve (RFC 2606)."""
ZONE = "Europe/London"


def feed(first: dt.date, last: dt.date, seed: int = 11) -> bytes:
    """An iCalendar feed of evenings that take study time between ``first`` and ``last``."""
    rng = random.Random(seed)
    stamp = "20261201T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//planner bench//EN", "CALSCALE:GREGORIAN"]

    def event(uid: str, *fields: str) -> None:
        lines.extend(["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", *fields, "END:VEVENT"])

    monday = first - dt.timedelta(days=first.weekday())
    tuesday = monday + dt.timedelta(days=1)
    until = f"{last:%Y%m%d}T235959Z"
    event(
        "evening-class@bench",
        f"DTSTART;TZID={ZONE}:{tuesday:%Y%m%d}T183000",
        f"DTEND;TZID={ZONE}:{tuesday:%Y%m%d}T200000",
        f"RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL={until}",
        f"EXDATE;TZID={ZONE}:{tuesday + dt.timedelta(weeks=3):%Y%m%d}T183000",
        "SUMMARY:Evening class",
    )
    moved = tuesday + dt.timedelta(weeks=5)
    event(
        "evening-class@bench",
        f"RECURRENCE-ID;TZID={ZONE}:{moved:%Y%m%d}T183000",
        f"DTSTART;TZID={ZONE}:{moved + dt.timedelta(days=1):%Y%m%d}T190000",
        f"DTEND;TZID={ZONE}:{moved + dt.timedelta(days=1):%Y%m%d}T203000",
        "SUMMARY:Evening class (moved)",
    )
    event(
        "football@bench",
        f"DTSTART;TZID={ZONE}:{monday + dt.timedelta(days=3):%Y%m%d}T193000",
        f"DTEND;TZID={ZONE}:{monday + dt.timedelta(days=3):%Y%m%d}T210000",
        f"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL={until}",
        "SUMMARY:Football",
    )
    days = (last - first).days
    for k in range(100):
        day = first + dt.timedelta(days=rng.randrange(days))
        begin = dt.datetime.combine(day, dt.time(rng.choice((17, 18, 19, 20)), rng.choice((0, 30))))
        end = begin + dt.timedelta(minutes=rng.choice((30, 60, 90, 120)))
        event(f"single-{k}@bench", f"DTSTART:{begin:%Y%m%dT%H%M%S}Z", f"DTEND:{end:%Y%m%dT%H%M%S}Z", "SUMMARY:Busy")
    for k in range(4):
        day = first + dt.timedelta(days=rng.randrange(days))
        event(
            f"day-off-{k}@bench",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            "SUMMARY:Away",
        )
    event(
        "free@bench",
        f"DTSTART:{first + dt.timedelta(days=2):%Y%m%d}T190000Z",
        f"DTEND:{first + dt.timedelta(days=2):%Y%m%d}T210000Z",
        "TRANSP:TRANSPARENT",
        "SUMMARY:Maybe",
    )
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def write_plan(reference: Path, folder: Path) -> Path:
    """The reference plan with one ``[[calendars]]`` entry: the feed."""
    from planner.core.model import CalendarSource, replace
    from planner.edge import store

    plan = store.load(reference).plan
    if plan.calendars:
        raise Failed(f"{reference.name} has calendars already; the figure needs it without")
    with_feed = replace(plan, calendars=(CalendarSource(id="work", source=FEED_URL, all_day="busy"),))
    path = folder / "reference-calendar.toml"
    path.write_text(store.dumps(with_feed), encoding="utf-8")
    return path


def keep_fresh_copy(plan_path: Path, cache: Path) -> None:
    """Keep the feed's copy in ``cache`` as the planner does after a read, stamped now."""
    from planner.edge import store
    from planner.edge.calendars import cache as kept

    plan = store.load(plan_path).plan
    (source,) = plan.calendars
    first, last = plan.study.start - dt.timedelta(days=1), plan.exam.date.date() + dt.timedelta(days=1)
    copy = kept.Copy(feed(first, last), dt.datetime.now(dt.UTC), None, None)
    kept.store(cache, kept.source_key(source), copy)


def env(cache: Path) -> dict[str, str]:
    return child_env({"PLANNER_CACHE": str(cache)})


def check(planner: list[str], plan_path: Path, today: str, cache: Path) -> float:
    """The busy hours the copy takes off; ``Failed`` when the copy was not what was read."""
    _, _, out = run(
        [*planner, "schedule", "--json", "--plan", str(plan_path), "--today", today], env=env(cache), capture=True
    )
    doc = json.loads(out)
    text = json.dumps(doc)
    for code in ("calendar-stale", "calendar-unreadable"):
        if code in text:
            raise Failed(f"`planner schedule` reported {code}: the cached copy was not used as it is")
    busy = sum(float(week.get("busy_hours") or 0) for week in doc.get("weeks", []))
    if busy <= 0:
        raise Failed("the cached feed took no study time: the figure would not measure the calendar read")
    return busy
