"""The ``planner`` command line.

Subcommands never import Textual; only ``planner`` with no subcommand opens
the TUI. Bad input of any kind ends with exit code 2 and one line on stderr
that names the file, the key or the flag, and what is wrong. A risk in the
plan makes ``status`` exit 1, for scripts and cron.

Each group of commands lives in a module of its own (``show``, ``change``)
that holds its arguments and its handlers; ``parser`` knows only their names,
so a command loads just the module it runs.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys
from typing import Final

from planner.cli.errors import EXIT_BUG, EXIT_OK, EXIT_USAGE, UsageError
from planner.core.errors import PlanError
from planner.core.safetext import clean

__all__ = ["entry", "main"]

_OUTPUT_FULL: Final = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO})
"""A write with no file named that failed for room: every file the planner writes is named in its error
(or is a plan, whose ``SaveError`` says so), so this is standard output (``> /dev/full``, a full disk)."""


def entry() -> int:
    """The process's way in (the ``planner`` script, ``python -m planner``): ``main`` for a short life.

    A command is over in a fraction of a second and its garbage goes by reference
    counting; all the cyclic collector would do is walk, again and again, the
    objects every import left. So it is off for the command, and what is left is
    frozen before the interpreter's teardown, whose collections would walk it
    all once more. Measured on ``planner schedule``: the collections during the
    imports and at exit took about a quarter of the run. The TUI lives long and
    turns the collector back on before its first frame (``tui.launch``).
    """
    gc.disable()
    try:
        return main()
    finally:
        gc.freeze()


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]  # a TextIO that is a TextIOWrapper
    try:
        from planner.cli.parser import parse

        argv = sys.argv[1:] if argv is None else argv
        run, args = parse(argv)
        return run(args)
    except (UsageError, PlanError) as exc:
        _error(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        from planner.edge.store import SaveError

        if isinstance(exc, SaveError):
            _error(str(exc))
            return EXIT_USAGE
        if isinstance(exc, BrokenPipeError):
            _quiet_stdout()
            return EXIT_OK
        if exc.filename is None and exc.errno in _OUTPUT_FULL:
            from planner.edge.files import reason

            _quiet_stdout()  # what is left in its buffer would fail again at exit
            _error(f"standard output: not written ({reason(exc)})")
            return EXIT_USAGE
        _error(f"{exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("planner: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("PLANNER_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (set PLANNER_DEBUG=1 to see where)")
        return EXIT_BUG


def _error(message: str) -> None:
    """One line on stderr: whatever the file said, no control characters reach the terminal."""
    print(f"planner: {clean(message, one_line=True)}", file=sys.stderr)


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
