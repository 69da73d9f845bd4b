"""Importing a board again keeps where its unmatched lists went the first time (core and CLI agree)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from conftest import REFERENCE, run_planner

from planner.core import trello
from planner.core.model import replace
from planner.edge import store

BOARD = Path(__file__).parent / "fixtures" / "trello" / "aws-ml-board.json"
TODAY = dt.date(2026, 12, 10)


def board() -> trello.Board:
    return trello.board_from_export(json.loads(BOARD.read_text(encoding="utf-8")))


def first_import(lists: dict[str, str]):
    return trello.import_board(store.load(REFERENCE).plan, board(), today=TODAY, lists=lists).plan


def mapping(plan, name: str) -> trello.ListMapping:
    return next(m for m in trello.map_lists(board(), plan) if m.list.name == name)


def test_an_unmatched_list_starts_on_the_domain_its_imported_cards_have() -> None:
    plan = first_import({"Modeling": "modelling"})
    modeling = mapping(plan, "Modeling")
    assert (modeling.domain, modeling.how) == ("modelling", "imported")
    again = trello.import_board(plan, board(), today=TODAY + dt.timedelta(days=3))
    assert again.plan == plan
    assert (again.report.added, again.report.updated, again.report.unchanged) == ((), (), 10)


def test_a_list_never_imported_keeps_the_designs_default() -> None:
    plan = store.load(REFERENCE).plan
    modeling = mapping(plan, "Modeling")
    assert (modeling.domain, modeling.how, modeling.suggestion) == (None, "", "modelling")


def test_cards_of_one_list_in_different_domains_each_keep_theirs() -> None:
    plan = first_import({"Modeling": "modelling"})
    modeling_list = next(x.id for x in board().lists if x.name == "Modeling")
    origins = {f"trello:{c.id}" for c in board().cards if c.list_id == modeling_list and not c.closed}
    one = next(r.id for r in plan.resources if r.origin in origins)
    plan = replace(plan, resources=tuple(replace(r, domains=("eda",)) if r.id == one else r for r in plan.resources))
    assert mapping(plan, "Modeling").domain is None  # no one domain to start the list on
    again = trello.import_board(plan, board(), today=TODAY)
    assert again.report.updated == ()  # nothing widened to every domain
    after = {r.id: r.domains for r in again.plan.resources}
    assert after[one] == ("eda",)
    assert all(after[r.id] == ("modelling",) for r in plan.resources if r.origin in origins and r.id != one)


def test_a_list_option_still_wins_over_the_earlier_import() -> None:
    plan = first_import({"Modeling": "modelling"})
    moved = trello.import_board(plan, board(), today=TODAY, lists={"Modeling": "eda"})
    assert {c.fields for c in moved.report.updated} == {("domains",)}


def cli(plan: Path, *args: str) -> Any:
    return run_planner("import", "trello", str(BOARD), *args, "--plan", str(plan), "--today", "2026-12-10")


def test_the_cli_imports_again_without_its_list_options_and_changes_nothing(plan_copy: Path) -> None:
    assert cli(plan_copy, "--list", "Modeling=modelling").code == 0
    before = plan_copy.read_bytes()
    again = cli(plan_copy)
    assert again.code == 0, again.err
    assert ": 0 added, 0 updated, 10 unchanged, 2 skipped." in again.out
    assert "-> modelling (as imported before; 2 cards)" in again.out
    assert plan_copy.read_bytes() == before
