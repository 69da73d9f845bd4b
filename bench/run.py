"""The planner's benchmark: every figure of issue 15 against a floor measured in the same run.

    .venv/bin/python bench/run.py [--quick] [--repeat N]      (or: make bench ARGS=--quick)

It writes the plans into bench/out/ -- the reference plan (the shipped
template, copied), medium (1 year, 10 domains, 500 resources), big (2 years,
50 domains, 5000 resources, 3000 log entries) and big doubled -- then samples
each figure and its floor alternately (bench/measure.py), and prints a
Markdown table of the medians with the spread of the paired ratios, also
written to bench/out/latest.md, followed by where the cold start's import
time goes, the machine and the command. A figure that cannot be measured is
reported as failed; the run goes on.

- bench/measure.py: child processes, in-process calls, pairing;
- bench/tui.py: the TUI in a pseudo-terminal, and headless (bench/tui_child.py);
- bench/busyfeed.py: the plan with a cached calendar feed;
- bench/imports.py: ``-X importtime`` per module; bench/report.py: the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import shutil
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import busyfeed
import imports
import report
import tomli_w
import tui
from measure import (
    ENV,
    FIRST_READ_ENV,
    KEPT,
    OUT,
    PY,
    PYCACHE,
    ROOT,
    Failed,
    command,
    in_process,
    pairs,
    planner_command,
    repeat,
    short,
)
from report import Row, fmt_time

import plans
from planner.core import engine
from planner.core.model import Plan, replace
from planner.edge import store
from planner.planfile import parse

REF_TODAY = "2026-12-07"
"""The reference plan's first study day, as in the README's examples."""
BIG_TODAY = "2027-06-01"
"""Five months into the big plans (which run from 2027-01-04 for two years)."""
DEFAULT_REPEAT = 15
QUICK_REPEAT = 3
IMPORT_RUNS = 5


class Bench:
    """The rows measured so far, each printed on stderr as it is done."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.rows: list[Row] = []

    def add(self, row: Row) -> None:
        self.rows.append(row)
        shown = f"failed: {row.failed}" if row.failed else fmt_time(row.median)
        ratio = f" ({row.ratio:.2f})" if row.ratio is not None and not row.failed else ""
        print(f"  {row.figure}: {shown}{ratio}", file=sys.stderr, flush=True)

    def paired(
        self,
        figure: str,
        measured: Callable[[], float],
        floor: Callable[[], float],
        floor_name: str,
        goal: float | None,
        *,
        note: str = "",
        before: Callable[[], object] | None = None,
        after: Callable[[], str] | None = None,
    ) -> None:
        """A figure against its floor; ``before`` prepares, ``after`` checks and may add to the note."""
        unit = "ratio" if goal is not None else "info"
        try:
            if before is not None:
                before()
            ms, fs = pairs(measured, floor, self.n)
            if after is not None:
                note = " ".join(filter(None, (note, after())))
        except Failed as exc:
            self.add(Row(figure, [], None, floor_name, goal, unit=unit, note=note, failed=str(exc)))
            return
        self.add(Row(figure, ms, fs, floor_name, goal, unit=unit, note=note))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_REPEAT} samples a figure: a smoke run")
    parser.add_argument("--repeat", type=int, metavar="N", help=f"samples a figure (default {DEFAULT_REPEAT})")
    args = parser.parse_args(argv)
    n = args.repeat or (QUICK_REPEAT if args.quick else DEFAULT_REPEAT)
    if n < 1:
        parser.error("--repeat must be at least 1")
    began = time.perf_counter()
    load_before = report.load_average()
    digest = report.source_digest()

    OUT.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(KEPT, ignore_errors=True)  # what the planner keeps is made by this run's warm-up samples
    paths = plans.write_all(OUT)
    print(f"bench: {n} samples a figure, plans in {rel(OUT)}/", file=sys.stderr, flush=True)
    bench = Bench(n)
    planner = planner_command()
    cold_figures(bench, planner, paths)
    tui_figures(bench, planner, paths)
    calendar_figure(bench, planner, paths["reference"])
    in_process_figures(bench, paths)
    schedule = [*planner, "schedule", "--plan", str(paths["reference"]), "--today", REF_TODAY]
    try:
        where = imports.import_times(schedule, min(IMPORT_RUNS, n), shlex.join(["planner", *short(schedule)[-5:]]))
    except Failed as exc:
        where = [f"### Import time: **failed**: {exc}"]

    elapsed = time.perf_counter() - began
    text = "\n".join(
        [
            "# planner benchmark",
            "",
            report.table(bench.rows),
            "",
            "Ratio: median measured / median floor, both sampled alternately in this run; spread: the middle half"
            " (quartiles) of the ratios of the pairs (of the times, for a figure without a floor). A figure that"
            " could not be measured is failed, and misses its goal.",
            "",
            *where,
            "",
            "## Plans (format v1)",
            "",
            *(describe(name, path) for name, path in paths.items()),
            "",
            "## Details",
            "",
            *report.details(bench.rows),
            "",
            "## How",
            "",
            *how(planner, paths),
            "",
            "## Machine",
            "",
            *report.machine(digest, load_before),
            "",
            f"Command: `{shlex.join([PY, *sys.argv])}` (in {os.getcwd()}), {n} samples a figure, took {elapsed:.0f} s,"
            f" {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.",
            "",
        ]
    )
    (OUT / "latest.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


def cold_figures(bench: Bench, planner: list[str], paths: dict[str, Path]) -> None:
    """Each command twice: as it runs again on the same plan (kept), and reading the TOML afresh (first read)."""
    ref, big = paths["reference"], paths["big"]
    for how, env in (("", ENV), (", first read", FIRST_READ_ENV)):
        bench.paired(
            f"`planner schedule` cold start, reference plan{how}",
            command([*planner, "schedule", "--plan", str(ref), "--today", REF_TODAY], env),
            command([PY, "-c", "import pendulum, tomllib"]),
            "`python -c 'import pendulum, tomllib'`",
            1.2,
        )
        bench.paired(
            f"`planner schedule --json`, big plan{how}",
            command([*planner, "schedule", "--json", "--plan", str(big), "--today", BIG_TODAY], env),
            command([PY, "-c", f"import tomllib; tomllib.loads(open({str(big)!r}, 'rb').read().decode())"]),
            "`python -c` parsing the file with tomllib",
            1.2,
        )


def tui_figures(bench: Bench, planner: list[str], paths: dict[str, Path]) -> None:
    """The goals in a pseudo-terminal, then the headless phases (the app writes: copies only)."""
    copies = {}
    for name in ("reference", "big"):
        copies[name] = OUT / f"tui-{name}.toml"
        shutil.copyfile(paths[name], copies[name])
    for name, today, goal, how, env in (
        ("reference", REF_TODAY, 1.3, "", ENV),
        ("big", BIG_TODAY, 1.6, "", ENV),
        ("big", BIG_TODAY, 1.6, ", first read", FIRST_READ_ENV),
    ):
        code = store.load(copies[name]).plan.exam.code or ""
        title = f"TUI plan on screen, {name} plan{how} (pty)"
        bench.add(tui.pty_figure(title, planner, copies[name], today, code, goal, bench.n, env))
    code = store.load(copies["reference"]).plan.exam.code or ""
    for row in tui.tab_figures(planner, "reference", copies["reference"], REF_TODAY, code, bench.n):
        bench.add(row)
    for name, today in (("reference", REF_TODAY), ("big", BIG_TODAY)):
        bench.add(tui.headless_figure(f"TUI plan shown, {name} plan (headless, phases)", copies[name], today, bench.n))


def calendar_figure(bench: Bench, planner: list[str], ref: Path) -> None:
    """``planner schedule`` with a calendar whose cached copy is fresh, against the same plan without."""
    folder = OUT / "calendar"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    cache = folder / "cache"
    try:
        with_feed = busyfeed.write_plan(ref, folder)
    except Failed as exc:
        bench.add(report.failed_row("calendar read", "", None, str(exc), unit="info"))
        return
    env = busyfeed.env(cache)

    def prepare() -> None:
        busyfeed.keep_fresh_copy(with_feed, cache)
        busyfeed.check(planner, with_feed, REF_TODAY, cache)

    def checked() -> str:
        hours = busyfeed.check(planner, with_feed, REF_TODAY, cache)
        return f"The feed's kept copy took {hours:g} h of study, read from the copy before and after the samples."

    bench.paired(
        "`planner schedule`, reference plan with a calendar feed (fresh cached copy)",
        command([*planner, "schedule", "--plan", str(with_feed), "--today", REF_TODAY], env),
        command([*planner, "schedule", "--plan", str(ref), "--today", REF_TODAY], env),
        "the same plan without calendars",
        None,
        note=f"Feed `{busyfeed.FEED_URL}` (never resolves), copy kept with `cache.store` in `$PLANNER_CACHE`.",
        before=prepare,
        after=checked,
    )


def in_process_figures(bench: Bench, paths: dict[str, Path]) -> None:
    n = bench.n
    big = paths["big"]
    text = big.read_text(encoding="utf-8")
    plan = store.loads(text)
    bench.paired(
        "load, big plan (`store.loads`)",
        in_process(lambda: store.loads(text)),
        in_process(lambda: tomllib.loads(text)),
        "`tomllib.loads`",
        1.2,
    )
    bench.paired(
        "save, big plan (`store.dumps`)",
        in_process(lambda: store.dumps(plan)),
        in_process(lambda: tomli_w.dumps(parse.to_document(plan))),
        "`tomli_w.dumps(to_document)`",
        1.3,
    )
    bench.add(save_to_disk(plan, n))
    today = dt.date.fromisoformat(BIG_TODAY)
    as_json = json.dumps(parse.to_document(plan), default=str)
    bench.paired(
        "engine replan, big plan (`engine.build`)",
        in_process(lambda: engine.build(plan, today)),
        in_process(lambda: json.loads(as_json)),
        "`json.loads` of the plan as JSON",
        2,
        note=f"The JSON is {len(as_json) / 1024:,.0f} KiB",
    )
    edit_copy = OUT / "tui-big-edit.toml"
    shutil.copyfile(big, edit_copy)
    for row in tui.edit_figures(edit_copy, BIG_TODAY, n, 50):
        bench.add(row)
    doubled = store.load(paths["big-doubled"]).plan
    bench.paired(
        "engine replan, big plan doubled (2× domains, resources, log; same 2 years)",
        in_process(lambda: engine.build(doubled, today)),
        in_process(lambda: engine.build(plan, today)),
        "the big plan",
        2.2,
        note="2 would be linear in the plan's size; the weeks are the same",
    )


def save_to_disk(plan: Plan, n: int) -> Row:
    """``store.save`` to a file of its own, alternating two plans so that every save writes (info only)."""
    folder = Path(tempfile.mkdtemp(prefix="save-", dir=OUT))
    title = "save, big plan, to disk (`store.save`: dumps, atomic write, fsync, .bak)"
    try:
        path = folder / "big.toml"
        first = plan.domains[0]
        other = replace(plan, domains=(replace(first, weight=first.weight + 5), *plan.domains[1:]))
        state: dict = {"fingerprint": store.save(path, plan), "flip": True}

        def once() -> None:
            state["fingerprint"] = store.save(path, other if state["flip"] else plan, state["fingerprint"])
            state["flip"] = not state["flip"]

        times = repeat(in_process(once), n)
    except (Failed, OSError) as exc:
        return report.failed_row(title, "", None, str(exc), unit="info")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Row(title, times, None, "", None, unit="info", note="Disk-bound; every sample writes a changed plan")


def describe(name: str, path: Path) -> str:
    plan = store.load(path).plan
    weeks = len(engine.build(plan, plan.study.start).weeks)
    years = (plan.exam.date.date() - plan.study.start).days / 365
    today = dt.date.fromisoformat(REF_TODAY if name == "reference" else BIG_TODAY)
    later = sum(1 for e in plan.log if e.date >= today)
    return (
        f"- {name}: `{rel(path)}`, {path.stat().st_size / 1024:,.0f} KiB, {years:.1f} years"
        f" ({weeks} weeks), {len(plan.domains)} domains, {len(plan.resources)} resources,"
        f" {len(plan.log)} log entries ({later} dated {today} or later)"
        + (f"; a byte copy of `{rel(plans.REFERENCE)}`" if name == "reference" else "")
    )


def how(planner: list[str], paths: dict[str, Path]) -> list[str]:
    cmd = shlex.join(short(planner))
    ref, big = rel(paths["reference"]), rel(paths["big"])
    return [
        f"- `planner` is `{cmd}` (the console script a user runs), a fresh process per sample, stdout to /dev/null",
        f"- cold start: `{cmd} schedule --plan {ref} --today {REF_TODAY}` against"
        " `python -c 'import pendulum, tomllib'`",
        f"- JSON schedule: `{cmd} schedule --json --plan {big} --today {BIG_TODAY}` against `python -c` reading"
        " and parsing the same file with tomllib",
        f"- kept and first read: the planner keeps a plan it read in `$PLANNER_CACHE` (here `{rel(KEPT)}`, filled"
        " by the warm-up sample) and reads the same bytes from there again; a figure marked *first read* runs with"
        f" `PLANNER_CACHE={FIRST_READ_ENV['PLANNER_CACHE']}`, a folder that cannot be made, so every sample parses"
        " and checks the TOML",
        f"- TUI on screen: `{cmd} --plan bench/out/tui-NAME.toml --today DATE` and `python bench/hello.py`, each"
        f" started by `pty.fork` in a pseudo-terminal of {tui.SIZE[0]}x{tui.SIZE[1]} (`TIOCSWINSZ` before exec),"
        f" `TERM={tui.TERM}`, timed from before the fork until the text is read from the terminal, then killed;"
        " the terminal answers Textual's synchronized-output query, so frames are delimited; timeout"
        f" {tui.TIMEOUT_SECONDS:g} s",
        f"- TUI headless: `python bench/tui_child.py planner|hello ...`, `App.run(headless=True, size={tui.SIZE})`,"
        " stamped from `on_mount` with `call_after_refresh` (same harness for both apps)",
        "- TUI edit: `python bench/tui_child.py edit`, one `run_test` session on a copy of the big plan:"
        " `app.apply_edit(plan with domains[0].weight ± 5, label)`, then the screen's messages and its paint"
        " (`pilot._wait_for_screen()`, `screen._on_timer_update()`), less the same with nothing changed, per tab",
        f"- calendar: `PLANNER_CACHE=bench/out/calendar/cache {cmd} schedule --plan"
        f" bench/out/calendar/reference-calendar.toml --today {REF_TODAY}` against the same command on {ref}",
        "- in process: one call per sample after `gc.collect()`, in this interpreter",
        f"- every child runs with `PYTHONPYCACHEPREFIX={rel(PYCACHE)}` (bytecode cached, filled by the warm-up"
        " sample), without `PYTHONDONTWRITEBYTECODE`"
        + (" (set in this environment)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "")
        + ", `PLANNER_*` (but `PLANNER_CACHE` as said), `TEXTUAL*`, `COLUMNS` or `LINES`",
    ]


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


if __name__ == "__main__":
    sys.exit(main())
