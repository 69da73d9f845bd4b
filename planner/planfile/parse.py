"""Plan file format v1: a TOML document to a ``Plan`` and back.

Validation is one pass over the document. Every table knows its keys; a key
it does not know is refused by name (with a suggestion when it looks like a
typo), because a misspelt ``target_hour`` that is silently ignored would
quietly change somebody's plan. The first problem found is raised as a
``PlanError`` that names the key path; ``store`` adds the file and line.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

from planner.core.errors import KeyPath, PlanError
from planner.core.model import (
    KINDS,
    LOG_KINDS,
    PRIORITIES,
    SCHEMA,
    STATUSES,
    STRATEGIES,
    WEEKDAYS,
    DayRange,
    Domain,
    Exam,
    LogEntry,
    Plan,
    Practice,
    PracticeResult,
    Reschedule,
    Resource,
    Study,
)
from planner.core.rules import (
    _ID,
    MAX_DAY_HOURS,
    MAX_PLAN_YEARS,
    MAX_TARGET_HOURS,
    MAX_TEXT,
    MAX_WEIGHT,
    MIN_GRANULARITY,
    YEARS,
    check_zone,
)

_HHMM: Final = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")

__all__ = ["from_document", "to_document", "validated"]


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _shown(value: object) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f'"{text}"'
    if isinstance(value, (list, dict)):
        return _type_name(value)
    return str(value)


def _fail(key: KeyPath, message: str) -> PlanError:
    return PlanError(message, key)


class _Table:
    """A TOML table being read: remembers its path and which keys were used."""

    __slots__ = ("_allowed", "data", "key")

    def __init__(self, data: object, key: KeyPath, allowed: Iterable[str]) -> None:
        if not isinstance(data, dict):
            raise _fail(key, f"must be a table, got {_type_name(data)}")
        self.data: dict[str, Any] = data
        self.key = key
        self._allowed = tuple(allowed)
        for name in data:
            if name not in self._allowed:
                raise _fail((*key, name), _unknown_key_message(name, self._allowed))

    def has(self, name: str) -> bool:
        return name in self.data

    def required(self, name: str) -> Any:
        if name not in self.data:
            raise _fail((*self.key, name), "is missing (required)")
        return self.data[name]

    def get(self, name: str) -> Any:
        return self.data.get(name)

    def at(self, name: str) -> KeyPath:
        return (*self.key, name)


def _unknown_key_message(name: str, allowed: tuple[str, ...]) -> str:
    import difflib

    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f"unknown key{hint} (allowed here: {', '.join(allowed)})"


def _text(value: object, key: KeyPath, *, required: bool = True) -> str:
    if not isinstance(value, str):
        raise _fail(key, f"must be a string, got {_type_name(value)}")
    if required and not value.strip():
        raise _fail(key, "must not be empty")
    if len(value) > MAX_TEXT:
        raise _fail(key, f"is {len(value)} characters long; at most {MAX_TEXT} are allowed")
    return value


def _number(
    value: object,
    key: KeyPath,
    *,
    low: float = 0.0,
    high: float,
    low_open: bool = False,
    what: str = "a number",
) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(key, f"must be {what}, got {_type_name(value)} {_shown(value)}")
    number = float(value)
    if not math.isfinite(number):
        raise _fail(key, f"must be a finite number, got {value}")
    if number < low or (low_open and number == low) or number > high:
        low_word = f"more than {_num(low)}" if low_open else f"at least {_num(low)}"
        raise _fail(key, f"must be {low_word} and at most {_num(high)}, got {_num(number)}")
    return number


def _num(number: float) -> str:
    """A number as a person writes it: 1000000 rather than 1e+06."""
    if abs(number) >= 1e15:
        return f"{number:.3g}"
    if float(number).is_integer():
        return str(int(number))
    return f"{number:.6f}".rstrip("0").rstrip(".")


def _whole(value: object, key: KeyPath, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(key, f"must be a whole number from {low} to {high}, got {_type_name(value)} {_shown(value)}")
    if not low <= value <= high:
        raise _fail(key, f"must be a whole number from {low} to {high}, got {value}")
    return value


def _date(value: object, key: KeyPath) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise _fail(key, f"must be a date like 2027-01-31, got {_type_name(value)} {_shown(value)}")
    return value


def _local_datetime(value: object, key: KeyPath) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise _fail(
                key,
                "must be the local time without an offset, like 2027-04-05T10:00:00 (the zone goes in exam.timezone)",
            )
        return value
    if isinstance(value, dt.date):
        raise _fail(key, "needs a time of day too, like 2027-04-05T10:00:00")
    raise _fail(key, f"must be a local date-time like 2027-04-05T10:00:00, got {_type_name(value)} {_shown(value)}")


def _choice(value: object, key: KeyPath, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise _fail(key, f"must be one of {', '.join(choices)}; got {_shown(value)}")
    return value


def _identifier(value: object, key: KeyPath) -> str:
    if not isinstance(value, str):
        raise _fail(key, f"must be a string, got {_type_name(value)}")
    if not _ID.fullmatch(value):
        raise _fail(
            key,
            f"{_shown(value)} is not a valid id: use letters, digits, '-', '_' or '.',"
            " starting with a letter or digit, at most 64 characters",
        )
    return value


def _array(value: object, key: KeyPath, what: str = "an array of tables") -> list[Any]:
    if not isinstance(value, list):
        raise _fail(key, f"must be {what}, got {_type_name(value)}")
    return value


# --- reading -----------------------------------------------------------------

_TOP: Final = ("schema", "exam", "study", "practice", "domains", "resources", "log")


def from_document(doc: Mapping[str, Any]) -> Plan:
    """The plan a parsed TOML document describes, or the first ``PlanError``."""
    if not doc:
        raise _fail((), "the file is empty; a plan starts with `schema = 1` and an [exam] table")
    if "schema" not in doc:
        raise _fail(
            ("schema",),
            "is missing: this does not look like a planner plan (it should start with `schema = 1`)",
        )
    schema = doc["schema"]
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise _fail(("schema",), f"must be the whole number {SCHEMA}, got {_type_name(schema)}")
    if schema > SCHEMA:
        raise _fail(
            ("schema",),
            f"is {schema}, newer than this planner understands ({SCHEMA}); upgrade the planner to open it",
        )
    if schema < 1:
        raise _fail(("schema",), f"must be {SCHEMA}, got {schema}")
    top = _Table(dict(doc), (), _TOP)
    domains = _domains(top.required("domains"))
    domain_ids = {d.id for d in domains}
    study = _study(top.required("study"))
    exam = _exam(top.required("exam"))
    if exam.date.date() <= study.start:
        raise _fail(
            ("exam", "date"),
            f"the exam ({exam.date.date()}) must be after study.start ({study.start})",
        )
    for key, day in ((("study", "start"), study.start), (("exam", "date"), exam.date.date())):
        if not YEARS[0] <= day.year <= YEARS[1]:
            raise _fail(key, f"{day} is not a year the planner plans ({YEARS[0]} to {YEARS[1]}); check the year")
    if (exam.date.date() - study.start).days > MAX_PLAN_YEARS * 366:
        raise _fail(
            ("exam", "date"),
            f"is more than {MAX_PLAN_YEARS} years after study.start ({study.start}); check the year",
        )
    practice = _practice(top.get("practice") if top.has("practice") else {}, domain_ids)
    resources = _resources(top.get("resources") if top.has("resources") else [], domain_ids)
    resource_ids = {r.id for r in resources}
    log = _log(top.get("log") if top.has("log") else [], domain_ids, resource_ids)
    return Plan(
        exam=exam,
        study=study,
        domains=domains,
        practice=practice,
        resources=resources,
        log=log,
        schema=SCHEMA,
    )


_EXAM_KEYS: Final = (
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


def _exam(data: object) -> Exam:
    t = _Table(data, ("exam",), _EXAM_KEYS)
    code = _text(t.get("code"), t.at("code")) if t.has("code") else None
    zone = check_zone(_text(t.get("timezone"), t.at("timezone")), t.at("timezone")) if t.has("timezone") else None
    reschedules = tuple(
        _reschedule(item, ("exam", "reschedules", i))
        for i, item in enumerate(_array(t.get("reschedules"), t.at("reschedules")) if t.has("reschedules") else [])
    )
    return Exam(
        name=_text(t.required("name"), t.at("name")),
        code=code,
        date=_local_datetime(t.required("date"), t.at("date")),
        timezone=zone,
        duration_minutes=_whole(t.get("duration_minutes"), t.at("duration_minutes"), low=1, high=24 * 60)
        if t.has("duration_minutes")
        else 120,
        passing_score=_number(t.get("passing_score"), t.at("passing_score"), high=100.0)
        if t.has("passing_score")
        else None,
        postponements_allowed=_whole(t.get("postponements_allowed"), t.at("postponements_allowed"), low=0, high=100)
        if t.has("postponements_allowed")
        else None,
        reschedule_cutoff_hours=_number(
            t.get("reschedule_cutoff_hours"), t.at("reschedule_cutoff_hours"), high=24.0 * 365
        )
        if t.has("reschedule_cutoff_hours")
        else 24.0,
        reschedules=reschedules,
    )


def _reschedule(data: object, key: KeyPath) -> Reschedule:
    t = _Table(data, key, ("from", "to", "on", "reason"))
    return Reschedule(
        from_=_local_datetime(t.required("from"), t.at("from")),
        to=_local_datetime(t.required("to"), t.at("to")),
        on=_date(t.required("on"), t.at("on")),
        reason=_text(t.get("reason"), t.at("reason"), required=False) if t.has("reason") else "",
    )


_STUDY_KEYS: Final = (
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


def _study(data: object) -> Study:
    t = _Table(data, ("study",), _STUDY_KEYS)
    granularity = (
        _number(t.get("granularity_hours"), t.at("granularity_hours"), low=MIN_GRANULARITY, high=MAX_DAY_HOURS)
        if t.has("granularity_hours")
        else 0.5
    )
    avail_table = _Table(t.required("availability"), t.at("availability"), WEEKDAYS)
    availability = tuple(
        _number(avail_table.get(day), avail_table.at(day), high=MAX_DAY_HOURS, what="hours (a number)")
        if avail_table.has(day)
        else 0.0
        for day in WEEKDAYS
    )
    if not any(availability):
        raise _fail(t.at("availability"), "gives no study hours on any weekday; set hours for at least one day")
    start_times: tuple[tuple[str, dt.time], ...] = ()
    if t.has("start_times"):
        times = _Table(t.get("start_times"), t.at("start_times"), WEEKDAYS)
        start_times = tuple((day, _clock(times.get(day), times.at(day))) for day in WEEKDAYS if times.has(day))
    blackouts = tuple(
        _day_range(item, ("study", "blackouts", i), with_hours=False)
        for i, item in enumerate(_array(t.get("blackouts"), t.at("blackouts")) if t.has("blackouts") else [])
    )
    overrides = tuple(
        _day_range(item, ("study", "overrides", i), with_hours=True)
        for i, item in enumerate(_array(t.get("overrides"), t.at("overrides")) if t.has("overrides") else [])
    )
    return Study(
        start=_date(t.required("start"), t.at("start")),
        availability=availability,
        target_hours=_number(t.get("target_hours"), t.at("target_hours"), high=MAX_TARGET_HOURS, low_open=True)
        if t.has("target_hours")
        else None,
        week_starts=_choice(t.get("week_starts"), t.at("week_starts"), ("monday", "sunday"))
        if t.has("week_starts")
        else "monday",
        granularity_hours=granularity,
        strategy=_choice(t.get("strategy"), t.at("strategy"), STRATEGIES) if t.has("strategy") else "interleaved",
        start_times=start_times,
        blackouts=blackouts,
        overrides=overrides,
    )


def _clock(value: object, key: KeyPath) -> dt.time:
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise _fail(key, "must be a local time without an offset")
        return value.replace(second=0, microsecond=0)
    if isinstance(value, str):
        match = _HHMM.fullmatch(value.strip())
        if match:
            return dt.time(int(match[1]), int(match[2]))
    raise _fail(key, f'must be a time of day like "19:00", got {_type_name(value)} {_shown(value)}')


def _day_range(data: object, key: KeyPath, *, with_hours: bool) -> DayRange:
    keys = ("start", "end", "hours", "reason") if with_hours else ("start", "end", "reason")
    t = _Table(data, key, keys)
    start = _date(t.required("start"), t.at("start"))
    end = _date(t.get("end"), t.at("end")) if t.has("end") else start
    if end < start:
        raise _fail(t.at("end"), f"{end} is before start {start}; the end day is inclusive")
    hours = (
        _number(t.required("hours"), t.at("hours"), high=MAX_DAY_HOURS, what="hours (a number)") if with_hours else None
    )
    reason = _text(t.get("reason"), t.at("reason"), required=False) if t.has("reason") else ""
    return DayRange(start=start, end=end, reason=reason, hours=hours)


def _practice(data: object, domain_ids: set[str]) -> Practice:
    t = _Table(data, ("practice",), ("count", "minutes", "weeks_before_exam", "results"))
    results = tuple(
        _result(item, ("practice", "results", i), domain_ids)
        for i, item in enumerate(_array(t.get("results"), t.at("results")) if t.has("results") else [])
    )
    return Practice(
        count=_whole(t.get("count"), t.at("count"), low=0, high=1000) if t.has("count") else 0,
        minutes=_whole(t.get("minutes"), t.at("minutes"), low=1, high=24 * 60) if t.has("minutes") else 120,
        weeks_before_exam=_whole(t.get("weeks_before_exam"), t.at("weeks_before_exam"), low=1, high=520)
        if t.has("weeks_before_exam")
        else 1,
        results=results,
    )


def _result(data: object, key: KeyPath, domain_ids: set[str]) -> PracticeResult:
    t = _Table(data, key, ("date", "score", "domains"))
    per_domain: list[tuple[str, float]] = []
    if t.has("domains"):
        table = t.get("domains")
        if not isinstance(table, dict):
            raise _fail(t.at("domains"), f"must be a table of domain id = percent, got {_type_name(table)}")
        for domain_id, score in table.items():
            if domain_id not in domain_ids:
                raise _fail((*t.at("domains"), domain_id), _dangling("domain", domain_id, domain_ids))
            per_domain.append((domain_id, _number(score, (*t.at("domains"), domain_id), high=100.0)))
    return PracticeResult(
        date=_date(t.required("date"), t.at("date")),
        score=_number(t.required("score"), t.at("score"), high=100.0),
        domains=tuple(per_domain),
    )


def _dangling(what: str, value: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f"no {what} has the id {_shown(value)}{hint}"


def _domains(data: object) -> tuple[Domain, ...]:
    items = _array(data, ("domains",))
    if not items:
        raise _fail(("domains",), "is empty; a plan needs at least one [[domains]] entry")
    seen: set[str] = set()
    domains = []
    for i, item in enumerate(items):
        key: KeyPath = ("domains", i)
        t = _Table(item, key, ("id", "name", "weight", "confidence"))
        domain_id = _identifier(t.required("id"), t.at("id"))
        if domain_id in seen:
            raise _fail(t.at("id"), f"{_shown(domain_id)} is used by another domain; ids must be unique")
        seen.add(domain_id)
        domains.append(
            Domain(
                id=domain_id,
                name=_text(t.required("name"), t.at("name")),
                weight=_number(t.required("weight"), t.at("weight"), high=MAX_WEIGHT),
                confidence=_whole(t.get("confidence"), t.at("confidence"), low=1, high=5)
                if t.has("confidence")
                else None,
            )
        )
    if sum(d.weight for d in domains) <= 0:
        raise _fail(("domains", 0, "weight"), "every domain weight is 0; at least one must be more than 0")
    return tuple(domains)


_RESOURCE_KEYS: Final = (
    "id",
    "title",
    "url",
    "kind",
    "domains",
    "hours",
    "priority",
    "status",
    "done_on",
    "notes",
    "order",
)


_RESOURCE_KEY_SET: Final = frozenset(_RESOURCE_KEYS)
_LOG_KEYS: Final = ("date", "hours", "domain", "resource", "note", "kind")
_LOG_KEY_SET: Final = frozenset(_LOG_KEYS)
_KIND_SET: Final = frozenset(KINDS)
_PRIORITY_SET: Final = frozenset(PRIORITIES)
_STATUS_SET: Final = frozenset(STATUSES)
_LOG_KIND_SET: Final = frozenset(LOG_KINDS)
_isfinite = math.isfinite
_MISSING: Final = object()
"""A key that is not in the table (TOML has no null, but documents built in code might)."""


def _plain_text(value: object, required: bool) -> bool:
    return type(value) is str and len(value) <= MAX_TEXT and (not required or bool(value.strip()))


def _plain_number(value: object, high: float, low_open: bool = False) -> bool:
    kind = type(value)
    if kind is not int and kind is not float:
        return False
    return _isfinite(value) and (value > 0 if low_open else value >= 0) and value <= high  # type: ignore[operator]


def _one_of(value: object, choices: frozenset[str]) -> bool:
    return type(value) is str and value in choices


def _plain_date(value: object) -> bool:
    return type(value) is dt.date


def _fast_resource(item: object, domain_ids: set[str]) -> Resource | None:
    """The resource when every value is plainly valid; ``None`` sends it to the careful path.

    Big plans hold thousands of resources: this checks the common case in a
    few dictionary and set lookups. It accepts nothing the careful path would
    refuse (a property test holds the two to that), and anything unusual,
    valid or not, goes the careful way, which gives the exact message.
    """
    try:
        if type(item) is not dict or not _RESOURCE_KEY_SET.issuperset(item):
            return None
        get = item.get
        rid, title, hours = get("id"), get("title"), get("hours")
        if type(rid) is not str or not _ID.fullmatch(rid):
            return None
        if type(title) is not str or len(title) > MAX_TEXT or not title.strip():
            return None
        kind_of_hours = type(hours)
        if (kind_of_hours is not float and kind_of_hours is not int) or not 0 <= hours <= MAX_TARGET_HOURS:
            return None  # (nan fails the range test)
        kind, priority, status = get("kind", "course"), get("priority", "medium"), get("status", "todo")
        # the sets hold only strings, so a number or a boolean is simply not in them
        if kind not in _KIND_SET or priority not in _PRIORITY_SET or status not in _STATUS_SET:
            return None
        notes = get("notes", "")
        if type(notes) is not str or len(notes) > MAX_TEXT:
            return None
        url = get("url", _MISSING)
        if url is not _MISSING and (type(url) is not str or len(url) > MAX_TEXT):
            return None
        done_on, order = get("done_on", _MISSING), get("order", _MISSING)
        if done_on is not _MISSING and type(done_on) is not dt.date:
            return None
        if order is not _MISSING and (type(order) is not int or not -1_000_000 <= order <= 1_000_000):
            return None
        domains = get("domains", _MISSING)
        if domains is _MISSING:
            listed: tuple[str, ...] = ()
        elif type(domains) is list and domain_ids.issuperset(domains):
            listed = tuple(domains)
            if len(set(listed)) != len(listed):
                return None
        else:
            return None
    except TypeError:  # an unhashable value (a table or an array) where a word belongs
        return None
    return Resource(
        rid,
        title,
        float(hours),
        kind,
        None if url is _MISSING else url,
        listed,
        priority,
        status,
        None if done_on is _MISSING else done_on,
        notes,
        None if order is _MISSING else order,
    )


def _careful_resource(item: object, key: KeyPath, domain_ids: set[str]) -> Resource:
    t = _Table(item, key, _RESOURCE_KEYS)
    resource_id = _identifier(t.required("id"), t.at("id"))
    domains: tuple[str, ...] = ()
    if t.has("domains"):
        listed = _array(t.get("domains"), t.at("domains"), "an array of domain ids")
        for j, domain_id in enumerate(listed):
            if not isinstance(domain_id, str) or domain_id not in domain_ids:
                raise _fail((*t.at("domains"), j), _dangling("domain", str(domain_id), domain_ids))
        if len(set(listed)) != len(listed):
            raise _fail(t.at("domains"), "lists a domain twice")
        domains = tuple(listed)
    return Resource(
        id=resource_id,
        title=_text(t.required("title"), t.at("title")),
        hours=_number(t.required("hours"), t.at("hours"), high=MAX_TARGET_HOURS, what="hours (a number)"),
        kind=_choice(t.get("kind"), t.at("kind"), KINDS) if t.has("kind") else "course",
        url=_text(t.get("url"), t.at("url"), required=False) if t.has("url") else None,
        domains=domains,
        priority=_choice(t.get("priority"), t.at("priority"), PRIORITIES) if t.has("priority") else "medium",
        status=_choice(t.get("status"), t.at("status"), STATUSES) if t.has("status") else "todo",
        done_on=_date(t.get("done_on"), t.at("done_on")) if t.has("done_on") else None,
        notes=_text(t.get("notes"), t.at("notes"), required=False) if t.has("notes") else "",
        order=_whole(t.get("order"), t.at("order"), low=-1_000_000, high=1_000_000) if t.has("order") else None,
    )


def _resources(data: object, domain_ids: set[str]) -> tuple[Resource, ...]:
    seen: set[str] = set()
    resources = []
    for i, item in enumerate(_array(data, ("resources",))):
        resource = _fast_resource(item, domain_ids) or _careful_resource(item, ("resources", i), domain_ids)
        if resource.id in seen:
            raise _fail(
                ("resources", i, "id"), f"{_shown(resource.id)} is used by another resource; ids must be unique"
            )
        seen.add(resource.id)
        resources.append(resource)
    return tuple(resources)


def _fast_log_entry(item: object, domain_ids: set[str], resource_ids: set[str]) -> LogEntry | None:
    """Like ``_fast_resource``, for a log entry."""
    if type(item) is not dict or not _LOG_KEY_SET.issuperset(item):
        return None
    get = item.get
    day, hours, kind = get("date"), get("hours"), get("kind", "study")
    if (
        not _plain_date(day)
        or not _plain_number(hours, MAX_DAY_HOURS, low_open=True)
        or not _one_of(kind, _LOG_KIND_SET)
    ):
        return None
    domain, resource, note = get("domain", _MISSING), get("resource", _MISSING), get("note", "")
    if domain is _MISSING:
        if kind == "study":
            return None
    elif not _plain_text(domain, True) or domain not in domain_ids:
        return None
    if resource is not _MISSING and (not _plain_text(resource, True) or resource not in resource_ids):
        return None
    if not _plain_text(note, False):
        return None
    return LogEntry(
        day,
        float(hours),
        None if domain is _MISSING else domain,
        None if resource is _MISSING else resource,
        note,
        kind,
    )


def _careful_log_entry(item: object, key: KeyPath, domain_ids: set[str], resource_ids: set[str]) -> LogEntry:
    t = _Table(item, key, _LOG_KEYS)
    kind = _choice(t.get("kind"), t.at("kind"), LOG_KINDS) if t.has("kind") else "study"
    domain = None
    if t.has("domain") or kind == "study":
        domain = _text(t.required("domain"), t.at("domain"))
        if domain not in domain_ids:
            raise _fail(t.at("domain"), _dangling("domain", domain, domain_ids))
    resource = None
    if t.has("resource"):
        resource = _text(t.get("resource"), t.at("resource"))
        if resource not in resource_ids:
            raise _fail(t.at("resource"), _dangling("resource", resource, resource_ids))
    return LogEntry(
        date=_date(t.required("date"), t.at("date")),
        hours=_number(t.required("hours"), t.at("hours"), high=MAX_DAY_HOURS, low_open=True, what="hours (a number)"),
        domain=domain,
        resource=resource,
        note=_text(t.get("note"), t.at("note"), required=False) if t.has("note") else "",
        kind=kind,
    )


def _log(data: object, domain_ids: set[str], resource_ids: set[str]) -> tuple[LogEntry, ...]:
    return tuple(
        _fast_log_entry(item, domain_ids, resource_ids)
        or _careful_log_entry(item, ("log", i), domain_ids, resource_ids)
        for i, item in enumerate(_array(data, ("log",)))
    )


# --- writing -----------------------------------------------------------------


def _clean(value: float) -> float | int:
    """Whole hours are written as integers so the file reads as a person wrote it."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def _put(out: dict[str, Any], name: str, value: object, default: object = None) -> None:
    if value is not None and value != default:
        out[name] = value


def validated(plan: Plan) -> Plan:
    """``plan`` as the loader would read it back from its file, or the ``PlanError`` it would raise.

    Plans built in code (a form, a command) pass this before they are saved,
    so nothing is ever written that could not be opened again.
    """
    return from_document(to_document(plan))


def to_document(plan: Plan) -> dict[str, Any]:
    """The TOML document for a plan; ``from_document(to_document(p)) == p``."""
    exam = plan.exam
    exam_doc: dict[str, Any] = {"name": exam.name}
    _put(exam_doc, "code", exam.code)
    exam_doc["date"] = exam.date
    _put(exam_doc, "timezone", exam.timezone)
    exam_doc["duration_minutes"] = exam.duration_minutes
    if exam.passing_score is not None:
        exam_doc["passing_score"] = _clean(exam.passing_score)
    _put(exam_doc, "postponements_allowed", exam.postponements_allowed)
    exam_doc["reschedule_cutoff_hours"] = _clean(exam.reschedule_cutoff_hours)
    if exam.reschedules:
        exam_doc["reschedules"] = [_reschedule_doc(r) for r in exam.reschedules]

    study = plan.study
    study_doc: dict[str, Any] = {"start": study.start}
    if study.target_hours is not None:
        study_doc["target_hours"] = _clean(study.target_hours)
    study_doc["week_starts"] = study.week_starts
    study_doc["granularity_hours"] = _clean(study.granularity_hours)
    study_doc["strategy"] = study.strategy
    study_doc["availability"] = {day: _clean(h) for day, h in zip(WEEKDAYS, study.availability, strict=True)}
    if study.start_times:
        study_doc["start_times"] = {day: time.strftime("%H:%M") for day, time in study.start_times}
    if study.blackouts:
        study_doc["blackouts"] = [_range_doc(r) for r in study.blackouts]
    if study.overrides:
        study_doc["overrides"] = [_range_doc(r) for r in study.overrides]

    practice = plan.practice
    practice_doc: dict[str, Any] = {
        "count": practice.count,
        "minutes": practice.minutes,
        "weeks_before_exam": practice.weeks_before_exam,
    }
    if practice.results:
        practice_doc["results"] = [_result_doc(r) for r in practice.results]

    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "exam": exam_doc,
        "study": study_doc,
        "practice": practice_doc,
        "domains": [_domain_doc(d) for d in plan.domains],
    }
    if plan.resources:
        doc["resources"] = [_resource_doc(r) for r in plan.resources]
    if plan.log:
        doc["log"] = [_log_doc(e) for e in plan.log]
    return doc


def _reschedule_doc(r: Reschedule) -> dict[str, Any]:
    out: dict[str, Any] = {"from": r.from_, "to": r.to, "on": r.on}
    _put(out, "reason", r.reason, "")
    return out


def _range_doc(r: DayRange) -> dict[str, Any]:
    out: dict[str, Any] = {"start": r.start, "end": r.end}
    if r.hours is not None:
        out["hours"] = _clean(r.hours)
    _put(out, "reason", r.reason, "")
    return out


def _result_doc(r: PracticeResult) -> dict[str, Any]:
    out: dict[str, Any] = {"date": r.date, "score": _clean(r.score)}
    if r.domains:
        out["domains"] = {k: _clean(v) for k, v in r.domains}
    return out


def _domain_doc(d: Domain) -> dict[str, Any]:
    out: dict[str, Any] = {"id": d.id, "name": d.name, "weight": _clean(d.weight)}
    _put(out, "confidence", d.confidence)
    return out


def _resource_doc(r: Resource) -> dict[str, Any]:
    out: dict[str, Any] = {"id": r.id, "title": r.title}
    _put(out, "url", r.url)
    out["kind"] = r.kind
    if r.domains:
        out["domains"] = list(r.domains)
    out["hours"] = _clean(r.hours)
    out["priority"] = r.priority
    out["status"] = r.status
    _put(out, "done_on", r.done_on)
    _put(out, "notes", r.notes, "")
    _put(out, "order", r.order)
    return out


def _log_doc(e: LogEntry) -> dict[str, Any]:
    out: dict[str, Any] = {"date": e.date, "hours": _clean(e.hours)}
    _put(out, "domain", e.domain)
    _put(out, "resource", e.resource)
    _put(out, "note", e.note, "")
    _put(out, "kind", e.kind, "study")
    return out
