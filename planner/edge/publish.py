"""``planner publish``: the study sessions and the exam, written to the user's CalDAV calendar.

A phone and a second machine see the plan through the calendar they already
use. Each study day from today to the exam becomes one event (the day's
practice exams and study, with their clock times in the description), and
the exam one more, under the UIDs of ``export ics``. A day whose sessions
go around busy time from the calendars (a class in the middle of the
evening) is still one event, from its first session to its last; its
description gives each session's times and the busy gaps between them, and
its summary says it goes around busy time.
Publishing is a reconciliation, not an upload: an event already there with
the same content (its ``X-PLANNER-HASH``) is left alone, a changed day is
rewritten, and this plan's own events of days from today on that no longer
have study are deleted. An event is this plan's own when its UID ends in the plan's key and
it carries ``X-PLANNER-PLAN`` with that key: anything else in the calendar
(the user's own events, another plan's) is never touched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Mapping
from typing import Any, Final, NamedTuple
from zoneinfo import ZoneInfo

from planner.core import uids
from planner.core.engine import DayPlan, Session, day_sessions, week_days
from planner.core.fmt import hours
from planner.core.safetext import clean
from planner.core.situation import Situation
from planner.edge.calendars.errors import CalendarError, FetchError

__all__ = ["HASH_PROPERTY", "Change", "PublishResult", "Wanted", "publish", "wanted_events"]

HASH_PROPERTY: Final = "X-PLANNER-HASH"
"""The content an event was written with, so a second run can tell "same" without comparing fields
a server rewrites (DTSTAMP, the order of properties, line folding)."""
_PRODID: Final = "-//planner//published study plan//EN"


class Wanted(NamedTuple):
    """An event as the plan wants it in the calendar."""

    uid: str
    day: dt.date
    summary: str
    ics: str
    """A whole VCALENDAR holding the one event (and its time zone)."""
    fingerprint: str


class Change(NamedTuple):
    action: str
    """``add``, ``update`` or ``delete``."""
    uid: str
    day: dt.date
    summary: str


class PublishResult(NamedTuple):
    """What a publish did (or, on a dry run, would do)."""

    calendar: str
    """The calendar's URL, fit to print."""
    changes: tuple[Change, ...]
    unchanged: int
    dry_run: bool

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)


def _summary(s: Situation, study: tuple[tuple[str, float], ...], sittings: int, names: dict[str, str]) -> str:
    what = ", ".join(f"{names.get(d, d)} {hours(h)} h" for d, h in study)
    if sittings and what:
        return f"Practice exam + study: {what}"
    if sittings:
        count = f" ×{sittings}" if sittings > 1 else ""
        return f"Practice exam{count} (timed, {s.plan.practice.minutes} min)"
    return f"Study: {what}"


def _line(session: Session, names: dict[str, str]) -> str:
    what = ", ".join(f"{names.get(d, d)} {hours(h)} h" for d, h in session.study)
    if session.kind == "practice":
        what = f"practice exam (timed, {session.minutes} min)"
    elif session.kind == "review":
        what = f"review the practice exam, then {what}"
    note = f" ({session.note})" if session.note else ""
    return f"{session.start:%H:%M}–{session.end:%H:%M} {what}{note}"


def _stretches(sessions: tuple[Session, ...]) -> list[list[Session]]:
    """The sessions in runs without a gap: busy time between two sessions starts a new run."""
    out: list[list[Session]] = []
    for session in sessions:
        if out and out[-1][-1].end == session.start:
            out[-1].append(session)
        else:
            out.append([session])
    return out


def _day_text(s: Situation, day: DayPlan) -> tuple[str, str, dt.datetime, dt.datetime] | None:
    """The day's one event (``engine.day_sessions``): its summary, its sessions on the clock with the busy
    gaps between them, and when its first session starts and its last ends; None for a day without study."""
    sessions = day_sessions(s.plan, day, s.busy_on(day.date))
    if not sessions:
        return None
    names = {d.id: clean(d.name, one_line=True) for d in s.plan.domains}
    runs = _stretches(sessions)
    summary = _summary(s, day.study, day.practice_exams, names)
    lines: list[str] = []
    for n, run in enumerate(runs):
        if n:
            lines.append(f"{runs[n - 1][-1].end:%H:%M}–{run[0].start:%H:%M} busy (your calendars)")
        lines.extend(_line(x, names) for x in run)
    if len(runs) > 1:
        summary += " (around busy time)"
    return summary, "\n".join(lines), sessions[0].start, sessions[-1].end


def _event(key: str, uid: str, summary: str, start: dt.datetime, length: dt.timedelta, **more: Any) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("duration", length)
    for name, value in more.items():
        event.add(name, value)
    event.add(uids.MARK_PROPERTY, key)
    return event


def _wrapped(event: Any, day: dt.date, alarm_minutes: int | None, stamp: dt.datetime) -> Wanted:
    from icalendar import Alarm, Calendar

    if alarm_minutes:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", dt.timedelta(minutes=-alarm_minutes))
        alarm.add("description", event["summary"])
        event.add_component(alarm)
    fingerprint = hashlib.sha256(event.to_ical()).hexdigest()[:32]
    event.add(HASH_PROPERTY, fingerprint)
    event.add("dtstamp", stamp)
    cal = Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add_component(event)
    cal.add_missing_timezones()
    return Wanted(str(event["uid"]), day, str(event["summary"]), cal.to_ical().decode("utf-8"), fingerprint)


def wanted_events(s: Situation) -> dict[str, Wanted]:
    """Every event the plan wants in the calendar: one per study day from today, and the exam."""
    plan = s.plan
    zone = ZoneInfo(s.zone)
    key = uids.plan_key(plan)
    alarm = plan.publish.alarm_minutes if plan.publish else None
    stamp = dt.datetime.fromtimestamp(s.now.timestamp(), tz=dt.UTC).replace(microsecond=0)
    out: dict[str, Wanted] = {}
    e = plan.exam
    exam_start = dt.datetime(e.date.year, e.date.month, e.date.day, e.date.hour, e.date.minute, tzinfo=zone)
    title = clean(e.name, one_line=True) + (f" ({clean(e.code, one_line=True)})" if e.code else "")
    length = dt.timedelta(minutes=e.duration_minutes)
    exam = _event(key, uids.exam_uid(key), f"Exam: {title}", exam_start, length, categories=["exam"])
    out[uids.exam_uid(key)] = _wrapped(exam, e.date.date(), alarm, stamp)
    for week in s.schedule.weeks:
        if week.state == "past":
            continue
        for day in week_days(plan, s.schedule, week):
            text = _day_text(s, day) if day.state != "past" else None
            if text is None:
                continue
            summary, description, start, end = text
            uid = uids.session_uid(key, day.date)
            event = _event(
                key,
                uid,
                summary,
                start.replace(tzinfo=zone),
                end - start,
                description=description,
                categories=["study"],
            )
            out[uid] = _wrapped(event, day.date, alarm, stamp)
    return out


class _Found(NamedTuple):
    item: Any
    """The caldav object, to update or delete."""
    uid: str
    day: dt.date
    summary: str
    fingerprint: str | None
    marked: bool


def _found(items: list[Any], key: str, zone: ZoneInfo) -> list[_Found]:
    """This plan's events among ``items`` (by UID); everything else is left out, never to be touched."""
    import icalendar

    out = []
    for item in items:
        try:
            events = icalendar.Calendar.from_ical(item.data).walk("VEVENT")
        except ValueError:
            continue  # not ours to read, and so not ours to touch
        if len(events) != 1 or not uids.owns(str(events[0].get("uid", "")), key):
            continue
        event: Any = events[0]
        start = event["dtstart"].dt
        day = start.astimezone(zone).date() if isinstance(start, dt.datetime) else start
        mark = str(event.get(uids.MARK_PROPERTY, ""))
        fingerprint = str(event[HASH_PROPERTY]) if HASH_PROPERTY in event else None
        out.append(_Found(item, str(event["uid"]), day, str(event.get("summary", "")), fingerprint, mark == key))
    return out


def _plan_changes(
    wanted: dict[str, Wanted], found: list[_Found], today: dt.date
) -> tuple[list[tuple[Change, Wanted | None, _Found | None]], int]:
    steps: list[tuple[Change, Wanted | None, _Found | None]] = []
    by_uid = {f.uid: f for f in found}
    unchanged = 0
    for uid, want in wanted.items():
        have = by_uid.get(uid)
        if have is None:
            steps.append((Change("add", uid, want.day, want.summary), want, None))
        elif have.fingerprint != want.fingerprint or not have.marked:
            steps.append((Change("update", uid, want.day, want.summary), want, have))
        else:
            unchanged += 1
    for have in found:
        if have.uid not in wanted and have.marked and have.day >= today:
            steps.append((Change("delete", have.uid, have.day, have.summary), None, have))
    steps.sort(key=lambda step: (step[0].day, step[0].action))
    return steps, unchanged


def publish(s: Situation, *, dry_run: bool = False, env: Mapping[str, str] = os.environ) -> PublishResult:
    """Bring the ``[publish]`` calendar in line with the plan; ``CalendarError`` (one line) when it cannot."""
    from planner.edge.calendars.dav import opened
    from planner.edge.calendars.net import checked_url, shown_url
    from planner.edge.calendars.password import password

    target = s.plan.publish
    if target is None:
        raise CalendarError("the plan has no [publish] calendar: add url (and username, password_command)")
    url = checked_url("[publish] url", target.url)
    secret = password("[publish]", target.username, target.password_command, env)
    wanted = wanted_events(s)
    key = uids.plan_key(s.plan)
    today = s.now.date()
    done: list[Change] = []
    try:
        with opened(url, target.username, secret) as calendar:
            items: object = calendar.events()
            assert isinstance(items, list)  # the synchronous client's answer
            steps, unchanged = _plan_changes(wanted, _found(items, key, ZoneInfo(s.zone)), today)
            for change, want, have in steps:
                if not dry_run:
                    _apply(calendar, change, want, have)
                done.append(change)
    except FetchError as exc:
        so_far = f" ({len(done)} changes made before it; publish again to finish)" if done and not dry_run else ""
        raise CalendarError(f"[publish]: {exc.message}{so_far}") from None
    return PublishResult(shown_url(url), tuple(done), unchanged, dry_run)


def _apply(calendar: Any, change: Change, want: Wanted | None, have: _Found | None) -> None:
    if change.action == "delete" and have is not None:
        have.item.delete()
    elif change.action == "update" and have is not None and want is not None:
        have.item.data = want.ics
        have.item.save()
    elif want is not None:
        calendar.add_event(want.ics)
