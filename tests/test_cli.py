"""The command line, run as a user runs it: a subprocess, its output and exit code."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE, REFERENCE_ARG, UNSEEN, golden, run_planner
from invariants import check_baseline
from test_store import BROKEN

from planner.core import engine
from planner.edge import store

START = "2026-12-07"


def test_schedule_text_golden() -> None:
    r = run_planner("schedule", "--plan", REFERENCE_ARG, "--today", START)
    assert r.code == 0, r.err
    assert r.err == ""
    golden("schedule-reference.txt", r.out)
    assert max(len(line) for line in r.out.splitlines()) <= 80


def test_schedule_json_golden_and_contract() -> None:
    r = run_planner("schedule", "--plan", REFERENCE_ARG, "--json", "--today", START)
    assert r.code == 0, r.err
    data = json.loads(r.out)
    golden("schedule-reference.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    assert "\n" not in r.out.rstrip("\n"), "compact when the output is not a terminal"
    assert {"schema", "today", "exam", "totals", "domains", "weeks", "resources", "warnings"} <= data.keys()
    assert data["schema"] == 1 and data["today"] == START
    assert {"name", "date", "days_left", "postponements_left"} <= data["exam"].keys()
    assert {"capacity_hours", "study_hours", "practice_hours", "done_hours"} <= data["totals"].keys()
    assert {"id", "name", "weight", "share", "planned_hours", "done_hours"} <= data["domains"][0].keys()
    assert {"start", "end", "capacity_hours", "practice_hours", "hours", "resources_due"} <= data["weeks"][0].keys()
    assert {"id", "due_week", "planned_week", "status"} <= data["resources"][0].keys()
    assert data["exam"]["date"] == "2027-04-05T10:00:00+01:00"
    assert data["exam"]["days_left"] == 119
    total = data["totals"]["study_hours"] + data["totals"]["practice_hours"]
    assert total == 185.0
    # the practice exams sit in the final two weeks, one a day over the last ten days (issue 11 item 9)
    assert [w["practice_hours"] for w in data["weeks"][-2:]] == [9.0, 21.0]


def test_reference_schedule_obeys_every_engine_rule() -> None:
    plan = store.load(REFERENCE).plan
    check_baseline(plan, engine.build(plan, plan.study.start))


def test_unseen_plan_dst_exam_new_year_blackout_mid_week_start(tmp_path: Path) -> None:
    path = tmp_path / "cka.toml"
    path.write_text(UNSEEN)
    r = run_planner("schedule", "--plan", str(path), "--json", "--today", "2026-12-09")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    # Berlin moves to summer time at 02:00 on Sunday 28 March 2027: 09:00 is +02:00.
    assert data["exam"]["date"] == "2027-03-28T09:00:00+02:00"
    assert data["weeks"][0]["start"] == "2026-12-09"  # a Wednesday
    assert data["weeks"][-1]["end"] == "2027-03-27"  # the Saturday before the exam
    new_year = [w for w in data["weeks"] if w["start"] in ("2026-12-21", "2026-12-28", "2027-01-04")]
    assert [w["blackout_days"] for w in new_year] == [1, 7, 1]
    assert new_year[1]["capacity_hours"] == 0 and sum(new_year[1]["hours"].values()) == 0
    assert len(data["domains"]) == 6
    plan = store.load(path).plan
    check_baseline(plan, engine.build(plan, plan.study.start))


@pytest.mark.parametrize(("text", "key", "needle"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_broken_plan_exits_2_with_one_line(tmp_path: Path, text: str, key: str | None, needle: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    for command in (["check"], ["schedule"], ["schedule", "--json"], ["status"]):
        r = run_planner(*command, "--plan", str(path))
        assert r.code == 2, (command, r.err)
        assert r.out == ""
        assert r.err.count("\n") == 1 and "Traceback" not in r.err
        assert needle in r.err
        if key:
            assert key in r.err
    assert path.read_bytes() == before


def test_check_reports_ok() -> None:
    r = run_planner("check", "--plan", REFERENCE_ARG)
    assert r.code == 0
    golden("check-reference.txt", r.out)


USAGE = [
    ("no-such-command", ["frobnicate"], "invalid choice"),
    ("bad-today", ["schedule", "--today", "yesterday"], "--today: 'yesterday' is not a date"),
    ("missing-plan-file", ["schedule", "--plan", "nope.toml"], "nope.toml: no such plan file"),
    ("unknown-plan-name", ["schedule", "--plan", "nope"], "no such plan file"),
    ("new-without-exam", ["new", "--template", "aws-ml-specialty"], "--exam"),
    ("new-unknown-template", ["new", "--template", "gcp", "--exam", "2027-05-01"], "no template 'gcp'"),
    ("bad-json-flag", ["schedule", "--jsn"], "unrecognized arguments"),
    ("unknown-flag-without-a-command", ["--plan", "x.toml", "--bogus"], "unrecognized arguments: --bogus"),
    ("a-typo-after-the-plan", ["--plan", "schedule", "shedule"], "invalid choice: 'shedule' (choose from 'new'"),
]


@pytest.mark.parametrize(("args", "needle"), [c[1:] for c in USAGE], ids=[c[0] for c in USAGE])
def test_usage_errors_exit_2_with_one_line(args: list[str], needle: str) -> None:
    r = run_planner(*args)
    assert r.code == 2
    assert r.err.count("\n") == 1, r.err
    assert needle in r.err
    assert "Traceback" not in r.err


@pytest.mark.parametrize(
    "args",
    [["--help"], ["-h", "--plan", "x"], ["--plan", "x", "--help"], ["--he"]],
    ids=["help", "h-first", "help-last", "abbreviated"],
)
def test_the_help_lists_every_command(args: list[str]) -> None:
    from planner.cli.parser import COMMANDS

    r = run_planner(*args)
    assert r.code == 0
    assert all(f"    {name}" in r.out for name in COMMANDS), r.out


def test_plan_name_is_looked_up_in_the_plans_folder(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(REFERENCE, folder / "ml.toml")
    for how in (["--plans-dir", str(folder)], []):
        env = {} if how else {"PLANNER_PLANS": str(folder)}
        r = run_planner("check", "--plan", "ml", *how, cwd=tmp_path, env=env)
        assert r.code == 0, r.err
        assert "ml.toml: ok" in r.out


def test_options_work_before_and_after_the_command() -> None:
    a = run_planner("--plan", REFERENCE_ARG, "--today", START, "schedule", "--json")
    b = run_planner("schedule", "--json", "--plan", REFERENCE_ARG, "--today", START)
    assert a.code == b.code == 0
    assert a.out == b.out


def test_several_plans_need_a_choice(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(REFERENCE, folder / "a.toml")
    shutil.copy(REFERENCE, folder / "b.toml")
    r = run_planner("schedule", cwd=tmp_path)
    assert r.code == 2
    assert "several plans" in r.err and "a, b" in r.err


def test_new_from_template_writes_a_working_plan(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    r = run_planner(
        "new",
        "--template",
        "aws-ml-specialty",
        "--exam",
        "2027-06-14",
        "--plans-dir",
        str(folder),
        "--today",
        "2027-02-15",
    )
    assert r.code == 0, r.err
    path = folder / "aws-ml-specialty.toml"
    plan = store.load(path).plan
    assert plan.exam.date.isoformat() == "2027-06-14T10:00:00"
    assert plan.study.start.isoformat() == "2027-02-15"
    # The days off before the exam move with it; the December holidays fall outside and are dropped.
    assert [(o.start.isoformat(), o.end.isoformat()) for o in plan.study.overrides] == [
        ("2027-06-04", "2027-06-04"),
        ("2027-06-07", "2027-06-11"),
    ]
    assert plan.study.blackouts == ()
    again = run_planner("new", "--template", "aws-ml-specialty", "--exam", "2027-06-14", "--plans-dir", str(folder))
    assert again.code == 2 and "already exists" in again.err
    s = run_planner("schedule", "--json", "--plans-dir", str(folder), "--today", "2027-02-15")
    assert s.code == 0
    data = json.loads(s.out)
    assert data["weeks"][0]["start"] == "2027-02-15"
    assert data["warnings"] == [] or all(w["severity"] != "risk" for w in data["warnings"])


def test_new_with_a_name_and_start(tmp_path: Path) -> None:
    r = run_planner(
        "new",
        "--template",
        "aws-ml-specialty",
        "--exam",
        "2027-09-06T14:30",
        "--start",
        "2027-05-03",
        "--name",
        "autumn",
        "--plans-dir",
        str(tmp_path),
    )
    assert r.code == 0, r.err
    plan = store.load(tmp_path / "autumn.toml").plan
    assert plan.exam.date.isoformat() == "2027-09-06T14:30:00"


def test_templates_lists_the_shipped_ones() -> None:
    r = run_planner("templates")
    assert r.code == 0
    assert "aws-ml-specialty: AWS Certified Machine Learning – Specialty (MLS-C01)" in r.out


def test_python_dash_m_and_the_script_agree() -> None:
    script = Path(sys.executable).with_name("planner")
    if not script.exists():
        pytest.skip("the console script is installed by `make test`; not in this interpreter")
    import subprocess

    out = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("planner ")


NEW_NAMES = [
    pytest.param("autumn", "autumn.toml", None, id="a plain name"),
    pytest.param("autumn.toml", "autumn.toml", None, id="a .toml typed with it is not doubled"),
    pytest.param("Autumn.TOML", "Autumn.toml", None, id="in capitals too"),
    pytest.param("v1.2", "v1.2.toml", None, id="a dot inside"),
    pytest.param("", None, "--name: the plan's name is empty", id="empty"),
    pytest.param(".toml", None, "the plan's name is empty", id="only the suffix"),
    pytest.param(".hidden", None, "starting with a letter or digit", id="a leading dot"),
    pytest.param("..", None, "starting with a letter or digit", id="the folder above"),
    pytest.param("a/b", None, "cannot name a plan", id="a path"),
    pytest.param("x.", None, "not ending with a dot", id="a dot at the end"),
]


@pytest.mark.parametrize(("name", "file", "error"), NEW_NAMES)
def test_new_names_the_file_as_typed_or_says_why_not(
    tmp_path: Path, name: str, file: str | None, error: str | None
) -> None:
    r = run_planner(
        "new", "--template", "aws-ml-specialty", "--exam", "2027-09-06", "--name", name, "--plans-dir", str(tmp_path)
    )
    if file is None:
        assert r.code == 2 and r.err.count("\n") == 1 and error in r.err, r.err
        assert list(tmp_path.iterdir()) == []
    else:
        assert r.code == 0, r.err
        assert [p.name for p in tmp_path.iterdir()] == [file]


def test_new_into_a_plans_folder_that_is_a_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "plans").write_text("not a folder", encoding="utf-8")
    r = run_planner(
        "new", "--template", "aws-ml-specialty", "--exam", "2027-09-06", "--plans-dir", str(tmp_path / "plans")
    )
    assert r.code == 2 and "is a file, not a folder" in r.err, r.err


def test_output_that_cannot_be_written_says_it_was_standard_output(plan_copy: Path) -> None:
    import subprocess

    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [sys.executable, "-m", "planner", "--plan", str(plan_copy), "schedule", "--today", "2026-12-14"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert r.returncode == 2
    assert r.stderr == "planner: standard output: not written (the disk is full)\n"
