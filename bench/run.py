"""The planner's benchmark: every figure as a median ratio against a floor measured in the same run.

    .venv/bin/python bench/run.py [--quick] [--repeat N]      (or: make bench ARGS="--quick")

It writes the plans (format v1) into bench/out/ -- reference, medium (1 year,
10 domains, 500 resources), big (2 years, 50 domains, 5000 resources, 3000 log
entries) and big doubled (twice the big plan's domains, resources and log
entries over the same 2 years) -- then measures each figure and its floor
alternately (measured, floor, floor, measured, ...) so that machine noise hits
both, and prints a Markdown table of the medians, also written to
bench/out/latest.md. Only the standard library's timers are used.

Cold-start figures run a fresh interpreter per sample and include the
interpreter's start-up; in-process figures collect garbage before each sample
and time one call. The TUI figures run the app headless in a child process
(bench/out/tui_child.py, written by this script) and stamp the first frame
from ``on_mount`` with ``call_after_refresh``, the same harness for the
planner and for the hello-world floor.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gc
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import tomli_w

import plans
from planner.core import engine
from planner.core.model import replace
from planner.edge import store
from planner.planfile import parse

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable

REF_TODAY = "2026-12-07"
"""The reference plan's first study day, as in the README's examples."""
BIG_TODAY = "2027-06-01"
"""Five months into the big plans (which run from 2027-01-04 for two years)."""
TUI_SIZE = (120, 40)
DEFAULT_REPEAT = 15
QUICK_REPEAT = 3

CHILD = '''\
"""Written by bench/run.py: one headless TUI session, timed from the interpreter's start."""

import time

T0 = time.perf_counter()  # before any other import

import json  # noqa: E402
import sys  # noqa: E402

STAMPS = {}


def _on_mount(self):
    self.call_after_refresh(self._bench_first_frame)


def _bench_first_frame(self):
    STAMPS["frame"] = time.perf_counter()
    STAMPS["screens"] = [type(screen).__name__ for screen in self.screen_stack]
    if getattr(self, "session", "hello") is None:  # a big plan loads in a thread after the first frame
        self.set_interval(0.002, self._bench_plan_shown)
    else:
        STAMPS["plan"] = STAMPS["frame"]
        self.exit()


def _bench_plan_shown(self):
    if self.situation is not None and "plan" not in STAMPS:
        STAMPS["plan"] = -1.0
        self.call_after_refresh(self._bench_plan_frame)


def _bench_plan_frame(self):
    STAMPS["plan"] = time.perf_counter()
    self.exit()


def arm(app):
    """The same harness for every app: on mount, stamp the first refreshed frame and exit."""
    cls = type(app)
    methods = {
        "on_mount": _on_mount,
        "_bench_first_frame": _bench_first_frame,
        "_bench_plan_shown": _bench_plan_shown,
        "_bench_plan_frame": _bench_plan_frame,
    }
    app.__class__ = type(f"Bench{cls.__name__}", (cls,), methods)  # a subclass, so both on_mounts run
    return app


def first_frame(mode, path=None, today=None):
    if mode == "hello":
        from textual.app import App
        from textual.widgets import Static

        class Hello(App):
            def compose(self):
                yield Static("Hello")

        STAMPS["imports"] = time.perf_counter()
        app = arm(Hello())
    else:
        from planner.tui.app import make_app

        STAMPS["imports"] = time.perf_counter()
        app = arm(make_app(plan=path, today=today))
    STAMPS["app"] = time.perf_counter()
    app.run(headless=True, size=SIZE)
    # The frame must be the plan on the main screen, not an error or a picker on top of it.
    shown = STAMPS.get("screens") == ["Screen"] and (mode == "hello" or app.situation is not None)
    return {"t0": T0, **STAMPS, "shown": shown}


async def edits(path, today, n):
    """Edit a domain's weight through app.apply_edit n + 1 times per tab (the first is a warm-up)."""
    import dataclasses

    from planner.tui.app import make_app

    app = make_app(plan=path, today=today)
    out = {}
    async with app.run_test(size=SIZE) as pilot:
        while app.situation is None:  # a big plan is read in a thread after the first frame
            await pilot.pause(0.01)
        await pilot.pause()
        for tab, key in (("dashboard", "1"), ("plan", "4"), ("schedule", "2")):
            await pilot.press(key)
            await pilot.pause()
            assert app.query_one("#tabs").active == tab, tab
            base = app.plan.domains[0].weight
            rows = []
            for i in range(n + 1):
                plan = app.plan
                first = replace(plan.domains[0], weight=base + 5 if i % 2 == 0 else base)
                new = replace(plan, domains=(first, *plan.domains[1:]))
                saved = app.session.fingerprint
                t0 = time.perf_counter()
                app.apply_edit(lambda _p, new=new: new, "bench edit")
                t1 = time.perf_counter()
                # What pilot.pause() does, minus its wait for the CPU to go idle (>= one 20 ms sleep):
                await pilot._wait_for_screen()
                app.screen._on_timer_update()
                t2 = time.perf_counter()
                await pilot.pause()
                t3 = time.perf_counter()
                await pilot.pause()  # the harness alone: nothing changed
                t4 = time.perf_counter()
                # The wait above posts to every widget on the screen (hundreds once the Plan form
                # exists) whether anything changed or not: timed alone, it is taken off the figure.
                await pilot._wait_for_screen()
                app.screen._on_timer_update()
                t5 = time.perf_counter()
                if i:
                    rows.append([t1 - t0, t2 - t1, t3 - t0, app.session.fingerprint != saved, t5 - t4])
            app.flush_save()  # untimed: the deferred save never lands inside the next tab's samples
            out[tab] = rows
    return out


SIZE = (WIDTH, HEIGHT)
if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "edit":
        import asyncio

        result = asyncio.run(edits(sys.argv[2], sys.argv[3], int(sys.argv[4])))
    else:
        result = first_frame(mode, *sys.argv[2:])
    print("BENCH " + json.dumps(result))
'''


# --- measuring ------------------------------------------------------------------------


PYCACHE = OUT / "pycache"
"""Bytecode for the children, as a normal install has it, kept out of the source tree."""


def child_env() -> dict[str, str]:
    """The caller's environment without settings that would change what is measured.

    Bytecode is always cached (``PYTHONDONTWRITEBYTECODE`` would make every cold start
    compile the planner's modules again, which no installed copy does), under bench/out/.
    """
    drop = (
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONPROFILEIMPORTTIME",
        "PYTHONDEVMODE",
        "PYTHONTRACEMALLOC",
        "PYTHONASYNCIODEBUG",
        "PYTHONINSPECT",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANNER_", "TEXTUAL")) and k not in drop}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


ENV = child_env()


def run(cmd: list[str], *, capture: bool = False) -> tuple[float, float, str]:
    """Run ``cmd`` once; (start, elapsed seconds, stdout). A failure stops the benchmark."""
    start = time.perf_counter()
    proc = subprocess.run(
        cmd,
        cwd=ROOT,
        env=ENV,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"bench: {shlex.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return start, elapsed, proc.stdout or ""


def command(cmd: list[str]) -> Callable[[], float]:
    return lambda: run(cmd)[1]


def in_process(fn: Callable[[], object]) -> Callable[[], float]:
    def sample() -> float:
        gc.collect()
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    return sample


SHARED_CLOCK = time.get_clock_info("perf_counter").implementation.startswith(
    ("clock_gettime(CLOCK_MONOTONIC)", "mach_absolute_time", "QueryPerformanceCounter")
)
"""perf_counter is one system-wide clock here, so a child's stamps compare with ours."""


def child_result(cmd: list[str]) -> tuple[float, dict]:
    start, _, stdout = run(cmd, capture=True)
    lines = [line for line in stdout.splitlines() if line.startswith("BENCH ")]
    if not lines:
        raise SystemExit(f"bench: {shlex.join(cmd)} printed no result:\n{stdout[-2000:]}")
    return start, json.loads(lines[-1][len("BENCH ") :])


TUI_PARTS: dict[str, list[dict[str, float]]] = {}
"""Per TUI figure, each sample's phases: start-up, imports, make_app, run to the first frame."""


def first_frame(cmd: list[str], key: str, until: str = "frame") -> Callable[[], float]:
    """Cold start to the first painted frame (``until="plan"``: to the frame that shows the plan)."""

    def sample() -> float:
        start, r = child_result(cmd)
        if not r.get("shown") or "frame" not in r:
            raise SystemExit(f"bench: {shlex.join(cmd)} did not show the plan: {r}")
        begin = start if SHARED_CLOCK and start <= r["t0"] else r["t0"]
        TUI_PARTS.setdefault(key, []).append(
            {
                "interpreter start-up": r["t0"] - begin,
                "imports": r["imports"] - r["t0"],
                "building the app": r["app"] - r["imports"],
                "run to the first frame": r["frame"] - r["app"],
                "first frame to the plan shown": r.get("plan", r["frame"]) - r["frame"],
            }
        )
        return r[until] - begin

    return sample


def pairs(measured: Callable[[], float], floor: Callable[[], float], n: int) -> tuple[list[float], list[float]]:
    """n samples of each after one warm-up of each, alternating which goes first."""
    measured(), floor()
    ms: list[float] = []
    fs: list[float] = []
    for i in range(n):
        if i % 2 == 0:
            ms.append(measured())
            fs.append(floor())
        else:
            fs.append(floor())
            ms.append(measured())
    return ms, fs


# --- reporting -------------------------------------------------------------------------


@dataclasses.dataclass
class Row:
    figure: str
    measured: list[float]
    floor: list[float] | None
    floor_name: str
    goal: float | None
    unit: str = "ratio"
    """``ratio`` (goal on measured/floor), ``ms`` (goal on the measured ms) or ``info`` (no goal)."""
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.measured)

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor) if self.floor else None

    @property
    def ratio(self) -> float | None:
        if self.unit == "ms" or not self.floor:
            return None
        return self.median / statistics.median(self.floor)

    @property
    def paired_ratio(self) -> float | None:
        if self.unit != "ratio" or not self.floor:
            return None
        return statistics.median(m / f for m, f in zip(self.measured, self.floor, strict=True))

    @property
    def ok(self) -> bool | None:
        if self.goal is None:
            return None
        value = self.ratio if self.unit == "ratio" else self.median * 1000
        return value is not None and value <= self.goal


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds >= 1:
        return f"{seconds:.3f} s"
    if seconds >= 0.01:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.2f} ms"


def table(rows: list[Row]) -> str:
    lines = [
        "| figure | measured (median) | floor (median) | ratio | goal | ok? |",
        "| --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    for r in rows:
        floor = f"{fmt_time(r.floor_median)} ({r.floor_name})" if r.floor_name else "—"
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "—"
        if r.unit == "ratio":
            goal = f"≤ {r.goal:g}"
        elif r.unit == "ms":
            goal = f"≤ {r.goal:g} ms"
        else:
            goal = "info"
        ok = {True: "yes", False: "**no**", None: "—"}[r.ok]
        lines.append(f"| {r.figure} | {fmt_time(r.median)} | {floor} | {ratio} | {goal} | {ok} |")
    return "\n".join(lines)


def spread(values: list[float]) -> str:
    return f"min {fmt_time(min(values))}, max {fmt_time(max(values))}"


def details(rows: list[Row]) -> list[str]:
    out = []
    for r in rows:
        line = f"- {r.figure}: n = {len(r.measured)}, measured {spread(r.measured)}"
        if r.floor:
            line += f"; floor {spread(r.floor)}"
        if r.paired_ratio is not None:
            line += f"; median of the paired ratios {r.paired_ratio:.2f}"
        if r.note:
            line += f". {r.note}"
        out.append(line)
    return out


def machine(digest: str) -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"- code: {code_version()}; planner/ sources {digest}"
        + (
            ""
            if source_digest() == digest
            else f" at the start, {source_digest()} at the end (changed during the run!)"
        ),
        f"- Python {platform.python_version()} ({platform.python_implementation()}, {PY})",
        f"- {platform.platform()}",
        f"- {os.cpu_count()} CPUs ({usable} usable), {cpu}",
    ]


def source_digest() -> str:
    """A digest of planner/'s sources, to tell whether the code changed while the benchmark ran."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted((ROOT / "planner").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".tcss", ".toml"):
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def code_version() -> str:
    """The commit measured, and whether planner/ had changes not committed (they are measured too)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "planner"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    if not changed:
        return f"commit {head}, planner/ as committed"
    return f"commit {head} with uncommitted changes to {len(changed)} file(s) under planner/"


# --- the benchmark ---------------------------------------------------------------------


def describe(name: str, path: Path) -> str:
    plan = store.load(path).plan
    weeks = len(engine.build(plan, plan.study.start).weeks)
    years = (plan.exam.date.date() - plan.study.start).days / 365
    today = dt.date.fromisoformat(REF_TODAY if name == "reference" else BIG_TODAY)
    later = sum(1 for e in plan.log if e.date >= today)
    return (
        f"- {name}: `{path.relative_to(ROOT)}`, {path.stat().st_size / 1024:,.0f} KiB, {years:.1f} years"
        f" ({weeks} weeks), {len(plan.domains)} domains, {len(plan.resources)} resources,"
        f" {len(plan.log)} log entries ({later} dated {today} or later)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_REPEAT} samples a figure: a smoke run")
    parser.add_argument("--repeat", type=int, metavar="N", help=f"samples a figure (default {DEFAULT_REPEAT})")
    args = parser.parse_args(argv)
    n = args.repeat or (QUICK_REPEAT if args.quick else DEFAULT_REPEAT)
    if n < 1:
        parser.error("--repeat must be at least 1")
    began = time.perf_counter()
    digest = source_digest()

    OUT.mkdir(parents=True, exist_ok=True)
    paths = plans.write_all(OUT)
    ref, big, doubled = paths["reference"], paths["big"], paths["big-doubled"]
    # The TUI writes its plan a moment after an edit: give it copies, never plans/ or the files above.
    ref_tui, big_tui = OUT / "tui-reference.toml", OUT / "tui-big.toml"
    for source, target in ((ref, ref_tui), (big, big_tui)):
        shutil.copyfile(source, target)
    child = OUT / "tui_child.py"
    child.write_text(
        CHILD.replace("(WIDTH, HEIGHT)", repr(TUI_SIZE)),
        encoding="utf-8",
    )
    log = sys.stderr
    rows: list[Row] = []

    def figure(row: Row) -> None:
        rows.append(row)
        print(f"  {row.figure}: {fmt_time(row.median)}", file=log, flush=True)

    print(f"bench: {n} samples a figure, plans in {OUT.relative_to(ROOT)}/", file=log, flush=True)

    # 1. Cold start of a command on the reference plan.
    ms, fs = pairs(
        command([PY, "-m", "planner", "schedule", "--plan", str(ref), "--today", REF_TODAY]),
        command([PY, "-c", "import pendulum, tomllib"]),
        n,
    )
    figure(Row("`planner schedule` cold start, reference plan", ms, fs, "`import pendulum, tomllib`", 1.2))

    # 2. The JSON schedule of the big plan.
    ms, fs = pairs(
        command([PY, "-m", "planner", "schedule", "--json", "--plan", str(big), "--today", BIG_TODAY]),
        command([PY, "-c", f"import tomllib; tomllib.loads(open({str(big)!r}, 'rb').read().decode())"]),
        n,
    )
    figure(Row("`planner schedule --json`, big plan", ms, fs, "`python -c` tomllib parse of the file", 1.2))

    # 3-5. In process: load, save, replan.
    text = big.read_text(encoding="utf-8")
    plan = store.loads(text)
    ms, fs = pairs(in_process(lambda: store.loads(text)), in_process(lambda: tomllib.loads(text)), n)
    figure(Row("load, big plan (`store.loads`)", ms, fs, "`tomllib.loads`", 1.2))

    ms, fs = pairs(in_process(lambda: store.dumps(plan)), in_process(lambda: tomli_w.dumps(parse.to_document(plan))), n)
    figure(Row("save, big plan (`store.dumps`)", ms, fs, "`tomli_w.dumps(to_document)`", 1.3))

    figure(save_to_disk(plan, n))

    today = dt.date.fromisoformat(BIG_TODAY)
    as_json = json.dumps(parse.to_document(plan), default=str)
    ms, fs = pairs(in_process(lambda: engine.build(plan, today)), in_process(lambda: json.loads(as_json)), n)
    figure(
        Row(
            "engine replan, big plan (`engine.build`)",
            ms,
            fs,
            "`json.loads` of the plan as JSON",
            2,
            note=f"the JSON is {len(as_json) / 1024:,.0f} KiB",
        )
    )

    # 6-7. TUI first frame, cold, headless.
    hello = [PY, str(child), "hello"]
    ms, fs = pairs(
        first_frame([PY, str(child), "planner", str(ref_tui), REF_TODAY], "reference"),
        first_frame(hello, "hello (reference)"),
        n,
    )
    figure(Row("TUI first frame, reference plan", ms, fs, "hello-world Textual app", 1.3, note=phases("reference")))
    ms, fs = pairs(
        first_frame([PY, str(child), "planner", str(big_tui), BIG_TODAY], "big"), first_frame(hello, "hello (big)"), n
    )
    figure(Row("TUI first frame, big plan", ms, fs, "hello-world Textual app", 1.6, note=phases("big")))
    ms, fs = pairs(
        first_frame([PY, str(child), "planner", str(big_tui), BIG_TODAY], "big, plan shown", until="plan"),
        first_frame(hello, "hello (big, plan shown)"),
        n,
    )
    figure(
        Row(
            "TUI plan shown, big plan (read and planned in a thread after the first frame)",
            ms,
            fs,
            "hello-world Textual app",
            None,
            unit="info",
            note=phases("big, plan shown"),
        )
    )

    # 8. Edit, replan and redraw in one session.
    for row in tui_edits(child, big_tui, n):
        figure(row)

    # 9. Scaling: the big plan doubled against the big plan.
    plan2 = store.load(doubled).plan
    ms, fs = pairs(in_process(lambda: engine.build(plan2, today)), in_process(lambda: engine.build(plan, today)), n)
    figure(
        Row(
            "engine replan, big plan doubled (2× domains, resources, log; same 2 years)",
            ms,
            fs,
            "the big plan",
            2.2,
            note="2 would be linear in the plan's size; the weeks are the same",
        )
    )

    elapsed = time.perf_counter() - began
    report = "\n".join(
        [
            "# planner benchmark",
            "",
            table(rows),
            "",
            "Ratios are median measured / median floor, both measured in this run, alternately.",
            "The TUI edit rows are absolute times and depend on the machine, with no floor; from each sample the",
            "harness's own wait on every widget, measured with nothing changed right after it, is taken off.",
            "",
            "## Plans (format v1)",
            "",
            *(describe(name, path) for name, path in paths.items()),
            "- big doubled is the big plan doubled in size: twice the domains, resources and log entries,"
            " over the same 2 years.",
            "",
            "## Details",
            "",
            *details(rows),
            "",
            "## How",
            "",
            f"- cold start: `{shlex.join(['python', '-m', 'planner', 'schedule', '--plan', rel(ref)])}"
            f" --today {REF_TODAY}` against `python -c 'import pendulum, tomllib'`, a fresh interpreter each",
            f"- JSON schedule: `python -m planner schedule --json --plan {rel(big)} --today {BIG_TODAY}` (stdout to"
            " /dev/null) against `python -c` reading and parsing the same file with tomllib",
            "- in process: one call per sample after `gc.collect()`, in this interpreter",
            f"- every child runs with `PYTHONPYCACHEPREFIX={rel(PYCACHE)}` (bytecode cached, filled by the warm-up"
            " sample), without `PYTHONDONTWRITEBYTECODE`"
            + (" (set in this environment)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "")
            + ", `PLANNER_*` or `TEXTUAL*`",
            f"- TUI: `python {rel(child)} planner|hello ...`, `App.run(headless=True, size={TUI_SIZE})`, from"
            " before the child is spawned to `call_after_refresh` from `on_mount` (the first frame), so the"
            f" interpreter's start-up is included; today is {REF_TODAY} (reference) and {BIG_TODAY} (big)",
            f"- TUI edit: `python {rel(child)} edit`, one `run_test(size={TUI_SIZE})` session on a copy of the big"
            " plan: `app.apply_edit(plan with domains[0].weight ± 5, ...)`, then the screen's messages and its paint"
            " (`pilot._wait_for_screen()`, `screen._on_timer_update()`), less the same with nothing changed, per tab",
            "",
            "## Machine",
            "",
            *machine(digest),
            "",
            f"Command: `{shlex.join([PY, *sys.argv])}` (in {os.getcwd()}), {n} samples a figure, took {elapsed:.0f} s,"
            f" {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.",
            "",
        ]
    )
    (OUT / "latest.md").write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 0


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def phases(key: str) -> str:
    parts = TUI_PARTS.get(key, [])[1:]  # the first sample is the warm-up
    hello = TUI_PARTS.get(f"hello ({key})", [])[1:]
    if not parts:
        return ""

    def medians(samples: list[dict[str, float]]) -> str:
        return ", ".join(f"{k} {fmt_time(statistics.median(s[k] for s in samples))}" for k in samples[0])

    text = f"planner: {medians(parts)}"
    if hello:
        text += f"; hello: {medians(hello)}"
    return text + " (medians)"


def save_to_disk(plan, n: int) -> Row:
    """``store.save`` to a file of its own, alternating two plans so that every save writes (info only)."""
    folder = Path(tempfile.mkdtemp(prefix="save-", dir=OUT))
    try:
        path = folder / "big.toml"
        first = plan.domains[0]
        other = replace(plan, domains=(replace(first, weight=first.weight + 5), *plan.domains[1:]))
        state = {"fingerprint": store.save(path, plan), "flip": True}

        def once() -> None:
            state["fingerprint"] = store.save(path, other if state["flip"] else plan, state["fingerprint"])
            state["flip"] = not state["flip"]

        sample = in_process(once)
        sample()
        times = [sample() for _ in range(n)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Row(
        "save, big plan, to disk (`store.save`: dumps, atomic write, fsync, .bak)",
        times,
        None,
        "",
        None,
        unit="info",
        note="disk-bound; every sample writes a changed plan",
    )


def tui_edits(child: Path, path: Path, n: int) -> list[Row]:
    _, result = child_result([PY, str(child), "edit", str(path), BIG_TODAY, str(n)])
    rows = []
    for tab, title in (("dashboard", "Dashboard"), ("plan", "Plan"), ("schedule", "Schedule")):
        samples = result[tab]
        change = statistics.median(s[0] for s in samples)
        redraw = statistics.median(s[1] for s in samples)
        harness = statistics.median(s[4] for s in samples)
        saves = sum(1 for s in samples if s[3])
        note = (
            f"medians: `app.apply_edit` (replan + view update) {fmt_time(change)}, redraw without the idle wait"
            f" {fmt_time(redraw)}, of which the harness's wait on every widget with nothing changed"
            f" {fmt_time(harness)} (taken off each sample); {saves} deferred saves landed inside the samples"
        )
        total = statistics.median(s[2] for s in samples)
        note += f"; with pilot.pause()'s wait for idle {fmt_time(total)}"
        rows.append(
            Row(
                f"TUI edit, replan and redraw, big plan, {title} tab (edit to frame painted)",
                [s[0] + s[1] - s[4] for s in samples],
                None,
                "",
                50,
                unit="ms",
                note=note,
            )
        )
    return rows


if __name__ == "__main__":
    sys.exit(main())
