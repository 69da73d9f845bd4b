"""What every view has: it is shown a ``Situation``, and knows the part its keys act on.

Attributes down, messages up: the app hands each view the plan at this
moment through ``show`` (and the plan's file through ``plan_path``); a view
never reads the app, and changes the plan only by posting the messages of
``planner.tui.messages``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual.reactive import reactive
from textual.widget import Widget

from planner.tui.focusstyle import restyle_alone

if TYPE_CHECKING:
    from planner.core.situation import Situation

    _ViewBase = Widget
else:
    # A plain mixin at run time: a Widget base here would pin ``can_focus`` (and the CSS type
    # names) for the container each view also derives from.
    _ViewBase = object

__all__ = ["SessionTarget", "ShowsSituation"]


class SessionTarget(NamedTuple):
    """What a study session started now would be on: the view's highlighted domain and resource."""

    domain: str | None
    """``None``: a resource that covers every domain; the app asks which one."""
    resource: str | None = None


class ShowsSituation(_ViewBase):
    """Mixed into each view widget, before its container class: ``class LogView(ShowsSituation, Vertical)``."""

    NARROW: ClassVar[int] = 0
    """Below this many columns the view has the ``narrow`` class (its CSS rearranges it); 0: never."""

    SHOWN_ONCE_MOUNTED: ClassVar[bool] = False
    """Shown the plan as soon as it is built, before it is laid out: what it shows does not depend on its size
    (nor on ``narrow``, which before a layout is reckoned from the terminal's width, not the view's).

    The first frame of its tab then holds the plan. Otherwise the app waits for
    the view's first layout, and the tab is laid out and painted twice, the
    second time with the plan: for the Plan form's 160 widgets, about half a
    second before the values appeared (measured in a pseudo-terminal).
    """

    narrow: reactive[bool] = reactive(False)

    plan_path: Path | None = None
    """The file of the plan shown, set by the app (for views that name it)."""

    def show(self, s: Situation) -> None:  # pragma: no cover - every view overrides it
        raise NotImplementedError

    def narrow_below(self) -> int:
        """The columns below which the view is narrow: ``NARROW``, or more where what it shows needs more."""
        return self.NARROW

    def on_mount(self) -> None:
        self.reckon_narrow()

    def reckon_narrow(self) -> None:
        """Narrow or not, now. Until the view's own first Resize arrives (on a busy machine, after the first
        frames), the terminal's width stands for its own: a view shown at 80 columns is narrow from its first frame."""
        self.narrow = (self.size.width or self.app.size.width) < self.narrow_below()

    def on_resize(self) -> None:
        self.narrow = self.size.width < self.narrow_below()

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "narrow")

    def focus_main(self) -> None:
        """Give the keyboard to the part of the view its keys act on (the app calls this on a tab switch)."""
        self.focus()

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Restyled alone when it takes or leaves the keyboard, not with every widget inside it (``tui.focusstyle``)."""
        restyle_alone(self)

    def session_target(self) -> SessionTarget | None:
        """The domain (and resource) highlighted, for the session key; ``None`` when nothing is (the app asks)."""
        return None
