"""Hours (and percents) as a person types them: plain decimals only.

``float()`` takes far more than a person means by "1.5 hours": ``1_0``,
Arabic-Indic and full-width digits, ``5e-324``, ``inf``. Each of those has
been logged by accident (issue 10), so typed hours must be plain ASCII
decimals: ``1``, ``1.5``, ``.5``.
"""

from __future__ import annotations

import re
from typing import Final

from planner.core.errors import PlanError
from planner.core.rules.values import MAX_DAY_HOURS, num

__all__ = ["parse_estimate", "parse_hours", "parse_percent"]

_PLAIN_DECIMAL: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")
"""ASCII digits, at most one point: no signs, exponents, underscores or other scripts' digits."""
LEAST_HOURS: Final = 0.01
"""Every figure shows hours in hundredths: less than one is logged as time no screen would show."""
_LONGEST: Final = 20
"""Characters a typed number of hours may have; more is not a number anyone means."""


def parse_hours(text: str, what: str) -> float:
    """The hours in ``text`` (from a hundredth to a day), or a ``PlanError`` naming ``what``."""
    value = text.strip()
    hours = _decimal(value)
    if hours is None:
        raise PlanError(f"{what}: {_quoted(value)} is not a number of hours (write it like 1.5)")
    if not 0 < hours <= MAX_DAY_HOURS:
        raise PlanError(f"{what}: must be more than 0 and at most {num(MAX_DAY_HOURS)}, got {value}")
    if hours < LEAST_HOURS:
        raise PlanError(
            f"{what}: {value} h is less than the hundredth of an hour every figure shows; log at least"
            f" {num(LEAST_HOURS)} h (36 seconds)"
        )
    return hours


def _decimal(value: str) -> float | None:
    """``value`` as a number when it is a plain decimal, minus sign or not; else ``None``.

    A minus sign is read so that ``-1`` is said to be out of range, not "not a number".
    """
    digits = value.removeprefix("-")
    if len(value) > _LONGEST or not _PLAIN_DECIMAL.fullmatch(digits):
        return None
    return float(value) + 0.0  # "-0" is 0


def parse_estimate(text: str, what: str) -> float:
    """A resource's hours as typed (0 or more; the plan's own check caps them), or a ``PlanError`` naming ``what``.

    Empty is not 0: a form sent by Enter from its first box would otherwise add a resource of no hours
    without a word.
    """
    value = text.strip()
    if not value:
        raise PlanError(f"{what}: how many hours it takes is missing (write 0 when you do not know yet)")
    hours = _decimal(value)
    if hours is None:
        raise PlanError(f"{what}: {_quoted(value)} is not a number of hours (write it like 1.5)")
    if hours < 0:
        raise PlanError(f"{what}: must be at least 0, got {value}")
    return hours


def _quoted(value: str) -> str:
    shown = value if len(value) <= 40 else value[:37] + "..."
    return repr(shown)


def parse_percent(text: str, what: str) -> float:
    """A percent typed as a plain decimal (``72``, ``72.5``), from 0 to 100, or a ``PlanError`` naming ``what``."""
    value = text.strip()
    percent = _decimal(value)
    if percent is None:
        raise PlanError(f"{what}: {_quoted(value)} is not a percent (write it like 72 or 72.5)")
    if percent < 0:
        raise PlanError(f"{what}: must be from 0 to 100 (percent), got {value}")
    if percent > 100:
        raise PlanError(f"{what}: must be at most 100 (percent), got {value}")
    return percent
