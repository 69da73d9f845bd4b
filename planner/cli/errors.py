"""Exit codes and the one error a command raises for bad input."""

from __future__ import annotations

from typing import Final

__all__ = ["EXIT_BUG", "EXIT_OK", "EXIT_RISK", "EXIT_USAGE", "UsageError"]

EXIT_OK: Final = 0
EXIT_RISK: Final = 1
"""``status`` when a warning is a risk: scripts and cron can act on it."""
EXIT_USAGE: Final = 2
"""Bad input or usage: one line on stderr says what."""
EXIT_BUG: Final = 70
"""An internal error (sysexits' EX_SOFTWARE): never a traceback unless PLANNER_DEBUG is set."""


class UsageError(Exception):
    """A flag, an argument or a file the command cannot use; the message is the whole story."""
