"""Where the cold start's time goes: each module's own import time on the ``planner schedule`` path.

``python -X importtime`` prints, per module, the microseconds spent in its own
body ("self") and with what it imported ("cumulative"). A few runs are taken
and each module's median is reported: the planner's own modules, the top by
self time, and every top-level package's total, so a reader sees what a
command pays for before it does any work.
"""

from __future__ import annotations

import statistics
import subprocess
from collections import defaultdict

from measure import ENV, PY, ROOT, Failed
from report import fmt_time

TOP = 15


def _one(cmd: list[str]) -> dict[str, tuple[int, int]]:
    args = cmd[1:] if cmd[0] == PY else cmd  # python -m planner ...: the interpreter is given below
    proc = subprocess.run(
        [PY, "-X", "importtime", *args],
        cwd=ROOT,
        env=ENV,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0:
        raise Failed(f"-X importtime run exited {proc.returncode}: {proc.stderr.strip().splitlines()[-1:]}")
    modules: dict[str, tuple[int, int]] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, total, name = line.removeprefix("import time:").split("|", 2)
        modules[name.strip()] = (int(own), int(total))
    return modules


def import_times(cmd: list[str], runs: int, shown: str) -> list[str]:
    """Markdown: the planner's modules by median self time, then every top-level package's total."""
    samples = [_one(cmd) for _ in range(runs + 1)][1:]  # the first fills the bytecode cache
    names = set().union(*samples)
    own = {m: statistics.median(s.get(m, (0, 0))[0] for s in samples) / 1e6 for m in names}
    total = {m: statistics.median(s.get(m, (0, 0))[1] for s in samples) / 1e6 for m in names}
    mine = sorted((m for m in names if m == "planner" or m.startswith("planner.")), key=lambda m: -own[m])
    packages: dict[str, float] = defaultdict(float)
    for m in names:
        packages[m.split(".")[0]] += own[m]
    everything = sum(own.values())
    lines = [
        f"### Import time, `{shown}` (`-X importtime`, medians of {runs} runs)",
        "",
        f"All imports {fmt_time(everything)} of their own ({len(names)} modules); the planner's"
        f" {len(mine)} modules {fmt_time(sum(own[m] for m in mine))}. Top {TOP} planner modules:",
        "",
        "| planner module | self | cumulative |",
        "| --- | ---: | ---: |",
        *(f"| `{m}` | {fmt_time(own[m])} | {fmt_time(total[m])} |" for m in mine[:TOP]),
        "",
        "By top-level package (self times added up; the first ten):",
        "",
        "| package | self |",
        "| --- | ---: |",
        *(f"| `{p}` | {fmt_time(t)} |" for p, t in sorted(packages.items(), key=lambda item: -item[1])[:10]),
    ]
    return lines
