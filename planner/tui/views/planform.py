"""Plan: the exam, study time, blackouts and overrides, start times, practice and domains, as a form.

A field is applied when the person leaves it or presses Enter, and only when
the plan's own checks accept it, so a message here reads as ``planner
check`` would say it, with the field named as it is labelled. Domains are a
table with one editor row under it: a plan with thousands of domains opens as
fast as one with four.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Label, Select, Static

from planner.core import edits, fmt
from planner.core.errors import KeyPath, PlanError
from planner.core.model import WEEKDAYS, Plan
from planner.core.safetext import clean
from planner.core.views.header import postponements
from planner.tui.fieldnames import LABELS, error_text, field_name
from planner.tui.messages import ActionRequested, EditRequested
from planner.tui.views.base import SessionTarget, ShowsSituation
from planner.tui.widgets.dayranges import DayRanges
from planner.tui.widgets.grid import Cell, CellGrid
from planner.tui.widgets.planfield import FieldSpec, PlanField

if TYPE_CHECKING:
    from planner.core.situation import Situation

__all__ = ["PlanView"]


def _spec(table: str, key: str, label: str, *, placeholder: str = "") -> FieldSpec:
    path: KeyPath = (table, key)
    return FieldSpec(path, label, LABELS[(table, key)], not edits.form_field(path).optional, placeholder)


EXAM_FIELDS: Final = (
    _spec("exam", "name", "Name"),
    _spec("exam", "code", "Code"),
    _spec("exam", "timezone", "Time zone", placeholder="this machine's zone"),
    _spec("exam", "duration_minutes", "Minutes"),
    _spec("exam", "passing_score", "Pass mark %"),
    _spec("exam", "postponements_allowed", "Max moves", placeholder="no limit"),
    _spec("exam", "reschedule_cutoff_hours", "Cutoff hours"),
)
STUDY_FIELDS: Final = (
    _spec("study", "start", "First study day"),
    _spec("study", "target_hours", "Target hours", placeholder="every hour available"),
    _spec("study", "granularity_hours", "Block (h)"),
)
PRACTICE_FIELDS: Final = (
    _spec("practice", "count", "Practice exams"),
    _spec("practice", "minutes", "Minutes each"),
    _spec("practice", "weeks_before_exam", "Final weeks"),
)
DOMAIN_FIELDS: Final = (("name", "Name"), ("weight", "Weight"), ("confidence", "Confidence"))
"""The domain editor's fields: key and label."""
CHOICES: Final = {"strategy": ("interleaved", "sequential"), "week_starts": ("monday", "sunday")}


def _day_spec(table: str, day: str, *, placeholder: str = "") -> FieldSpec:
    key: KeyPath = ("study", table, day)
    return FieldSpec(key, day[:3].capitalize(), field_name(key), not edits.form_field(key).optional, placeholder)


def _domain_spec(index: int, plan: Plan, name: str, title: str) -> FieldSpec:
    key: KeyPath = ("domains", index, name)
    required = not edits.form_field(key).optional
    return FieldSpec(key, title, field_name(key, plan), required, "" if required else "–")


def _shown(value: object) -> str:
    """A field's value as the form shows it: ``1.5``, ``180``, ``2026-12-07``, ``09:30``; nothing for none."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return clean(str(value), one_line=True)


class PlanView(ShowsSituation, VerticalScroll):
    SHOWN_ONCE_MOUNTED: ClassVar[bool] = True

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._situation: Situation | None = None
        self._fields: list[PlanField] = []
        self._domain_row = -1
        self._said_of: Plan | Literal["next"] | None = None
        """The plan the status line speaks of ("next": the one the edit just sent makes); another plan shown
        (undone, reloaded, changed elsewhere) takes the line away, as it no longer says what is so."""

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="plan-status")
        with Vertical(classes="card", id="exam-form"):
            yield Label(Content.styled("Exam", "bold"))
            with Horizontal(classes="field-row"):
                yield Label("Date", classes="field-label")
                yield Static(id="exam-date")
                yield Button("Reschedule… (r)", id="reschedule", compact=True)
            yield from self._add_fields(EXAM_FIELDS)
        with Vertical(classes="card", id="study-form"):
            yield Label(Content.styled("Study", "bold"))
            yield from self._add_fields(STUDY_FIELDS)
            with Horizontal(classes="field-row"):
                for name, choices in CHOICES.items():
                    yield Label(LABELS[("study", name)], classes="field-label")
                    yield Select([(c, c) for c in choices], id=f"f-study-{name}", allow_blank=False, compact=True)
            yield Label("Hours per weekday")
            with Grid(classes="weekday-grid", id="availability"):
                yield from self._add_fields([_day_spec("availability", day) for day in WEEKDAYS], stacked=True)
            yield Label("Start times (empty: 19:00; ctrl+r empties one)")
            with Grid(classes="weekday-grid", id="start-times"):
                yield from self._add_fields(
                    [_day_spec("start_times", day, placeholder="19:00") for day in WEEKDAYS], stacked=True
                )
        with Vertical(classes="card", id="blackout-form"):
            yield Label(Content.styled("Blackouts (no study)", "bold"))
            yield DayRanges("blackouts", id="blackouts")
        with Vertical(classes="card", id="override-form"):
            yield Label(Content.styled("Overrides (other hours on these days)", "bold"))
            yield DayRanges("overrides", id="overrides")
        with Vertical(classes="card", id="practice-form"):
            yield Label(Content.styled("Practice exams", "bold"))
            yield from self._add_fields(PRACTICE_FIELDS)
        with Vertical(classes="card", id="domain-form"):
            yield Label(
                Content.styled("Domains: ↑↓ choose one, enter edits it (confidence 1 weak .. 5 strong)", "bold")
            )
            grid = CellGrid(id="domain-grid")
            grid.tooltip = "Choose a domain to edit it below"
            yield grid
            with Horizontal(id="domain-editor"):
                placeholder = FieldSpec(("domains", 0, "name"), "Name", "Name")
                for k in range(3):
                    field = PlanField(placeholder, stacked=True, id=f"domain-field-{k}")
                    self._fields.append(field)
                    yield field
            yield Static(id="domain-sum")

    def _add_fields(self, specs: Any, *, stacked: bool = False) -> ComposeResult:
        for spec in specs:
            field = PlanField(spec, stacked=stacked, id="f-" + "-".join(str(k) for k in spec.key))
            self._fields.append(field)
            yield field

    def focus_main(self) -> None:
        self.focus()

    def session_target(self) -> SessionTarget | None:
        """The domain being edited, while the keyboard is in the domains' card."""
        s = self._situation
        focused = self.screen.focused if self.is_attached else None
        if s is None or focused is None or not 0 <= self._domain_row < len(s.plan.domains):
            return None
        if not any(node.id == "domain-form" for node in focused.ancestors_with_self):
            return None
        return SessionTarget(s.plan.domains[self._domain_row].id)

    # --- showing ---------------------------------------------------------------------------

    def show(self, s: Situation) -> None:
        self._situation = s
        plan = s.plan
        if self._said_of == "next":
            self._said_of = plan
        elif self._said_of is not None and self._said_of is not plan:
            self._said_of = None
            self.query_one("#plan-status", Static).update(Content(""))
        left = postponements(plan) or "no limit on postponements"
        self.query_one("#exam-date", Static).update(
            Content(f"{s.exam_at:%a %d %b %Y %H:%M} {s.zone} · {left}"), layout=False
        )
        self._show_domains(s)
        for field in self._fields:
            field.show_value(_shown(edits.get_field(plan, field.spec.key)))
        for name in CHOICES:
            select: Select[str] = self.query_one(f"#f-study-{name}", Select)
            if select.value != getattr(plan.study, name):
                select.value = getattr(plan.study, name)
        for ranges in self.query(DayRanges):
            ranges.show_ranges(plan)

    def _show_domains(self, s: Situation) -> None:
        plan = s.plan
        grid = self.query_one("#domain-grid", CellGrid)
        headers = [Cell("Domain"), Cell("Weight", right=True), Cell("Conf.", right=True)]
        headers += [Cell("Share", right=True), Cell("Hours", right=True)]
        rows: list[tuple[Cell, ...]] = []
        for d, p in zip(plan.domains, s.schedule.domains, strict=True):
            share = f"{_percent(p.share)}" + (f" → {_percent(p.adjusted_share)}" if p.adjusted_share != p.share else "")
            rows.append(
                (
                    Cell(d.name),
                    Cell(fmt.hours(d.weight), right=True),
                    Cell(str(d.confidence) if d.confidence else "–", right=True),
                    Cell(share, right=True),
                    Cell(fmt.hours(p.planned_hours), right=True),
                )
            )
        grid.set_rows(headers, rows, ["future"] * len(rows))
        total = sum(d.weight for d in plan.domains)
        self.query_one("#domain-sum", Static).update(
            Content(
                f"Sum of weights {fmt.hours(total)} · shares are weight / sum"
                f" · {fmt.hours_h(s.schedule.study_hours)} of domain study"
            ),
            layout=False,
        )
        self._target_domain(min(max(grid.cursor_row, 0), len(plan.domains) - 1), plan)

    def _target_domain(self, row: int, plan: Plan) -> None:
        """Point the editor row at domain ``row`` (kept while the cursor stays on it)."""
        if row == self._domain_row:
            return
        self._domain_row = row
        for k, (name, title) in enumerate(DOMAIN_FIELDS):
            spec = _domain_spec(row, plan, name, title)
            self.query_one(f"#domain-field-{k}", PlanField).retarget(spec, _shown(edits.get_field(plan, spec.key)))

    @on(CellGrid.RowHighlighted, "#domain-grid")
    def _domain_moved(self, event: CellGrid.RowHighlighted) -> None:
        if self._situation is not None and event.row < len(self._situation.plan.domains):
            self._target_domain(event.row, self._situation.plan)

    @on(CellGrid.RowSelected, "#domain-grid")
    def _domain_chosen(self) -> None:
        self.query_one("#domain-field-0", PlanField).input.focus()

    # --- editing ------------------------------------------------------------------------

    def _status(self, message: Content) -> None:
        self.query_one("#plan-status", Static).update(message)
        self._said_of = "next"

    @on(PlanField.Committed)
    def _committed(self, event: PlanField.Committed) -> None:
        event.stop()
        field = event.field
        self._apply(field, partial(edits.set_field, key=field.spec.key, value=event.value), "updated")

    def _apply(self, field: PlanField, edit: Any, done: str) -> None:
        """Check ``edit`` on the plan shown; a refusal stays on the field, a change goes up."""
        s = self._situation
        if s is None:
            return
        try:
            changed = edit(s.plan)
        except PlanError as exc:
            field.refuse_sent(error_text(exc, s.plan))
            return
        if changed == s.plan:  # "9:30" for 09:30: nothing to change, show it as the plan writes it
            field.revert()
            return
        field.accepted()
        self._status(Content.assemble(("✓ ", "bold $success"), f"{field.spec.name} {done}; the schedule re-flowed"))
        self.post_message(EditRequested(edit, f"edit {field.spec.name}"))

    @on(PlanField.Left)
    @on(DayRanges.Left)
    def _left(self, event: PlanField.Left | DayRanges.Left) -> None:
        event.stop()
        self.focus()

    @on(PlanField.Removed)
    def _removed(self, event: PlanField.Removed) -> None:
        event.stop()
        field = event.field
        self._apply(field, partial(edits.clear_field, key=field.spec.key), "removed (its default applies)")

    @on(Select.Changed, "#f-study-strategy, #f-study-week_starts")
    def _choice_changed(self, event: Select.Changed) -> None:
        s = self._situation
        name = str(event.select.id).removeprefix("f-study-")
        if s is None or event.value is Select.NULL or getattr(s.plan.study, name) == event.value:
            return
        edit = partial(edits.set_field, key=("study", name), value=str(event.value))
        self.post_message(EditRequested(edit, f"set {LABELS[('study', name)]}"))

    @on(Button.Pressed, "#reschedule")
    def _reschedule(self) -> None:
        self.post_message(ActionRequested("reschedule"))


def _percent(share: float) -> str:
    """A share as the table shows it: ``24.0%``."""
    return f"{share * 100:.1f}%"
