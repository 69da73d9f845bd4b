"""The five tabs: one widget of labels over the tab shown.

Textual's ``TabbedContent`` draws its labels as ten widgets (scroll
containers, a widget per label, an animated underline), and mounting and
styling them took a third of the app's run to its first frame, measured.
The planner's tabs never scroll, are reached by ``1``-``5``, the mouse and
the command palette, and need no animation: ``TabStrip`` draws the labels
and the underline as one widget, and a ``ContentSwitcher`` shows the pane.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Final

from textual import events
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher

if TYPE_CHECKING:
    from textual.app import ComposeResult

__all__ = ["PlanTabs", "TabPane", "TabStrip"]

_GAP: Final = "  "
"""Between two labels."""
_BAR: Final = "$foreground 10%"
"""The underline where no tab is shown (the colours are those of Textual's own tabs)."""


class TabStrip(Widget):
    """The labels, the one shown underlined; a click on a label asks for its tab."""

    DEFAULT_CSS: ClassVar[str] = """
    TabStrip {
        height: 2;
        width: 1fr;
    }
    """

    active: reactive[str] = reactive("", layout=False)

    @dataclass
    class Clicked(Message):
        tab: str

    def __init__(self, labels: Sequence[tuple[str, str]], active: str) -> None:
        super().__init__()
        self._labels = tuple(labels)
        self.set_reactive(TabStrip.active, active)

    def _spans(self) -> list[tuple[str, int, int]]:
        """Each tab, and the cells its label takes (from, to)."""
        spans, x = [], 1
        for tab, label in self._labels:
            spans.append((tab, x, x + len(label)))
            x += len(label) + len(_GAP)
        return spans

    def render(self) -> Content:
        width = self.size.width
        labels: list[tuple[str, str] | str] = [" "]
        under: list[tuple[str, str] | str] = []
        end = 0
        for (tab, label), (_, start, stop) in zip(self._labels, self._spans(), strict=True):
            shown = tab == self.active
            labels += [(label, "bold $foreground" if shown else "$foreground 50%"), _GAP]
            under.append(("━" * (start - end), _BAR))
            under.append(("━" * (stop - start), "$block-cursor-background" if shown else _BAR))
            end = stop
        under.append(("━" * max(0, width - end), _BAR))
        return Content.assemble(*labels, "\n", *under)

    def on_click(self, event: events.Click) -> None:
        for tab, start, stop in self._spans():
            if start <= event.x < stop:
                self.post_message(self.Clicked(tab))
                return


class TabPane(Widget):
    """What one tab shows; its id is the tab's. Styled as Textual's ``TabPane`` is, whose module would bring
    Textual's tabs into the first frame's imports for nothing."""


class PlanTabs(Vertical):
    """Labels over panes, with ``active`` the shown pane's id (as ``TabbedContent`` has it)."""

    @dataclass
    class Activated(Message):
        """A tab is shown: by a key, a click, the palette or the app."""

        tab: str

    active: reactive[str] = reactive("", init=False)

    def __init__(self, labels: Sequence[tuple[str, str]], *, initial: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels = tuple(labels)
        self._panes: list[TabPane] = []
        self.set_reactive(PlanTabs.active, initial)

    def compose_add_child(self, widget: Widget) -> None:
        # The panes composed inside ``with PlanTabs(...)`` go into the switcher, not under the tabs.
        if isinstance(widget, TabPane):
            self._panes.append(widget)
        else:
            super().compose_add_child(widget)

    def compose(self) -> ComposeResult:
        yield TabStrip(self._labels, self.active)
        # Only the pane shown is mounted with the app: a pane no one has opened yet costs the first frame nothing.
        yield ContentSwitcher(*(p for p in self._panes if p.id == self.active), initial=self.active)

    def on_tab_strip_clicked(self, event: TabStrip.Clicked) -> None:
        event.stop()
        self.active = event.tab

    def watch_active(self, tab: str) -> None:
        self.query_one(TabStrip).active = tab
        switcher = self.query_one(ContentSwitcher)
        pane = next((p for p in self._panes if p.id == tab), None)
        if pane is not None and pane.parent is None:
            pane.display = False  # shown by the switcher below, as a pane mounted with it would be
            switcher.mount(pane)  # in the DOM from here on: the app may mount the tab's view into it at once
        switcher.current = tab
        self.post_message(self.Activated(tab))
