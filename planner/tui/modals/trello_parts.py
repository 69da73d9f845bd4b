"""What the Trello import dialog says: how each list was mapped, and what the import would change.

Pure drawing over ``core.trello``'s report; every title and name is board or
plan text and goes through ``planner.tui.text``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

from textual.content import Content

from planner.core import fmt
from planner.core.errors import PlanError
from planner.core.model import Plan
from planner.tui.text import content, join

if TYPE_CHECKING:
    from planner.core.trello import Board, Imported, ListMapping

__all__ = ["SHOWN", "changes", "how_text", "read_board"]

SHOWN: Final = 40
"""Lines of added, updated or skipped cards listed each; the rest are counted."""
TITLE_CELLS: Final = 44


def read_board(path: Path) -> Board | PlanError:
    """The board in the export at ``path``, or why not (run in a worker thread: it reads the file)."""
    from planner.edge.trello import load_board

    try:
        return load_board(path)
    except PlanError as exc:
        return exc


def how_text(m: ListMapping, plan: Plan) -> Content:
    """Why a list goes where it goes: ``by name``, ``your choice``, or not matched with a suggestion."""
    match m.how:
        case "id" | "name":
            return Content.styled(f"matches its {m.how}", "$text-muted")
        case "--list":
            return Content.styled("your choice", "$accent")
        case "imported":
            return Content.styled("as imported before", "$text-muted")
        case "done":
            return Content.styled("its cards are done", "$text-muted")
    suggested = plan.domain(m.suggestion) if m.suggestion else None
    if suggested is not None:
        return Content.assemble(("did you mean ", "$warning"), content(suggested.name, "bold"), ("?", "$warning"))
    return Content.styled("not matched", "$warning")


def _listed(lines: list[Content], rows: list[Content]) -> None:
    lines.extend(rows[:SHOWN])
    if len(rows) > SHOWN:
        lines.append(Content.styled(f"  … and {len(rows) - SHOWN} more", "$text-muted"))


def changes(plan: Plan, imported: Imported) -> Content:
    """What the import would do: a line per card added, updated or skipped."""
    r = imported.report
    after = imported.plan
    names = {d.id: d.name for d in plan.domains}
    lines = [
        Content.assemble(
            ("Would add ", "bold"),
            (fmt.plural(len(r.added), "resource"), "bold"),
            f", update {len(r.updated)}, leave {r.unchanged} unchanged, skip {len(r.skipped)}.",
        )
    ]
    added = []
    for change in r.added:
        res = after.resource(change.id)
        if res is None:
            continue
        where = ", ".join(names.get(d, d) for d in res.domains) or "all domains"
        added.append(
            Content.assemble(
                ("+ ", "$success"),
                content(res.title, width=TITLE_CELLS),
                ("  ", ""),
                content(f"{where} · {fmt.hours_h(res.hours)} · {res.priority} · {res.status}", "$text-muted"),
            )
        )
    _listed(lines, added)
    updated = [
        Content.assemble(("~ ", "$warning"), content(c.title, width=TITLE_CELLS), ("  " + ", ".join(c.fields), ""))
        for c in r.updated
    ]
    _listed(lines, updated)
    skipped = [
        Content.assemble(("− ", "$text-muted"), content(s.title, width=TITLE_CELLS), "  ", content(s.reason))
        for s in r.skipped
    ]
    _listed(lines, skipped)
    return join(lines)
