"""Rule 6: resources laid in order along their domains' hours, each due the week it is done by.

A resource's hours split over its domains by weight (all domains when it
names none). Walking the resources in study order (``order``, then priority,
then the file), each domain's resources fill that domain's placed blocks one
after the other; a resource is due in the week its last part is reached. A
domain with no share of a resource (a zero weight) is not part of it, so it
never holds the resource back. Practice resources fill the practice sittings
instead, by their hours.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Final

from planner.core.engine.calendar import Calendar
from planner.core.engine.layout import Layout
from planner.core.engine.types import ResourcePlan, round_hours
from planner.core.model import Plan, Resource

__all__ = ["Track", "lay_resources"]

_PRIORITY_RANK: Final = {"high": 0, "medium": 1, "low": 2}
_UNSET: Final = ResourcePlan("", None, None, "", 0.0)
"""A place in ``lay_resources``' list not filled yet."""
_TOLERANCE: Final = 1e-6
"""A position this close to a week's end is reached in that week."""


_last_order: tuple[tuple[Resource, ...], tuple[tuple[int, Resource], ...]] | None = None
"""The study order of the last resources asked for: an edit that leaves them alone (a weight, a date)
replans without sorting thousands of them again. Held with the tuple it was made from, so identity is
a safe key (the tuple cannot be freed and its id reused while it is here)."""


def study_order(plan: Plan) -> tuple[tuple[int, Resource], ...]:
    """Resources in the order they are studied, each with its place in the file.

    The order: ``order``, then priority, then the place in the file.
    """
    global _last_order
    resources = plan.resources
    last = _last_order
    if last is not None and last[0] is resources:
        return last[1]
    keyed = [(r.order if r.order is not None else k, _PRIORITY_RANK[r.priority], k, r) for k, r in enumerate(resources)]
    order = tuple((k, r) for _, _, k, r in sorted(keyed))  # the file position is unique: resources are never compared
    _last_order = (resources, order)
    return order


def domain_fractions(
    domain_ids: tuple[str, ...], index_of: dict[str, int], shares: Sequence[float]
) -> list[tuple[int, float]]:
    """How a resource's hours split over its domains: by their weights (all domains when none)."""
    if len(domain_ids) == 1:
        return [(index_of[domain_ids[0]], 1.0)]
    if len(domain_ids) == 2:
        i, j = index_of[domain_ids[0]], index_of[domain_ids[1]]
        total = shares[i] + shares[j]
        if shares[i] > 0 and shares[j] > 0:
            return [(i, shares[i] / total), (j, shares[j] / total)]
    idx = [index_of[d] for d in domain_ids] if domain_ids else list(range(len(shares)))
    weights = [shares[i] for i in idx]
    total = sum(weights)
    if total <= 0:
        return [(i, 1 / len(idx)) for i in idx]
    return [(i, w / total) for i, w in zip(idx, weights, strict=True) if w > 0]


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


def _running(values: Sequence[float]) -> list[float]:
    out = []
    run = 0.0
    for v in values:
        run += v
        out.append(run)
    return out


def week_reaching(cumulative: Sequence[float], position: float, first: int) -> int:
    """The first week (from ``first``) by whose end ``position`` is placed; -1 if none.

    Past the last block, the last week: the resource overruns and is due at the end.
    """
    if not cumulative or first >= len(cumulative):
        return -1
    base = cumulative[first - 1] if first > 0 else 0
    w = bisect_left(cumulative, base + position - _TOLERANCE, lo=first)
    return w if w < len(cumulative) else len(cumulative) - 1


class Track:
    """Where each domain's resources have reached along one layout's blocks (and its practice hours)."""

    __slots__ = ("cum", "first", "last", "offset", "pos", "practice_cum", "practice_pos")

    def __init__(self, layout: Layout, n: int, first: int) -> None:
        self.cum = _cumulative(layout.cells, n)
        self.practice_cum = _running(layout.practice)
        self.first = first
        self.last = len(layout.cells) - 1
        # blocks placed before the first week walked, so positions count from there
        self.offset = [col[first - 1] if 0 < first <= len(col) else 0 for col in self.cum]
        self.pos = [0.0] * n
        self.practice_pos = 0.0

    def advance_practice(self, hours: float) -> int:
        self.practice_pos += hours
        return week_reaching(self.practice_cum, self.practice_pos, self.first)


def lay_resources(
    plan: Plan,
    cal: Calendar,
    tracks: tuple[Track, Track],
    shares: Sequence[float],
    resource_logged: dict[str, float],
) -> tuple[list[ResourcePlan], list[float]]:
    """Each resource's due and planned weeks, in the file's order, and the resource hours per domain.

    The walk is written out rather than split into calls: a big plan has
    thousands of resources, each touching one or two domains.
    """
    base, now = tracks
    index_of = {d.id: i for i, d in enumerate(plan.domains)}
    starts = cal.week_starts()
    weeks_n, last = len(starts), base.last
    inv_g = 1 / cal.g
    resource_hours = [0.0] * len(plan.domains)
    split_cache: dict[tuple[str, ...], list[tuple[int, float]]] = {}
    use_practice = plan.practice.count > 0
    b_pos, b_cum = base.pos, base.cum
    n_pos, n_cum, n_off, n_first = now.pos, now.cum, now.offset, now.first
    now_open = n_first <= last
    logged_of = resource_logged.get
    week_index = cal.week_index
    bisect = bisect_left
    tol = _TOLERANCE
    new = tuple.__new__  # a ResourcePlan made without its __new__'s Python frame, thousands of times
    out = [_UNSET] * len(plan.resources)  # every place is filled: study_order holds each resource once
    for k, r in study_order(plan):
        fractions = split_cache.get(r.domains)
        if fractions is None:
            fractions = split_cache[r.domains] = domain_fractions(r.domains, index_of, shares)
        hours = r.hours
        status = r.status
        is_done = status == "done"
        logged = logged_of(r.id)
        remaining = 0.0 if is_done else (hours if logged is None else max(0.0, round_hours(hours - logged)))
        planned = now_week = -1
        if use_practice and r.kind == "practice":
            planned = base.advance_practice(hours)
            if not is_done:
                now_week = now.advance_practice(remaining)
        else:
            left = (remaining / hours if hours > 0 else 0.0) * inv_g
            walk_now = not is_done and now_open
            for i, f in fractions:
                part = hours * f
                resource_hours[i] += part
                pos = b_pos[i] = b_pos[i] + part * inv_g
                w = bisect(b_cum[i], pos - tol)
                if w > planned:
                    planned = w if w <= last else last
                if walk_now:
                    pos = n_pos[i] = n_pos[i] + part * left
                    w = bisect(n_cum[i], n_off[i] + pos - tol, n_first)
                    if w > now_week:
                        now_week = w if w <= last else last
        if is_done:
            done_week = week_index(r.done_on) if r.done_on is not None else None
            now_week = done_week if done_week is not None else planned
        due = starts[now_week] if 0 <= now_week < weeks_n else None
        planned_week = starts[planned] if 0 <= planned < weeks_n else None
        out[k] = new(ResourcePlan, (r.id, due, planned_week, status, remaining))
    return out, resource_hours
