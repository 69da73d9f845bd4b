"""Styled lines without Textual: what a card says, piece by piece, before it is ``Content``.

The dashboard's cards are worked out where Textual is not imported: in the
child that ``planner`` forks to read the plan while the app starts
(``tui.opening``), as well as in the app. So a card is plain data: lines of
pieces, each a cleaned string and a Textual style (``"bold $accent"``), which
``planner.tui.text.styled`` turns into ``Content`` in the app. Plan text is
cleaned here, as it goes in, and is never parsed as markup anywhere.
"""

from __future__ import annotations

from rich.cells import cell_len

from planner.core.safetext import clean, clip

__all__ = ["Line", "Lines", "Piece", "clipped", "line", "line_width"]

Piece = tuple[str, str]
"""Cleaned text and the style it is shown in (``""``: the widget's own)."""
Line = tuple[Piece, ...]
Lines = tuple[Line, ...]


def line(*parts: tuple[str, str] | str) -> Line:
    """One line from pieces, each ``"plain"`` or ``("text", "style")``; a newline in plan text cannot break it."""
    pieces: list[Piece] = []
    for part in parts:
        text, style = part if isinstance(part, tuple) else (part, "")
        if text:
            pieces.append((clean(text, one_line=True), style))
    return tuple(pieces)


def clipped(text: str, columns: int, style: str = "") -> Piece:
    """Plan text cut to ``columns`` terminal cells (an ellipsis when cut)."""
    return (clip(clean(text, one_line=True), columns), style)


def line_width(pieces: Line) -> int:
    """The terminal cells a line takes, measured as Textual measures it (zero-width joiners, emoji sequences)."""
    return sum(cell_len(text) for text, _ in pieces)
