"""The one way numbers and dates are written, in every output: CLI, TUI, exports, warnings.

A total and the parts under it must read the same wherever they appear, so
nothing formats hours or dates on its own. Hours keep two decimals at most
(21.25 stays 21.25: a quarter hour is a real amount), whole hours none. A
time that must stay under a limit ("inside the 24 h cutoff") is written in
hours and minutes, rounded down, so 23.98 h never reads as 24.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

__all__ = [
    "day",
    "day_month",
    "hours",
    "hours_h",
    "moment",
    "percent",
    "plural",
    "shown",
    "signed_hours",
    "time_left",
    "weekday_day",
]


def hours(value: float) -> str:
    """``12``, ``12.5``, ``21.25``, ``1.33``: hours as people write them."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def shown(values: Sequence[float], total: float | None = None) -> list[float]:
    """``values`` as they are shown, in hundredths, adding up to ``total`` as shown (default: their own sum).

    A sitting of 100 minutes is 1.6667 h: shown as 1.67 twice and 3.33 once,
    a column would not add up to its total. The hundredths are handed out by
    largest remainder instead, so every shown total is the sum of the shown
    parts, and each part is within a hundredth of its exact value.
    """
    cents = [v * 100 for v in values]
    target = round((math.fsum(values) if total is None else total) * 100)
    out = [math.floor(c + 1e-6) for c in cents]
    if sum(out) == target:  # most columns: whole hundredths already, nothing to hand out
        return [c / 100 for c in out]
    largest_first = sorted(range(len(out)), key=lambda i: out[i] - cents[i])
    while sum(out) < target and out:
        for i in largest_first[: target - sum(out)]:
            out[i] += 1
    while sum(out) > target and any(out):
        before = sum(out)
        for i in reversed(largest_first):
            if out[i] > 0 and sum(out) > target:
                out[i] -= 1
        if sum(out) == before:  # only parts below zero are left, and none is taken below its floor
            break
    return [c / 100 for c in out]


def hours_h(value: float) -> str:
    """``12.5 h``."""
    return f"{hours(value)} h"


def percent(value: float) -> str:
    """``75%``, ``72.5%``: a score or a share, with the same two decimals at most as hours."""
    return f"{hours(value)}%"


def signed_hours(value: float) -> str:
    """``+6 h``, ``−4.5 h`` (a true minus sign): a change of hours."""
    sign = "+" if value >= 0 else "−"
    return f"{sign}{hours_h(abs(value))}"


def time_left(seconds: float) -> str:
    """``23 h 58 min``, ``3 days 4 h``, ``12 min``: a span rounded *down*, so it never reaches a limit it is under."""
    minutes = max(0, int(seconds // 60))
    days, rest = divmod(minutes, 24 * 60)
    h, m = divmod(rest, 60)
    if days:
        return plural(days, "day") + (f" {h} h" if h else "")
    if h:
        return f"{h} h" + (f" {m} min" if m else "")
    return f"{m} min"


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 week``, ``3 weeks`` (``words`` when the plural is not ``word + "s"``)."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def day(d: dt.date) -> str:
    """``Mon 5 Apr 2027``: a date a person reads at a glance, with its year."""
    return f"{d:%a} {d.day} {d:%b %Y}"


def day_month(d: dt.date) -> str:
    """``Mon 5 Apr``: inside a plan whose year is plain."""
    return f"{d:%a} {d.day} {d:%b}"


def moment(d: dt.datetime) -> str:
    """``Mon 5 Apr 2027 10:00``: an exam time, in whatever zone ``d`` is in."""
    return f"{day(d)} {d:%H:%M}"


def weekday_day(d: dt.date) -> str:
    """``Mon 05 Apr``: fixed width, for columns."""
    return f"{d:%a %d %b}"
