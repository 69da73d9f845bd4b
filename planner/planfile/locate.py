"""Find the line of a key path in TOML text, so errors can say where to look.

``tomllib`` keeps no positions, so this is a small line scanner: it follows
``[table]`` and ``[[array]]`` headers and ``key =`` lines. It only has to be
good enough to point a person at the right line; when it cannot tell, the
error still names the key path.
"""

from __future__ import annotations

import re

from planner.core.errors import KeyPath

__all__ = ["locate", "toml_lines"]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*=")


def toml_lines(text: str) -> list[str]:
    """``text``'s lines as TOML counts them: only LF (or CRLF) ends a line.

    ``str.splitlines`` also breaks at U+2028, U+2029, U+0085 and others,
    which may sit in a comment or a string; every later line number would
    then be wrong. ``tomllib`` counts LFs, so the lines here are its lines.
    """
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def _split_dotted(text: str) -> list[str]:
    parts = re.findall(r"\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+", text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def locate(text: str, key: KeyPath) -> tuple[int, int] | None:
    """(line, column), 1-based, of ``key`` in ``text``; else of its nearest parent."""
    positions: dict[KeyPath, tuple[int, int]] = {}
    counters: dict[tuple[str, ...], int] = {}
    table: KeyPath = ()
    in_multiline: str | None = None
    for number, line in enumerate(toml_lines(text), start=1):
        if in_multiline is not None:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _HEADER.match(line)
        if header:
            names = _split_dotted(header[2])
            if header[1] == "[[":
                plain = tuple(names)
                index = counters.get(plain, -1) + 1
                counters[plain] = index
                table = _with_indices(names, counters)
            else:
                table = _with_indices(names, counters)
            positions.setdefault(table, (number, line.index("[") + 1))
            continue
        match = _KEY.match(line)
        if match:
            full = (*table, *_split_dotted(match[1]))
            positions.setdefault(full, (number, len(line) - len(line.lstrip()) + 1))
            rest = line[match.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote
    for depth in range(len(key), 0, -1):
        found = positions.get(tuple(key[:depth]))
        if found:
            return found
    return None


def _with_indices(names: list[str], counters: dict[tuple[str, ...], int]) -> KeyPath:
    """``[domains.x]`` under the third ``[[domains]]`` is ``("domains", 2, "x")``."""
    out: list[str | int] = []
    for i, name in enumerate(names):
        out.append(name)
        prefix = tuple(names[: i + 1])
        if prefix in counters:
            out.append(counters[prefix])
    return tuple(out)
