"""The dashboard's cards as plain data, in a module of their own.

The child that reads the plan sends them pickled (``tui.opening``), and
unpickling imports the module that defines them: here, that is a few lines,
where ``views.dashparts``, which works them out, would bring its formatting
into the app's first frame.
"""

from __future__ import annotations

from typing import NamedTuple

from planner.tui.styled import Lines

__all__ = ["Cards"]


class Cards(NamedTuple):
    """What the dashboard shows of a plan at one moment: plain data, so another process can send it."""

    exam: Lines
    this_week: Lines
    week_rows: int
    """How many of ``this_week``'s lines, after its heading, are hours of a domain (``styled.shortened``)."""
    progress: Lines
    progress_rows: int
    """How many of ``progress``' lines, after its heading, are a domain's bar."""
    warnings: Lines
    practice_hint: str | None
    """``None``: no practice exam is due, and the bar with its button stays hidden."""
    at_risk: bool
    calendars: Lines | None
    """``None``: the plan reads no calendars (or they are not known yet), and the card is hidden."""
