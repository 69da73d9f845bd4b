"""Markdown: a heading and a table per week, for a wiki or a notes app."""

from __future__ import annotations

import re
from collections.abc import Sequence

from planner.core import fmt
from planner.core.engine import Week
from planner.core.safetext import clean
from planner.core.situation import Situation
from planner.core.views.header import exam_when
from planner.core.views.totals import totals
from planner.export.common import printed_weeks, span

__all__ = ["md", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#!|~&])")
"""Marks that can start markup anywhere in a line (plan text never starts one)."""


def md(text: str) -> str:
    """Plan text that renders literally: every Markdown punctuation mark escaped."""
    return _SPECIAL.sub(r"\\\1", clean(text, one_line=True))


def render_markdown(s: Situation, weeks: Sequence[Week]) -> str:
    exam = s.plan.exam
    code = f" ({md(exam.code)})" if exam.code else ""
    t = totals(s.plan, s.schedule)
    out = [
        f"# {md(exam.name)}{code}",
        "",
        f"Exam: {exam_when(s)}. {fmt.hours_h(t.total)} planned of {fmt.hours_h(t.capacity)} available.",
        "",
    ]
    for pw in printed_weeks(s, weeks):
        w = pw.week
        out.append(f"## Week {pw.number}: {span(w)}")
        out.append("")
        out.append(f"{fmt.hours_h(pw.planned)} planned of {fmt.hours_h(pw.row.available)} available.")
        out.append("")
        out.append("| Domain | Hours |")
        out.append("| --- | ---: |")
        for domain_id, h in pw.row.cells.items():
            out.append(f"| {md(pw.names[domain_id])} | {fmt.hours(h)} |")
        if pw.row.practice:
            out.append(
                f"| Practice exams ({w.practice_exams} × {s.plan.practice.minutes} min)"
                f" | {fmt.hours(pw.row.practice)} |"
            )
        out.append("")
        out.append("| Done | Day | Hours | Study |")
        out.append("| :---: | --- | ---: | --- |")
        for day in pw.days:
            what = md(day.work) or "—"
            if day.note:
                what += f" *({md(day.note)})*"
            box = "☑" if day.done else "☐"
            out.append(f"| {box} | {fmt.day_month(day.date)} | {fmt.hours(day.hours)} | {what} |")
        if pw.due:
            out.append("")
            out.append(f"Due by {fmt.day_month(w.end)}:")
            out.append("")
            for r in pw.due:
                mark = "x" if r.status == "done" else " "
                out.append(f"- [{mark}] {md(r.title)} ({r.priority}, {fmt.hours_h(r.hours)})")
        out.append("")
    return "\n".join(out)
