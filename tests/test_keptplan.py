"""A plan read once is kept for its bytes: the same bytes give the same plan, any change reads afresh.

What a user would notice if the cache were wrong: an edit to the file not
taken, a broken file opened as its last good version, a plan that differs
from what the file says, a cache file that makes the planner do anything.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE, ROOT, UNSEEN
from hypothesis import HealthCheck, given, settings
from planfactory import plans
from test_planfile_keys import FULL

from planner.core.errors import PlanError
from planner.core.model import Plan
from planner.edge import keptplan, store
from planner.edge.paths import cache_dir
from planner.planfile import text


def kept_files() -> list[Path]:
    return sorted((cache_dir() / "plans").glob("*.plan"))


def write(tmp_path: Path, content: str, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def no_parse(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Reading a plan's text from here on is recorded (and still done), so a test can tell a kept plan from a read."""
    reads: list[str] = []
    real = text.loads

    def counting(data: str | bytes, source: str = "<plan>") -> Plan:
        reads.append(source)
        return real(data, source)

    monkeypatch.setattr(text, "loads", counting)
    return reads


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(REFERENCE.read_text(encoding="utf-8"), id="the reference plan"),
        pytest.param(UNSEEN, id="a plan no test was written against"),
        pytest.param(FULL, id="every table: calendars, publish, session, focus, anchored ranges"),
    ],
)
def test_the_same_bytes_give_the_same_plan_without_reading_them_again(
    content: str, tmp_path: Path, no_parse: list[str]
) -> None:
    path = write(tmp_path, content)
    first = store.load(path)
    again = store.load(path)
    assert no_parse == [str(path)], "the second load read the text again"
    assert again == first and again.plan == text.loads(content)
    assert len(kept_files()) == 1


def test_an_edit_is_read_afresh(tmp_path: Path, no_parse: list[str]) -> None:
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    before = store.load(path).plan
    path.write_text(path.read_text(encoding="utf-8").replace("weight = 36", "weight = 37"), encoding="utf-8")
    after = store.load(path).plan
    assert len(no_parse) == 2
    assert [d.weight for d in after.domains] != [d.weight for d in before.domains]
    assert 37 in [d.weight for d in after.domains]
    assert len(kept_files()) == 1, "one kept plan per plan file, not one per version"


def test_a_file_broken_after_it_was_kept_says_what_is_wrong(tmp_path: Path) -> None:
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    store.load(path)
    path.write_text(path.read_text(encoding="utf-8").replace("weight = 36", "weight = -36"), encoding="utf-8")
    for _ in range(2):  # never kept: said again on every read
        with pytest.raises(PlanError, match=r"domains\[2\]\.weight: must be at least 0"):
            store.load(path)


def test_an_empty_file_is_never_a_kept_plan(tmp_path: Path) -> None:
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    store.load(path)
    path.write_bytes(b"")
    with pytest.raises(PlanError, match="the file is empty"):
        store.load(path)


def _forbidden() -> bytes:
    class Runs:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, ("touch ran",))

    return pickle.dumps(Runs())


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="cut short"),
        pytest.param(lambda data: data.split(b"\n", 1)[0] + b"\n" + b"\x00" * 100, id="zeros after the key"),
        pytest.param(lambda data: b"not a kept plan at all", id="garbage"),
        pytest.param(lambda data: data.split(b"\n", 1)[0] + b"\n" + pickle.dumps(("a", 1)), id="a pickle of no plan"),
        pytest.param(
            lambda data: data.split(b"\n", 1)[0] + b"\n" + _forbidden(), id="a pickle that would run a command"
        ),
        pytest.param(lambda data: data.replace(b"planner kept plan", b"planner kept plan 9", 1), id="another format"),
    ],
)
def test_a_spoilt_kept_file_is_read_afresh_and_runs_nothing(
    spoil, tmp_path: Path, no_parse: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    good = store.load(path)
    (kept,) = kept_files()
    kept.write_bytes(spoil(kept.read_bytes()))
    assert store.load(path) == good
    assert len(no_parse) == 2, "the spoilt kept file was used"
    assert not (tmp_path / "ran").exists()


def test_the_reading_code_changed_reads_afresh(tmp_path: Path) -> None:
    code = tmp_path / "code"
    for folder in ("planfile", "core"):
        (code / folder).mkdir(parents=True)
        (code / folder / "parse.py").write_text("x = 1\n")
    before = keptplan.code_mark(code, ("planfile", "core"))
    assert keptplan.code_mark(code, ("planfile", "core")) == before
    (code / "planfile" / "parse.py").write_text("x = 22\n")
    assert keptplan.code_mark(code, ("planfile", "core")) != before
    (code / "core" / "new.py").write_text("")
    assert keptplan.code_mark(code, ("core",)) != keptplan.code_mark(code, ("planfile",))


def test_another_version_of_the_reading_code_reads_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_parse: list[str]
) -> None:
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    store.load(path)
    monkeypatch.setattr(keptplan, "_installed", lambda: "another version of the planner")
    store.load(path)
    store.load(path)
    assert len(no_parse) == 2, "read once per version of the reading code"
    (kept,) = kept_files()
    assert b"another version of the planner" in kept.read_bytes().split(b"\n", 1)[0]


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("PLANNER_CACHE", str(blocker))
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    assert store.load(path).plan == text.loads(REFERENCE.read_text(encoding="utf-8"))
    assert store.load(path).plan.exam.code


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans(with_log=True))
def test_any_plan_kept_is_the_plan_read(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "generated.toml"
    path.write_text(store.dumps(plan), encoding="utf-8")
    read = store.load(path)
    kept = keptplan.kept(path, read.fingerprint.sha256, cache_dir())
    assert kept == read.plan == text.loads(store.dumps(plan))


def test_a_second_command_on_the_same_plan_does_not_read_the_toml(tmp_path: Path) -> None:
    """What a user waits for: ``planner schedule`` again on an unchanged plan skips tomllib and the checks."""
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    probe = (
        "import sys; from planner.cli import main; code = main(sys.argv[1:]);"
        " print('read the TOML' if 'tomllib' in sys.modules else 'kept', file=sys.stderr); sys.exit(code)"
    )
    args = [sys.executable, "-c", probe, "--plan", str(path), "--today", "2026-12-07", "schedule"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TZ": "UTC"}
    runs = [subprocess.run(args, capture_output=True, text=True, env=env, timeout=60) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0]
    assert [r.stderr.strip() for r in runs] == ["read the TOML", "kept"]
    assert runs[0].stdout == runs[1].stdout
