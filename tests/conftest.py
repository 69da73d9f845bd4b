from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Every test sees the same machine: a UTC clock zone, so "local time" lines are stable.
os.environ["TZ"] = "UTC"
if hasattr(__import__("time"), "tzset"):
    __import__("time").tzset()

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "plans" / "aws-ml-specialty.toml"
GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(Path(__file__).resolve().parent))


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_planner(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """``python -m planner ARGS`` in a clean environment: UTC machine, no plans folder."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_")}
    full_env["TZ"] = "UTC"
    full_env["PYTHONPATH"] = str(ROOT)
    full_env["HOME"] = str(cwd or ROOT)
    full_env.pop("XDG_DATA_HOME", None)
    if env:
        full_env.update(env)
    proc = subprocess.run(
        [sys.executable, "-m", "planner", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A copy of the reference plan in a plans folder of its own."""
    folder = tmp_path / "plans"
    folder.mkdir()
    target = folder / "aws-ml-specialty.toml"
    shutil.copy(REFERENCE, target)
    return target


def golden(name: str, actual: str, update: bool = bool(os.environ.get("UPDATE_GOLDEN"))) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    path = GOLDEN / name
    if update or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {name} was missing and has been written; review and commit it")
    assert actual == path.read_text(encoding="utf-8")
