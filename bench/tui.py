"""The TUI figures: the time a user waits for the plan in a real terminal, and edits in process.

The goal figures start ``planner --plan X --today T`` in a pseudo-terminal of
120x40 (set on the terminal before the program starts, ``TERM=xterm-256color``)
and read what it writes until the plan's own text is on screen: its exam code
and the week panel's "This week". The floor is a hello-world Textual app
(bench/hello.py) started the same way, until "Hello, world" is on screen.

The terminal answers Textual's query for synchronized output as a modern
terminal does, so each frame arrives between begin and end marks: the note
says in how many samples the plan was already on the app's first frame (a
plan read at once is drawn with the shell, in one layout), and before each
plan's figure a control run on a copy whose exam code differs shows that the
code on screen comes from the plan and nothing else. The child is killed
as soon as the markers are seen; one that shows nothing within the timeout,
or exits, fails the figure rather than hanging the run.

The headless figures (bench/tui_child.py) split a cold start into phases and
time edits through ``PlanKeeper.apply_edit``; they are information, not goals.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import itertools
import json
import os
import pty
import re
import select
import shlex
import signal
import statistics
import struct
import termios
import time
from collections.abc import Callable
from pathlib import Path

from measure import ENV, PY, ROOT, Failed, run, short
from report import Row, fmt_time
from tui_child import SIZE

TIMEOUT_SECONDS = 30.0
"""A plan not on screen by then is a failed figure (a big plan takes about 3 s on a loaded 2-CPU machine)."""
TERM = "xterm-256color"
HELLO = ROOT / "bench" / "hello.py"
HELLO_TEXT = "Hello, world"
WEEK_TEXT = "This week"
"""The heading of the dashboard's week panel, drawn only with a plan."""

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_SUPPORTED = b"\x1b[?2026;2$y"
"""The answer of a terminal that has synchronized output (DECRQM: mode known, now reset)."""
FRAME_BEGIN, FRAME_END = b"\x1b[?2026h", b"\x1b[?2026l"
_MOVE = re.compile(rb"\x1b\[\d+;\d+H")
"""A cursor move: drawing has begun."""
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


@dataclasses.dataclass
class Screen:
    """What one start wrote until the markers were on screen."""

    seconds: float
    output: bytes
    first_frame: bytes | None
    """The first synchronized frame; ``None`` when the app drew no frame between marks before the markers."""


def _text(data: bytes) -> str:
    """The characters drawn, without escape sequences, for a message."""
    return " ".join(_ESCAPES.sub(b" ", data).decode("utf-8", "replace").split())


def _first_frame(data: bytes) -> bytes | None:
    """The first frame, if it came between marks (nothing was drawn before the first begin mark)."""
    begin = data.find(FRAME_BEGIN)
    if begin < 0 or _MOVE.search(data, 0, begin):
        return None
    end = data.find(FRAME_END, begin)
    return data[begin : end if end >= 0 else len(data)]


class Terminal:
    """A program started in a pseudo-terminal of ``SIZE``, read as it writes; keys can be typed into it."""

    def __init__(self, argv: list[str], env: dict[str, str], timeout: float = TIMEOUT_SECONDS) -> None:
        self.argv = argv
        self.timeout = timeout
        self.output = bytearray()
        self._answered = False
        cols, rows = SIZE
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the terminal has its size before the program looks at it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execve(argv[0], argv, {**env, "TERM": TERM})
            finally:
                os._exit(127)

    def until(self, markers: list[str], since: int = 0) -> float:
        """Read until every marker has been written after byte ``since``; the time then (``perf_counter``)."""
        wanted = [m.encode() for m in markers]
        start = time.perf_counter()
        while True:
            if all(m in self.output[since:] for m in wanted):
                return time.perf_counter()
            left = self.timeout - (time.perf_counter() - start)
            if left <= 0:
                raise Failed(
                    f"{' and '.join(markers)} not on screen after {self.timeout:g} s; last text: "
                    f"{_text(bytes(self.output[-2000:]))[-160:]!r}"
                )
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.1))
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO: the program closed the terminal
                chunk = b""
            if not chunk:
                raise Failed(
                    f"`{shlex.join(short(self.argv))}` ended before {' and '.join(markers)} were on screen;"
                    f" last text: {_text(bytes(self.output[-2000:]))[-160:]!r}"
                )
            self.output += chunk
            if not self._answered and SYNC_QUERY in self.output:
                os.write(self.fd, SYNC_SUPPORTED)
                self._answered = True

    def settle(self, quiet: float = 0.3) -> None:
        """Read until nothing has been written for ``quiet`` seconds (the app has finished drawing)."""
        while select.select([self.fd], [], [], quiet)[0]:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def type(self, keys: bytes) -> int:
        """Type ``keys``; the length of the output before them (what is written after is their answer)."""
        mark = len(self.output)
        os.write(self.fd, keys)
        return mark

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)  # the child leads its own session: nothing of it is left
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def until_text(argv: list[str], markers: list[str], env: dict[str, str], timeout: float = TIMEOUT_SECONDS) -> Screen:
    """Start ``argv`` in a pseudo-terminal; the seconds until every marker has been written to it."""
    terminal = Terminal(argv, env, timeout)
    try:
        seconds = terminal.until(markers) - terminal.started
    finally:
        terminal.close()
    data = bytes(terminal.output)
    return Screen(seconds, data, _first_frame(data))


@dataclasses.dataclass
class Shown:
    """Per figure: how many samples drew synchronized frames, and in how many the first held the plan."""

    samples: int = 0
    framed: int = 0
    plan_first: int = 0


def plan_sample(argv: list[str], markers: list[str], seen: Shown, env: dict[str, str]) -> Callable[[], float]:
    """A sample of the planner, counting the samples whose first frame already held the plan."""

    def sample() -> float:
        screen = until_text(argv, markers, env)
        seen.samples += 1
        if screen.first_frame is not None:
            seen.framed += 1
            if all(m.encode() in screen.first_frame for m in markers):
                seen.plan_first += 1
        return screen.seconds

    return sample


def hello_sample() -> Callable[[], float]:
    return lambda: until_text([PY, str(HELLO)], [HELLO_TEXT], ENV).seconds


def control(planner: list[str], plan: Path, today: str, code: str) -> None:
    """Show a copy of ``plan`` whose exam code is another: ``code`` must then never be on screen."""
    text = plan.read_text(encoding="utf-8")
    other = "CTRL-" + code[::-1].replace("-", "")
    line = f'code = "{code}"'
    if text.count(line) != 1:
        raise Failed(f"{plan.name}: the exam code line {line!r} is not there once; cannot make the control plan")
    copy = plan.with_name(f"control-{plan.name}")
    copy.write_text(text.replace(line, f'code = "{other}"'), encoding="utf-8")
    screen = until_text([*planner, "--plan", str(copy), "--today", today], [other, WEEK_TEXT], ENV)
    if code.encode() in screen.output:
        raise Failed(f"{code} was on screen for a plan without it: it is not the plan's text")


def pty_figure(
    title: str, planner: list[str], plan: Path, today: str, code: str, goal: float, n: int, env: dict[str, str] = ENV
) -> Row:
    """The plan on screen against the hello world on screen, paired, in a pseudo-terminal."""
    from measure import pairs

    markers = [code, WEEK_TEXT]
    argv = [*planner, "--plan", str(plan), "--today", today]
    seen = Shown()
    floor_name = "hello-world Textual app on screen"
    try:
        control(planner, plan, today, code)
        ms, fs = pairs(plan_sample(argv, markers, seen, env), hello_sample(), n)
    except Failed as exc:
        return Row(title, [], None, floor_name, goal, failed=str(exc))
    unframed = seen.samples - seen.framed
    note = (
        f"Until `{code}` and `{WEEK_TEXT}` are on screen (the floor: `{HELLO_TEXT}`); the app's first frame held"
        f" both in {seen.plan_first} of {seen.framed} samples"
        + (f" ({unframed} drew before the frame marks: not looked at)" if unframed else "")
        + f"; a control plan with another exam code never showed `{code}`"
    )
    return Row(title, ms, fs, floor_name, goal, note=note)


PLAN_FORM_TEXT = "Cutoff hours"
"""A label of the Plan form; with the exam code (a value in it) on screen, the form shows the plan."""
TAB_SAMPLES = 8
"""Samples of the tab figures (each starts the app): they are information, and a sample takes seconds."""


def tab_figures(
    planner: list[str], name: str, plan: Path, today: str, code: str, n: int, env: dict[str, str] = ENV
) -> list[Row]:
    """The Plan tab as a user opens it, in a pseudo-terminal: from its key until its form shows the plan,
    the first time (the form is built) and again after the dashboard (absolute times, information)."""
    argv = [*planner, "--plan", str(plan), "--today", today]
    titles = (f"TUI Plan tab, first shown, {name} plan (pty)", f"TUI Plan tab, shown again, {name} plan (pty)")
    first: list[float] = []
    again: list[float] = []
    try:
        for _ in range(min(n, TAB_SAMPLES) + 1):  # the first start is a warm-up
            terminal = Terminal(argv, env)
            try:
                terminal.until([code, WEEK_TEXT])
                terminal.settle()
                samples = []
                for key, markers in (
                    (b"4", [code, PLAN_FORM_TEXT]),
                    (b"1", [WEEK_TEXT]),
                    (b"4", [code, PLAN_FORM_TEXT]),
                ):
                    mark = terminal.type(key)
                    pressed = time.perf_counter()
                    samples.append(terminal.until(markers, mark) - pressed)
                    terminal.settle()
            finally:
                terminal.close()
            first.append(samples[0])
            again.append(samples[2])
    except Failed as exc:
        return [Row(t, [], None, "", None, unit="ms", failed=str(exc)) for t in titles]
    note = (
        f"From the key (`4`) until `{code}` and `{PLAN_FORM_TEXT}` are written after it;"
        " again: after `1` and the dashboard"
    )
    return [
        Row(titles[0], first[1:], None, "", None, unit="ms", note=note),
        Row(titles[1], again[1:], None, "", None, unit="ms", note=note),
    ]


# --- headless, in a child interpreter (information) -------------------------------------------


CHILD = ROOT / "bench" / "tui_child.py"
SHARED_CLOCK = time.get_clock_info("perf_counter").implementation.startswith(
    ("clock_gettime(CLOCK_MONOTONIC)", "mach_absolute_time", "QueryPerformanceCounter")
)
"""perf_counter is one system-wide clock here, so a child's stamps compare with ours."""
PHASES = ("interpreter start-up", "imports", "building the app", "run to the first frame", "first frame to the plan")


def child_result(cmd: list[str]) -> tuple[float, dict]:
    start, _, stdout = run(cmd, capture=True)
    lines = [line for line in stdout.splitlines() if line.startswith("BENCH ")]
    if not lines:
        raise Failed(f"`{shlex.join(short(cmd))}` printed no result: {stdout[-300:]!r}")
    return start, json.loads(lines[-1][len("BENCH ") :])


def headless(cmd: list[str], parts: list[list[float]]) -> Callable[[], float]:
    """Cold start to the frame that shows the plan, headless; each sample's phases go to ``parts``."""

    def sample() -> float:
        start, r = child_result(cmd)
        if not r.get("shown") or "frame" not in r or r.get("plan", -1) < 0:
            raise Failed(f"`{shlex.join(short(cmd))}` did not show the plan: {r}")
        begin = start if SHARED_CLOCK and start <= r["t0"] else r["t0"]
        stamps = [begin, r["t0"], r["imports"], r["app"], r["frame"], r["plan"]]
        parts.append([b - a for a, b in itertools.pairwise(stamps)])
        return r["plan"] - begin

    return sample


def headless_figure(title: str, plan: Path, today: str, n: int) -> Row:
    from measure import pairs

    mine: list[list[float]] = []
    hello: list[list[float]] = []
    floor_name = "hello world, same harness"
    try:
        ms, fs = pairs(
            headless([PY, str(CHILD), "planner", str(plan), today], mine),
            headless([PY, str(CHILD), "hello"], hello),
            n,
        )
    except Failed as exc:
        return Row(title, [], None, floor_name, None, unit="info", failed=str(exc))

    def medians(samples: list[list[float]]) -> str:
        samples = samples[1:]  # the warm-up
        return ", ".join(
            f"{name} {fmt_time(statistics.median(s[i] for s in samples))}" for i, name in enumerate(PHASES)
        )

    note = f"Phases (medians): planner: {medians(mine)}; hello: {medians(hello)}"
    return Row(title, ms, fs, floor_name, None, unit="info", note=note)


def edit_figures(plan: Path, today: str, n: int, goal: float) -> list[Row]:
    """Edit → replan → redraw on three tabs of one session, through ``apply_edit`` (absolute times)."""
    titles = (("dashboard", "Dashboard"), ("plan", "Plan"), ("schedule", "Schedule"))
    try:
        _, result = child_result([PY, str(CHILD), "edit", str(plan), today, str(n)])
    except Failed as exc:
        return [
            Row(f"TUI edit → redraw, big plan, {t} tab", [], None, "", goal, unit="ms", failed=str(exc))
            for _, t in titles
        ]
    rows = []
    for tab, title in titles:
        samples = result[tab]
        change = statistics.median(s[0] for s in samples)
        redraw = statistics.median(s[1] for s in samples)
        harness = statistics.median(s[4] for s in samples)
        total = statistics.median(s[2] for s in samples)
        saves = sum(1 for s in samples if s[3])
        note = (
            f"Medians: `apply_edit` (replan + view update) {fmt_time(change)}, redraw without the idle wait"
            f" {fmt_time(redraw)}, of which the harness's wait on every widget with nothing changed"
            f" {fmt_time(harness)} (taken off each sample); with pilot.pause()'s wait for idle {fmt_time(total)};"
            f" {saves} deferred saves landed inside the samples"
        )
        rows.append(
            Row(
                f"TUI edit → replan → redraw, big plan, {title} tab",
                [s[0] + s[1] - s[4] for s in samples],
                None,
                "",
                goal,
                unit="ms",
                note=note,
            )
        )
    return rows
