"""Plan: the exam, availability, blackouts, targets, practice and domains, as a form.

Each field is checked as it is typed by the same code that checks the file
(``parse.from_document``), so a message here reads exactly as ``planner
check`` would print it. A valid value is applied at once and the schedule
re-flows; consecutive keystrokes in one field undo as one change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from planner.core.errors import KeyPath, PlanError, format_key
from planner.core.model import WEEKDAYS, DayRange, Plan
from planner.core.report import postponements
from planner.core.safetext import clean
from planner.planfile import parse
from planner.tui.text import error_line, label
from planner.tui.views.base import ShowsSituation

if TYPE_CHECKING:
    from planner.core.situation import Situation

_EXAM_FIELDS = (
    ("name", "Name", "text"),
    ("code", "Code", "text"),
    ("timezone", "Time zone", "text"),
    ("duration_minutes", "Minutes", "value"),
    ("passing_score", "Pass mark %", "value"),
    ("postponements_allowed", "Max moves", "value"),
    ("reschedule_cutoff_hours", "Cutoff hours", "value"),
)
_STUDY_FIELDS = (
    ("start", "First study day", "value"),
    ("target_hours", "Target hours", "value"),
    ("granularity_hours", "Block (h)", "value"),
)
_PRACTICE_FIELDS = (
    ("count", "Practice exams", "value"),
    ("minutes", "Minutes each", "value"),
    ("weeks_before_exam", "Final weeks", "value"),
)


def _field_id(key: KeyPath) -> str:
    return "f-" + "-".join(str(k) for k in key)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _literal(text: str, kind: str) -> Any:
    """What a typed value means in TOML: a number, a date, or else the text itself."""
    if kind == "text":
        return text
    try:
        return tomllib.loads(f"v = {text.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def _set(doc: dict[str, Any], key: KeyPath, value: Any) -> None:
    node: Any = doc
    for part in key[:-1]:
        node = node[part]
    if value == "" or value is None:
        if isinstance(node, dict):
            node.pop(key[-1], None)  # type: ignore[arg-type]
    else:
        node[key[-1]] = value


class PlanView(ShowsSituation, VerticalScroll):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reschedule", "Reschedule", id="plan.reschedule", tooltip="Move the exam date"),
        Binding("escape", "leave_field", "Leave field", id="plan.leave", tooltip="Stop typing in the field"),
        Binding(
            "x", "remove_blackout", "Remove blackout", id="plan.blackout.remove", tooltip="Remove the selected blackout"
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._kinds: dict[str, tuple[KeyPath, str]] = {}
        self._domain_count = -1
        self._syncing = False
        self._input_cache: dict[str, Input] | None = None
        self._shares_shown = "\x00"

    def compose(self) -> ComposeResult:
        yield Static(id="plan-status")
        with Vertical(classes="card", id="exam-form"):
            yield Label(Content.styled("Exam", "bold"))
            with Horizontal(classes="field-row"):
                yield Label("Date", classes="field-label")
                yield Static(id="exam-date")
                yield Button("Reschedule… (r)", id="reschedule", compact=True)
            yield from self._fields(("exam",), _EXAM_FIELDS)
        with Vertical(classes="card", id="study-form"):
            yield Label(Content.styled("Study", "bold"))
            yield from self._fields(("study",), _STUDY_FIELDS)
            with Horizontal(classes="field-row"):
                yield Label("Strategy", classes="field-label")
                yield Select(
                    [("interleaved", "interleaved"), ("sequential", "sequential")],
                    id="f-study-strategy",
                    allow_blank=False,
                    compact=True,
                )
                yield Label("Week starts", classes="field-label")
                yield Select(
                    [("monday", "monday"), ("sunday", "sunday")],
                    id="f-study-week_starts",
                    allow_blank=False,
                    compact=True,
                )
            yield Label("Hours per weekday")
            with Grid(id="availability"):
                for day in WEEKDAYS:
                    key = ("study", "availability", day)
                    self._kinds[_field_id(key)] = (key, "value")
                    with Vertical(classes="day-field"):
                        yield Label(day[:3].capitalize())
                        yield Input(id=_field_id(key), compact=True, classes="plan-field")
        with Vertical(classes="card", id="blackout-form"):
            yield Label(Content.styled("Blackouts (no study)", "bold"))
            yield OptionList(id="blackouts")
            with Horizontal(classes="field-row"):
                yield Input(placeholder="from 2027-01-01", id="blackout-start", compact=True)
                yield Input(placeholder="to (inclusive)", id="blackout-end", compact=True)
                yield Input(placeholder="reason", id="blackout-reason", compact=True)
                yield Button("Add", id="blackout-add", compact=True)
        with Vertical(classes="card", id="practice-form"):
            yield Label(Content.styled("Practice exams", "bold"))
            yield from self._fields(("practice",), _PRACTICE_FIELDS)
        with Vertical(classes="card", id="domain-form"):
            yield Label(Content.styled("Domains: name, weight, confidence (1 weak .. 5 strong)", "bold"))
            with Horizontal(id="domain-table"):
                yield Vertical(id="domain-rows")
                yield Static(id="domain-shares")
            yield Static(id="domain-sum")

    def _fields(self, prefix: KeyPath, fields: tuple[tuple[str, str, str], ...]) -> ComposeResult:
        for name, title, kind in fields:
            key = (*prefix, name)
            self._kinds[_field_id(key)] = (key, kind)
            with Horizontal(classes="field-row"):
                yield Label(title, classes="field-label")
                yield Input(id=_field_id(key), compact=True, classes="plan-field")

    # --- showing ------------------------------------------------------------------

    def show(self, s: Situation) -> None:
        plan = s.plan
        doc = parse.to_document(_skeleton(plan))
        self._syncing = True
        try:
            self.query_one("#exam-date", Static).update(
                Content(f"{s.exam_at:%a %d %b %Y %H:%M} {s.zone} · {_postponements(plan)}"), layout=False
            )
            if len(plan.domains) != self._domain_count:
                self._build_domain_rows(plan)
                self.call_after_refresh(self.show, s)
            inputs = self._inputs()
            for field_id, (key, _kind) in self._kinds.items():
                widget = inputs.get(field_id)
                if widget is None:
                    continue  # mounted on the next refresh
                value = clean(_shown(_get(doc, key)), one_line=True)  # shown safe; see _field_changed
                # The field being typed in is the person's: never reset it under their cursor
                # (keystrokes queued behind this re-flow would land in the wrong place).
                if widget.value != value and not widget.has_focus:
                    widget.value = value
            self.query_one("#f-study-strategy", Select).value = plan.study.strategy
            self.query_one("#f-study-week_starts", Select).value = plan.study.week_starts
            self._show_blackouts(plan)
            self._show_shares(s)
        finally:
            self.call_after_refresh(self._end_sync)

    def _inputs(self) -> dict[str, Input]:
        """The form's fields by id, found once (a query per field per keystroke is slow on big plans)."""
        if self._input_cache is None or len(self._input_cache) < len(self._kinds):
            self._input_cache = {w.id: w for w in self.query(".plan-field").results(Input) if w.id}
        return self._input_cache

    def _end_sync(self) -> None:
        self._syncing = False

    def _build_domain_rows(self, plan: Plan) -> None:
        rows = self.query_one("#domain-rows", Vertical)
        rows.remove_children()
        self._input_cache = None
        for key in [k for k in self._kinds if k.startswith("f-domains-")]:
            del self._kinds[key]
        widgets = []
        for i, _d in enumerate(plan.domains):
            name_key, weight_key, conf_key = (
                ("domains", i, "name"),
                ("domains", i, "weight"),
                ("domains", i, "confidence"),
            )
            self._kinds[_field_id(name_key)] = (name_key, "text")
            self._kinds[_field_id(weight_key)] = (weight_key, "value")
            self._kinds[_field_id(conf_key)] = (conf_key, "value")
            widgets.append(
                Horizontal(
                    Input(id=_field_id(name_key), compact=True, classes="plan-field domain-name"),
                    Input(id=_field_id(weight_key), compact=True, classes="plan-field domain-weight"),
                    Input(
                        id=_field_id(conf_key), compact=True, classes="plan-field domain-confidence", placeholder="–"
                    ),
                    classes="domain-row",
                )
            )
        rows.mount_all(widgets)
        self._domain_count = len(plan.domains)

    def _show_shares(self, s: Situation) -> None:
        """Each domain's share and hours, one line per domain row, in one widget (one redraw, not fifty)."""
        total = sum(d.weight for d in s.plan.domains)
        lines = []
        for d in s.schedule.domains:
            shifted = "" if abs(d.adjusted_share - d.share) < 1e-9 else f" → {d.adjusted_share * 100:.1f}%"
            lines.append(f"{d.share * 100:5.1f}%{shifted}  {d.planned_hours:g} h")
        text = "\n".join(lines)
        if text != self._shares_shown:
            same_height = text.count("\n") == self._shares_shown.count("\n")
            self._shares_shown = text
            self.query_one("#domain-shares", Static).update(Content(text), layout=not same_height)
        self.query_one("#domain-sum", Static).update(
            Content(
                f"Sum of weights {total:g} · shares are weight / sum · {s.schedule.study_hours:g} h of domain study"
            ),
            layout=False,  # one line: no relayout of the form
        )

    def _show_blackouts(self, plan: Plan) -> None:
        lst = self.query_one("#blackouts", OptionList)
        wanted = [
            label(f"{b.start:%a %d %b %Y} – {b.end:%a %d %b %Y}  ", (b.reason, "$text-muted"))
            for b in plan.study.blackouts
        ]
        if [str(o.prompt) for o in lst.options] != [str(w) for w in wanted]:
            highlighted = lst.highlighted
            lst.set_options([Option(w, id=str(i)) for i, w in enumerate(wanted)])
            if highlighted is not None and wanted:
                lst.highlighted = min(highlighted, len(wanted) - 1)

    # --- editing ---------------------------------------------------------------------

    @on(Input.Changed, ".plan-field")
    def _field_changed(self, event: Input.Changed) -> None:
        if self._syncing or event.input.id not in self._kinds:
            return
        key, kind = self._kinds[event.input.id]
        plan: Plan | None = self.app.plan  # type: ignore[attr-defined]
        if plan is None:
            return
        value = event.input.value  # what the field holds now: later keystrokes may be queued behind this one
        doc = parse.to_document(_skeleton(plan))
        current = _get(doc, key)
        if value == clean(_shown(current), one_line=True):
            event.input.remove_class("-invalid")
            return  # what is shown (cleaned of control characters), not a change
        typed = _literal(value, kind)
        if typed == current or (typed == "" and current is None):
            event.input.remove_class("-invalid")
            return  # shown, not changed
        _set(doc, key, typed)
        try:
            checked = parse.from_document(doc)
            updated = dataclasses.replace(
                plan, exam=checked.exam, study=checked.study, practice=checked.practice, domains=checked.domains
            )
        except PlanError as exc:
            event.input.add_class("-invalid")
            message = f"{format_key(exc.key)}: {exc.message}"
            self._status(error_line(message))
            self.app.say(message, title="Not applied", severity="warning", timeout=4)  # type: ignore[attr-defined]
            return
        event.input.remove_class("-invalid")
        self._status(Content.assemble(("✓ ", "bold $success"), f"{format_key(key)} updated; the schedule re-flowed"))
        self.app.change(updated, f"edit {format_key(key)}", coalesce=format_key(key))  # type: ignore[attr-defined]

    @on(Input.Blurred, ".plan-field")
    def _field_left(self, event: Input.Blurred) -> None:
        """Leaving a field shows the plan's value again (an invalid entry is not kept)."""
        situation = getattr(self.app, "situation", None)
        if situation is not None and event.input.id in self._kinds:
            key, _ = self._kinds[event.input.id]
            shown = clean(_shown(_get(parse.to_document(_skeleton(situation.plan)), key)), one_line=True)
            if event.input.value != shown:
                event.input.value = shown
            event.input.remove_class("-invalid")

    def action_leave_field(self) -> None:
        self.focus()

    def _status(self, message: Content) -> None:
        self.query_one("#plan-status", Static).update(message)

    @on(Select.Changed, "#f-study-strategy, #f-study-week_starts")
    def _choice_changed(self, event: Select.Changed) -> None:
        plan: Plan | None = self.app.plan  # type: ignore[attr-defined]
        if self._syncing or plan is None or event.value is Select.NULL:
            return
        name = "strategy" if event.select.id == "f-study-strategy" else "week_starts"
        if getattr(plan.study, name) == event.value:
            return
        updated = dataclasses.replace(plan, study=dataclasses.replace(plan.study, **{name: event.value}))
        self.app.change(updated, f"set study.{name}")  # type: ignore[attr-defined]

    @on(Button.Pressed, "#blackout-add")
    def _add_blackout(self) -> None:
        plan: Plan | None = self.app.plan  # type: ignore[attr-defined]
        if plan is None:
            return
        start_text = self.query_one("#blackout-start", Input).value.strip()
        end_text = self.query_one("#blackout-end", Input).value.strip() or start_text
        reason = self.query_one("#blackout-reason", Input).value
        try:
            start, end = dt.date.fromisoformat(start_text), dt.date.fromisoformat(end_text)
        except ValueError:
            self._status(error_line("a blackout needs dates like 2027-01-01"))
            return
        if end < start:
            self._status(error_line(f"the blackout ends ({end}) before it starts ({start})"))
            return
        blackout = DayRange(start=start, end=end, reason=reason)
        updated = dataclasses.replace(
            plan, study=dataclasses.replace(plan.study, blackouts=(*plan.study.blackouts, blackout))
        )
        try:
            updated = parse.validated(updated)
        except PlanError as exc:
            self._status(error_line(str(exc)))
            return
        for field in ("#blackout-start", "#blackout-end", "#blackout-reason"):
            self.query_one(field, Input).value = ""
        self._status(Content.assemble(("✓ ", "bold $success"), f"blackout {start} – {end} added"))
        self.app.change(updated, "add a blackout")  # type: ignore[attr-defined]

    def action_remove_blackout(self) -> None:
        plan: Plan | None = self.app.plan  # type: ignore[attr-defined]
        lst = self.query_one("#blackouts", OptionList)
        if plan is None or lst.highlighted is None or not plan.study.blackouts:
            return
        index = lst.highlighted
        blackouts = tuple(b for i, b in enumerate(plan.study.blackouts) if i != index)
        self.app.change(  # type: ignore[attr-defined]
            dataclasses.replace(plan, study=dataclasses.replace(plan.study, blackouts=blackouts)), "remove a blackout"
        )

    @on(Button.Pressed, "#reschedule")
    def action_reschedule(self) -> None:
        self.app.action_reschedule()  # type: ignore[attr-defined]


def _skeleton(plan: Plan) -> Plan:
    """The parts of the plan this form edits: checking them never needs the resources or the log."""
    return dataclasses.replace(plan, resources=(), log=())


def _postponements(plan: Plan) -> str:
    return postponements(plan) or "no limit on postponements"


def _get(doc: dict[str, Any], key: KeyPath) -> Any:
    node: Any = doc
    for part in key:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node
