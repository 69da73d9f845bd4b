"""A Trello board export turned into resources of the plan.

The person this planner is for kept their notes on a board: a list per
domain, a label for the priority, links and notes on the cards. Re-typing
that board is where plans go wrong, so the board is read as it is (the rules
are in design.md, "The board you already have"). Every resource made from a
card remembers it (``origin = "trello:CARD_ID"``), so importing the same
board again updates those resources and adds nothing twice.

What the board says wins; what it leaves unsaid (no hour hint, no priority
label) keeps what the plan has. Status only moves forward: a resource ticked
done in the planner stays done. An export is a file from elsewhere, so its
text is kept as typed (front ends clean it when they show it); reading
and checking the file's structure is ``trello_export``'s job.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Final, NamedTuple

from planner.core import rules
from planner.core.errors import PlanError
from planner.core.model import STATUSES, Plan, Resource, replace
from planner.core.rules import MAX_TARGET_HOURS, MAX_TEXT
from planner.core.trello_export import Board, Card, TrelloList, board_from_export

__all__ = [
    "DEFAULT_HOURS",
    "ORIGIN",
    "Board",
    "Card",
    "Change",
    "Imported",
    "ListMapping",
    "Report",
    "Skipped",
    "TrelloList",
    "board_from_export",
    "hour_hint",
    "import_board",
    "map_lists",
    "normalized",
    "resource_id",
]

ORIGIN: Final = "trello:"
"""The prefix of ``Resource.origin`` for a card: ``trello:`` and the card's id."""
DEFAULT_HOURS: Final = 1.0
"""The estimate of a card whose title gives none (``--hours`` changes it)."""
NEW_KIND: Final = "notes"
"""Cards are a person's notes on a topic; they can make a card a course or a video in the plan."""
DONE_LIST: Final = "done"
"""A list of this name (case, spaces and punctuation ignored) holds finished cards."""

_HINT: Final = re.compile(
    r"\(\s*(\d{1,5}(?:[.,]\d{1,2})?)\s*(?:h|hrs?|hours?)\s*\)|(?<![\w.,])(\d{1,5}(?:[.,]\d{1,2})?)\s*(?:h|hrs?|hours?)\b",
    re.IGNORECASE,
)
"""``(2h)``, ``(1.5 h)``, ``1.5 h``, ``3 hours``: an estimate in a card's title."""
_PRIORITY: Final = re.compile(r"\b(high|medium|low)\b")
"""A priority as a whole word of a label's name (``High priority``), so ``Highlights`` is not one."""
_RANK: Final = {s: i for i, s in enumerate(STATUSES)}
"""How far along a status is: an import never moves a resource back."""
_MIN_PART: Final = 4
"""A domain named inside a list's name (``Modelling & algorithms``) is suggested when it is this long:
shorter ids (``eda``, ``ml``) turn up inside unrelated words."""


class ListMapping(NamedTuple):
    """Where the cards of one open list go."""

    list: TrelloList
    domain: str | None
    """``None``: no domain matched; its cards are for every domain."""
    how: str
    """``--list``, ``id``, ``name``, ``imported`` (where its cards went at an earlier import),
    ``done`` (the done list) or ``""`` (not mapped)."""
    cards: int
    """Open cards on it."""
    suggestion: str | None = None
    """A domain id the list may have meant, when it is not mapped."""


class Change(NamedTuple):
    id: str
    title: str
    fields: tuple[str, ...] = ()
    """The fields a re-import changed (empty for an added resource)."""


class Skipped(NamedTuple):
    title: str
    reason: str


class Report(NamedTuple):
    """What an import did (or would do: a preview is the same call without saving)."""

    board: str
    lists: tuple[ListMapping, ...]
    added: tuple[Change, ...]
    updated: tuple[Change, ...]
    unchanged: int
    skipped: tuple[Skipped, ...]

    @property
    def unmapped(self) -> tuple[ListMapping, ...]:
        return tuple(m for m in self.lists if m.domain is None and m.how != "done")


class Imported(NamedTuple):
    plan: Plan
    report: Report


# --- the mapping ------------------------------------------------------------------------------------------------


def normalized(name: str) -> str:
    """``name`` for matching: accents, case, spaces, punctuation and emoji left out (``ML Ops ⚙️`` -> ``mlops``)."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in folded if ch.isalnum() and not unicodedata.combining(ch))


def _suggest(name: str, plan: Plan) -> str | None:
    import difflib

    key = normalized(name)
    if not key:
        return None
    keys: dict[str, str] = {}
    for d in plan.domains:
        keys.setdefault(normalized(d.id), d.id)
        keys.setdefault(normalized(d.name), d.id)
    for k, domain_id in keys.items():
        if len(k) >= _MIN_PART and len(key) >= _MIN_PART and (k in key or key in k):
            return domain_id
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.6)
    return keys[close[0]] if close else None


def map_lists(board: Board, plan: Plan, overrides: Mapping[str, str] | None = None) -> tuple[ListMapping, ...]:
    """Where each open list goes: ``overrides`` (list name -> domain id) first, then a domain's id or name."""
    overrides = dict(overrides or {})
    open_lists = sorted((x for x in board.lists if not x.closed), key=lambda x: x.pos)
    by_name = {normalized(x.name): x for x in open_lists}
    wanted: dict[str, str] = {}
    for name, domain in overrides.items():
        found = by_name.get(normalized(name))
        if found is None:
            raise PlanError(_no_list_message(name, open_lists))
        if plan.domain(domain) is None:
            raise PlanError(_no_domain_message(domain, plan))
        wanted[found.id] = domain
    ids = {normalized(d.id): d.id for d in plan.domains}
    names = {normalized(d.name): d.id for d in plan.domains}
    counts: dict[str, int] = {}
    for card in board.cards:
        if not card.closed:
            counts[card.list_id] = counts.get(card.list_id, 0) + 1
    before = _domains_before(board, plan)
    out = []
    for x in open_lists:
        key, n = normalized(x.name), counts.get(x.id, 0)
        if x.id in wanted:
            out.append(ListMapping(x, wanted[x.id], "--list", n))
        elif key and key in ids:
            out.append(ListMapping(x, ids[key], "id", n))
        elif key and key in names:
            out.append(ListMapping(x, names[key], "name", n))
        elif key == DONE_LIST:
            out.append(ListMapping(x, None, "done", n))
        elif x.id in before:
            out.append(ListMapping(x, before[x.id], "imported", n))
        else:
            out.append(ListMapping(x, None, "", n, _suggest(x.name, plan)))
    return tuple(out)


def _domains_before(board: Board, plan: Plan) -> dict[str, str]:
    """List id -> the one domain every resource made from its cards has now.

    A list mapped at an earlier import (``--list``, or a choice in the TUI)
    is not mapped by its name this time; the plan remembers where its cards
    went, and importing again without saying it again must not widen them
    to every domain. A list whose cards now sit in different domains (or in
    every domain) has no one domain to start on.
    """
    domains = {r.origin: r.domains for r in plan.resources if _imported(r)}
    seen: dict[str, set[tuple[str, ...]]] = {}
    for card in board.cards:
        found = domains.get(f"{ORIGIN}{card.id}")
        if found is not None:
            seen.setdefault(card.list_id, set()).add(found)
    return {
        list_id: only[0]
        for list_id, sets in seen.items()
        if len(sets) == 1 and len(only := next(iter(sets))) == 1 and plan.domain(only[0]) is not None
    }


def _no_list_message(name: str, lists: list[TrelloList]) -> str:
    import difflib

    shown = [x.name for x in lists]
    close = difflib.get_close_matches(name, shown, n=1, cutoff=0.5)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    listed = ", ".join(f'"{n}"' for n in shown[:12]) + (", ..." if len(shown) > 12 else "")
    return f'the board has no open list "{name}"{hint} (lists: {listed or "none"})'


def _no_domain_message(domain: str, plan: Plan) -> str:
    import difflib

    known = [d.id for d in plan.domains]
    close = difflib.get_close_matches(domain, known, n=1, cutoff=0.5)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f'the plan has no domain "{domain}"{hint} (domains: {", ".join(known)})'


def hour_hint(title: str) -> tuple[str, float | None]:
    """The title without its hour hint, and the hint (``"Guide (2h)"`` -> ``("Guide", 2.0)``)."""
    match = _HINT.search(title)
    if match is None:
        return title, None
    value = float((match.group(1) or match.group(2)).replace(",", "."))
    if not 0 < value <= MAX_TARGET_HOURS:
        return title, None
    rest = (title[: match.start()] + " " + title[match.end() :]).strip()
    rest = re.sub(r"[ \t]{2,}", " ", rest).strip(" \t-–—:|,·")  # dashes as people type them
    return (rest or title), round(value, 2)


def _priority(labels: tuple[str, ...]) -> str | None:
    found = {m for name in labels for m in _PRIORITY.findall(name.casefold())}
    for level in ("high", "medium", "low"):
        if level in found:
            return level
    return None


def _status(card: Card, done_list: bool) -> str:
    if card.due_complete or done_list or (card.items and card.checked >= card.items):
        return "done"
    return "doing" if card.checked else "todo"


def resource_id(title: str, taken: set[str], fallback: str = "card") -> str:
    """A valid id made from ``title``, not in ``taken`` (``Hands On! (v2)`` -> ``hands-on-v2``)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:48].rstrip("-") or fallback
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


# --- the import ---------------------------------------------------------------------------------------------


def _clipped(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _order_offset(plan: Plan) -> int:
    """Imported cards come after the resources the plan had of its own, in the board's order."""
    return 1 + max(
        (r.order if r.order is not None else k for k, r in enumerate(plan.resources) if not _imported(r)),
        default=-1,
    )


def _imported(r: Resource) -> bool:
    return bool(r.origin and r.origin.startswith(ORIGIN))


def _skip_reason(card: Card, lists: Mapping[str, ListMapping], closed: set[str]) -> str | None:
    if card.closed:
        return "archived"
    if card.list_id in closed:
        return "its list is archived"
    if card.list_id not in lists:
        return "its list is not in the export"
    return None


class _Fresh(NamedTuple):
    """A card as a resource, with what the card itself said (an hour hint, a priority label)."""

    resource: Resource
    hint: float | None
    priority: str | None


def _fresh(card: Card, mapping: ListMapping, hours: float, order: int, today: dt.date) -> _Fresh:
    title, hint = hour_hint(card.name)
    priority = _priority(card.labels)
    status = _status(card, mapping.how == "done")
    resource = Resource(
        id="",
        title=_clipped(title) if title.strip() else f"Trello card {card.id}",
        hours=hint if hint is not None else hours,
        kind=NEW_KIND,
        url=card.url,
        domains=(mapping.domain,) if mapping.domain else (),
        priority=priority or "medium",
        status=status,
        done_on=today if status == "done" else None,
        notes=_clipped(card.desc),
        order=order,
        origin=f"{ORIGIN}{card.id}",
    )
    return _Fresh(resource, hint, priority)


def _merged(old: Resource, fresh: _Fresh, today: dt.date) -> Resource:
    """``old`` updated from its card: what the card says wins, status only moves forward.

    A card on a list that says no domain (not mapped, or the done list) keeps the domains it has.
    """
    new = fresh.resource
    status = new.status if _RANK[new.status] > _RANK.get(old.status, 0) else old.status
    done_on = old.done_on if status != "done" or old.done_on is not None else today
    return replace(
        old,
        title=new.title,
        url=new.url or old.url,
        domains=new.domains or old.domains,
        hours=fresh.hint if fresh.hint is not None else old.hours,
        priority=fresh.priority or old.priority,
        status=status,
        done_on=done_on if status == "done" else old.done_on,
        notes=new.notes,
        order=new.order,
    )


def _changed(old: Resource, new: Resource) -> tuple[str, ...]:
    return tuple(f for f in Resource._fields if getattr(old, f) != getattr(new, f))


def import_board(
    plan: Plan,
    board: Board,
    *,
    today: dt.date,
    lists: Mapping[str, str] | None = None,
    hours: float = DEFAULT_HOURS,
) -> Imported:
    """``plan`` with a resource for every open card of an open list of ``board``, and what was done.

    ``lists`` maps list names to domain ids where the names do not say it;
    ``hours`` is the estimate of a card without an hour hint; ``today`` is
    the ``done_on`` of a card that is done. Nothing is saved: a preview is
    this call and a look at the report.
    """
    if not 0 < hours <= MAX_TARGET_HOURS:
        raise PlanError(f"the default estimate must be more than 0 and at most {MAX_TARGET_HOURS:g} hours")
    mappings = map_lists(board, plan, lists)
    by_list = {m.list.id: m for m in mappings}
    closed = {x.id for x in board.lists if x.closed}
    resources = list(plan.resources)
    where = {r.origin: i for i, r in enumerate(resources) if _imported(r)}
    taken = {r.id for r in resources}
    skipped: list[Skipped] = []
    candidates: list[tuple[float, float, int, Card]] = []
    seen: set[str] = set()
    for k, card in enumerate(board.cards):
        reason = "the card appears twice in the export" if card.id in seen else _skip_reason(card, by_list, closed)
        seen.add(card.id)
        if reason is None:
            candidates.append((by_list[card.list_id].list.pos, card.pos, k, card))
            continue
        kept = where.get(f"{ORIGIN}{card.id}")
        if kept is not None:
            reason += f"; {resources[kept].id} stays in the plan"
        skipped.append(Skipped(card.name, reason))
    added: list[Change] = []
    updated: list[Change] = []
    unchanged = 0
    offset = _order_offset(plan)
    for rank, (*_, card) in enumerate(sorted(candidates, key=lambda c: c[:3])):
        fresh = _fresh(card, by_list[card.list_id], hours, offset + rank, today)
        at = where.get(fresh.resource.origin)
        if at is None:
            new_id = resource_id(fresh.resource.title, taken, fallback=f"card-{card.id[-8:].lower()}")
            taken.add(new_id)
            resources.append(replace(fresh.resource, id=new_id))
            added.append(Change(new_id, fresh.resource.title))
            continue
        old = resources[at]
        new = _merged(old, fresh, today)
        if new == old:
            unchanged += 1
        else:
            resources[at] = new
            updated.append(Change(new.id, new.title, _changed(old, new)))
    report = Report(board.name, mappings, tuple(added), tuple(updated), unchanged, tuple(skipped))
    # checked as any edit is: what the board holds must make a plan the loader would open again
    return Imported(rules.check_plan(replace(plan, resources=tuple(resources))), report)
