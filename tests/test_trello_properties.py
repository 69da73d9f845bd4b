"""Invariants of the Trello import on boards nobody wrote by hand (Hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import REFERENCE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core import trello
from planner.core.rules import is_valid_id
from planner.edge import store
from planner.planfile.parse import validated

PLAN = store.load(REFERENCE).plan
TODAY = dt.date(2026, 12, 10)

LIST_NAMES = st.sampled_from(
    ["Modelling", "EDA 📊", "Done ✅", "done", "Random", "[bold]x[/]", "🔥", "ml ops", "Data-Engineering!", ""]
)
TITLES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["Guide (2h)", "1.5 h notes", "(3 hours)", "🔥🔥", "\x1b[31mred\x1b[0m", "   ", "a" * 200]),
)


@st.composite
def boards(draw: st.DrawFn) -> dict[str, Any]:
    lists = [
        {"id": f"L{i}", "name": draw(LIST_NAMES), "closed": draw(st.booleans()), "pos": draw(st.integers(0, 9))}
        for i in range(draw(st.integers(1, 5)))
    ]
    cards, checklists = [], []
    for i in range(draw(st.integers(0, 25))):
        card_id = f"c{i}"
        cards.append(
            {
                "id": card_id,
                "name": draw(TITLES),
                "idList": f"L{draw(st.integers(0, len(lists)))}",  # one past the end: a list not in the export
                "pos": draw(st.floats(0, 1e6)),
                "closed": draw(st.booleans()),
                "dueComplete": draw(st.booleans()),
                "desc": draw(st.text(max_size=30)),
                "labels": [{"name": n} for n in draw(st.lists(st.sampled_from(["High", "low", "", "medium x"])))],
                "shortLink": f"s{i}",
            }
        )
        states = draw(st.lists(st.sampled_from(["complete", "incomplete"]), max_size=3))
        checklists.append({"id": f"k{i}", "idCard": card_id, "checkItems": [{"state": s} for s in states]})
    return {"name": draw(st.text(max_size=10)), "lists": lists, "cards": cards, "checklists": checklists}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=boards(), hours=st.sampled_from([0.5, 1.0, 2.25]))
def test_an_import_is_valid_complete_and_idempotent(data: dict[str, Any], hours: float) -> None:
    board = trello.board_from_export(data)
    first = trello.import_board(PLAN, board, today=TODAY, hours=hours)
    plan = first.plan
    assert validated(plan) == plan  # the loader accepts every plan an import makes
    ids = [r.id for r in plan.resources]
    assert len(ids) == len(set(ids)) and all(is_valid_id(i) for i in ids)
    open_lists = {x["id"] for x in data["lists"] if not x["closed"]}
    expected = {c["id"] for c in data["cards"] if not c["closed"] and c["idList"] in open_lists}
    origins = [r.origin for r in plan.resources if r.origin]
    assert sorted(origins) == sorted(f"trello:{c}" for c in expected)  # each open card once, nothing else
    assert len(first.report.added) == len(expected)
    again = trello.import_board(plan, board, today=TODAY + dt.timedelta(days=1), hours=hours)
    assert (again.plan, again.report.added, again.report.updated) == (plan, (), ())
