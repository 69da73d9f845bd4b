"""The printable schedule (text, Markdown, HTML) and the calendar feed (ics).

Every format starts from a ``Situation`` and the same week-by-day breakdown
(``planner.days``); each escapes plan text for itself, so a title like
``CKA course [with labs]`` reads exactly that way in every one of them.
"""

from __future__ import annotations

import datetime as dt

from planner.core.engine import Week
from planner.core.situation import Situation

__all__ = ["render", "select_weeks"]


def select_weeks(s: Situation, first: dt.date | None = None, last: dt.date | None = None) -> list[Week]:
    """The weeks holding ``first`` .. ``last`` (inclusive); all of them by default."""
    weeks = list(s.schedule.weeks)
    if first is not None:
        weeks = [w for w in weeks if w.end >= first]
    if last is not None:
        weeks = [w for w in weeks if w.start <= last]
    return weeks


def render(s: Situation, fmt: str, *, first: dt.date | None = None, last: dt.date | None = None) -> str:
    weeks = select_weeks(s, first, last)
    if fmt == "text":
        from planner.export.text import render_text

        return render_text(s, weeks)
    if fmt == "markdown":
        from planner.export.markdown import render_markdown

        return render_markdown(s, weeks)
    if fmt == "html":
        from planner.export.html import render_html

        return render_html(s, weeks)
    raise ValueError(f"unknown format {fmt!r}")
