"""Back-planning: from a plan and a day, the weeks of work until the exam.

This is the rules of design.md in code, and nothing else: no files, no
clock (``today`` is an argument), no Textual, no time zones. Everything is
planned in local dates of the exam's zone; the exam's time and zone are
attached by the callers, at the edge.

Time is handled in whole blocks of ``granularity_hours`` (integers) so that
totals add up exactly, and turned back into hours only in the result.

Two plans are made. The *baseline* is the plan as it stood at
``study.start``, with nothing done: it fixes each domain's total and each
resource's ``planned_week``. The *current* plan keeps the past as it was
(what the log says was done) and re-flows only what remains, from ``today``
to the day before the exam.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from typing import Final, NamedTuple

from planner.core.model import Plan
from planner.core.rounding import apportion, round_table

__all__ = [
    "DomainPlan",
    "ResourcePlan",
    "Schedule",
    "Week",
    "build",
    "day_hours",
    "exams_taken",
    "latest_domain_scores",
    "study_days",
]

_EPS: Final = 1e-9
_PRIORITY_RANK: Final = {"high": 0, "medium": 1, "low": 2}
_CONFIDENCE_STEP: Final = 0.1
"""Each step of confidence below the middle (3) adds 10% to a domain's weight."""
_WEAK_FACTOR: Final = 1.0
"""A domain scoring p points under the pass mark gets p% more of the remaining hours."""


class Week(NamedTuple):
    index: int
    start: dt.date
    """First study-period day of the week (the week may be partial)."""
    end: dt.date
    capacity_hours: float
    """Hours available in the week (all of it, past days included)."""
    practice_hours: float
    practice_exams: int
    hours: dict[str, float]
    """The plan now: what was done on past days plus what is planned from today."""
    planned_hours: dict[str, float]
    """The baseline plan made at ``study.start``."""
    done_hours: dict[str, float]
    resources_due: tuple[str, ...]
    state: str
    """``past``, ``current`` (holds today) or ``future``."""
    blackout_days: int
    planned_practice_hours: float
    done_practice_hours: float

    @property
    def study_hours(self) -> float:
        return _round_hours(sum(self.hours.values()))

    @property
    def planned_total(self) -> float:
        return _round_hours(sum(self.planned_hours.values()) + self.planned_practice_hours)

    @property
    def done_total(self) -> float:
        return _round_hours(sum(self.done_hours.values()) + self.done_practice_hours)


class DomainPlan(NamedTuple):
    id: str
    name: str
    weight: float
    share: float
    """``weight / sum of weights``: what the exam says."""
    adjusted_share: float
    """The share actually planned once confidence shifts it."""
    planned_hours: float
    """The domain's total in the baseline plan."""
    done_hours: float
    remaining_hours: float
    """Placed from today on in the current plan."""
    shift_hours: float
    """Hours the current plan moved toward (+) or away from (-) this domain
    because of practice results; shown to the user, never hidden."""
    resource_hours: float
    """Sum of the estimates of the domain's resources (their share of it)."""


class ResourcePlan(NamedTuple):
    id: str
    due_week: dt.date | None
    planned_week: dt.date | None
    status: str
    remaining_hours: float


class Schedule(NamedTuple):
    today: dt.date
    exam_day: dt.date
    granularity: float
    weeks: tuple[Week, ...]
    domains: tuple[DomainPlan, ...]
    resources: tuple[ResourcePlan, ...]
    capacity_hours: float
    study_hours: float
    practice_hours: float
    done_hours: float
    done_practice_hours: float
    remaining_capacity_hours: float
    """Hours available from today to the day before the exam."""
    remaining_need_hours: float
    """Domain study and practice still to do, as the current plan counts it."""
    shortfall_hours: float
    """Hours of work (domain study and practice) beyond every hour left before the exam."""
    practice_needed_exams: int
    practice_overflow_exams: int
    """Practice exams that do not fit their weeks."""
    practice_exam_hours: float
    planned_to_date_hours: float
    """What the baseline plan had done by today (days before today)."""
    done_to_date_hours: float
    current_week: int | None
    """Index of the week holding today; ``None`` before the start or after the last week."""

    def week_of(self, day: dt.date) -> Week | None:
        starts = [w.start for w in self.weeks]
        i = bisect_left(starts, day + dt.timedelta(days=1)) - 1
        if 0 <= i < len(self.weeks) and self.weeks[i].start <= day <= self.weeks[i].end:
            return self.weeks[i]
        return None

    @property
    def days_left(self) -> int:
        return (self.exam_day - self.today).days


def _round_hours(value: float) -> float:
    return round(value + 0.0, 6) + 0.0


def day_hours(plan: Plan, day: dt.date) -> float:
    """Hours available on ``day`` by the plan's rules, whether or not it is before the exam."""
    study = plan.study
    for r in study.blackouts:
        if r.start <= day <= r.end:
            return 0.0
    hours = study.availability[day.weekday()]
    for r in study.overrides:
        if r.start <= day <= r.end and r.hours is not None:
            hours = r.hours
    return hours


def study_days(plan: Plan) -> list[tuple[dt.date, float, bool]]:
    """(day, hours, blacked out) for every day from the start to the eve of the exam.

    A blackout wins over an override; of two overrides on one day, the later
    in the file wins (``day_hours`` says it once for every caller).
    """
    exam_day = plan.exam.date.date()
    blackouts = plan.study.blackouts
    out = []
    day = plan.study.start
    one = dt.timedelta(days=1)
    while day < exam_day:
        blacked = any(r.start <= day <= r.end for r in blackouts)
        out.append((day, 0.0 if blacked else day_hours(plan, day), blacked))
        day += one
    return out


def exams_taken(plan: Plan) -> int:
    """Practice exams taken: per day, the results recorded or the practice sessions logged, whichever is more.

    The TUI records both for one exam; ``planner log --practice`` only the log
    entry; a hand-written file may hold only the result.
    """
    results: dict[dt.date, int] = {}
    for r in plan.practice.results:
        results[r.date] = results.get(r.date, 0) + 1
    logged: dict[dt.date, int] = {}
    for e in plan.log:
        if e.kind == "practice":
            logged[e.date] = logged.get(e.date, 0) + 1
    return sum(max(results.get(d, 0), logged.get(d, 0)) for d in results.keys() | logged.keys())


def latest_domain_scores(plan: Plan) -> dict[str, tuple[dt.date, float]]:
    """Each domain's most recent practice score (a later result wins; in a day, the later in the file)."""
    latest: dict[str, tuple[dt.date, float]] = {}
    for result in plan.practice.results:
        for domain_id, score in result.domains:
            seen = latest.get(domain_id)
            if seen is None or result.date >= seen[0]:
                latest[domain_id] = (result.date, score)
    return latest


def _shares(plan: Plan, *, with_confidence: bool) -> list[float]:
    weights = []
    for d in plan.domains:
        w = d.weight
        if with_confidence and d.confidence is not None:
            w *= 1 + _CONFIDENCE_STEP * (3 - d.confidence)
        weights.append(w)
    total = math.fsum(weights)
    return [w / total for w in weights]


def _weak_factors(plan: Plan) -> list[float]:
    """More of the remaining hours for domains whose latest practice score is under the mark."""
    passing = plan.exam.passing_score
    factors = [1.0] * len(plan.domains)
    if passing is None:
        return factors
    latest = latest_domain_scores(plan)
    for i, d in enumerate(plan.domains):
        if d.id in latest and latest[d.id][1] < passing:
            factors[i] = 1 + _WEAK_FACTOR * (passing - latest[d.id][1]) / 100
    return factors


class _Calendar:
    """Days grouped into weeks, with capacities in blocks."""

    def __init__(self, plan: Plan) -> None:
        g = plan.study.granularity_hours
        self.g = g
        days = study_days(plan)
        self.days = days
        week_start_day = 0 if plan.study.week_starts == "monday" else 6
        self.bounds: list[tuple[int, int]] = []  # day index ranges [lo, hi)
        lo = 0
        for i in range(1, len(days) + 1):
            if i == len(days) or days[i][0].weekday() == week_start_day:
                self.bounds.append((lo, i))
                lo = i
        self.week_of_day = [w for w, (a, b) in enumerate(self.bounds) for _ in range(a, b)]
        self.capacity_hours = [math.fsum(days[k][1] for k in range(a, b)) for a, b in self.bounds]
        self.caps = [self.blocks(h) for h in self.capacity_hours]
        exam_day = plan.exam.date.date()
        window_start = exam_day - dt.timedelta(days=7 * plan.practice.weeks_before_exam)
        self.exam_blocks = max(1, math.ceil(plan.practice.minutes / 60 / g - _EPS))
        self.exam_hours = self.exam_blocks * g
        self.window_start = window_start
        self.practice_slots = [
            sum(self.slots(days[k][1]) for k in range(a, b) if days[k][0] >= window_start) for a, b in self.bounds
        ]

    def slots(self, hours: float) -> int:
        """Practice exams a day of ``hours`` holds: each is taken in one sitting."""
        return max(0, math.floor(hours / self.exam_hours + _EPS))

    def blocks(self, hours: float) -> int:
        return max(0, math.floor(hours / self.g + _EPS))

    def week_index(self, day: dt.date) -> int | None:
        if not self.days:
            return None
        k = (day - self.days[0][0]).days
        if 0 <= k < len(self.week_of_day):
            return self.week_of_day[k]
        return None


class _Layout:
    """One placement of the work: practice exams and domain blocks per week."""

    __slots__ = ("cells", "exams", "overflow", "short", "shortfall")

    def __init__(self, exams: list[int], cells: list[list[int]], overflow: int, shortfall: int, short: int) -> None:
        self.exams = exams  # practice exams per week
        self.cells = cells  # [week][domain] blocks
        self.overflow = overflow  # practice exams that did not fit
        self.shortfall = shortfall  # domain blocks that did not fit
        self.short = short  # blocks of work (domains and practice) beyond all the capacity


def _place_practice(caps: list[int], slots: list[int], exams: int, exam_blocks: int) -> tuple[list[int], int]:
    """Whole practice exams, backwards from the exam, on window days long enough for one sitting."""
    per_week = [0] * len(caps)
    left = exams
    for w in range(len(caps) - 1, -1, -1):
        if left <= 0:
            break
        fit = min(left, slots[w], caps[w] // exam_blocks) if exam_blocks > 0 else 0
        per_week[w] = fit
        left -= fit
    return per_week, left


def _fill(room: list[int], totals: list[int], shares: list[float], strategy: str) -> list[list[int]]:
    """Domain blocks into weeks: ``totals`` per domain, at most ``room`` per week."""
    amount = sum(totals)
    week_study = apportion(amount, room, room)
    if strategy == "sequential":
        cells = [[0] * len(totals) for _ in room]
        w = 0
        left = list(week_study)
        for i, need in enumerate(totals):
            while need > 0:
                while left[w] == 0:
                    w += 1
                take = min(need, left[w])
                cells[w][i] += take
                left[w] -= take
                need -= take
        return cells
    return round_table(week_study, shares, totals)


def _layout(
    caps: list[int],
    window: list[int],
    totals: list[int] | None,
    shares: list[float],
    exams: int,
    exam_blocks: int,
    strategy: str,
    *,
    fixed: bool = True,
) -> tuple[_Layout, list[int]]:
    """Practice first, then domain study in what is left.

    ``totals`` are the blocks each domain should get (``None``: every block
    left, split by ``shares``); when they do not fit, what fits is split by
    ``shares`` and the rest is the shortfall. Cells follow ``shares``.
    ``fixed=False``: the totals only say how to split whatever is free (a
    plan without ``target_hours``), so they can never be short.
    Returns the layout and the domain totals actually placed.
    """
    per_week, overflow = _place_practice(caps, window, exams, exam_blocks)
    room = [c - k * exam_blocks for c, k in zip(caps, per_week, strict=True)]
    free = sum(room)
    if totals is None:
        placed = apportion(free, shares)
        shortfall = 0
    elif sum(totals) > free:
        placed = apportion(free, shares)
        shortfall = sum(totals) - free
    else:
        placed = list(totals)
        shortfall = 0
    cells = _fill(room, placed, shares, strategy)
    wanted = (sum(totals) if totals is not None and fixed else 0) + exams * exam_blocks
    short = max(0, wanted - sum(caps))
    return _Layout(per_week, cells, overflow, shortfall, short), placed


def build(plan: Plan, today: dt.date) -> Schedule:
    """The schedule of ``plan`` as seen on ``today`` (a local date of the exam's zone)."""
    cal = _Calendar(plan)
    g = cal.g
    n = len(plan.domains)
    ids = [d.id for d in plan.domains]
    index_of = {d: i for i, d in enumerate(ids)}
    base_shares = _shares(plan, with_confidence=False)
    shares = _shares(plan, with_confidence=True)
    practice = plan.practice
    exam_blocks = cal.exam_blocks
    target_blocks = round(plan.study.target_hours / g) if plan.study.target_hours is not None else None
    strategy = plan.study.strategy
    weeks_n = len(cal.bounds)

    # --- baseline: the plan made at study.start, nothing done ---------------
    if target_blocks is None:
        wanted_totals = None
    else:
        wanted_totals = apportion(max(0, target_blocks - practice.count * exam_blocks), shares)
    base, base_totals = _layout(
        cal.caps, cal.practice_slots, wanted_totals, shares, practice.count, exam_blocks, strategy
    )
    goal_totals = wanted_totals if wanted_totals is not None else base_totals

    # --- what was done --------------------------------------------------------
    done = [0.0] * n
    done_by_week: list[list[float]] = [[0.0] * n for _ in range(weeks_n)]
    practice_by_week = [0.0] * weeks_n
    done_practice = 0.0
    logged_from_today: dict[dt.date, float] = {}  # a day's logged hours use up that day
    resource_logged: dict[str, float] = {}
    done_to_date = 0.0
    first_day = cal.days[0][0] if cal.days else plan.study.start
    week_of_day = cal.week_of_day  # cal.week_index, inlined: a big plan logs thousands of entries
    for entry in plan.log:
        k = (entry.date - first_day).days
        w = week_of_day[k] if 0 <= k < len(week_of_day) else None
        if entry.date < today:
            done_to_date += entry.hours
        else:
            logged_from_today[entry.date] = logged_from_today.get(entry.date, 0.0) + entry.hours
        if entry.resource is not None:
            resource_logged[entry.resource] = resource_logged.get(entry.resource, 0.0) + entry.hours
        if entry.kind == "practice" or entry.domain is None:
            done_practice += entry.hours
            if w is not None:
                practice_by_week[w] += entry.hours
            continue
        i = index_of[entry.domain]
        done[i] += entry.hours
        if w is not None:
            done_by_week[w][i] += entry.hours
    done_blocks = [cal.blocks(h) for h in done]
    exams_left = max(0, practice.count - exams_taken(plan))

    # --- current: the past as it was, the rest re-flowed from today ----------
    fresh = today <= first_day and not plan.log and not practice.results
    if fresh:
        current, remaining_totals = base, base_totals
        remaining_caps = list(cal.caps)
        remaining_window = list(cal.practice_slots)
        weak_shift = [0] * n
    else:
        remaining_caps = []
        remaining_window = []
        for a, b in cal.bounds:
            hours = 0.0
            window = 0
            for k in range(a, b):
                day, h, _ = cal.days[k]
                if day < today:
                    continue
                h = max(0.0, h - logged_from_today.get(day, 0.0))
                hours += h
                if day >= cal.window_start:
                    window += cal.slots(h)
            remaining_caps.append(cal.blocks(hours))
            remaining_window.append(window)
        per_week, _ = _place_practice(remaining_caps, remaining_window, exams_left, exam_blocks)
        free = sum(remaining_caps) - sum(per_week) * exam_blocks
        if target_blocks is None:
            # Every available hour is planned: aim the final totals at the shares.
            final = apportion(sum(done_blocks) + free, shares)
            need = [max(0, f - d) for f, d in zip(final, done_blocks, strict=True)]
        else:
            need = [max(0, t - d) for t, d in zip(goal_totals, done_blocks, strict=True)]
        factors = _weak_factors(plan)
        if any(f != 1.0 for f in factors) and sum(need) > 0:
            shifted = apportion(sum(need), [need[i] * factors[i] for i in range(n)])
        else:
            shifted = list(need)
        weak_shift = [s - o for s, o in zip(shifted, need, strict=True)]
        if target_blocks is None and sum(shifted) != free:
            basis = shifted if sum(shifted) > 0 else [s * f for s, f in zip(shares, factors, strict=True)]
            shifted = apportion(free, basis)
        reflow_shares = [float(x) for x in shifted] if sum(shifted) > 0 else shares
        current, remaining_totals = _layout(
            remaining_caps,
            remaining_window,
            shifted,
            reflow_shares,
            exams_left,
            exam_blocks,
            strategy,
            fixed=target_blocks is not None,
        )

    # --- weeks ------------------------------------------------------------------
    current_week = cal.week_index(today)
    if current_week is None and today < first_day:
        state_of = lambda w: "future"
    elif current_week is None:
        state_of = lambda w: "past"
    else:
        state_of = lambda w: "past" if w < current_week else ("current" if w == current_week else "future")

    planned_cum = _cumulative(base.cells, n)
    current_cum = _cumulative(current.cells, n)
    starts = [cal.days[a][0] for a, _ in cal.bounds]

    # --- resources ---------------------------------------------------------------
    inv_g = 1 / g
    practice_cum_base = _running([k * exam_blocks for k in base.exams])
    practice_cum_now = _running([k * exam_blocks for k in current.exams])
    rank = _PRIORITY_RANK
    order = [
        r
        for *_, r in sorted(
            (r.order if r.order is not None else k, rank[r.priority], k, r) for k, r in enumerate(plan.resources)
        )
    ]
    pos_base = [0.0] * n
    pos_now = [0.0] * n
    pos_practice_base = 0.0
    pos_practice_now = 0.0
    resource_hours = [0.0] * n
    start_week = 0 if current_week is None else current_week
    if current_week is None and today > (cal.days[-1][0] if cal.days else today):
        start_week = weeks_n
    # Cumulative blocks before the first re-flowed week, so positions count from there.
    now_offset = [col[start_week - 1] if 0 < start_week <= weeks_n else 0 for col in current_cum]
    last = weeks_n - 1
    due: dict[str, ResourcePlan] = {}
    split_cache: dict[tuple[str, ...], list[tuple[int, float]]] = {}
    use_practice_block = practice.count > 0
    for r in order:
        fractions = split_cache.get(r.domains)
        if fractions is None:
            fractions = split_cache[r.domains] = _domain_fractions(r.domains, index_of, base_shares)
        hours = r.hours
        is_done = r.status == "done"
        logged = resource_logged.get(r.id) if resource_logged else None
        remaining = 0.0 if is_done else (hours if logged is None else max(0.0, _round_hours(hours - logged)))
        planned = now = -1
        if use_practice_block and r.kind == "practice":
            pos_practice_base += hours * inv_g
            planned = _week_reaching(practice_cum_base, pos_practice_base, 0)
            if not is_done:
                pos_practice_now += remaining * inv_g
                now = _week_reaching(practice_cum_now, pos_practice_now, start_week)
        else:
            left_share = (remaining / hours if hours > 0 else 0.0) * inv_g
            for i, f in fractions:
                part = hours * f
                resource_hours[i] += part
                pos = pos_base[i] = pos_base[i] + part * inv_g
                col = planned_cum[i]
                w = bisect_left(col, pos - 1e-6)
                if w > planned:
                    planned = w if w <= last else last
                if not is_done and start_week <= last:
                    pos = pos_now[i] = pos_now[i] + part * left_share
                    col = current_cum[i]
                    w = bisect_left(col, now_offset[i] + pos - 1e-6, start_week)
                    if w > now:
                        now = w if w <= last else last
        if is_done:
            done_week = cal.week_index(r.done_on) if r.done_on is not None else None
            now = done_week if done_week is not None else planned
        due[r.id] = ResourcePlan(
            r.id,
            starts[now] if 0 <= now < weeks_n else None,
            starts[planned] if 0 <= planned < weeks_n else None,
            r.status,
            remaining,
        )
    due_by_week: dict[dt.date, list[str]] = {}
    for r in plan.resources:
        week = due[r.id].due_week
        if week is not None:
            due_by_week.setdefault(week, []).append(r.id)

    weeks = []
    planned_to_date = 0.0
    biggest = max([0, *(max(row, default=0) for row in base.cells), *(max(row, default=0) for row in current.cells)])
    to_hours = [_round_hours(k * g) for k in range(biggest + 1)]  # blocks -> hours, without float noise
    exam_hours = exam_blocks * g
    for w, (a, b) in enumerate(cal.bounds):
        state = state_of(w)
        base_row, now_row, done_row = base.cells[w], current.cells[w], done_by_week[w]
        planned_hours = {ids[i]: to_hours[x] for i, x in enumerate(base_row) if x}
        done_hours = {ids[i]: _round_hours(x) for i, x in enumerate(done_row) if x}
        if state == "past":
            hours = dict(done_hours)
            practice_hours = _round_hours(practice_by_week[w])
            practice_exams = 0
        elif state == "current":
            hours = {ids[i]: _round_hours(done_row[i] + x * g) for i, x in enumerate(now_row) if x or done_row[i]}
            practice_hours = _round_hours(practice_by_week[w] + current.exams[w] * exam_hours)
            practice_exams = current.exams[w]
        else:
            hours = {ids[i]: to_hours[x] for i, x in enumerate(now_row) if x}
            practice_hours = _round_hours(current.exams[w] * exam_hours)
            practice_exams = current.exams[w]
        base_week_total = (sum(base_row) + base.exams[w] * exam_blocks) * g
        if state == "past":
            planned_to_date += base_week_total
        elif state == "current" and cal.capacity_hours[w] > 0:
            before = math.fsum(cal.days[k][1] for k in range(a, b) if cal.days[k][0] < today)
            planned_to_date += base_week_total * before / cal.capacity_hours[w]
        weeks.append(
            Week(
                w,
                starts[w],
                cal.days[b - 1][0],
                _round_hours(cal.capacity_hours[w]),
                practice_hours,
                practice_exams,
                hours,
                planned_hours,
                done_hours,
                tuple(due_by_week.get(starts[w], ())),
                state,
                sum(1 for k in range(a, b) if cal.days[k][2]),
                _round_hours(base.exams[w] * exam_hours),
                _round_hours(practice_by_week[w]),
            )
        )

    domains = tuple(
        DomainPlan(
            id=d.id,
            name=d.name,
            weight=d.weight,
            share=base_shares[i],
            adjusted_share=shares[i],
            planned_hours=_round_hours(base_totals[i] * g),
            done_hours=_round_hours(done[i]),
            remaining_hours=_round_hours(remaining_totals[i] * g),
            shift_hours=_round_hours(weak_shift[i] * g),
            resource_hours=_round_hours(resource_hours[i]),
        )
        for i, d in enumerate(plan.domains)
    )
    remaining_capacity = math.fsum(
        max(0.0, h - logged_from_today.get(day, 0.0)) for day, h, _ in cal.days if day >= today
    )
    need_blocks = sum(map(sum, current.cells)) + current.shortfall
    practice_need = exams_left * exam_blocks
    return Schedule(
        today=today,
        exam_day=plan.exam.date.date(),
        granularity=g,
        weeks=tuple(weeks),
        domains=domains,
        resources=tuple(due[r.id] for r in plan.resources),
        capacity_hours=_round_hours(math.fsum(cal.capacity_hours)),
        study_hours=_round_hours(sum(base_totals) * g),
        practice_hours=_round_hours(sum(base.exams) * exam_blocks * g),
        done_hours=_round_hours(sum(done) + done_practice),
        done_practice_hours=_round_hours(done_practice),
        remaining_capacity_hours=_round_hours(max(0.0, remaining_capacity)),
        remaining_need_hours=_round_hours((need_blocks + practice_need) * g),
        shortfall_hours=_round_hours(current.short * g),
        practice_needed_exams=exams_left,
        practice_overflow_exams=current.overflow,
        practice_exam_hours=_round_hours(exam_blocks * g),
        planned_to_date_hours=_round_hours(round(planned_to_date / g) * g),
        done_to_date_hours=_round_hours(done_to_date),
        current_week=current_week,
    )


def _domain_fractions(
    domain_ids: tuple[str, ...], index_of: dict[str, int], shares: list[float]
) -> list[tuple[int, float]]:
    """How a resource's hours split over its domains: by their weights (all domains when none)."""
    if len(domain_ids) == 1:
        return [(index_of[domain_ids[0]], 1.0)]
    if len(domain_ids) == 2:
        i, j = index_of[domain_ids[0]], index_of[domain_ids[1]]
        total = shares[i] + shares[j]
        if total > 0:
            return [(i, shares[i] / total), (j, shares[j] / total)]
    idx = [index_of[d] for d in domain_ids] if domain_ids else list(range(len(shares)))
    weights = [shares[i] for i in idx]
    total = sum(weights)
    if total <= 0:
        return [(i, 1 / len(idx)) for i in idx]
    return [(i, w / total) for i, w in zip(idx, weights, strict=True)]


def _cumulative(cells: list[list[int]], n: int) -> list[list[int]]:
    """Per domain, blocks placed up to and including each week."""
    out = [[0] * len(cells) for _ in range(n)]
    for i in range(n):
        run = 0
        col = out[i]
        for w, row in enumerate(cells):
            run += row[i]
            col[w] = run
    return out


def _running(values: list[int]) -> list[int]:
    out = []
    run = 0
    for v in values:
        run += v
        out.append(run)
    return out


def _week_reaching(cumulative: list[int], position: float, first: int) -> int:
    """The first week (from ``first``) by whose end ``position`` blocks are placed; -1 if none.

    Past the last block, the last week: the resource overruns and is due at the end.
    """
    if not cumulative or first >= len(cumulative):
        return -1
    base = cumulative[first - 1] if first > 0 else 0
    w = bisect_left(cumulative, base + position - 1e-6, lo=first)
    return w if w < len(cumulative) else len(cumulative) - 1
