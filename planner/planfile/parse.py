"""Plan file format v1: a TOML document to a ``Plan``, by one validator.

Reading is two steps that every document takes, valid or not, small or big:
the tables are turned into model objects here, checking each value's type
and each key's name (a key a table does not know is refused by name, with a
suggestion when it looks like a typo, because a misspelt ``target_hour``
silently ignored would quietly change somebody's plan); then
``core.rules.check_plan`` judges the values, the same check every edit runs.
The first problem is raised as a ``PlanError`` naming its key path;
``planfile.text`` adds the line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from planner.core.errors import KeyPath, PlanError
from planner.core.model import (
    ALL_DAY_CHOICES,
    CALENDAR_KINDS,
    KINDS,
    LOG_KINDS,
    PRIORITIES,
    SCHEMA,
    STATUSES,
    STRATEGIES,
    WEEKDAYS,
    CalendarSource,
    DayRange,
    Domain,
    Exam,
    Focus,
    LogEntry,
    Plan,
    Practice,
    PracticeResult,
    Publish,
    Reschedule,
    Resource,
    RunningSession,
    Study,
)
from planner.core.rules import (
    ALARM_MINUTES,
    ANCHOR_DAYS,
    CONFIDENCE,
    EXAM_MINUTES,
    FOCUS_BREAK_MINUTES,
    FOCUS_WORK_MINUTES,
    ORDER,
    POSTPONEMENTS,
    PRACTICE_COUNT,
    PRACTICE_WEEKS,
    check_plan,
    check_whole,
    check_year,
    type_name,
)
from planner.planfile.values import (
    Table,
    array,
    boolean,
    choice,
    clock,
    date,
    local_datetime,
    number,
    opt_string,
    required,
    scores,
    string,
    strings,
    table,
    whole,
)
from planner.planfile.write import to_document

__all__ = ["from_document", "to_document", "validated"]


def _keys(*names: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A table's keys in the order messages list them, and as a set to test against."""
    return names, frozenset(names)


_TOP: Final = _keys(
    "schema", "exam", "study", "practice", "domains", "resources", "log", "calendars", "publish", "session", "focus"
)
_EXAM: Final = _keys(
    "name",
    "code",
    "date",
    "timezone",
    "duration_minutes",
    "passing_score",
    "postponements_allowed",
    "reschedule_cutoff_hours",
    "reschedules",
)
_RESCHEDULE: Final = _keys("from", "to", "on", "reason")
_STUDY: Final = _keys(
    "start",
    "target_hours",
    "week_starts",
    "granularity_hours",
    "strategy",
    "availability",
    "start_times",
    "blackouts",
    "overrides",
)
_WEEKDAYS: Final = _keys(*WEEKDAYS)
_BLACKOUT: Final = _keys("start", "end", "days_before_exam", "days", "reason")
_OVERRIDE: Final = _keys("start", "end", "days_before_exam", "days", "hours", "reason")
_PRACTICE: Final = _keys("count", "minutes", "weeks_before_exam", "results")
_RESULT: Final = _keys("date", "score", "domains")
_DOMAIN: Final = _keys("id", "name", "weight", "confidence")
_RESOURCE: Final = _keys(
    "id", "title", "url", "kind", "domains", "hours", "priority", "status", "done_on", "notes", "order", "origin"
)
_LOG: Final = _keys("date", "hours", "domain", "resource", "note", "kind")
_CALENDAR: Final = _keys("id", "source", "kind", "username", "password_command", "all_day")
_PUBLISH: Final = _keys("url", "username", "password_command", "alarm_minutes")
_SESSION: Final = _keys("started", "domain", "resource")
_FOCUS: Final = _keys("work_minutes", "break_minutes", "enabled")
_HOURS: Final = "hours (a number)"


def from_document(doc: Mapping[str, Any]) -> Plan:
    """The plan a parsed TOML document describes, or the first ``PlanError``."""
    _check_schema(doc)
    top = table(dict(doc), (), _TOP[1], _TOP[0])
    domains = _domains(required(top, (), "domains"))
    exam = _exam(required(top, (), "exam"))
    study = _study(required(top, (), "study"), exam)
    plan = Plan(
        exam=exam,
        study=study,
        domains=domains,
        practice=_practice(top["practice"]) if "practice" in top else Practice(),
        resources=_resources(top["resources"]) if "resources" in top else (),
        log=_log(top["log"]) if "log" in top else (),
        schema=SCHEMA,
        calendars=_calendars(top["calendars"]) if "calendars" in top else (),
        publish=_publish(top["publish"]) if "publish" in top else None,
        session=_session(top["session"]) if "session" in top else None,
        focus=_focus(top["focus"]) if "focus" in top else None,
    )
    return check_plan(plan)


def validated(plan: Plan) -> Plan:
    """``plan`` exactly as the loader would read it back from its file, or the ``PlanError`` it would raise.

    This normalises too (whole numbers become floats, seconds leave start
    times), which test factories rely on. Edits do not need it: they check
    with ``core.rules.check_plan``, which judges the same values without TOML.
    """
    return from_document(to_document(plan))


def _check_schema(doc: Mapping[str, Any]) -> None:
    if not doc:
        raise PlanError("the file is empty (it holds no keys); a plan starts with `schema = 1` and an [exam] table", ())
    if "schema" not in doc:
        raise PlanError(
            "is missing: this does not look like a planner plan (it should start with `schema = 1`)", ("schema",)
        )
    schema = doc["schema"]
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise PlanError(f"must be the whole number {SCHEMA}, got {type_name(schema)}", ("schema",))
    if schema > SCHEMA:
        raise PlanError(
            f"is {schema}, newer than this planner understands ({SCHEMA}); upgrade the planner to open it", ("schema",)
        )
    if schema < 1:
        raise PlanError(f"must be {SCHEMA}, got {schema}", ("schema",))


def _items(value: object, key: KeyPath) -> list[Any]:
    """An array of tables at the path ``key`` (its last part is the array's name)."""
    return array(value, key[:-1], str(key[-1]))


def _exam(value: object) -> Exam:
    key: KeyPath = ("exam",)
    t = table(value, key, _EXAM[1], _EXAM[0])
    get = t.get
    cutoff = get("reschedule_cutoff_hours")
    return Exam(
        name=string(required(t, key, "name"), key, "name"),
        code=opt_string(t, key, "code"),
        date=local_datetime(required(t, key, "date"), key, "date"),
        timezone=opt_string(t, key, "timezone"),
        duration_minutes=whole(get("duration_minutes", 120), key, "duration_minutes", EXAM_MINUTES),
        passing_score=None if "passing_score" not in t else number(t["passing_score"], key, "passing_score"),
        postponements_allowed=None
        if "postponements_allowed" not in t
        else whole(t["postponements_allowed"], key, "postponements_allowed", POSTPONEMENTS),
        reschedule_cutoff_hours=24.0 if cutoff is None else number(cutoff, key, "reschedule_cutoff_hours"),
        reschedules=tuple(
            _reschedule(item, ("exam", "reschedules", i))
            for i, item in enumerate(_items(get("reschedules", []), ("exam", "reschedules")))
        ),
    )


def _reschedule(value: object, key: KeyPath) -> Reschedule:
    t = table(value, key, _RESCHEDULE[1], _RESCHEDULE[0])
    return Reschedule(
        from_=local_datetime(required(t, key, "from"), key, "from"),
        to=local_datetime(required(t, key, "to"), key, "to"),
        on=date(required(t, key, "on"), key, "on"),
        reason=opt_string(t, key, "reason") or "",
    )


def _study(value: object, exam: Exam) -> Study:
    key: KeyPath = ("study",)
    t = table(value, key, _STUDY[1], _STUDY[0])
    get = t.get
    availability = table(required(t, key, "availability"), (*key, "availability"), _WEEKDAYS[1], _WEEKDAYS[0])
    hours = tuple(
        number(availability[day], (*key, "availability"), day, _HOURS) if day in availability else 0.0
        for day in WEEKDAYS
    )
    times = table(get("start_times", {}), (*key, "start_times"), _WEEKDAYS[1], _WEEKDAYS[0])
    target = get("target_hours")
    return Study(
        start=date(required(t, key, "start"), key, "start"),
        availability=hours,
        target_hours=None if target is None else number(target, key, "target_hours"),
        week_starts=choice(get("week_starts", "monday"), key, "week_starts", ("monday", "sunday")),
        granularity_hours=number(get("granularity_hours", 0.5), key, "granularity_hours"),
        strategy=choice(get("strategy", "interleaved"), key, "strategy", STRATEGIES),
        start_times=tuple((day, clock(times[day], (*key, "start_times"), day)) for day in WEEKDAYS if day in times),
        blackouts=_ranges(get("blackouts", []), ("study", "blackouts"), exam),
        overrides=_ranges(get("overrides", []), ("study", "overrides"), exam),
    )


def _ranges(value: object, key: KeyPath, exam: Exam) -> tuple[DayRange, ...]:
    with_hours = key[-1] == "overrides"
    keys = _OVERRIDE if with_hours else _BLACKOUT
    out = []
    for i, item in enumerate(_items(value, key)):
        at: KeyPath = (*key, i)
        t = table(item, at, keys[1], keys[0])
        start, end, anchor = _range_days(t, at, exam)
        out.append(
            DayRange(
                start=start,
                end=end,
                reason=opt_string(t, at, "reason") or "",
                hours=number(required(t, at, "hours"), at, "hours", _HOURS) if with_hours else None,
                days_before_exam=anchor,
            )
        )
    return tuple(out)


def _range_days(t: Table, key: KeyPath, exam: Exam) -> tuple[dt.date, dt.date, int | None]:
    """(start, end, days_before_exam): given as dates, or counted back from the exam day."""
    if "days_before_exam" not in t:
        if "days" in t:
            raise PlanError(
                "needs days_before_exam: days counts the days of a range anchored to the exam", (*key, "days")
            )
        start = date(required(t, key, "start"), key, "start")
        return start, date(t["end"], key, "end") if "end" in t else start, None
    for name in ("start", "end"):
        if name in t:
            raise PlanError(
                "give either start and end, or days_before_exam and days, not both",
                (*key, name),
            )
    # Checked before the arithmetic, which would overflow on values the rules refuse anyway.
    anchor = check_whole(
        whole(t["days_before_exam"], key, "days_before_exam", ANCHOR_DAYS), (*key, "days_before_exam"), ANCHOR_DAYS
    )
    days = check_whole(whole(t.get("days", 1), key, "days", ANCHOR_DAYS), (*key, "days"), ANCHOR_DAYS)
    exam_day = check_year(exam.date.date(), ("exam", "date"))
    start = exam_day - dt.timedelta(days=anchor)
    return start, start + dt.timedelta(days=days - 1), anchor


def _practice(value: object) -> Practice:
    key: KeyPath = ("practice",)
    t = table(value, key, _PRACTICE[1], _PRACTICE[0])
    get = t.get
    return Practice(
        count=whole(get("count", 0), key, "count", PRACTICE_COUNT),
        minutes=whole(get("minutes", 120), key, "minutes", EXAM_MINUTES),
        weeks_before_exam=whole(get("weeks_before_exam", 1), key, "weeks_before_exam", PRACTICE_WEEKS),
        results=tuple(
            _result(item, ("practice", "results", i))
            for i, item in enumerate(_items(get("results", []), ("practice", "results")))
        ),
    )


def _result(value: object, key: KeyPath) -> PracticeResult:
    t = table(value, key, _RESULT[1], _RESULT[0])
    return PracticeResult(
        date=date(required(t, key, "date"), key, "date"),
        score=number(required(t, key, "score"), key, "score"),
        domains=scores(t["domains"], key, "domains") if "domains" in t else (),
    )


def _domains(value: object) -> tuple[Domain, ...]:
    out = []
    for i, item in enumerate(_items(value, ("domains",))):
        key: KeyPath = ("domains", i)
        t = table(item, key, _DOMAIN[1], _DOMAIN[0])
        confidence = t.get("confidence")
        out.append(
            Domain(
                id=string(required(t, key, "id"), key, "id"),
                name=string(required(t, key, "name"), key, "name"),
                weight=number(required(t, key, "weight"), key, "weight"),
                confidence=None if confidence is None else whole(confidence, key, "confidence", CONFIDENCE),
            )
        )
    return tuple(out)


def _resources(value: object) -> tuple[Resource, ...]:
    return tuple(_resource(item, ("resources", i)) for i, item in enumerate(_items(value, ("resources",))))


def _resource(value: object, key: KeyPath) -> Resource:
    """One ``[[resources]]`` table: the loader's hot loop (big plans hold thousands).

    Each value is tested once, inline; only a value of the wrong type (or a
    missing one) calls a helper of ``planfile.values``, which words the error.
    """
    t = table(value, key, _RESOURCE[1], _RESOURCE[0])
    get = t.get
    rid, title, hours = get("id"), get("title"), get("hours")
    if not isinstance(rid, str):
        rid = string(required(t, key, "id"), key, "id")
    if not isinstance(title, str):
        title = string(required(t, key, "title"), key, "title")
    if not isinstance(hours, float):
        hours = number(required(t, key, "hours"), key, "hours", _HOURS)
    kind, priority, status = get("kind", "course"), get("priority", "medium"), get("status", "todo")
    if not isinstance(kind, str):
        kind = choice(kind, key, "kind", KINDS)
    if not isinstance(priority, str):
        priority = choice(priority, key, "priority", PRIORITIES)
    if not isinstance(status, str):
        status = choice(status, key, "status", STATUSES)
    url, notes, origin = get("url"), get("notes", ""), get("origin")
    if not (url is None or isinstance(url, str)):
        url = string(url, key, "url")
    if not isinstance(notes, str):
        notes = string(notes, key, "notes")
    if not (origin is None or isinstance(origin, str)):
        origin = string(origin, key, "origin")
    listed, done_on, order = get("domains"), get("done_on"), get("order")
    return Resource(
        rid,
        title,
        hours,
        kind,
        url,
        () if listed is None else strings(listed, key, "domains", "domain id"),
        priority,
        status,
        None if done_on is None else date(done_on, key, "done_on"),
        notes,
        None if order is None else whole(order, key, "order", ORDER),
        origin,
    )


def _log(value: object) -> tuple[LogEntry, ...]:
    return tuple(_log_entry(item, ("log", i)) for i, item in enumerate(_items(value, ("log",))))


def _log_entry(value: object, key: KeyPath) -> LogEntry:
    """One ``[[log]]`` table, tested inline like ``_resource`` (the log grows by the day)."""
    t = table(value, key, _LOG[1], _LOG[0])
    get = t.get
    day, hours, kind = get("date"), get("hours"), get("kind", "study")
    if not (isinstance(day, dt.date) and not isinstance(day, dt.datetime)):
        day = date(required(t, key, "date"), key, "date")
    if not isinstance(hours, float):
        hours = number(required(t, key, "hours"), key, "hours", _HOURS)
    if not isinstance(kind, str):
        kind = choice(kind, key, "kind", LOG_KINDS)
    domain, resource, note = get("domain"), get("resource"), get("note", "")
    if not (domain is None or isinstance(domain, str)):
        domain = string(domain, key, "domain")
    if not (resource is None or isinstance(resource, str)):
        resource = string(resource, key, "resource")
    if not isinstance(note, str):
        note = string(note, key, "note")
    return LogEntry(day, hours, domain, resource, note, kind)


def _calendars(value: object) -> tuple[CalendarSource, ...]:
    out = []
    for i, item in enumerate(_items(value, ("calendars",))):
        key: KeyPath = ("calendars", i)
        t = table(item, key, _CALENDAR[1], _CALENDAR[0])
        out.append(
            CalendarSource(
                id=string(required(t, key, "id"), key, "id"),
                source=string(required(t, key, "source"), key, "source"),
                kind=choice(t.get("kind", "ics"), key, "kind", CALENDAR_KINDS),
                username=opt_string(t, key, "username"),
                password_command=opt_string(t, key, "password_command"),
                all_day=choice(t.get("all_day", "busy"), key, "all_day", ALL_DAY_CHOICES),
            )
        )
    return tuple(out)


def _publish(value: object) -> Publish:
    key: KeyPath = ("publish",)
    t = table(value, key, _PUBLISH[1], _PUBLISH[0])
    alarm = t.get("alarm_minutes")
    return Publish(
        url=string(required(t, key, "url"), key, "url"),
        username=opt_string(t, key, "username"),
        password_command=opt_string(t, key, "password_command"),
        alarm_minutes=None if alarm is None else whole(alarm, key, "alarm_minutes", ALARM_MINUTES),
    )


def _session(value: object) -> RunningSession:
    key: KeyPath = ("session",)
    t = table(value, key, _SESSION[1], _SESSION[0])
    return RunningSession(
        started=local_datetime(required(t, key, "started"), key, "started"),
        domain=string(required(t, key, "domain"), key, "domain"),
        resource=opt_string(t, key, "resource"),
    )


def _focus(value: object) -> Focus:
    key: KeyPath = ("focus",)
    t = table(value, key, _FOCUS[1], _FOCUS[0])
    get = t.get
    return Focus(
        work_minutes=whole(get("work_minutes", 25), key, "work_minutes", FOCUS_WORK_MINUTES),
        break_minutes=whole(get("break_minutes", 5), key, "break_minutes", FOCUS_BREAK_MINUTES),
        enabled=boolean(get("enabled", False), key, "enabled"),
    )
