"""Markdown: a heading and a table per week, for a wiki or a notes app."""

from __future__ import annotations

import re

from planner.core.engine import Week
from planner.core.report import exam_when
from planner.core.safetext import clean
from planner.core.situation import Situation
from planner.export.common import day_name, hours, printed_weeks, span

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#!|~&])")
"""Marks that can start markup anywhere in a line (plan text never starts one)."""


def md(text: str) -> str:
    """Plan text that renders literally: every Markdown punctuation mark escaped."""
    return _SPECIAL.sub(r"\\\1", clean(text, one_line=True))


def render_markdown(s: Situation, weeks: list[Week]) -> str:
    exam = s.plan.exam
    code = f" ({md(exam.code)})" if exam.code else ""
    out = [
        f"# {md(exam.name)}{code}",
        "",
        f"Exam: {exam_when(s)}. "
        f"{s.schedule.study_hours + s.schedule.practice_hours:g} h planned"
        f" of {s.schedule.capacity_hours:g} h available.",
        "",
    ]
    for pw in printed_weeks(s, weeks):
        w = pw.week
        out.append(f"## Week {pw.number}: {span(w)}")
        out.append("")
        out.append(f"{hours(pw.planned)} h planned of {hours(w.capacity_hours)} h available.")
        out.append("")
        out.append("| Domain | Hours |")
        out.append("| --- | ---: |")
        for domain_id, h in w.hours.items():
            if h:
                out.append(f"| {md(pw.names[domain_id])} | {hours(h)} |")
        if w.practice_hours:
            out.append(
                f"| Practice exams ({w.practice_exams} × {s.plan.practice.minutes} min) | {hours(w.practice_hours)} |"
            )
        out.append("")
        out.append("| Done | Day | Hours | Study |")
        out.append("| :---: | --- | ---: | --- |")
        for day in pw.days:
            what = md(pw.study_text(day)) or "—"
            if day.note:
                what += f" *({md(day.note)})*"
            done = pw.done_text(day)
            if done:
                what += f"; done: {md(done)}"
            box = "☑" if day.done else "☐"
            out.append(f"| {box} | {day_name(day.date)} | {hours(day.capacity)} | {what} |")
        if pw.due:
            out.append("")
            out.append("Due by the end of the week:")
            out.append("")
            for r in pw.due:
                mark = "x" if r.status == "done" else " "
                out.append(f"- [{mark}] {md(r.title)} ({r.priority}, {hours(r.hours)} h)")
        out.append("")
    return "\n".join(out)
