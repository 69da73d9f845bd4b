"""Warnings that fit a screen: repeated ones grouped, the weak-domain shift stated once.

The JSON keeps one alert per resource and per domain (scripts match on the
subject); a person reads a list. Six late resources become one line that
names the oldest; several domains over their estimates one line; every
weak domain one line with the whole move of hours. Every front end (the
CLI's status and schedule, the TUI's dashboard) shows these lines.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final, NamedTuple

from planner.core import engine, fmt
from planner.core.alerts import Alert, AlertCode, Option, Severity
from planner.core.engine.types import round_hours
from planner.core.safetext import clean
from planner.core.views.header import wrap

if TYPE_CHECKING:
    from planner.core.situation import Situation

__all__ = ["GROUPED", "WarningLine", "warning_lines", "warnings_text"]

NAMED: Final = 3
"""A grouped line names this many of its items; the rest are counted."""


class WarningLine(NamedTuple):
    code: AlertCode
    severity: Severity
    text: str
    options: tuple[Option, ...]
    alerts: tuple[Alert, ...]
    """The alerts the line stands for (one, unless it groups them)."""


def warning_lines(s: Situation) -> tuple[WarningLine, ...]:
    """The situation's alerts as lines a person reads, most serious first, each group where its first alert was."""
    groups: dict[AlertCode, list[Alert]] = {}
    order: list[AlertCode | Alert] = []
    for alert in s.alerts:
        if alert.code in _GROUPED:
            if alert.code not in groups:
                order.append(alert.code)
            groups.setdefault(alert.code, []).append(alert)
        else:
            order.append(alert)
    out = []
    for item in order:
        if isinstance(item, Alert):
            out.append(WarningLine(item.code, item.severity, item.message, item.options, (item,)))
        else:
            out.append(_GROUPED[item](s, tuple(groups[item])))
    return tuple(out)


def _single(alerts: tuple[Alert, ...]) -> WarningLine:
    (a,) = alerts
    return WarningLine(a.code, a.severity, a.message, a.options, alerts)


def _worst(alerts: tuple[Alert, ...]) -> Severity:
    return max((a.severity for a in alerts), key=lambda v: v.rank)


def _named(items: list[str]) -> str:
    shown = ", ".join(items[:NAMED])
    rest = len(items) - NAMED
    return shown + (f" and {rest} more" if rest > 0 else "")


def _late(s: Situation, alerts: tuple[Alert, ...]) -> WarningLine:
    if len(alerts) == 1:
        return _single(alerts)
    late = {a.subject or "" for a in alerts}
    weeks = {p.id: (p.planned_week, p.due_week) for p in s.schedule.resources if p.id in late}  # first, now
    ids = sorted((a.subject or "" for a in alerts), key=lambda i: weeks.get(i, (None,))[0] or dt.date.max)
    named = set(ids[: NAMED + 1])  # only the titles the line shows are cleaned (a big plan has thousands)
    titles = {r.id: clean(r.title, one_line=True) for r in s.plan.resources if r.id in named}
    ends = {w.start: w.end for w in s.schedule.weeks}
    oldest = ids[0]
    week, now = weeks.get(oldest, (None, None))
    due = f", was due by {fmt.day(ends.get(week, week))}" if week else ""
    if week and now:  # where the re-flowed plan has it now, as its own alert says (and the week's card lists it)
        due += f" and is now due by {fmt.day(ends.get(now, now))}"
    others = _named([f"“{titles.get(i, i)}”" for i in ids[1:]])
    text = f"{len(alerts)} resources are late; the oldest, “{titles.get(oldest, oldest)}”{due}. Also late: {others}."
    return WarningLine(AlertCode.RESOURCE_LATE, _worst(alerts), text, (), alerts)


def _overrun(s: Situation, alerts: tuple[Alert, ...]) -> WarningLine:
    """The domains furthest over first, as many named as a late-resources line names; the rest counted.

    Each is over what its alert says the plan gives it: the planned hours with
    what a weak domain's move added or took (``alerts._resources``).
    """
    if len(alerts) == 1:
        return _single(alerts)
    by_id = {d.id: d for d in s.schedule.domains}
    domains = [d for d in (by_id.get(a.subject or "") for a in alerts) if d is not None]
    given = {d.id: round_hours(d.planned_hours + d.shift_hours) for d in domains}
    over = {d.id: round_hours(d.resource_hours - given[d.id]) for d in domains}  # as shown, so ties are ties
    domains.sort(key=lambda d: -over[d.id])  # stable: equal overruns keep the file's order
    parts = [
        f"{clean(d.name, one_line=True)} by {fmt.hours_h(over[d.id])}"
        f" ({fmt.hours_h(d.resource_hours)} for {fmt.hours_h(given[d.id])})"
        for d in domains
    ]
    text = f"Resource estimates exceed the planned hours of {len(alerts)} domains: {_named(parts)}."
    return WarningLine(AlertCode.RESOURCE_OVERRUN, _worst(alerts), text, (), alerts)


def _weak(s: Situation, alerts: tuple[Alert, ...]) -> WarningLine:
    """Every weak domain and its score, then the move of hours, once: every domain that gains, and the
    domains that give most (as many as a grouped line names; the rest counted: a plan of fifty domains
    takes from forty-odd)."""
    latest = engine.latest_domain_scores(s.plan, s.schedule.today)
    names = {d.id: clean(d.name, one_line=True) for d in s.plan.domains}
    scores = []
    for a in alerts:
        if a.subject in latest:
            day, score = latest[a.subject]
            scores.append(f"{names.get(a.subject, a.subject)} {fmt.percent(score)} ({fmt.day_month(day)})")
    passing = s.plan.exam.passing_score
    mark = f" of {fmt.percent(passing)}" if passing is not None else ""
    text = f"Under the pass mark{mark} in practice: {', '.join(scores)}."
    gain = [d for d in s.schedule.domains if d.shift_hours > 0]
    give = sorted((d for d in s.schedule.domains if d.shift_hours < 0), key=lambda d: d.shift_hours)  # stable
    if gain or give:
        moves = [f"{clean(d.name, one_line=True)} {fmt.signed_hours(d.shift_hours)}" for d in (*gain, *give[:NAMED])]
        rest = len(give) - NAMED
        text += f" The remaining hours move: {', '.join(moves)}{f' and {rest} more' if rest > 0 else ''}."
    return WarningLine(AlertCode.WEAK_DOMAIN, _worst(alerts), text, (), alerts)


_GROUPED: Final = {
    AlertCode.RESOURCE_LATE: _late,
    AlertCode.RESOURCE_OVERRUN: _overrun,
    AlertCode.WEAK_DOMAIN: _weak,
}
"""Codes that may repeat, and how their repeats become one line."""
GROUPED: Final = frozenset(_GROUPED)
"""Codes whose alerts a person sees as one line."""


def warnings_text(lines: tuple[WarningLine, ...], width: int) -> list[str]:
    """The block the CLI prints: a blank line, ``Warnings:``, then each line wrapped with its options."""
    if not lines:
        return ["", "No warnings."]
    out = ["", "Warnings:"]
    for line in lines:
        head = f"{line.severity.upper()} {line.code}: {line.text}"
        out.extend(wrap(clean(head, one_line=True), width, first="  ", rest="      "))
        for o in line.options:
            out.extend(wrap(clean(o.text, one_line=True), width, first="      - ", rest="        "))
    return out
