"""Text from a plan file, made safe to show.

A title or note is whatever somebody typed or pasted into a TOML file. Shown
raw it could move the cursor, recolour the terminal or reverse the line
(escape sequences, C1 controls, bidi overrides), so every front end (the
command line, the exports, the TUI) passes plan text through ``clean``.
Markup is a separate matter: the TUI turns cleaned text into ``Content``
without ever parsing it as markup (see ``planner.tui.text``).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["clean", "clip", "escape_for_json", "width"]

_UNSAFE: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
"""C0 controls but tab and newline, DEL, C1, and the bidi marks, embeddings,
overrides and isolates (plus BOM and interlinear annotation controls)."""


def clean(text: str, *, one_line: bool = False) -> str:
    """``text`` without control characters; ``one_line`` also folds newlines and tabs."""
    out = _UNSAFE.sub("", text)
    if one_line:
        out = out.replace("\n", " ").replace("\t", " ")
    return out


def escape_for_json(text: str) -> str:
    """JSON text with every unsafe character written as ``\\uXXXX``: the data stays exact, the terminal safe.

    ``json.dumps`` already escapes C0; DEL, C1 and the bidi controls may only
    occur inside strings, where a ``\\u`` escape means the same character.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


_NARROW_BELOW: Final = "\u0300"
"""Below the combining diacritics every character takes one cell (no wide ones before U+1100)."""


def _char_width(ch: str) -> int:
    if ch < _NARROW_BELOW:
        return 1
    import unicodedata  # only for text beyond Latin-1 and its extensions

    if unicodedata.combining(ch):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide characters count two)."""
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


def clip(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` terminal cells, with an ellipsis when cut."""
    if columns <= 0:
        return ""
    if width(text) <= columns:
        return text
    out = []
    used = 0
    for ch in text:
        w = _char_width(ch)
        if used + w > columns - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
