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

__all__ = ["Line", "Lines", "Piece", "clipped", "line", "line_width", "shortened"]

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


def shortened(lines: Lines, rows: int, room: int, more: str) -> Lines:
    """``lines`` in ``room`` lines, when they can be: the first of the ``rows`` lines after the heading, then ``more``.

    A card lists one line a domain between its heading and what follows (the
    practice exams, today, what is due; the total), and what follows always
    stays. ``more`` is said of the lines left out (``{n}``: how many, two at
    least: one line said as "1 more" would save nothing). A card too long for
    its room even so keeps one domain line (in a tiny terminal, what follows
    them shows the sooner); a ``room`` of 0 (not known yet) keeps every line.
    """
    over = len(lines) - room
    if room <= 0 or over <= 0:
        return lines
    keep = max(1, rows - over - 1)  # one line goes to saying how many more
    if rows - keep < 2:
        return lines
    said = line((more.format(n=rows - keep), "$text-muted"))
    return (*lines[: 1 + keep], said, *lines[1 + rows :])
