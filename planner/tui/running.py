"""The running study session as the session bar shows it, worked out without Textual.

The app works it out every second; the child that reads the plan as
``planner`` starts works it out once, for the first screen (``tui.opening``),
so a plan with a session running opens with its bar, not a frame later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import pendulum

    from planner.core.model import Plan
    from planner.core.sessions import FocusPhase, SessionStatus

__all__ = ["SessionShown", "session_shown"]


class SessionShown(NamedTuple):
    """The running session at one moment, as the bar draws it."""

    what: str
    """``Modelling (Hands On!) since Mon 14 Dec 19:00``: plan text, shown as typed."""
    seconds: int
    focus: FocusPhase | None
    long: bool
    """Over the hours after which stopping asks first: it was probably left running."""


def session_shown(plan: Plan, now: pendulum.DateTime, zone: str) -> tuple[SessionShown, SessionStatus] | None:
    """The plan's session running at ``now`` (as the bar shows it, and its status), or ``None``."""
    if plan.session is None:
        return None
    from planner.core import sessions

    status = sessions.status(plan, now, zone)
    if status is None:
        return None
    shown = SessionShown(sessions.describe(plan, status.session), status.seconds, status.focus, status.long)
    return shown, status
