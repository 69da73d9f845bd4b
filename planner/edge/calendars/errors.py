"""The two ways reading a calendar fails: for now (offline) or until the user acts (a bad login).

Offline, a timeout or a server error passes: the cached copy stands in and
the plan says how old it is. A failed login, a missing password or a URL
the planner will not use does not pass by waiting, so ``calendars refresh``
and ``publish`` stop on it with one line and exit 2.
"""

from __future__ import annotations

from planner.core.errors import PlanError

__all__ = ["CalendarError", "FetchError"]


class CalendarError(PlanError):
    """A calendar the planner cannot use until its settings change; the message is one line, never a secret."""


class FetchError(Exception):
    """A source that could not be read this time."""

    def __init__(self, message: str, *, fatal: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.fatal = fatal
        """A failed login or a refused setting: waiting will not fix it."""
