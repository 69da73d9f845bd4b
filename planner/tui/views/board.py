"""What the Resources board draws: its lists, and a card for each resource, from a plan.

Pure drawing, no widgets: the view (``resources.py``) mounts what this builds.
A resource that covers several domains is in each of their lists with its share
of the hours, so each list's total is the sum of its cards and the lists add
up to the resources' total.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, NamedTuple

from textual.content import Content

from planner.core import fmt
from planner.core.engine import Schedule
from planner.core.model import Domain, Plan, Resource
from planner.core.rounding import apportion
from planner.core.safetext import width
from planner.tui.text import content

__all__ = ["ALL_DOMAINS", "CARD_CELLS", "LIST_CELLS", "Column", "card", "columns", "due_by", "split_hours"]

ALL_DOMAINS: Final = "*all*"
"""The id of the list of resources that cover every domain (no domain id can contain ``*``)."""
PRIORITY_STYLE: Final = {"high": "bold $error", "medium": "bold $warning", "low": "bold $success"}
TITLE_STYLE: Final = {"todo": "bold", "doing": "bold $warning", "done": "$text-muted strike"}
STATE_STYLE: Final = {"todo": "$text-muted", "doing": "bold $warning", "done": "bold $success"}
LIST_CELLS: Final = 23
"""A list's width when they do not all fit (``ResourcesView.crowded`` in the tcss; keep the two equal)."""
CARD_CELLS: Final = LIST_CELLS - 2
"""A card's lines but the title fit this (the list's width less its gap and scrollbar):
``doing · by Wed 31 Mar`` is the longest state line."""


def split_hours(resource: Resource, domains: tuple[Domain, ...], block: float) -> dict[str, float]:
    """A resource's hours in each domain it covers, split by weight, in parts that add up to its hours.

    The engine splits a shared resource by the weights of its domains; the board
    shows that split in whole blocks (in hundredths when the hours are not whole
    blocks), so a list's total is the sum of its cards and the lists add up to
    the resources' total.
    """
    ids = resource.domains or tuple(d.id for d in domains)
    if len(ids) == 1:
        return {ids[0]: resource.hours}
    weight = {d.id: d.weight for d in domains}
    weights = [weight.get(i, 0.0) for i in ids]
    if sum(weights) <= 0:
        weights = [1.0] * len(ids)
    blocks = resource.hours / block
    unit = block if abs(blocks - round(blocks)) < 1e-9 else 0.01
    parts = apportion(round(resource.hours / unit), weights)
    return {i: round(k * unit, 6) for i, k in zip(ids, parts, strict=True)}


def card(r: Resource, hours_here: float, due: dt.date | None) -> Content:
    """A resource as a card: its title (wrapping), then priority and hours, then state and due date.

    Only the title wraps: the other lines are built to fit ``CARD_CELLS``, so a
    state never breaks across lines, and the kind goes on whichever fits (or is
    left to the edit form).
    """
    hours = fmt.hours_h(r.hours) if hours_here == r.hours else f"{fmt.hours(hours_here)} of {fmt.hours_h(r.hours)}"
    label = f" {r.priority[0].upper()} "
    if r.status == "done":
        state, when = "done", f" on {fmt.day_month(r.done_on)}" if r.done_on else ""
    else:
        when = f"by {fmt.day_month(due)}" if due else "no week left"
        state, when = ("doing", f" · {when}") if r.status == "doing" else ("", when)
    kind = f" · {r.kind}"
    kind_first = width(f"{label} {hours}{kind}") <= CARD_CELLS
    kind_last = not kind_first and width(state + when + kind) <= CARD_CELLS
    return Content("\n").join(
        [
            content(r.title, TITLE_STYLE[r.status]),
            Content.assemble(
                (label, PRIORITY_STYLE[r.priority] + " reverse"),
                (f" {hours}{kind if kind_first else ''}", "$text-muted"),
            ),
            Content.assemble((state, STATE_STYLE[r.status]), (when + (kind if kind_last else ""), "$text-muted")),
        ]
    )


class Column(NamedTuple):
    """One list of the board: its domain (or ``ALL_DOMAINS``), title, and (resource, hours here) cards."""

    id: str
    name: str
    cards: list[tuple[Resource, float]]
    widget_id: str
    """From the domain's place in the plan: domain ids like ``a.b`` and ``a_b`` must not collide."""

    def title(self) -> Content:
        hours = sum(h for _, h in self.cards)
        done = sum(1 for r, _ in self.cards if r.status == "done")
        counts = (
            f"{len(self.cards)} · {done} done · {fmt.hours_h(round(hours, 2))}"
            if self.cards
            else "none yet (a adds one)"
        )
        return Content.assemble(content(self.name, "bold"), "\n", (counts, "$text-muted"))


def columns(plan: Plan, visible: list[Resource]) -> list[Column]:
    """The board's lists: all domains first (when any resource covers them all), then each domain."""
    lists = [Column(d.id, d.name, [], f"col-{k}") for k, d in enumerate(plan.domains)]
    by_id = {c.id: c for c in lists}
    everywhere = Column(ALL_DOMAINS, "All domains", [], "col-all")
    for r in visible:
        if not r.domains:
            everywhere.cards.append((r, r.hours))
            continue
        for domain_id, hours in split_hours(r, plan.domains, plan.study.granularity_hours).items():
            by_id[domain_id].cards.append((r, hours))
    if everywhere.cards or not plan.resources:
        lists.insert(0, everywhere)
    return lists


def due_by(schedule: Schedule) -> dict[str, dt.date]:
    """Each resource's due date: the last day of the week it falls in (a week may end early)."""
    out: dict[str, dt.date] = {}
    for p in schedule.resources:
        if p.due_week is not None:
            week = schedule.week_of(p.due_week)
            out[p.id] = week.end if week is not None else p.due_week
    return out
