"""What every view does when it is mounted: show the plan that is open, if any."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.reactive import reactive

if TYPE_CHECKING:
    from planner.core.situation import Situation


class ShowsSituation:
    """Mixed into each view widget: ``show`` draws a ``Situation``; mounting draws the current one."""

    NARROW: ClassVar[int] = 0
    """Below this many columns the view has the ``narrow`` class (its CSS rearranges it); 0: never."""

    narrow: reactive[bool] = reactive(False)

    def show(self, s: Situation) -> None:  # pragma: no cover - every view overrides it
        raise NotImplementedError

    def on_mount(self) -> None:
        situation = getattr(self.app, "situation", None)  # type: ignore[attr-defined]
        if situation is not None:
            self.call_after_refresh(self.show, situation)  # type: ignore[attr-defined]
        self.call_after_refresh(self.focus_main)  # type: ignore[attr-defined]

    def on_resize(self) -> None:
        self.narrow = self.size.width < self.NARROW  # type: ignore[attr-defined]

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "narrow")  # type: ignore[attr-defined]

    def focus_main(self) -> None:
        """Give the keyboard to the part of the view its keys act on (a tab switch calls this)."""
        self.focus()  # type: ignore[attr-defined]
