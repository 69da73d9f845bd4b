"""Where ``planner.core.views`` used to live, kept for the TUI until it imports the views itself.

Nothing is defined here: every name is the one in ``planner.core.views``, so
there is still one way to write each thing. Only the light names the TUI's
first frame uses are here (no engine behind them). Delete this module once
no import of it is left.
"""

from __future__ import annotations

from planner.core.fmt import hours
from planner.core.views.header import countdown, exam_line, exam_when, pace, postponements
from planner.core.views.labels import domain_labels

__all__ = ["countdown", "domain_labels", "exam_line", "exam_when", "hours", "pace", "postponements"]
