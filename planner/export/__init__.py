"""Every output format, in one registry read by the CLI (``print``, ``export``) and the TUI's preview.

A format is a name, the file suffix it is written with, its media type and
a ``render`` that turns a ``Situation`` and the weeks chosen into text.
Adding a format is a module with its render function and one line in
``FORMATS``: the CLI's choices, the ``-o`` suffix guess and the preview's
list follow. Modules are imported when a format is rendered, so listing the
formats costs nothing. Each format escapes plan text for itself, so a title
like ``CKA course [with labs]`` reads exactly that way in every one of them.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePath
from types import MappingProxyType
from typing import Final, NamedTuple

from planner.core.engine import Week
from planner.core.situation import Situation

__all__ = ["FORMATS", "Format", "Render", "format_of_path", "render", "select_weeks", "weekly_formats"]

Render = Callable[[Situation, Sequence[Week]], str]


class Format(NamedTuple):
    suffix: str
    """The suffix a file of this format is written with (``.html``)."""
    media_type: str
    render: Render
    weekly: bool
    """A printable schedule: the weeks are chosen (``--from``/``--to``), a page a week. Else the whole feed."""
    crlf: bool = False
    """Lines end in CRLF (RFC 5545): written as bytes, so no text layer translates them."""
    also: tuple[str, ...] = ()
    """Other suffixes that name this format (``.htm``)."""


def _lazy(module: str, function: str) -> Render:
    """``planner.export.MODULE.FUNCTION``, imported on the first call."""

    def call(s: Situation, weeks: Sequence[Week]) -> str:
        found: Render = getattr(importlib.import_module(f"planner.export.{module}"), function)
        return found(s, weeks)

    return call


FORMATS: Final[Mapping[str, Format]] = MappingProxyType(
    {
        "text": Format(".txt", "text/plain; charset=utf-8", _lazy("text", "render_text"), weekly=True),
        "markdown": Format(
            ".md",
            "text/markdown; charset=utf-8",
            _lazy("markdown", "render_markdown"),
            weekly=True,
            also=(".markdown",),
        ),
        "html": Format(".html", "text/html; charset=utf-8", _lazy("html", "render_html"), weekly=True, also=(".htm",)),
        "ics": Format(".ics", "text/calendar; charset=utf-8", _lazy("ics", "render_feed"), weekly=False, crlf=True),
    }
)
"""Every format by name; the order is the order menus list them in."""


def weekly_formats() -> tuple[str, ...]:
    """The printable schedules (``print --format``)."""
    return tuple(name for name, f in FORMATS.items() if f.weekly)


def format_of_path(path: str | None, among: Sequence[str] = tuple(FORMATS), default: str = "text") -> str | None:
    """The format of ``among`` a file name asks for by its suffix (``plan.md``: ``markdown``).

    ``default`` for standard output or a name without a suffix; ``None`` for a
    suffix none of ``among`` has (``plan.pdf``): writing text under that name
    would hand the user a file their PDF reader cannot open.
    """
    if not path or path == "-":
        return default
    name = path.lower()
    for key in among:
        f = FORMATS[key]
        if any(name.endswith(suffix) for suffix in (f.suffix, *f.also)):
            return key
    return default if not PurePath(name).suffix else None


def select_weeks(s: Situation, first: dt.date | None = None, last: dt.date | None = None) -> list[Week]:
    """The weeks holding ``first`` .. ``last`` (inclusive); all of them by default."""
    weeks = list(s.schedule.weeks)
    if first is not None:
        weeks = [w for w in weeks if w.end >= first]
    if last is not None:
        weeks = [w for w in weeks if w.start <= last]
    return weeks


def render(s: Situation, name: str, *, first: dt.date | None = None, last: dt.date | None = None) -> str:
    """``s`` in the format ``name``, the weeks from ``first`` to ``last`` (a feed ignores them)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r} (formats: {', '.join(FORMATS)})")
    return FORMATS[name].render(s, select_weeks(s, first, last))
