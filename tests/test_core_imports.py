"""The core stands alone: no core module, and no subcommand, imports Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REFERENCE_ARG, ROOT

CORE = [
    "planner",
    "planner.core.model",
    "planner.planfile.parse",
    "planner.edge.store",
    "planner.core.engine",
    "planner.core.rounding",
    "planner.core.alerts",
    "planner.core.reschedule",
    "planner.core.situation",
    "planner.edge.paths",
    "planner.core.safetext",
    "planner.edge.templates",
    "planner.cli",
    "planner.core.engine.days",
    "planner.edge.session",
    "planner.core.moments",
    "planner.core.rules",
    "planner.edge.clock",
    "planner.planfile.text",
    "planner.planfile.locate",
    "planner.export",
    "planner.export.text",
    "planner.export.markdown",
    "planner.export.html",
    "planner.export.ics",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules, 'rich' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_tui_shell_imports_no_dates_nor_engine() -> None:
    """The first frame comes before pendulum and the engine are needed (they load with the plan)."""
    code = (
        "import sys, planner.tui.app, planner.tui.views.dashboard; "
        "print(sorted(m for m in ('pendulum', 'planner.core.engine', 'planner.edge.store', 'tomllib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_package_init_imports_nothing_heavy() -> None:
    code = "import sys; before = set(sys.modules); import planner; print(sorted(set(sys.modules) - before))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "['planner']"


@pytest.mark.parametrize("command", [["schedule", "--json"], ["status"], ["check"], ["schedule"]])
def test_subcommands_import_no_textual(command: list[str]) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "planner",
            *command,
            "--plan",
            REFERENCE_ARG,
            "--today",
            "2026-12-07",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode in (0, 1), out.stderr[-500:]
    imported = {line.split("|")[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")}
    assert "planner.edge.store" in imported
    assert not {m for m in imported if m.split(".")[0] in ("textual", "rich")}
