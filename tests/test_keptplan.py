"""A plan read once is kept for its bytes: the same bytes give the same plan, any change reads afresh.

What a user would notice if the cache were wrong: an edit to the file not
taken, a broken file opened as its last good version, a plan that differs
from what the file says, a cache file that makes the planner do anything.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE, ROOT, UNSEEN, run_planner
from hypothesis import HealthCheck, given, settings
from planfactory import plans
from test_planfile_keys import FULL

from planner.core.errors import PlanError
from planner.core.model import Domain, Plan, replace
from planner.edge import keptfiles, keptplan, store
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


def test_the_reading_code_is_told_by_its_content(tmp_path: Path) -> None:
    code = tmp_path / "code"
    (code / "planfile").mkdir(parents=True)
    parse = code / "planfile" / "parse.py"
    parse.write_text("LIMIT = 24\n")
    (code / "model.py").write_text("x = 1\n")
    parts = ("planfile/", "model.py")
    before = keptplan.reading_code(code, parts)
    assert keptplan.reading_code(code, parts) == before
    st = parse.stat()
    parse.write_text("LIMIT = 12\n")  # the same size, and the same time below
    os.utime(parse, ns=(st.st_atime_ns, st.st_mtime_ns))
    changed = keptplan.reading_code(code, parts)
    assert changed != before
    (code / "planfile" / "new.py").write_text("")
    assert keptplan.reading_code(code, parts) != changed


def test_the_reading_code_is_every_module_the_parser_imports() -> None:
    """Were the parser to import a module outside ``READING_CODE``, a change to it would not read plans afresh."""
    probe = (
        "import sys; before = set(sys.modules); from planner.planfile import text; text.loads(open(sys.argv[1]).read())\n"
        "try: text.loads(open(sys.argv[1]).read().replace('weight = 36', 'weight = -36'))\n"
        "except Exception: pass\n"
        "print('\\n'.join(sys.modules[m].__file__ for m in set(sys.modules) - before if m.startswith('planner')))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-c", probe, str(REFERENCE)]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
    root = ROOT / "planner"
    imported = {Path(line).relative_to(root).as_posix() for line in done.stdout.split()}
    assert imported, done.stderr
    covered = {f for f in imported if f in keptplan.READING_CODE or f"{f.rsplit('/', 1)[0]}/" in keptplan.READING_CODE}
    assert imported == covered


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


def plant(path: Path, plan: Plan) -> None:
    """Put ``plan`` in the cache as what ``path``'s bytes were parsed into, as someone else could."""
    digest = store.load(path).fingerprint.sha256
    (kept,) = kept_files()
    kept.write_bytes(keptplan._basis(digest) + pickle.dumps(plan))


def test_a_plan_planted_in_a_folder_others_can_write_is_not_used(tmp_path: Path) -> None:
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    true = store.load(path).plan
    planted = replace(true, exam=replace(true.exam, name="Planted"))
    plant(path, planted)
    assert store.load(path).plan == planted  # the user's own folder is trusted: this is what a planted plan does
    folder = cache_dir() / "plans"
    folder.chmod(0o770)  # now the group could have put it there
    assert store.load(path).plan == true
    folder.chmod(0o700)
    plant(path, planted)
    folder.chmod(0o707)
    assert store.load(path).plan == true


def test_a_link_at_the_kept_name_is_replaced_never_written_through(tmp_path: Path) -> None:
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    store.load(path)
    (kept,) = kept_files()
    precious = tmp_path / "precious.txt"
    precious.write_text("mine")
    kept.unlink()
    kept.symlink_to(precious)
    path.write_text(path.read_text(encoding="utf-8").replace("weight = 36", "weight = 37"), encoding="utf-8")
    assert 37 in [d.weight for d in store.load(path).plan.domains]
    assert precious.read_text() == "mine"
    assert not kept.is_symlink()


def test_kept_plans_are_for_their_owner_alone(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        store.load(write(tmp_path, REFERENCE.read_text(encoding="utf-8")))
    finally:
        os.umask(old)
    (kept,) = kept_files()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700


def kept_name(path: Path) -> Path:
    return cache_dir() / "plans" / keptplan._name(path)


def test_the_plans_used_longest_ago_go_beyond_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_parse: list[str]
) -> None:
    monkeypatch.setattr(keptplan, "MAX_KEPT", 3)
    daily = write(tmp_path, REFERENCE.read_text(encoding="utf-8"), "daily.toml")
    store.load(daily)
    os.utime(kept_name(daily), ns=(0, 0))  # kept long ago ...
    others = [write(tmp_path, REFERENCE.read_text(encoding="utf-8"), f"p{i}.toml") for i in range(4)]
    for i, path in enumerate(others, start=1):
        assert keptplan.kept(daily, store.load(daily).fingerprint.sha256, cache_dir()) is not None  # ... used daily
        store.load(path)
        os.utime(kept_name(path), ns=(i * 10**9, i * 10**9))  # in order, whatever the clock's resolution
    assert no_parse.count(str(daily)) == 1, "the plan used every day was dropped and parsed again"
    assert kept_files() == sorted([kept_name(daily), kept_name(others[2]), kept_name(others[3])])


def test_temporary_files_left_by_a_killed_process_are_cleaned(tmp_path: Path) -> None:
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    store.load(path)
    folder = cache_dir() / "plans"
    stale, fresh = folder / ".x.plan.tmp-1-aa", folder / ".y.plan.tmp-2-bb"
    stale.write_bytes(b"half a pickle")
    fresh.write_bytes(b"being written now")
    os.utime(stale, (0, 0))
    store.load(write(tmp_path, REFERENCE.read_text(encoding="utf-8"), "other.toml"))
    assert not stale.exists() and fresh.exists()


def test_an_interrupted_keep_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C after the temporary file is written and before it takes the kept name."""

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(keptfiles.os, "replace", interrupted)
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    with pytest.raises(KeyboardInterrupt):
        store.load(path)
    assert os.listdir(cache_dir() / "plans") == []


def test_a_zone_the_machine_no_longer_knows_is_an_error_again(tmp_path: Path) -> None:
    """The checks run on a kept plan too: what was kept while the zone resolved is refused once it does not."""
    import importlib.resources
    import zoneinfo

    copies = [Path(p) / "Europe" / "Berlin" for p in zoneinfo.TZPATH]
    with contextlib.suppress(ImportError):
        copies.append(Path(str(importlib.resources.files("tzdata.zoneinfo") / "Europe" / "Berlin")))
    source = next(p for p in copies if p.is_file())  # pendulum's own dependency, tzdata, has one
    zones = tmp_path / "tz"
    (zones / "Custom").mkdir(parents=True)
    (zones / "Custom" / "Zone").write_bytes(source.read_bytes())
    text = REFERENCE.read_text(encoding="utf-8")
    assert text.count('timezone = "Europe/London"') == 1
    path = write(tmp_path, text.replace('timezone = "Europe/London"', 'timezone = "Custom/Zone"'))
    with_zone = run_planner("--plan", str(path), "check", env={"PYTHONTZPATH": str(zones)})
    assert with_zone.code == 0, with_zone.err
    assert kept_files(), "the plan was kept"
    without = run_planner("--plan", str(path), "check")
    assert without.code == 2
    assert "exam.timezone" in without.err and "Custom/Zone" in without.err


def test_a_folder_that_is_a_link_or_not_mine_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    true = store.load(path).plan
    planted = replace(true, exam=replace(true.exam, name="Planted"))
    plant(path, planted)
    folder = cache_dir() / "plans"
    elsewhere = tmp_path / "elsewhere"
    folder.rename(elsewhere)
    folder.symlink_to(elsewhere)  # the same folder, reached through a link
    assert store.load(path).plan == true
    folder.unlink()
    elsewhere.rename(folder)
    assert store.load(path).plan == planted  # control: the folder itself is used
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 4242)
    assert store.load(path).plan == true  # a folder of another user's


def test_no_folder_is_made_inside_another_users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "theirs" / "cache"
    (tmp_path / "theirs").mkdir()
    monkeypatch.setenv("PLANNER_CACHE", str(cache))
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 4242)  # "theirs" is not this user's
    store.load(write(tmp_path, REFERENCE.read_text(encoding="utf-8")))
    assert not cache.exists()


def test_a_plans_folder_that_is_a_file_is_no_cache(tmp_path: Path) -> None:
    cache_dir().mkdir(parents=True, exist_ok=True)
    (cache_dir() / "plans").write_text("not a folder")
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    assert store.load(path).plan == store.load(path).plan == text.loads(REFERENCE.read_text(encoding="utf-8"))


def test_another_python_reads_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_parse: list[str]) -> None:
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    store.load(path)
    monkeypatch.setattr(sys, "hexversion", sys.hexversion + 1)
    store.load(path)
    assert len(no_parse) == 2


def test_a_kept_record_that_is_not_a_plan_is_no_plan(tmp_path: Path) -> None:
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    loaded = store.load(path)
    (kept,) = kept_files()
    kept.write_bytes(keptplan._basis(loaded.fingerprint.sha256) + pickle.dumps(loaded.plan.domains[0]))
    assert isinstance(loaded.plan.domains[0], Domain)
    assert keptplan.kept(path, loaded.fingerprint.sha256, cache_dir()) is None


def test_an_edit_to_the_installed_parser_reads_afresh(tmp_path: Path) -> None:
    """End to end, in a copy of the package: the same bytes, the parser's source changed, the TOML read again."""
    copy = tmp_path / "site"
    shutil.copytree(ROOT / "planner", copy / "planner", ignore=shutil.ignore_patterns("__pycache__"))
    path = write(tmp_path, REFERENCE.read_text(encoding="utf-8"))
    probe = (
        "import sys; from planner.edge import store; store.load(sys.argv[1]);"
        " print('read the TOML' if 'tomllib' in sys.modules else 'kept')"
    )
    env = {**os.environ, "PYTHONPATH": str(copy)}

    def run() -> str:
        args = [sys.executable, "-c", probe, str(path)]
        done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=tmp_path)  # not the repository's
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert [run(), run()] == ["read the TOML", "kept"]
    parse = copy / "planner" / "planfile" / "parse.py"
    parse.write_text(parse.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert [run(), run()] == ["read the TOML", "kept"]
