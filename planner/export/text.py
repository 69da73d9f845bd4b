"""Plain text: at most 80 columns, a form feed between weeks so ``lpr`` prints a week a page."""

from __future__ import annotations

from collections.abc import Sequence

from planner.core import fmt
from planner.core.engine import Week
from planner.core.safetext import clean, clip, width
from planner.core.situation import Situation
from planner.core.views.header import countdown, exam_title, exam_when
from planner.export.common import PrintedWeek, printed_weeks, span

WIDTH = 80
FORM_FEED = "\f"


GLUE = "\ue000"
"""Joins a number to its unit while wrapping (a private-use character: ``str.split`` keeps it)."""


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    """Wrap at 80 terminal cells (a wide character takes two) without parting "3.5 h"."""
    words = text.replace(" h", GLUE + "h").split()
    lines: list[str] = []
    line = first if first is not None else indent
    used = width(line)  # cells of ``line``, kept as words are added rather than measured again
    empty = True
    for raw in words:
        word = raw.replace(GLUE, " ")
        gap = "" if empty else " "
        cells = width(word)
        if used + len(gap) + cells <= WIDTH:
            line += gap + word
            used += len(gap) + cells
            empty = False
            continue
        if not empty:
            lines.append(line)
            line, used, empty = indent, width(indent), True
        while used + cells > WIDTH:  # longer than a line: cut it by cells
            head = _take(word, WIDTH - used)
            lines.append(line + head)
            word = word[len(head) :]
            cells -= width(head)
            line, used = indent, width(indent)
        line += word
        used += cells
        empty = not word
    lines.append(line)
    return lines


def _take(word: str, cells: int) -> str:
    """The longest start of ``word`` that fits ``cells`` terminal cells (at least one character)."""
    out = ""
    used = 0
    for ch in word:
        cell = width(ch)
        if out and used + cell > cells:
            break
        out += ch
        used += cell
    return out


def render_text(s: Situation, weeks: Sequence[Week]) -> str:
    pages = []
    when = exam_when(s)
    for pw in printed_weeks(s, weeks):
        w = pw.week
        lines = [clip(exam_title(s.plan), WIDTH), f"Exam {when} · {countdown(s)}"[:WIDTH], ""]
        left = f"WEEK {pw.number} · {span(w)}"
        right = f"{fmt.hours_h(pw.planned)} of {fmt.hours_h(pw.row.available)}"
        lines.append(left + " " * max(1, WIDTH - width(left) - len(right)) + right)
        lines.append("─" * WIDTH)
        per_domain = [f"{clean(pw.names[d], one_line=True)} {fmt.hours_h(h)}" for d, h in pw.row.cells.items()]
        if per_domain:
            lines.extend(_wrap(" · ".join(per_domain), "         ", "Domains  "))
        if w.practice_exams:
            minutes = s.plan.practice.minutes
            boxes = " ".join("[ ]" for _ in range(min(w.practice_exams, 12)))
            lines.extend(
                _wrap(
                    f"{w.practice_exams} timed practice exam{'s' if w.practice_exams != 1 else ''} of "
                    f"{minutes} min: {boxes}",
                    "         ",
                    "Practice ",
                )
            )
        lines.append("")
        lines.extend(_day_lines(pw))
        if pw.due:
            lines.append("")
            lines.append(f"Due by {fmt.day_month(w.end)}:")
            for r in pw.due:
                mark = "[x]" if r.status == "done" else "[ ]"
                meta = f" ({r.priority}, {fmt.hours_h(r.hours)})"
                lines.extend(_wrap(clean(r.title, one_line=True) + meta, "      ", f"  {mark} "))
        pages.append("\n".join(line.rstrip() for line in lines) + "\n")
    return FORM_FEED.join(pages)


def _day_lines(pw: PrintedWeek) -> list[str]:
    """``[ ] Sun 13 Dec    1 h  ML Ops 1 h``: a tick box, the day, the hours of what the line lists."""
    lines = []
    for day in pw.days:
        box = "[ ]" if day.available > 0 or day.done else "   "
        head = f"{box} {fmt.day_month(day.date):<10} {fmt.hours(day.hours):>4} h  "
        body = day.work
        if day.note:
            body = f"{body} ({day.note})" if body else day.note
        lines.extend(_wrap(body or "—", " " * len(head), head))
    return lines
