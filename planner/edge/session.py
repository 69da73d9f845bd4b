"""An open plan: the file it came from, its edits, undo and redo, and saving.

The TUI keeps one ``Session``. Every change is a new ``Plan`` pushed with a
label; saving goes through ``store.save`` with the fingerprint of what was
last read or written, so a file changed by someone else is never
overwritten without the user saying so. No Textual here: the session is
tested on its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final, NamedTuple

from planner.core.errors import PlanError
from planner.core.model import Plan
from planner.edge import store
from planner.edge.store import Fingerprint, SaveConflict

__all__ = ["DiskState", "Session"]

UNDO_DEPTH: Final = 200
"""Comfortably more than the 50 changes the planner promises to undo."""


class DiskState(NamedTuple):
    """How the file on disk relates to what the session last read or wrote."""

    changed: bool
    missing: bool = False
    sha256: str | None = None
    """The file's hash when it was read to tell (a changed file that still exists)."""


class Session:
    def __init__(self, path: Path, plan: Plan, fingerprint: Fingerprint) -> None:
        self.path = path
        self.plan = plan
        self.fingerprint = fingerprint
        """The file as last read or written; its stat is what ``disk_state`` compares first."""
        self.saved_plan = plan
        self._undo: list[tuple[Plan, str]] = []
        self._redo: list[tuple[Plan, str]] = []
        self._coalesce_key: str | None = None
        self._peeked: store.Loaded | None = None

    @classmethod
    def open(cls, path: Path) -> Session:
        loaded = store.load(path)
        return cls(path, loaded.plan, loaded.fingerprint)

    # --- edits ---------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """The plan differs from the file as last read or written."""
        return self.plan != self.saved_plan

    def apply(self, plan: Plan, label: str, *, coalesce: str | None = None) -> bool:
        """Make ``plan`` current. Edits with the same ``coalesce`` key in a row undo as one."""
        if plan == self.plan:
            return False
        if coalesce is None or coalesce != self._coalesce_key:
            self._undo.append((self.plan, label))
            del self._undo[:-UNDO_DEPTH]
        self._coalesce_key = coalesce
        self._redo.clear()
        self.plan = plan
        return True

    def undo(self) -> str | None:
        """Take back the last change; its label, or ``None`` when there is none."""
        return self._step(self._undo, self._redo)

    def redo(self) -> str | None:
        return self._step(self._redo, self._undo)

    def _step(self, source: list[tuple[Plan, str]], target: list[tuple[Plan, str]]) -> str | None:
        if not source:
            return None
        plan, label = source.pop()
        target.append((self.plan, label))
        self.plan = plan
        self._coalesce_key = None
        return label

    @property
    def next_undo(self) -> str | None:
        """The label of the change ``undo`` would take back."""
        return self._undo[-1][1] if self._undo else None

    # --- the file -------------------------------------------------------------

    def save(self, *, force: bool = False) -> bool:
        """Write the plan if it changed; ``SaveConflict`` when the file moved under us.

        Saves hold the plan's lock, like ``planner log``, so a command-line
        writer and the TUI never interleave.
        """
        if not self.dirty and not force:
            return False
        with store.locked(self.path):
            if force and self.path.exists():
                try:
                    store.load(self.path)
                except PlanError as exc:
                    raise store.SaveError(
                        f"{self.path}: not saved: the file on disk does not load ({exc.message})"
                    ) from None
            self.fingerprint = store.save(self.path, self.plan, self.fingerprint, force=force)
        self.saved_plan = self.plan
        return True

    def save_as(self, path: Path) -> None:
        if path.exists():
            raise SaveConflict(f"{path} already exists; choose another name")
        with store.locked(path):
            self.fingerprint = store.save(path, self.plan)
        self.path = path
        self.saved_plan = self.plan

    def keep_theirs(self) -> Path | None:
        """Copy the file on disk aside (``NAME.toml.theirs-TIME``) before writing over it.

        The ``.bak`` beside the plan is rotated by every save; this copy stays
        until the person deletes it, so overwriting another program's edit
        never loses it.
        """
        import datetime as dt

        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.theirs-{stamp}")
        store.write_atomic(target, data)
        return target

    def reload(self) -> None:
        """Take the file on disk as it is now; the change can be undone."""
        loaded = store.load(self.path)
        if loaded.plan != self.plan:
            self._undo.append((self.plan, "reload from disk"))
            self._redo.clear()
        self.plan = loaded.plan
        self._coalesce_key = None
        self.adopt(loaded)

    def peek(self, sha256: str | None = None) -> store.Loaded:
        """The file on disk as it is now, without taking it (``PlanError`` when it does not load).

        ``sha256``: the hash just read; when it is the file last peeked at, that
        reading is returned rather than parsed again (the disk is polled, and a
        file the person chose to decide on later stays changed for a while).
        """
        last = self._peeked
        if sha256 is not None and last is not None and last.fingerprint.sha256 == sha256:
            return last
        self._peeked = store.load(self.path)
        return self._peeked

    def adopt(self, loaded: store.Loaded) -> None:
        """The file on disk says what we already have (another program rewrote it): trust it as saved."""
        self.saved_plan = loaded.plan
        self.fingerprint = loaded.fingerprint

    def disk_state(self) -> DiskState:
        """Cheap check (stat first, hash only when the stat moved) for outside edits."""
        try:
            st = os.stat(self.path)
        except OSError:
            return DiskState(changed=True, missing=True)
        known = self.fingerprint
        if (st.st_ino, st.st_size, st.st_mtime_ns) == (known.inode, known.size, known.mtime_ns):
            return DiskState(changed=False)
        try:
            current = store.fingerprint(self.path)
        except OSError:
            return DiskState(changed=True)  # it moved under us: look again, and never save blindly
        if current.sha256 == known.sha256:
            self.fingerprint = current  # touched, not changed: the new stat is the one to compare
            return DiskState(changed=False)
        return DiskState(changed=True, sha256=current.sha256)
