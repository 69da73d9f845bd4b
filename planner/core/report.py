"""Where ``planner.core.views`` used to live, kept for the TUI until it imports the views itself.

Nothing is defined here: every name is the one in ``planner.core.views``,
so there is still one way to write each thing. Delete this module once no
import of it is left.
"""

from __future__ import annotations

from planner.core.fmt import hours
from planner.core.views.header import countdown, exam_line, exam_when, pace, postponements
from planner.core.views.schedule_json import schedule_json
from planner.core.views.schedule_text import domain_labels, schedule_text
from planner.core.views.status import status_text

__all__ = [
    "countdown",
    "domain_labels",
    "exam_line",
    "exam_when",
    "hours",
    "pace",
    "postponements",
    "schedule_json",
    "schedule_text",
    "status_text",
]
