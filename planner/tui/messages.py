"""The messages views send up to the app: "attributes down, messages up".

A view never reaches into the app for the plan or to change it. It is shown a
``Situation`` by the app (``show(situation)``) and, to change the plan, posts
``EditRequested`` with a function of ``planner.core.edits`` bound to its
arguments; the app applies it to the plan as it is at that moment, re-plans,
saves and shows the result. Everything a view wants to say goes up as ``Say``,
and every command it wants run (log a session, start a practice exam,
reschedule) as ``ActionRequested``. Messages a single widget posts about itself
stay inside that widget's class, as Textual's own widgets do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from textual.message import Message

if TYPE_CHECKING:
    from planner.core.model import Plan

__all__ = ["ActionRequested", "EditRequested", "Say"]

Edit = Callable[["Plan"], "Plan"]
"""A change of the plan: a ``core.edits`` function with its arguments bound; raises ``PlanError`` when refused."""


@dataclass
class EditRequested(Message):
    """Change the plan with ``edit``; ``label`` names it in undo's list."""

    edit: Edit
    label: str
    coalesce: str | None = None
    """Edits with the same key in a row undo as one (typing in one field)."""


@dataclass
class Say(Message):
    """Tell the person something; ``text`` is shown as typed (never markup)."""

    text: str
    title: str = ""
    severity: Literal["information", "warning", "error"] = "information"
    timeout: float | None = None


@dataclass
class ActionRequested(Message):
    """Run one of the app's commands (``add_log``, ``practice``, ``reschedule``…), as its key would."""

    action: str
