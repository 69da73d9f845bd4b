"""Reading a Trello board export from disk, before the core maps it.

The file comes from elsewhere, so it is read with limits: only a regular
file (a FIFO or a device is refused unopened), a size cap (a board with
years of history is a few megabytes; anything far larger is not an export),
strict JSON (no ``NaN``), bounded nesting. Every failure is a
``PlanError`` that names the file, and the plan is never touched here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Final, NoReturn

from planner.core.errors import PlanError
from planner.core.trello import Board, board_from_export
from planner.edge.files import NotAFile, TooBig, read_regular

__all__ = ["MAX_EXPORT_BYTES", "load_board", "read_export"]

MAX_EXPORT_BYTES: Final = 32 * 1024 * 1024
"""A board export with its full action history runs to a few megabytes; 32 MiB leaves room and stops a wrong file."""


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")


def read_export(path: str | os.PathLike[str]) -> object:
    """The parsed JSON of the export at ``path``; a ``PlanError`` naming the file when it cannot be."""
    source = str(path)
    try:
        data, _ = read_regular(Path(path), MAX_EXPORT_BYTES)
    except FileNotFoundError:
        raise PlanError("no such file", source=source) from None
    except NotAFile as exc:  # looked at, never opened: a FIFO would wait forever, /dev/zero never end
        raise PlanError(f"is {exc.what}, not a Trello export", source=source) from None
    except TooBig:
        raise _too_big(source) from None
    except OSError as exc:
        raise PlanError(f"cannot be read: {exc.strerror or exc}", source=source) from None
    except ValueError:  # a NUL in the path (typed into the TUI's box)
        raise PlanError("is not a file name this system takes", source=source) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanError(f"is not a Trello export: not UTF-8 text (byte {exc.start})", source=source) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise PlanError(f"is not a Trello export: not JSON ({exc.msg})", source=source, line=exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise PlanError(f"is not a Trello export: {reason}", source=source) from None


def _too_big(source: str) -> PlanError:
    return PlanError(
        f"is larger than {MAX_EXPORT_BYTES // (1024 * 1024)} MiB: not a Trello board export", source=source
    )


def load_board(path: str | os.PathLike[str]) -> Board:
    """The board in the export at ``path``, checked; errors name the file and the key."""
    data = read_export(path)
    try:
        return board_from_export(data)
    except PlanError as exc:
        raise exc.located(str(Path(path))) from None
