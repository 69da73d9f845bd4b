"""TOML values to Python values of the model's types, or a ``PlanError`` naming the key.

Only types and key names are judged here; whether a value is allowed is for
``core.rules``. Every function takes the table's key path and the key's name
separately and builds the full path only when it fails, so the common case
of a valid file costs a type comparison per value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from typing import Any, Final

from planner.core.errors import KeyPath, PlanError
from planner.core.rules import choice_message, shown, type_name, unknown_key, whole_message

__all__ = [
    "Table",
    "array",
    "boolean",
    "choice",
    "clock",
    "date",
    "local_datetime",
    "number",
    "opt_string",
    "required",
    "scores",
    "string",
    "strings",
    "table",
    "whole",
]

Table = dict[str, Any]
"""A TOML table as ``tomllib`` gives it."""

_HHMM: Final = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")
"""ASCII digits only: ``\\d`` would take other scripts' digits, which ``int`` then reads."""


def table(value: object, key: KeyPath, allowed: frozenset[str], order: tuple[str, ...]) -> Table:
    """``value`` when it is a table whose every key is in ``allowed`` (``order`` lists them in messages)."""
    if not isinstance(value, dict):
        raise PlanError(f"must be a table, got {type_name(value)}", key)
    if not allowed.issuperset(value):
        for name in value:
            if name not in allowed:
                raise PlanError(unknown_key(name, order), (*key, name))
    return value


def required(t: Table, key: KeyPath, name: str) -> object:
    try:
        return t[name]
    except KeyError:
        raise PlanError("is missing (required)", (*key, name)) from None


def string(value: object, key: KeyPath, name: str | int) -> str:
    if isinstance(value, str):
        return value
    raise PlanError(f"must be a string, got {type_name(value)}", (*key, name))


def opt_string(t: Table, key: KeyPath, name: str) -> str | None:
    """The string at ``name``, or ``None`` when the table does not have it."""
    value = t.get(name)
    if value is None or isinstance(value, str):
        return value
    raise PlanError(f"must be a string, got {type_name(value)}", (*key, name))


def number(value: object, key: KeyPath, name: str, what: str = "a number") -> float:
    """An integer or a float, as a float (the model keeps hours and weights as floats)."""
    if isinstance(value, float):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            raise PlanError(f"is too large a number: {str(value)[:20]}...", (*key, name)) from None
    raise PlanError(f"must be {what}, got {type_name(value)} {shown(value)}", (*key, name))


def whole(value: object, key: KeyPath, name: str, limits: tuple[int, int]) -> int:
    """An integer (not a boolean); ``limits`` only word the message, ``core.rules`` checks them."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise PlanError(whole_message(value, *limits, typed=True), (*key, name))


def boolean(value: object, key: KeyPath, name: str) -> bool:
    if isinstance(value, bool):
        return value
    raise PlanError(f"must be true or false, got {type_name(value)} {shown(value)}", (*key, name))


def choice(value: object, key: KeyPath, name: str, choices: Collection[str]) -> str:
    """A string; that it is one of ``choices`` is checked by ``core.rules``, worded alike."""
    if isinstance(value, str):
        return value
    raise PlanError(choice_message(value, choices), (*key, name))


def date(value: object, key: KeyPath, name: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise PlanError(f"must be a date like 2027-01-31, got {type_name(value)} {shown(value)}", (*key, name))


def local_datetime(value: object, key: KeyPath, name: str) -> dt.datetime:
    """A date-time; one with an offset passes here and is refused by ``core.rules`` (the model's rule)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        raise PlanError("needs a time of day too, like 2027-04-05T10:00:00", (*key, name))
    raise PlanError(
        f"must be a local date-time like 2027-04-05T10:00:00, got {type_name(value)} {shown(value)}", (*key, name)
    )


def clock(value: object, key: KeyPath, name: str) -> dt.time:
    """A time of day, written ``"19:00"`` or as a TOML local time; seconds are dropped."""
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value.replace(second=0, microsecond=0)
    if isinstance(value, str):
        match = _HHMM.fullmatch(value.strip())
        if match:
            return dt.time(int(match[1]), int(match[2]))
    raise PlanError(f'must be a time of day like "19:00", got {type_name(value)} {shown(value)}', (*key, name))


def array(value: object, key: KeyPath, name: str, what: str = "an array of tables") -> list[Any]:
    if isinstance(value, list):
        return value
    raise PlanError(f"must be {what}, got {type_name(value)}", (*key, name))


def strings(value: object, key: KeyPath, name: str, what: str) -> tuple[str, ...]:
    """An array of strings (ids); ``what`` names one in the message."""
    items = array(value, key, name, f"an array of {what}s")
    for j, item in enumerate(items):
        if not isinstance(item, str):
            raise PlanError(f"must be a {what} (a string), got {type_name(item)} {shown(item)}", (*key, name, j))
    return tuple(items)


def scores(value: object, key: KeyPath, name: str) -> tuple[tuple[str, float], ...]:
    """A table of domain id = percent, as (id, percent) pairs in the file's order."""
    if not isinstance(value, dict):
        raise PlanError(f"must be a table of domain id = percent, got {type_name(value)}", (*key, name))
    inner = (*key, name)
    return tuple((domain_id, number(score, inner, domain_id)) for domain_id, score in value.items())
