"""`planner import trello` by subprocess: the board imported, imported again, and broken files refused."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import Run, run_planner

from planner.edge import store
from planner.edge.trello import MAX_EXPORT_BYTES

BOARD = Path(__file__).parent / "fixtures" / "trello" / "aws-ml-board.json"


def import_board(plan: Path, export: Path | str, *args: str) -> Run:
    return run_planner("import", "trello", str(export), *args, "--plan", str(plan), "--today", "2026-12-10")


def imported(plan: Path) -> dict[str, Any]:
    return {r.id: r for r in store.load(plan).plan.resources if r.origin}


def test_a_board_becomes_a_plan_with_due_weeks(plan_copy: Path) -> None:
    r = import_board(plan_copy, BOARD)
    assert r.code == 0, r.err
    assert r.out.startswith(f'Imported "AWS ML Specialty 📚 [study]" into {plan_copy}: 10 added, 0 updated,')
    assert "Modeling" in r.out and "not mapped: 2 cards for every domain; did you mean modelling?" in r.out
    assert "--list Modeling=modelling" in r.out
    assert "Random links" in r.out and "Hyperparameter tuning: archived" in r.out
    assert "\x1b" not in r.out and "\u202e" not in r.out  # the board's escape codes are not played
    assert "XGBoost [31mred[0m flags" in r.out
    resources = imported(plan_copy)
    assert len(resources) == 10
    assert resources["kinesis-data-streams-vs-firehose"].origin == "trello:64f1a2b3c4d5e6f7a8b9c101"
    assert resources["xgboost-31mred-0m-flags"].title == "XGBoost \x1b[31mred\x1b[0m \u202eflags"  # kept as typed
    schedule = run_planner("schedule", "--json", "--plan", str(plan_copy), "--today", "2026-12-10")
    assert schedule.code == 0, schedule.err
    due = {x["id"]: x["due_week"] for x in json.loads(schedule.out)["resources"]}
    assert all(due[rid] for rid, r in resources.items() if r.status != "done")


def test_importing_again_adds_nothing_and_writes_nothing(plan_copy: Path) -> None:
    assert import_board(plan_copy, BOARD, "--list", "Modeling=modelling").code == 0
    before = plan_copy.read_bytes()
    again = import_board(plan_copy, BOARD, "--list", "Modeling=modelling")
    assert again.code == 0, again.err
    assert ": 0 added, 0 updated, 10 unchanged, 2 skipped." in again.out
    assert plan_copy.read_bytes() == before


def test_a_changed_board_updates_its_resources(plan_copy: Path, tmp_path: Path) -> None:
    assert import_board(plan_copy, BOARD).code == 0
    data = json.loads(BOARD.read_text(encoding="utf-8"))
    for card in data["cards"]:
        if card["id"] == "64f1a2b3c4d5e6f7a8b9c109":
            card["dueComplete"] = True
    changed = tmp_path / "board-later.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    r = import_board(plan_copy, changed, "--list", "Modeling=modelling")
    assert r.code == 0, r.err
    assert ": 0 added, 3 updated, 7 unchanged" in r.out
    assert "deployment-endpoints-a-b-tests: Deployment: endpoints & A/B tests (status, done_on)" in r.out
    resources = imported(plan_copy)
    assert resources["deployment-endpoints-a-b-tests"].status == "done"
    assert resources["sagemaker-built-in-algorithms"].domains == ("modelling",)


def test_a_dry_run_writes_nothing(plan_copy: Path) -> None:
    before = plan_copy.read_bytes()
    r = import_board(plan_copy, BOARD, "--dry-run", "--hours", "2")
    assert r.code == 0 and "Would import" in r.out and "10 added" in r.out
    assert plan_copy.read_bytes() == before


def test_the_default_estimate(plan_copy: Path) -> None:
    assert import_board(plan_copy, BOARD, "--hours", "2.5").code == 0
    resources = imported(plan_copy)
    assert (resources["glue-athena-notes"].hours, resources["kinesis-data-streams-vs-firehose"].hours) == (2.5, 2.0)


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


BROKEN = [
    ("not-json", lambda d: _write(d / "x.json", b"<html>not an export</html>"), "not JSON"),
    ("empty", lambda d: _write(d / "x.json", b""), "not JSON"),
    ("a-json-array", lambda d: _write(d / "x.json", b"[1, 2]"), "holds a JSON array"),
    ("json-not-a-board", lambda d: _write(d / "x.json", b'{"name": "my notes"}'), "lists: is missing"),
    (
        "a-card-without-a-list",
        lambda d: _write(d / "x.json", b'{"lists": [], "cards": [{"id": "a", "name": "b"}]}'),
        "cards[0].idList",
    ),
    ("not-utf8", lambda d: _write(d / "x.json", b'{"name": "\xff\xfe"}'), "not UTF-8"),
    ("nan", lambda d: _write(d / "x.json", b'{"lists": [], "cards": [], "x": NaN}'), "NaN"),
    ("nested-too-deep", lambda d: _write(d / "x.json", b"[" * 100_000 + b"]" * 100_000), "is not a Trello export"),
    ("huge", lambda d: _sparse(d / "x.json", MAX_EXPORT_BYTES + 1), "larger than 32 MiB"),
    ("missing", lambda d: d / "nope.json", "no such file"),
    ("a-folder", lambda d: d, "is a folder"),
    ("a-fifo", lambda d: _fifo(d / "x.json"), "x.json: is a FIFO (named pipe), not a Trello export"),
    ("a-character-device", lambda d: Path("/dev/null"), "/dev/null: is a character device, not a Trello export"),
    (
        "pos-past-a-float",
        lambda d: _write(d / "x.json", _board_with_pos("1" + "0" * 400)),
        "cards[0].pos: is too large",
    ),
    (
        "pos-1e400",
        lambda d: _write(d / "x.json", _board_with_pos("1e400")),
        "x.json: cards[0].pos: is too large a number",
    ),
]


def _fifo(path: Path) -> Path:
    """A FIFO no one writes to: reading it waited forever (the test run's timeout ends such a wait)."""
    os.mkfifo(path)
    return path


def _board_with_pos(number: str) -> bytes:
    return b'{"lists": [], "cards": [{"id": "c", "name": "n", "idList": "L", "pos": ' + number.encode() + b"}]}"


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


@pytest.mark.parametrize(("make", "needle"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_a_file_that_is_not_an_export_is_refused(plan_copy: Path, tmp_path: Path, make: Any, needle: str) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    export = make(folder)
    before = plan_copy.read_bytes()
    r = import_board(plan_copy, export)
    assert r.code == 2, r.err
    assert needle in r.err and str(export) in r.err, r.err
    assert r.err.count("\n") == 1 and "Traceback" not in r.err
    assert plan_copy.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--list", "Modelling=modelling"], '--list: the board has no open list "Modelling"; did you mean "Modeling"?'),
        (["--list", "Modeling=modeling"], '--list: the plan has no domain "modeling"; did you mean "modelling"?'),
        (["--list", "Modeling"], "--list: expected NAME=DOMAIN_ID"),
        (["--hours", "0"], "--hours: must be more than 0"),
        (["--hours", "lots"], "--hours: 'lots' is not a number"),
    ],
    ids=["unknown-list", "unknown-domain", "no-equals", "zero-hours", "not-a-number"],
)
def test_bad_options_exit_2_and_leave_the_plan(plan_copy: Path, args: list[str], needle: str) -> None:
    before = plan_copy.read_bytes()
    r = import_board(plan_copy, BOARD, *args)
    assert r.code == 2 and needle in r.err, r.err
    assert plan_copy.read_bytes() == before
