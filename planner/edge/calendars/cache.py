"""The last copy of each remote calendar, kept in the user's cache folder.

A feed or a CalDAV collection is read over the network; the copy lets the
planner plan around the same busy time offline, and spares the server a
request on every command (a copy younger than ``FRESH_FOR`` is used as it
is). The folder is ``$PLANNER_CACHE`` (the tests point it at a temporary
folder), else ``$XDG_CACHE_HOME/planner``, else ``~/.cache/planner``; it is
made readable by the user alone, since a calendar is private.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Final, NamedTuple

from planner.core.digest import sha256_hex
from planner.core.model import CalendarSource
from planner.edge.paths import CACHE_ENV, cache_dir

__all__ = ["CACHE_ENV", "FRESH_FOR", "Copy", "cache_dir", "load", "source_key", "store"]

FRESH_FOR: Final = dt.timedelta(minutes=5)
"""A copy younger than this is used without asking the server again: a planner run from a shell
prompt or cron would otherwise fetch on every command, and calendar servers (Google's secret links
above all, which it refreshes only every few hours) ask clients not to poll more often."""


class Copy(NamedTuple):
    """A calendar as it was read: its bytes, when, and the days the read covered."""

    data: bytes
    read_at: dt.datetime
    """Aware, UTC."""
    first: dt.date | None
    """The first day asked for (a CalDAV time range); ``None``: the whole feed."""
    last: dt.date | None

    def covers(self, first: dt.date, last: dt.date) -> bool:
        return (self.first is None or self.first <= first) and (self.last is None or last <= self.last)


def source_key(source: CalendarSource) -> str:
    """One file name per place read (kind, URL, user), never the URL itself (it may hold a secret token)."""
    basis = f"{source.kind}|{source.source}|{source.username or ''}"
    return sha256_hex(basis.encode("utf-8"))[:24]


def _paths(folder: Path, key: str) -> tuple[Path, Path]:
    where = folder / "calendars"
    return where / f"{key}.ics", where / f"{key}.json"


def load(folder: Path, key: str) -> Copy | None:
    """The copy kept under ``key``, or ``None`` when there is none (or it cannot be read)."""
    data_path, meta_path = _paths(folder, key)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        data = data_path.read_bytes()
        read_at = dt.datetime.fromisoformat(meta["read_at"])
        first = dt.date.fromisoformat(meta["first"]) if meta.get("first") else None
        last = dt.date.fromisoformat(meta["last"]) if meta.get("last") else None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if read_at.tzinfo is None or sha256_hex(data) != meta.get("sha256"):
        return None  # a copy cut short or edited by hand is no copy
    return Copy(data, read_at, first, last)


def store(folder: Path, key: str, copy: Copy) -> None:
    """Keep ``copy`` under ``key`` (each file replaced atomically; the description last)."""
    from planner.edge.store import write_atomic

    data_path, meta_path = _paths(folder, key)
    data_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    meta = {
        "read_at": copy.read_at.isoformat(),
        "first": copy.first.isoformat() if copy.first else None,
        "last": copy.last.isoformat() if copy.last else None,
        "sha256": sha256_hex(copy.data),
    }
    write_atomic(data_path, copy.data)
    write_atomic(meta_path, json.dumps(meta).encode("utf-8"))
