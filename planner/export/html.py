"""HTML: one self-contained page (inline CSS, no script, no web fonts), a week per printed page."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from planner.core import fmt, streaks
from planner.core.engine import Week
from planner.core.fmt import hours
from planner.core.safetext import clean
from planner.core.situation import Situation
from planner.core.views.header import countdown, exam_when
from planner.core.views.totals import domain_note, totals
from planner.core.views.warnings import warning_lines
from planner.export.common import PrintedWeek, printed_weeks, span

__all__ = ["h", "render_html"]

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
.heat { border-collapse: separate; border-spacing: .6mm; width: auto; margin: 0 0 2mm; }
.heat td, .heat th { border: 0; padding: 0; }
.heat th { font-size: 7pt; text-transform: none; letter-spacing: 0; padding-right: 1.5mm; }
.heat td { width: 3.2mm; height: 3.2mm; border-radius: .5mm; background: var(--soft); }
.heat td.out { background: transparent; }
.heat td.l1 { background: #c6d6f0; } .heat td.l2 { background: #8daee0; }
.heat td.l3 { background: #4f7fc9; } .heat td.l4 { background: #2456a6; }
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


def _summary(s: Situation, weeks: Sequence[Week]) -> str:
    t = totals(s.plan, s.schedule)
    rows = "".join(
        f"<tr><td>{h(d.name)}</td><td class=num>{escape(domain_note(d))}</td>"
        f"<td class=num>{hours(d.hours)} h</td><td class=num>{hours(d.done)} h</td></tr>"
        for d in t.domains
    )
    if t.practice.exams or t.practice.hours:
        rows += (
            f"<tr><td>Practice exams ({t.practice.to_take} × {t.practice.minutes} min to take)</td>"
            f"<td class=num></td><td class=num>{hours(t.practice.hours)} h</td>"
            f"<td class=num>{hours(t.practice.done)} h</td></tr>"
        )
    chosen = {w.start for w in weeks}
    week_rows = "".join(
        f"<tr><td>{r.week.index + 1}</td><td>{escape(span(r.week))}</td>"
        f"<td class=num>{hours(r.total)} h</td>"
        f"<td class=num>{len(r.week.resources_due) or ''}</td></tr>"
        for r in t.rows
        if r.week.start in chosen
    )
    warnings = "".join(f"<li><b>{escape(x.code)}</b>: {h(x.text)}</li>" for x in warning_lines(s))
    heat = _heatmap(s)
    return (
        "<section class=summary>"
        f"<h2>Summary</h2><p class=sub>{hours(t.total)} h planned "
        f"({hours(t.study)} h study, {hours(t.practice.hours)} h practice) of "
        f"{hours(t.capacity)} h available · {hours(t.done)} h done</p>"
        "<table><thead><tr><th>Domain</th><th class=num>Share</th><th class=num>Hours</th>"
        f"<th class=num>Done</th></tr></thead><tbody>{rows}</tbody></table>"
        "<table><thead><tr><th>#</th><th>Week</th><th class=num>Hours</th><th class=num>Due</th></tr></thead>"
        f"<tbody>{week_rows}</tbody></table>"
        + heat
        + (f"<h3>Warnings</h3><ul>{warnings}</ul>" if warnings else "")
        + "</section>"
    )


def _heatmap(s: Situation) -> str:
    """The days studied so far, weeks by weekdays (a contribution graph), with the streaks; nothing before any log."""
    plan, today = s.plan, s.schedule.today
    if not plan.log or today < plan.study.start:
        return ""
    daily = streaks.daily_hours(plan.log)
    last = min(today, plan.exam.date.date())
    grid = streaks.heatmap(daily, plan.study.start, last, plan.study.week_starts)
    run = streaks.streaks(daily, today, streaks.rest_day(plan))
    rows = []
    for name, row in zip(grid.weekdays, grid.rows(), strict=True):
        cells = "".join(
            "<td class=out></td>"
            if cell is None
            else f"<td class=l{cell.level} title='{cell.date.isoformat()}: {hours(cell.hours)} h'></td>"
            for cell in row
        )
        rows.append(f"<tr><th>{name[:3].capitalize()}</th>{cells}</tr>")
    return (
        "<h3>Days studied</h3>"
        f"<p class='sub small'>Streak {fmt.plural(run.current, 'day')} · longest {fmt.plural(run.longest, 'day')}"
        f" · darkest {hours(grid.max_hours)} h</p>"
        f"<table class=heat>{''.join(rows)}</table>"
    )


def _until(days: int) -> str:
    weeks, rest = divmod(days, 7)
    parts = [fmt.plural(weeks, "week")] if weeks else []
    if rest or not weeks:
        parts.append(fmt.plural(rest, "day"))
    return " ".join(parts)


def render_html(s: Situation, weeks: Sequence[Week]) -> str:
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
    parts.extend(_week(s, pw, title, when) for pw in printed_weeks(s, weeks))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _week(s: Situation, pw: PrintedWeek, title: str, when: str) -> str:
    w = pw.week
    chips = "".join(f"<li>{h(pw.names[d])} <b>{hours(x)} h</b></li>" for d, x in pw.row.cells.items())
    body = []
    for day in pw.days:
        classes = " ".join(
            c for c in ("off" if day.available == 0 else "", "today" if day.state == "today" else "") if c
        )
        what = h(day.work) or "<span class=muted>—</span>"
        if day.note:
            what += f" <span class=tag>({h(day.note)})</span>"
        tick = '<span class="box done"></span>' if day.done else "<span class=box></span>"
        body.append(
            f"<tr class='{classes}'><td class=tick>{tick}</td><td class=day>{escape(fmt.day_month(day.date))}</td>"
            f"<td class=num>{hours(day.hours)} h</td><td>{what}</td></tr>"
        )
    practice = ""
    if w.practice_exams:
        boxes = "".join("<span class=box></span>" for _ in range(w.practice_exams))
        practice = (
            f"<p class=practice><b>Practice:</b> {fmt.plural(w.practice_exams, 'timed exam')}"
            f" of {s.plan.practice.minutes} min {boxes}</p>"
        )
    due = ""
    if pw.due:
        items = "".join(
            f"<li><span class='box{' done' if r.status == 'done' else ''}'></span> {h(r.title)} "
            f"<span class=tag>{escape(r.priority)} · {hours(r.hours)} h</span></li>"
            for r in pw.due
        )
        many = " many" if len(pw.due) > 8 else ""
        due = f"<h3>Due by {escape(fmt.day_month(w.end))}</h3><ul class='due{many}'>{items}</ul>"
    to_go = (s.schedule.exam_day - w.start).days
    return (
        f"<section class=week id='week-{pw.number}'>"
        f"<p class='sub small'>{title} · exam {escape(when)} · {escape(_until(to_go))} from the start of"
        " this week</p>"
        f"<div class=head><h2>Week {pw.number} · {escape(span(w))}</h2>"
        f"<span class=total>{hours(pw.planned)} h of {hours(pw.row.available)} h</span></div>"
        f"<ul class=chips>{chips}</ul>{practice}"
        "<table><thead><tr><th class=tick>✓</th><th>Day</th><th class=num>Hours</th><th>Study</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>{due}</section>"
    )
