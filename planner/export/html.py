"""HTML: one self-contained page (inline CSS, no script, no web fonts), a week per printed page."""

from __future__ import annotations

from html import escape

from planner.core.engine import Week
from planner.core.report import countdown, exam_when
from planner.core.safetext import clean
from planner.core.situation import Situation
from planner.export.common import day_name, hours, printed_weeks, span

CSS = """
:root { --ink: #1d2330; --muted: #5b6474; --line: #c9ced8; --accent: #2456a6; --soft: #eef2f9; }
* { box-sizing: border-box; }
html { color: var(--ink); background: #fff; }
body { font: 11pt/1.4 system-ui, "Segoe UI", "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
       margin: 0 auto; max-width: 190mm; padding: 8mm 6mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 14pt; margin: 0; }
.sub { color: var(--muted); margin: 0 0 5mm; }
.sub.small { font-size: 8.5pt; margin: 0 0 2mm; }
section { padding: 0 0 6mm; margin-bottom: 8mm; border-bottom: 1px dashed var(--line);
          break-inside: avoid-page; }
.head { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 2px solid var(--ink);
        padding-bottom: 1mm; margin-bottom: 3mm; }
.total { font-weight: 600; white-space: nowrap; }
.chips { margin: 0 0 3mm; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 1.5mm; }
.chips li { background: var(--soft); border-radius: 3mm; padding: .5mm 2.5mm; font-size: 9.5pt; }
table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
th, td { text-align: left; padding: 1.2mm 1.5mm; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 9pt; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.day { white-space: nowrap; width: 22mm; }
td.tick, th.tick { width: 9mm; text-align: center; }
tr.off td { color: var(--muted); font-style: italic; }
tr.today td { background: var(--soft); }
.box { display: inline-block; width: 3.6mm; height: 3.6mm; border: .35mm solid var(--ink); border-radius: .6mm;
       vertical-align: -0.6mm; }
.box.done { background: var(--ink); }
.practice { margin: 0 0 3mm; }
.practice .box { margin-left: 1mm; }
h3 { font-size: 10.5pt; margin: 3mm 0 1.5mm; }
ul.due { margin: 0; padding: 0; list-style: none; }
ul.due.many { columns: 2; column-gap: 6mm; }
ul.due li { margin: 0 0 1.2mm; break-inside: avoid; }
.tag { font-size: 8.5pt; color: var(--muted); }
.muted { color: var(--muted); }
.summary table td, .summary table th { padding: .8mm 1.5mm; }
@page { size: auto; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section { border: 0; margin: 0; padding: 0; break-after: page; page-break-after: always; }
  section:last-of-type { break-after: auto; page-break-after: auto; }
}
"""


def h(text: str) -> str:
    """Plan text for HTML: control characters removed, then every special character escaped."""
    return escape(clean(text, one_line=True), quote=True)


def _summary(s: Situation, weeks: list[Week]) -> str:
    sched = s.schedule
    rows = "".join(
        f"<tr><td>{h(d.name)}</td><td class=num>{d.share * 100:.0f}%</td>"
        f"<td class=num>{hours(d.planned_hours)} h</td><td class=num>{hours(d.done_hours)} h</td></tr>"
        for d in sched.domains
    )
    week_rows = "".join(
        f"<tr><td>{w.index + 1}</td><td>{escape(span(w))}</td>"
        f"<td class=num>{hours(w.study_hours + w.practice_hours)} h</td>"
        f"<td class=num>{len(w.resources_due) or ''}</td></tr>"
        for w in weeks
    )
    warnings = "".join(f"<li><b>{escape(a.code)}</b>: {h(a.message)}</li>" for a in s.alerts)
    return (
        "<section class=summary>"
        f"<h2>Summary</h2><p class=sub>{hours(sched.study_hours + sched.practice_hours)} h planned "
        f"({hours(sched.study_hours)} h study, {hours(sched.practice_hours)} h practice) of "
        f"{hours(sched.capacity_hours)} h available · {hours(sched.done_hours)} h done</p>"
        "<table><thead><tr><th>Domain</th><th class=num>Share</th><th class=num>Planned</th>"
        f"<th class=num>Done</th></tr></thead><tbody>{rows}</tbody></table>"
        "<table><thead><tr><th>#</th><th>Week</th><th class=num>Hours</th><th class=num>Due</th></tr></thead>"
        f"<tbody>{week_rows}</tbody></table>"
        + (f"<h3>Warnings</h3><ul>{warnings}</ul>" if warnings else "")
        + "</section>"
    )


def _until(days: int) -> str:
    weeks, rest = divmod(days, 7)
    parts = [f"{weeks} week{'s' if weeks != 1 else ''}"] if weeks else []
    if rest or not weeks:
        parts.append(f"{rest} day{'s' if rest != 1 else ''}")
    return " ".join(parts)


def render_html(s: Situation, weeks: list[Week]) -> str:
    exam = s.plan.exam
    title = h(exam.name) + (f" ({h(exam.code)})" if exam.code else "")
    when = exam_when(s)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}: weekly schedule</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p class=sub>Exam {escape(when)} · {escape(countdown(s))}</p>",
        _summary(s, weeks),
    ]
    for pw in printed_weeks(s, weeks):
        w = pw.week
        chips = "".join(f"<li>{h(pw.names[d])} <b>{hours(x)} h</b></li>" for d, x in w.hours.items() if x)
        body = []
        for day in pw.days:
            classes = " ".join(
                c for c in ("off" if day.capacity == 0 else "", "today" if day.state == "today" else "") if c
            )
            what = h(pw.study_text(day)) or "<span class=muted>—</span>"
            if day.note:
                what += f" <span class=tag>({h(day.note)})</span>"
            done = pw.done_text(day)
            if done:
                what += f" <span class=tag>done: {h(done)}</span>"
            tick = '<span class="box done"></span>' if day.done else "<span class=box></span>"
            body.append(
                f"<tr class='{classes}'><td class=tick>{tick}</td><td class=day>{escape(day_name(day.date))}</td>"
                f"<td class=num>{hours(day.capacity)} h</td><td>{what}</td></tr>"
            )
        practice = ""
        if w.practice_exams:
            boxes = "".join("<span class=box></span>" for _ in range(w.practice_exams))
            practice = (
                f"<p class=practice><b>Practice:</b> {w.practice_exams} timed exam"
                f"{'s' if w.practice_exams != 1 else ''} of {s.plan.practice.minutes} min {boxes}</p>"
            )
        due = ""
        if pw.due:
            items = "".join(
                f"<li><span class='box{' done' if r.status == 'done' else ''}'></span> {h(r.title)} "
                f"<span class=tag>{escape(r.priority)} · {hours(r.hours)} h</span></li>"
                for r in pw.due
            )
            many = " many" if len(pw.due) > 8 else ""
            due = f"<h3>Due by the end of the week</h3><ul class='due{many}'>{items}</ul>"
        to_go = (s.schedule.exam_day - w.start).days
        parts.append(
            f"<section class=week id='week-{pw.number}'>"
            f"<p class='sub small'>{title} · exam {escape(when)} · {escape(_until(to_go))} from the start of"
            " this week</p>"
            f"<div class=head><h2>Week {pw.number} · {escape(span(w))}</h2>"
            f"<span class=total>{hours(pw.planned)} h of {hours(w.capacity_hours)} h</span></div>"
            f"<ul class=chips>{chips}</ul>{practice}"
            "<table><thead><tr><th class=tick>✓</th><th>Day</th><th class=num>Avail</th><th>Study</th></tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>{due}</section>"
        )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
