"""The limits of a plan, and the checks of single values every entity check is made of.

Each limit says why it is where it is. The message helpers are shared with
``planfile``, so a wrong type in the file and a wrong value from a form are
worded alike.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Iterable
from typing import Final, NoReturn

from planner.core.errors import KeyPath, PlanError
from planner.core.years import YEARS

__all__ = [
    "ALARM_MINUTES",
    "ANCHOR_DAYS",
    "CONFIDENCE",
    "CUTOFF_HOURS",
    "EXAM_MINUTES",
    "FOCUS_BREAK_MINUTES",
    "FOCUS_WORK_MINUTES",
    "MAX_DAY_HOURS",
    "MAX_PLAN_YEARS",
    "MAX_TARGET_HOURS",
    "MAX_TEXT",
    "MAX_WEIGHT",
    "MIN_GRANULARITY",
    "ORDER",
    "POSTPONEMENTS",
    "PRACTICE_COUNT",
    "PRACTICE_WEEKS",
    "YEARS",
    "check_choice",
    "check_id",
    "check_number",
    "check_text",
    "check_url_has_no_password",
    "check_whole",
    "check_year",
    "check_zone",
    "choice_message",
    "dangling",
    "is_valid_id",
    "num",
    "number_error",
    "shown",
    "type_name",
    "unknown_key",
    "whole_message",
]

MAX_DAY_HOURS: Final = 24.0
"""A day has 24 hours; more in one day is a typo."""
MAX_WEIGHT: Final = 1_000_000.0
"""Large enough for any weighting scheme, small enough that sums stay exact."""
MAX_TARGET_HOURS: Final = 100_000.0
"""More than a decade of full-time study: anything above is a typo."""
MAX_PLAN_YEARS: Final = 10
"""A longer plan is almost surely a mistyped year; it would also plan ~500 weeks."""
MAX_TEXT: Final = 10_000
"""Characters in one title or note; a longer one is pasted by mistake."""
MIN_GRANULARITY: Final = 0.05
"""Three minutes: smaller blocks mean nothing to a person (and hours stay exact to six places)."""
EXAM_MINUTES: Final = (1, 24 * 60)
"""An exam or a practice sitting lasts at most a day."""
CONFIDENCE: Final = (1, 5)
"""1 (weak) .. 5 (strong), as the design says."""
POSTPONEMENTS: Final = (0, 100)
"""No exam allows more; a bigger number is a typo."""
CUTOFF_HOURS: Final = 24.0 * 365
"""A reschedule cutoff longer than a year would forbid every move."""
PRACTICE_COUNT: Final = (0, 1000)
"""Far more practice exams than anyone takes; keeps the practice block's search small."""
PRACTICE_WEEKS: Final = (1, 520)
"""The practice block sits in the final weeks of a plan of at most ten years."""
ORDER: Final = (-1_000_000, 1_000_000)
"""Study order numbers: room for any manual ordering."""
ANCHOR_DAYS: Final = (1, MAX_PLAN_YEARS * 366)
"""Days before the exam (and a length) an anchored range may have: it lies inside the longest plan."""
ALARM_MINUTES: Final = (0, 7 * 24 * 60)
"""A reminder at most a week before a session."""
FOCUS_WORK_MINUTES: Final = (1, 600)
"""A focus cycle of up to ten hours of work."""
FOCUS_BREAK_MINUTES: Final = (0, 600)
"""A break may be skipped (0) or as long as a work cycle."""

_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
"""Ids of domains and resources, and plan names: safe in a file name, a URL and a terminal."""
_ID_MATCH: Final = _ID.fullmatch
_SECRET_KEY: Final = re.compile(r"(?i)passw(or)?d|secret|token|api_?key|^pass$")
"""Key names that would hold a secret: refused wherever they appear, the secret must not be in the file."""


# --- how values are named in messages -------------------------------------------------------


def type_name(value: object) -> str:
    """``an integer``, ``a string``, ...: the TOML type a person wrote."""
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
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def shown(value: object) -> str:
    """A value as a message quotes it: strings quoted and cut, arrays and tables by type."""
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f'"{text}"'
    if isinstance(value, (list, tuple, dict)):
        return type_name(value)
    return str(value)


def num(number: float) -> str:
    """A number as a person writes it: 1000000 rather than 1e+06."""
    if abs(number) >= 1e15:
        return f"{number:.3g}"
    if float(number).is_integer():
        return str(int(number))
    return f"{number:.6f}".rstrip("0").rstrip(".")


def unknown_key(name: str, allowed: Iterable[str]) -> str:
    """Why ``name`` is refused where only ``allowed`` may be: a secret, or a typo with a suggestion."""
    allowed = tuple(allowed)
    if name != "password_command" and _SECRET_KEY.search(name):
        return (
            "a password must not be stored in the plan; use password_command,"
            ' a command that prints it (like "pass show dav")'
        )
    import difflib

    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f"unknown key{hint} (allowed here: {', '.join(allowed)})"


def dangling(what: str, value: str, known: Collection[str]) -> str:
    """``no domain has the id "x"``, with the nearest known id as a suggestion."""
    import difflib

    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f"no {what} has the id {shown(value)}{hint}"


def whole_message(value: object, low: int, high: int, *, typed: bool) -> str:
    """The message for a whole number out of range, or (``typed``) not a whole number at all."""
    got = f"{type_name(value)} {shown(value)}" if typed else str(value)
    return f"must be a whole number from {low} to {high}, got {got}"


def choice_message(value: object, choices: Iterable[str]) -> str:
    return f"must be one of {', '.join(choices)}; got {shown(value)}"


# --- single values ---------------------------------------------------------------------------


def check_text(value: str, key: KeyPath, *, required: bool = True) -> str:
    """``value`` when it is not too long (nor blank, when ``required``)."""
    if len(value) > MAX_TEXT:
        raise PlanError(f"is {len(value)} characters long; at most {MAX_TEXT} are allowed", key)
    if required and (not value or value.isspace()):
        raise PlanError("must not be empty", key)
    return value


def check_number(value: float, key: KeyPath, *, high: float, low: float = 0.0, low_open: bool = False) -> float:
    """``value`` when it is finite and within ``low`` (excluded when ``low_open``) .. ``high``."""
    if (low < value if low_open else low <= value) and value <= high:
        return value
    number_error(value, key, low, high, low_open)


def number_error(value: float, key: KeyPath, low: float, high: float, low_open: bool = False) -> NoReturn:
    """Why ``value`` is not a number from ``low`` to ``high``: for hot loops that compare first."""
    if not math.isfinite(value):
        raise PlanError(f"must be a finite number, got {value}", key)
    low_word = f"more than {num(low)}" if low_open else f"at least {num(low)}"
    raise PlanError(f"must be {low_word} and at most {num(high)}, got {num(value)}", key)


def check_whole(value: int, key: KeyPath, limits: tuple[int, int]) -> int:
    low, high = limits
    if not low <= value <= high:
        raise PlanError(whole_message(value, low, high, typed=False), key)
    return value


def check_choice(value: str, key: KeyPath, choices: Collection[str]) -> str:
    if value not in choices:
        raise PlanError(choice_message(value, choices), key)
    return value


def is_valid_id(value: str) -> bool:
    """Whether ``value`` may be an id (a domain, a resource, or a plan's file name)."""
    return bool(_ID_MATCH(value))


def check_id(value: str, key: KeyPath) -> str:
    if not _ID_MATCH(value):
        raise PlanError(
            f"{shown(value)} is not a valid id: use letters, digits, '-', '_' or '.',"
            " starting with a letter or digit, at most 64 characters",
            key,
        )
    return value


def check_year(day: dt.date, key: KeyPath) -> dt.date:
    """``day`` when it falls in ``YEARS``: a date outside is a mistyped year."""
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise PlanError(f"{day} is not a year the planner plans ({YEARS[0]} to {YEARS[1]}); check the year", key)
    return day


def check_zone(name: str, key: KeyPath = ("exam", "timezone")) -> str:
    """``name`` when it is an IANA zone name, else a ``PlanError`` saying it is not one."""
    from zoneinfo import ZoneInfo  # here: zoneinfo reads sysconfig, and the TUI's first frame checks only years

    try:
        if not name.strip() or name != name.strip() or name.startswith("/") or ".." in name:
            raise ValueError(name)
        ZoneInfo(name)
    except (ValueError, OSError, KeyError):
        known = _zone_spelled(name)
        hint = f'did you mean "{known}"?' if known else 'use an IANA name like "Europe/London"'
        raise PlanError(f"unknown time zone {shown(name)}; {hint}", key) from None
    return name


def _zone_spelled(name: str) -> str | None:
    """The zone ``name`` means when only its capitals or spaces are off (``america/new york``); else ``None``."""
    from zoneinfo import available_timezones  # lists the whole database: only when a name is wrong

    wanted = name.strip().replace(" ", "_").casefold()
    return next((zone for zone in sorted(available_timezones()) if zone.casefold() == wanted), None)


def check_url_has_no_password(url: str, key: KeyPath) -> str:
    """A URL with ``user:secret@`` in it would store the secret in the plan: refused."""
    _, sep, rest = url.partition("://")
    authority = rest.split("/", 1)[0] if sep else ""
    if "@" in authority and ":" in authority.rsplit("@", 1)[0]:
        raise PlanError(
            "has a password in it; put the user name in username and use password_command for the secret", key
        )
    return url
