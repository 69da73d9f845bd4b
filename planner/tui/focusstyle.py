"""A focus change that restyles the widget that took or left the keyboard, not everything inside it.

Textual restyles a focused widget's whole subtree on each focus change, for
rules such as ``Select:focus > SelectCurrent`` that style a child by its
parent's focus. The planner's focusable containers (each view, the
dashboard's warnings) have no such rule (``tests/test_mainscreen.py`` checks
every rule), so restyling their subtrees changed nothing but took time: the
Plan form holds 160 widgets, restyled when its tab was shown and again when
it was left, and the warnings' restyle sat in the path of the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.widget import Widget

__all__ = ["restyle_alone"]


def restyle_alone(widget: Widget) -> None:
    """Apply ``widget``'s own styles again (its ``:focus`` ones, its scroll bars'), not its children's."""
    widget.app.stylesheet.update_nodes([widget], animate=True)
