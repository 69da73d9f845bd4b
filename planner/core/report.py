"""What ``planner schedule`` and ``planner status`` print.

The JSON object is a contract (design.md): keys may be added, none renamed.
The text forms fit 80 columns and show plan text cleaned of control
characters, never interpreted.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from planner.core.fmt import hours
from planner.core.safetext import clean, clip, width
from planner.core.streaks import status_lines

if TYPE_CHECKING:
    from planner.core.model import Plan
    from planner.core.situation import Situation

__all__ = [
    "countdown",
    "domain_labels",
    "exam_line",
    "exam_when",
    "hours",
    "pace",
    "postponements",
    "schedule_json",
    "schedule_text",
    "status_text",
]

WIDTH = 80


def _n(hours: float) -> float:
    return round(float(hours), 6) + 0.0


def schedule_json(s: Situation) -> dict[str, Any]:
    plan, sched = s.plan, s.schedule
    zeros = dict.fromkeys((d.id for d in plan.domains), 0.0)
    return {
        "schema": 1,
        "today": sched.today.isoformat(),
        "now": s.now.isoformat(),
        "exam": {
            "name": plan.exam.name,
            "code": plan.exam.code,
            "date": s.exam_at.isoformat(),
            "timezone": s.zone,
            "duration_minutes": plan.exam.duration_minutes,
            "days_left": sched.days_left,
            "postponements_allowed": plan.exam.postponements_allowed,
            "postponements_left": plan.postponements_left,
        },
        "totals": {
            "capacity_hours": _n(sched.capacity_hours),
            "study_hours": _n(sched.study_hours),
            "practice_hours": _n(sched.practice_hours),
            "done_hours": _n(sched.done_hours),
            "target_hours": plan.study.target_hours,
            "remaining_capacity_hours": _n(sched.remaining_capacity_hours),
            "remaining_need_hours": _n(sched.remaining_need_hours),
            "shortfall_hours": _n(sched.shortfall_hours),
            "planned_to_date_hours": _n(sched.planned_to_date_hours),
            "done_to_date_hours": _n(sched.done_to_date_hours),
            "practice_exams": plan.practice.count,
            "practice_exams_left": sched.practice_needed_exams,
        },
        "domains": [
            {
                "id": d.id,
                "name": d.name,
                "weight": d.weight,
                "share": round(d.share, 6),
                "adjusted_share": round(d.adjusted_share, 6),
                "planned_hours": _n(d.planned_hours),
                "done_hours": _n(d.done_hours),
                "remaining_hours": _n(d.remaining_hours),
                "shift_hours": _n(d.shift_hours),
                "resource_hours": _n(d.resource_hours),
            }
            for d in sched.domains
        ],
        "weeks": [
            {
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "state": w.state,
                "capacity_hours": _n(w.capacity_hours),
                "practice_hours": _n(w.practice_hours),
                "practice_exams": w.practice_exams,
                # every domain, zeros too, so a reader can index by id; the engine's hours are already rounded
                "hours": {**zeros, **w.hours},
                "planned_hours": {**zeros, **w.planned_hours},
                "done_hours": {**zeros, **w.done_hours},
                "resources_due": list(w.resources_due),
                "blackout_days": w.blackout_days,
            }
            for w in sched.weeks
        ],
        "resources": [
            {
                "id": p.id,
                "title": r.title,
                "due_week": p.due_week.isoformat() if p.due_week else None,
                "planned_week": p.planned_week.isoformat() if p.planned_week else None,
                "status": p.status,
                "remaining_hours": p.remaining_hours,
            }
            for r, p in zip(plan.resources, sched.resources, strict=True)
        ],
        "warnings": [
            {
                "code": a.code,
                "severity": a.severity,
                "message": a.message,
                **({"options": [{"kind": o.kind, "text": o.text} for o in a.options]} if a.options else {}),
                **({"subject": a.subject} if a.subject else {}),
            }
            for a in s.alerts
        ],
    }


def domain_labels(ids: list[str], size: int = 5) -> list[str]:
    """Short unique column labels for domain ids."""
    labels: list[str] = []
    for domain_id in ids:
        parts = [p for p in domain_id.replace("_", "-").split("-") if p]
        label = "".join(p[0] for p in parts).upper() if len(parts) > 1 else domain_id[:size].upper()
        label = label[:size]
        base, k = label, 2
        while label in labels:
            label = f"{base[: size - len(str(k))]}{k}"
            k += 1
        labels.append(label)
    return labels


def countdown(s: Situation) -> str:
    seconds = (s.exam_at - s.now).total_seconds()
    if seconds <= 0:
        return "the exam date has passed"
    days = s.schedule.days_left
    weeks, rest = divmod(days, 7)
    if days == 0:
        return f"today, in {int(seconds // 3600)} h {int(seconds % 3600 // 60)} min"
    span = f"{weeks} week{'s' if weeks != 1 else ''}" + (f" {rest} day{'s' if rest != 1 else ''}" if rest else "")
    return (
        f"{days} day{'s' if days != 1 else ''} left ({span})" if weeks else f"{days} day{'s' if days != 1 else ''} left"
    )


def pace(s: Situation) -> str:
    """Weeks left, the hours a week they need, and whether the plan fits."""
    sched = s.schedule
    weeks = sum(1 for w in sched.weeks if w.state != "past")
    per_week = sched.remaining_need_hours / weeks if weeks else 0.0
    fits = "fits" if sched.shortfall_hours == 0 else f"{sched.shortfall_hours:g} h short"
    return f"{weeks} week{'s' if weeks != 1 else ''} left, {per_week:.3g} h a week needed, {fits}"


def postponements(plan: Plan) -> str | None:
    """``2 postponements left``, or ``None`` when the exam sets no limit."""
    left = plan.postponements_left
    return None if left is None else f"{left} postponement{'s' if left != 1 else ''} left"


def exam_when(s: Situation) -> str:
    """The exam in its own zone: ``Mon 5 Apr 2027 10:00 Europe/London``."""
    at = s.exam_at
    return f"{at:%a} {at.day} {at:%b %Y %H:%M} {s.zone}"


def exam_line(s: Situation) -> str:
    """The exam in its own zone, and in the machine's zone when that differs."""
    at = s.exam_at
    text = f"Exam: {exam_when(s)}"
    here = s.here
    if here != s.zone:
        local = at.in_timezone(here)
        text += f" ({local:%a %H:%M} {here})"
    return text


def _header(s: Situation) -> list[str]:
    plan = s.plan
    code = f" ({clean(plan.exam.code, one_line=True)})" if plan.exam.code else ""
    left = postponements(plan)
    post = f" · {left}" if left else ""
    sched = s.schedule
    return [
        clip(clean(plan.exam.name, one_line=True) + code, WIDTH),
        clip(exam_line(s), WIDTH),
        clip(f"{countdown(s).capitalize()}{post}", WIDTH),
        clip(
            f"Planned {hours(sched.study_hours + sched.practice_hours)} h ({hours(sched.study_hours)} study"
            f" + {hours(sched.practice_hours)} practice) of {hours(sched.capacity_hours)} h available"
            f" · {hours(sched.done_hours)} h done",
            WIDTH,
        ),
    ]


def _day(day: dt.date) -> str:
    return f"{day:%a %d %b}"


def schedule_text(s: Situation) -> str:
    plan, sched = s.plan, s.schedule
    lines = _header(s)
    lines.append("")
    ids = [d.id for d in plan.domains]
    labels = domain_labels(ids)
    col = 6
    fixed = 11 + 7 + 6 + 7 + 1
    if fixed + col * len(ids) <= WIDTH:
        head = f"{'Week of':<11}{'Avail':>7}" + "".join(f"{lab:>{col}}" for lab in labels) + f"{'Prac':>6}{'Total':>7}"
        lines.append(head.rstrip())
        for w in sched.weeks:
            mark = ">" if w.state == "current" else " "
            cells = "".join(f"{hours(w.hours[i]) if w.hours.get(i) else '·':>{col}}" for i in ids)
            prac = hours(w.practice_hours) if w.practice_hours else "·"
            total = hours(w.study_hours + w.practice_hours)
            row = f"{mark}{_day(w.start):<10}{hours(w.capacity_hours):>7}{cells}{prac:>6}{total:>7}"
            if w.blackout_days:
                row += f"  {w.blackout_days}d off"
            lines.append(row.rstrip())
        lines.append("")
        for label, d in zip(labels, sched.domains, strict=True):
            lines.append(
                clip(
                    f"  {label:<6}{clean(d.name, one_line=True)}: {hours(d.planned_hours)} h"
                    f" ({d.share * 100:.0f}%) · done {hours(d.done_hours)} h",
                    WIDTH,
                )
            )
    else:
        for w in sched.weeks:
            mark = ">" if w.state == "current" else " "
            total = hours(w.study_hours + w.practice_hours)
            lines.append(f"{mark}{_day(w.start)}–{_day(w.end)}  {total} of {hours(w.capacity_hours)} h")
            parts = [f"{i} {hours(h)}" for i, h in w.hours.items() if h]
            if w.practice_hours:
                parts.append(f"practice {hours(w.practice_hours)}")
            line = "    "
            for part in parts:
                if len(line) + len(part) + 2 > WIDTH:
                    lines.append(line.rstrip(", "))
                    line = "    "
                line += part + ", "
            if parts:
                lines.append(line.rstrip(", "))
    due = [(p, r) for r, p in zip(plan.resources, sched.resources, strict=True) if p.status != "done"]
    if due:
        lines.append("")
        lines.append("Resources still to do, by the week they are due:")
        for p, r in due:
            week = _day(p.due_week) if p.due_week else "—"
            lines.append(clip(f"  {week:<10} [{r.priority[0].upper()}] {clean(r.title, one_line=True)}", WIDTH))
    lines.extend(_warnings(s))
    return "\n".join(lines) + "\n"


def _warnings(s: Situation) -> list[str]:
    if not s.alerts:
        return ["", "No warnings."]
    import textwrap

    out = ["", "Warnings:"]
    for a in s.alerts:
        out.extend(
            textwrap.wrap(
                clean(f"{a.severity.upper()} {a.code}: {a.message}", one_line=True),
                WIDTH,
                initial_indent="  ",
                subsequent_indent="      ",
            )
        )
        for o in a.options:
            out.extend(
                textwrap.wrap(
                    clean(o.text, one_line=True), WIDTH, initial_indent="      - ", subsequent_indent="        "
                )
            )
    return out


def status_text(s: Situation) -> str:
    plan, sched = s.plan, s.schedule
    lines = _header(s)
    lines.append("")
    bar_width = 20
    name_width = max(8, min(28, max(width(clean(d.name, one_line=True)) for d in plan.domains)))
    for d in sched.domains:
        frac = min(1.0, d.done_hours / d.planned_hours) if d.planned_hours > 0 else 0.0
        filled = round(frac * bar_width)
        bar = "#" * filled + "-" * (bar_width - filled)
        name = clip(clean(d.name, one_line=True), name_width)
        name += " " * (name_width - width(name))  # padded by terminal cells: wide names line up too
        lines.append(f"  {name} [{bar}] {hours(d.done_hours):>5} / {hours(d.planned_hours)} h")
    lines.extend(status_lines(plan, sched, s.now, s.zone))  # the streak, and a running session
    week = sched.week_of(sched.today)
    if week is not None:
        lines.append("")
        names = {d.id: clean(d.name, one_line=True) for d in plan.domains}
        parts = [f"{names[i]} {hours(h)} h" for i, h in week.hours.items() if h]
        if week.practice_exams:
            parts.append(f"{week.practice_exams} practice exam{'s' if week.practice_exams != 1 else ''}")
        import textwrap

        lines.extend(
            textwrap.wrap(
                f"This week ({_day(week.start)}–{_day(week.end)}): " + (", ".join(parts) or "nothing planned"),
                WIDTH,
                subsequent_indent="  ",
            )
        )
        for rid in week.resources_due:
            r = plan.resource(rid)
            if r is not None and r.status != "done":
                lines.append(clip(f"  [ ] {clean(r.title, one_line=True)}", WIDTH))
    lines.extend(_warnings(s))
    return "\n".join(lines) + "\n"
