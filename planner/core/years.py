"""The years a plan may hold, on their own: a typed ``--today`` is checked against them before the TUI's
first frame, which would otherwise import every rule of the plan file for two numbers."""

from __future__ import annotations

from typing import Final

__all__ = ["YEARS"]

YEARS: Final = (1970, 2200)
"""Plans live in these years; a date outside is a typo (and far dates overflow date arithmetic)."""
