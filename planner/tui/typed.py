"""What people type into a field, read strictly: the value, or one line saying what is wrong.

``float()`` and TOML take more than a person means: ``1_0``, ``١``,
``０.５``, ``5e-324``, ``inf``. A field takes plain ASCII decimals, ISO dates
and ``HH:MM`` times; anything else is refused before the plan sees it. Range
rules (at least 0, at most 24 h) stay with the plan's own checks, so they read
the same as ``planner check``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final, Literal

__all__ = ["Kind", "TypedError", "read"]

Kind = Literal["text", "whole", "number", "date", "time", "zone"]
"""How a field's text is read."""

_WHOLE: Final = re.compile(r"-?[0-9]{1,9}")
_NUMBER: Final = re.compile(r"-?(?:[0-9]{1,9}(?:\.[0-9]{1,6})?|\.[0-9]{1,6})")
_TIME: Final = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_EXAMPLES: Final = {
    "whole": "a whole number like 180",
    "number": "a number like 1.5",
    "date": "a date like 2027-01-10",
    "time": "a time of day like 19:00",
}


class TypedError(ValueError):
    """The text cannot be read as its field's kind; the message says what is expected."""


def read(text: str, kind: Kind) -> str | int | float | dt.date:
    """The value of ``text`` (already stripped of surrounding spaces by the caller or not)."""
    value = text.strip()
    if kind in ("text", "zone"):
        return value
    if kind == "whole" and _WHOLE.fullmatch(value):
        return int(value)
    if kind == "number" and _NUMBER.fullmatch(value):
        number = float(value)
        return int(number) if number.is_integer() else number
    if kind == "time" and _TIME.fullmatch(value):
        hours, minutes = value.split(":")
        return f"{int(hours):02d}:{minutes}"
    if kind == "date" and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise TypedError(f"{value!r} is not a day of the calendar") from None
    shown = value if len(value) <= 30 else value[:27] + "..."
    raise TypedError(f"{shown!r} is not {_EXAMPLES[kind]}")
