"""Taking samples: child processes in a clean environment, in-process calls, and pairs.

A figure and its floor are sampled alternately (measured, floor, floor,
measured, ...) after one warm-up of each, so that whatever else the machine
does in the meantime hits both about equally. A sample that cannot be taken
(a command that fails, a screen that never shows the plan) raises ``Failed``:
the figure is reported as failed and the run goes on.
"""

from __future__ import annotations

import gc
import os
import shlex
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable
PYCACHE = OUT / "pycache"
"""Bytecode for the children, as an installed copy has it, kept out of the source tree."""


class Failed(Exception):
    """A sample could not be taken; the message says why, in one line."""


def planner_command() -> list[str]:
    """``planner`` as a user runs it: the console script beside this interpreter, else ``python -m planner``."""
    script = Path(PY).parent / "planner"
    return [str(script)] if script.is_file() and os.access(script, os.X_OK) else [PY, "-m", "planner"]


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The caller's environment without settings that would change what is measured.

    Bytecode is always cached (``PYTHONDONTWRITEBYTECODE`` would make every cold start
    compile the planner's modules again, which no installed copy does), under bench/out/.
    ``PLANNER_*`` and ``TEXTUAL*`` are dropped (a figure that needs one passes it in ``extra``),
    and so are ``COLUMNS`` and ``LINES`` (the terminal's size is the pseudo-terminal's).
    """
    drop = (
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONPROFILEIMPORTTIME",
        "PYTHONDEVMODE",
        "PYTHONTRACEMALLOC",
        "PYTHONASYNCIODEBUG",
        "PYTHONINSPECT",
        "PYTHONWARNINGS",
        "COLUMNS",
        "LINES",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANNER_", "TEXTUAL")) and k not in drop}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env.update(extra or {})
    return env


KEPT = OUT / "cache"
"""The planner's cache for the figures (``$PLANNER_CACHE``): never the user's. A plan read once is kept there."""
ENV = child_env({"PLANNER_CACHE": str(KEPT)})
FIRST_READ_ENV = child_env({"PLANNER_CACHE": os.path.join(os.devnull, "planner-cache")})
"""A cache folder that cannot be made: nothing is kept, so every sample reads the plan's TOML afresh."""


def run(cmd: list[str], *, env: Mapping[str, str] | None = None, capture: bool = False) -> tuple[float, float, str]:
    """Run ``cmd`` once: (start, elapsed seconds, stdout); ``Failed`` when it exits other than 0."""
    start = time.perf_counter()
    proc = subprocess.run(
        cmd,
        cwd=ROOT,
        env=dict(env or ENV),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        last = (proc.stderr or "").strip().splitlines()[-1:] or ["(nothing on stderr)"]
        raise Failed(f"`{shlex.join(short(cmd))}` exited {proc.returncode}: {last[0][:300]}")
    return start, elapsed, proc.stdout or ""


def short(cmd: list[str]) -> list[str]:
    """``cmd`` with paths under the repository written relative to it, for the report."""
    out = []
    for part in cmd:
        if part == PY:
            out.append("python")
            continue
        try:
            out.append(str(Path(part).relative_to(ROOT)) if part.startswith(str(ROOT)) else part)
        except ValueError:
            out.append(part)
    return out


def command(cmd: list[str], env: Mapping[str, str] | None = None) -> Callable[[], float]:
    """A cold start: a fresh interpreter per sample, standard output thrown away."""
    return lambda: run(cmd, env=env)[1]


def in_process(fn: Callable[[], object]) -> Callable[[], float]:
    """One call in this interpreter, after a full collection (so no earlier garbage is paid for)."""

    def sample() -> float:
        gc.collect()
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

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


def repeat(sample: Callable[[], float], n: int) -> list[float]:
    """n samples after one warm-up, for a figure with no floor."""
    sample()
    return [sample() for _ in range(n)]
