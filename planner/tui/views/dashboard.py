"""Dashboard: where you stand against the exam, and what this week asks of you."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Static

from planner.core.report import countdown, exam_when, hours, postponements
from planner.tui.messages import ActionRequested
from planner.tui.text import content, join, label
from planner.tui.views.base import ShowsSituation

if TYPE_CHECKING:
    from planner.core.engine import Week
    from planner.core.situation import Situation

SEVERITY_STYLE = {"risk": "bold $error", "warn": "bold $warning", "info": "bold $accent"}
BAR = 16
NAME_WIDTH = 22


def progress_bar(done: float, planned: float, width: int = BAR) -> Content:
    frac = 0.0 if planned <= 0 else min(1.0, done / planned)
    filled = round(frac * width)
    return Content.assemble(("█" * filled, "$success"), ("░" * (width - filled), "$foreground 30%"))


def _shown_path(path: Path) -> str:
    """The plan file as the user would type it: relative to here when it is below here."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


class DashboardView(ShowsSituation, VerticalScroll):
    """Exam, countdown, progress per domain, this week and the warnings."""

    NARROW: ClassVar[int] = 100
    """Below this many columns the two middle cards stack."""

    practice_due: reactive[bool] = reactive(False)
    has_risk: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, tuple[str, tuple[object, ...]]] = {}
        self._built = False

    def compose(self) -> ComposeResult:
        # Nothing to show before a plan is open: the cards are built with the first plan shown,
        # so the app's first frame (the tabs and the footer) does not wait for them.
        return iter(())

    def _cards(self) -> list[Widget]:
        return [
            Static(id="exam-card", classes="card"),
            Horizontal(
                Button("Start a timed practice exam", id="start-practice", variant="primary", compact=True),
                Static(id="practice-hint"),
                id="practice-bar",
            ),
            # Warnings come before the numbers: at 80x24 a risk must be on the first screen.
            Static(id="warnings", classes="card"),
            Horizontal(
                Vertical(Static(id="progress"), id="progress-card", classes="card"),
                Vertical(Static(id="this-week"), id="week-card", classes="card"),
                id="dash-columns",
            ),
        ]

    def show(self, s: Situation) -> None:
        if not self._built:
            self._built = True
            self.mount_all(self._cards())
            self.call_after_refresh(self.show, s)
            return
        plan, sched = s.plan, s.schedule
        exam = plan.exam
        here = s.here
        local = s.exam_at.in_timezone(here)
        left = postponements(plan)
        lines = [
            label((exam.name, "bold"), ("  " + exam.code, "$accent") if exam.code else ""),
            label(exam_when(s) + (f"  ·  {local:%a %H:%M} {here} (local)" if here != s.zone else "")),
            label(
                (countdown(s).capitalize(), "bold"),
                f"  ·  {left}" if left else "",
            ),
        ]
        if self.plan_path is not None:
            lines.append(label((_shown_path(self.plan_path), "$text-muted")))
        self._put("#exam-card", join(lines))

        total_planned = sched.study_hours + sched.practice_hours
        rows = [label(("Hours planned and done", "bold"))]
        width = min(NAME_WIDTH, max(content(d.name).cell_length for d in sched.domains))
        for d in sched.domains:
            name = content(d.name, width=width)
            rows.append(
                Content.assemble(
                    name,
                    " " * (width - name.cell_length + 1),
                    progress_bar(d.done_hours, d.planned_hours),
                    f" {hours(d.done_hours):>5}/{hours(d.planned_hours)} h",
                )
            )
        rows.append(
            Content.assemble(
                ("Total".ljust(width + 1), "bold"),
                progress_bar(sched.done_hours, total_planned),
                f" {hours(sched.done_hours):>5}/{hours(total_planned)} h",
            )
        )
        self._put("#progress", join(rows))

        week = sched.week_of(sched.today)
        self.practice_due = bool(week and week.practice_exams > 0) or bool(
            plan.practice.count
            and sched.practice_needed_exams
            and sched.days_left <= 7 * plan.practice.weeks_before_exam
        )
        self._put("#this-week", self._this_week(s, week))
        if self.practice_due:
            to_take = sched.practice_needed_exams
            self.query_one("#practice-hint", Static).update(
                Content(f"  {to_take} of {plan.practice.count} to take · {plan.practice.minutes} min each")
            )

        warnings = [label(("Warnings", "bold"))]
        if not s.alerts:
            warnings.append(label(("No warnings: the plan fits.", "$success")))
        for alert in s.alerts:
            warnings.append(
                label(
                    (f"{alert.severity.upper():<4} ", SEVERITY_STYLE[alert.severity]),
                    (alert.code, "bold"),
                    f"  {alert.message}",
                )
            )
            for option in alert.options:
                warnings.append(label(("   → ", "$accent"), option.text))
        self.has_risk = s.risk
        self._put("#warnings", join(warnings))

    def _put(self, selector: str, content: Content) -> None:
        """Update a card only when what it shows changed: an unchanged card costs no redraw."""
        key = (content.plain, tuple(content.spans))
        if self._shown.get(selector) != key:
            self._shown[selector] = key
            self.query_one(selector, Static).update(content)

    def _this_week(self, s: Situation, week: Week | None) -> Content:
        """The card for ``week`` (today's week, ``None`` when today is in no study week)."""
        plan, sched = s.plan, s.schedule
        heading = "This week"
        if week is None and sched.weeks and sched.today < sched.weeks[0].start:
            week, heading = sched.weeks[0], f"Study starts {sched.weeks[0].start:%a %d %b}: the first week"
        if week is None:
            return join([label(("This week", "bold")), label("No study days left before the exam.")])
        lines = [label((f"{heading} · {week.start:%a %d %b} – {week.end:%a %d %b}", "bold"))]
        names = {d.id: d.name for d in plan.domains}
        for domain_id, planned in week.hours.items():
            if planned:
                done = week.done_hours.get(domain_id, 0.0)
                lines.append(
                    label(
                        f"  {hours(planned):>4} h  ",
                        names[domain_id],
                        (f"  ({hours(done)} done)", "$text-muted") if done else "",
                    )
                )
        if week.practice_exams:
            lines.append(
                label(
                    ("  Practice: ", "$accent"),
                    f"{week.practice_exams} timed exam{'s' if week.practice_exams != 1 else ''}"
                    f" of {plan.practice.minutes} min",
                )
            )
        if not week.hours and not week.practice_exams:
            lines.append(label(("  Nothing planned this week.", "$text-muted")))
        from planner.core.engine import week_days

        today = next((d for d in week_days(plan, sched, week) if d.state == "today"), None)
        if today is not None:
            what = [f"{names[i]} {hours(h)} h" for i, h in today.study]
            if today.practice_exams:
                what.insert(0, f"practice exam ×{today.practice_exams}")
            lines.append(label(("Today: ", "bold"), ", ".join(what) or "nothing planned"))
        due = [r for rid in week.resources_due if (r := plan.resource(rid)) is not None]
        if due:
            lines.append(label(("Due this week", "bold")))
            for r in due:
                box = "[x]" if r.status == "done" else ("[~]" if r.status == "doing" else "[ ]")
                lines.append(label(f"  {box} ", (r.title, "strike" if r.status == "done" else "")))
        return join(lines)

    def watch_practice_due(self, due: bool) -> None:
        self.set_class(due, "practice-due")

    def watch_has_risk(self, risk: bool) -> None:
        self.set_class(risk, "at-risk")

    @on(Button.Pressed, "#start-practice")
    def _start_practice(self) -> None:
        self.post_message(ActionRequested("practice"))
