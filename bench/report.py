"""The report: the table of figures, their details, and the machine and code they were measured on."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import platform
import statistics
import subprocess
from pathlib import Path

from measure import PY, ROOT


@dataclasses.dataclass
class Row:
    """One figure: its samples and its floor's, taken alternately in this run."""

    figure: str
    measured: list[float]
    floor: list[float] | None
    floor_name: str
    goal: float | None
    unit: str = "ratio"
    """``ratio`` (goal on median measured / median floor), ``ms`` (goal on the measured median) or ``info``."""
    note: str = ""
    failed: str | None = None
    """Why the figure could not be measured; a failed figure with a goal misses it."""

    @property
    def median(self) -> float | None:
        return statistics.median(self.measured) if self.measured else None

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor) if self.floor else None

    @property
    def ratio(self) -> float | None:
        if self.unit == "ms" or not self.floor or not self.measured:
            return None
        return statistics.median(self.measured) / statistics.median(self.floor)

    @property
    def paired(self) -> list[float]:
        """measured / floor of each pair (the samples taken one right after the other)."""
        if not self.floor or not self.measured:
            return []
        return [m / f for m, f in zip(self.measured, self.floor, strict=True)]

    @property
    def ok(self) -> bool | None:
        if self.goal is None:
            return None
        if self.failed:
            return False
        value = self.ratio if self.unit == "ratio" else (self.median or 0) * 1000
        return value is not None and value <= self.goal


def failed_row(figure: str, floor_name: str, goal: float | None, why: str, unit: str = "ratio") -> Row:
    return Row(figure, [], None, floor_name, goal, unit=unit, failed=why)


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds >= 1:
        return f"{seconds:.3f} s"
    if seconds >= 0.01:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.2f} ms"


def quartiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def spread(r: Row) -> str:
    """The middle half of the paired ratios (of the times, for a figure without a floor)."""
    if r.failed or not r.measured:
        return "—"
    if r.paired:
        low, high = quartiles(r.paired)
        return f"{low:.2f}–{high:.2f}"
    low, high = quartiles(r.measured)
    return f"{fmt_time(low)}–{fmt_time(high)}"


def table(rows: list[Row]) -> str:
    lines = [
        "| figure | measured (median) | floor (median) | ratio | spread | goal | ok? |",
        "| --- | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for r in rows:
        floor = f"{fmt_time(r.floor_median)} ({r.floor_name})" if r.floor_name else "—"
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "—"
        if r.goal is None:
            goal = "info"
        elif r.unit == "ms":
            goal = f"≤ {r.goal:g} ms"
        else:
            goal = f"≤ {r.goal:g}"
        ok = {True: "yes", False: "**no**", None: "—"}[r.ok]
        measured = f"**failed**: {r.failed}" if r.failed else fmt_time(r.median)
        lines.append(f"| {r.figure} | {measured} | {floor} | {ratio} | {spread(r)} | {goal} | {ok} |")
    return "\n".join(lines)


def details(rows: list[Row]) -> list[str]:
    out = []
    for r in rows:
        if r.failed:
            out.append(f"- {r.figure}: **failed**: {r.failed}" + (f". {r.note}" if r.note else ""))
            continue
        line = f"- {r.figure}: n = {len(r.measured)}, measured min {fmt_time(min(r.measured))}"
        line += f", max {fmt_time(max(r.measured))}"
        if r.floor:
            line += f"; floor min {fmt_time(min(r.floor))}, max {fmt_time(max(r.floor))}"
        if r.paired:
            line += f"; paired ratios min {min(r.paired):.2f}, median {statistics.median(r.paired):.2f}"
            line += f", max {max(r.paired):.2f}"
        if r.note:
            line += f". {r.note}"
        out.append(line)
    return out


def machine(digest: str, load_before: str) -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    now = source_digest()
    changed = "" if now == digest else f" at the start, {now} at the end (changed during the run!)"
    return [
        f"- code: {code_version()}; planner/ sources {digest}{changed}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}, {PY})",
        f"- {platform.platform()}",
        f"- {os.cpu_count()} CPUs ({usable} usable), {cpu}",
        f"- load average (1, 5, 15 min): {load_before} before the run, {load_average()} after it",
    ]


def load_average() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def source_digest() -> str:
    """A digest of planner/'s sources, to tell whether the code changed while the benchmark ran."""
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
