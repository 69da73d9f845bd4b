"""Running the command line as a user would, for the safety tests: a timeout, a umask, a user, stdout elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from conftest import ROOT, Run


def planner(
    *args: str,
    cwd: Path | None = None,
    umask: int | None = None,
    stdout: IO[bytes] | None = None,
    prefix: Sequence[str] = (),
    env: dict[str, str] | None = None,
    timeout: float = 30,
    python: str = sys.executable,
) -> Run:
    """``python -m planner ARGS``; ``prefix`` runs it as another user (``runuser -u NAME --``)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_") or k == "PLANNER_CACHE"}
    full_env.update({"TZ": "UTC", "PYTHONPATH": str(ROOT), "HOME": str(cwd or ROOT)})
    full_env.pop("XDG_DATA_HOME", None)
    full_env.update(env or {})
    command = [python, "-m", "planner", *args]
    if umask is not None:  # set by a shell of the user who runs it
        command = ["sh", "-c", f'umask {umask:03o} && exec "$@"', "sh", *command]
    command = [*prefix, *command]
    proc = subprocess.run(
        command,
        cwd=cwd or ROOT,
        env=full_env,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=timeout,
    )
    out = proc.stdout.decode("utf-8", "replace") if proc.stdout is not None else ""
    return Run(proc.returncode, out, proc.stderr.decode("utf-8", "replace"))


def one_clear_line(err: str) -> str:
    """The refusal: exactly one line on stderr, no traceback, no control characters."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    assert not has_controls(err.rstrip("\n")), repr(err)
    return lines[0]


def has_controls(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n" for ch in text)
