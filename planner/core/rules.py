"""The limits of a plan and the checks shared by the file loader and every edit.

A value the loader refuses must be refused the same way when a form or a
command makes it, so both ask here. Each limit says why it is where it is.
"""

from __future__ import annotations

import re
from typing import Final
from zoneinfo import ZoneInfo

from planner.core.errors import KeyPath, PlanError

__all__ = [
    "MAX_DAY_HOURS",
    "MAX_PLAN_YEARS",
    "MAX_TARGET_HOURS",
    "MAX_TEXT",
    "MAX_WEIGHT",
    "MIN_GRANULARITY",
    "YEARS",
    "check_zone",
    "is_valid_id",
]

MAX_DAY_HOURS: Final = 24.0
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
YEARS: Final = (1970, 2200)
"""Plans live in these years; a date outside is a typo (and far dates overflow date arithmetic)."""

_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
"""Ids of domains and resources, and plan names: safe in a file name, a URL and a terminal."""


def is_valid_id(value: str) -> bool:
    """Whether ``value`` may be an id (a domain, a resource, or a plan's file name)."""
    return bool(_ID.fullmatch(value))


def check_zone(name: str, key: KeyPath = ("exam", "timezone")) -> str:
    """``name`` when it is an IANA zone name, else a ``PlanError`` saying it is not one."""
    try:
        if not name.strip() or name != name.strip() or name.startswith("/") or ".." in name:
            raise ValueError(name)
        ZoneInfo(name)
    except (ValueError, OSError, KeyError):
        shown = name if len(name) <= 40 else name[:37] + "..."
        raise PlanError(f'unknown time zone "{shown}"; use an IANA name like "Europe/London"', key) from None
    return name
