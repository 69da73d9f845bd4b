"""An open plan: the file it came from, its edits, undo and redo, saving, and the file's state.

The TUI keeps one ``Session``. Every change is a new ``Plan`` pushed with a
label; saving goes through ``store.save`` with the fingerprint of what was
last read or written, so a file changed by someone else is never
overwritten without the user saying so. No Textual here: the session is
tested on its own.

A front end keeps in step with the disk with ``disk_state()``: cheap while
nothing moved (one ``stat``), it reads and parses the file only when it did,
and says which of four things is true (``Disk``): the file is as last read or
written (``FINE``), another program wrote a version that loads (``CHANGED``,
with that version), a file is there that does not load (``BROKEN``, with the
error: never save over it), or no file is there (``DELETED``: saving writes it
again). ``save`` raises ``store.SaveConflict`` (``deleted`` set when the file is
gone) rather than write over an outside change.
"""

from __future__ import annotations

import enum
import os
import stat
from pathlib import Path
from typing import Final

from planner.core.errors import PlanError
from planner.core.model import Plan
from planner.core.record import Record
from planner.edge import files, store
from planner.edge.store import Fingerprint

__all__ = ["Disk", "DiskState", "Session"]

_STEM_BYTES: Final = 150
"""A copy's name keeps this much of the plan's (a name holds at most 255 bytes; the rest is the stamp)."""
_TRIES: Final = 100
"""Copies made in one second before giving up (another planner hung up on the same plan at once)."""
UNDO_DEPTH: Final = 200
"""Comfortably more than the 50 changes the planner promises to undo."""


class Disk(enum.Enum):
    """What is at the plan's path, next to what the session last read or wrote."""

    FINE = "fine"
    """The same file (perhaps touched, never changed): nothing to do."""
    CHANGED = "changed"
    """Another version that loads: reload it, or ask when there are unsaved changes."""
    BROKEN = "broken"
    """Something that does not load (bad TOML, a folder, a FIFO, unreadable): never save over it."""
    DELETED = "deleted"
    """Nothing (deleted, or moved away): a save writes the plan there again."""


class DiskState(Record):
    """The answer of ``Session.disk_state``: the state, and what was read to tell it."""

    kind: Disk
    loaded: store.Loaded | None = None
    """``CHANGED``: the version on disk, already parsed (``Session.reload`` takes it)."""
    error: PlanError | None = None
    """``BROKEN``: why it does not load, in the one-line form every front end shows."""

    @property
    def changed(self) -> bool:
        """Anything but ``FINE``."""
        return self.kind is not Disk.FINE

    @property
    def missing(self) -> bool:
        return self.kind is Disk.DELETED

    @property
    def sha256(self) -> str | None:
        """The hash of the version on disk, when one was read and loads."""
        return self.loaded.fingerprint.sha256 if self.loaded else None


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
        self._warnings: list[str] = []

    @classmethod
    def open(cls, path: Path) -> Session:
        return cls.of(store.load(path))

    @classmethod
    def of(cls, loaded: store.Loaded) -> Session:
        """The session on a plan already read (``store.load``, here or in ``edge.prefetch``'s child)."""
        return cls(loaded.path, loaded.plan, loaded.fingerprint)

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

        ``force`` writes over another version (or writes a deleted file again),
        but never over a file that does not load. Saves hold the plan's lock,
        like ``planner log``, so a command-line writer and the TUI never
        interleave. A problem that did not stop the save (the backup could
        not be kept) waits in ``take_warnings``.
        """
        if not self.dirty and not force:
            return False
        with store.locked(self.path):
            if force and os.path.lexists(self.path):
                try:
                    store.load(self.path)
                except PlanError as exc:
                    raise store.SaveError(
                        f"{self.path}: not saved: the file on disk does not load ({exc.message})"
                    ) from None
            self.fingerprint = store.save(
                self.path, self.plan, self.fingerprint, force=force, warn=self._warnings.append
            )
        self.saved_plan = self.plan
        return True

    def take_warnings(self) -> list[str]:
        """What went wrong without stopping a save since last asked (one line each); then forgotten."""
        taken, self._warnings = self._warnings, []
        return taken

    def save_as(self, path: Path) -> None:
        """Write the plan as a new file ``path`` (never over anything there, a link included) and edit that."""
        self.fingerprint = store.create(path, self.plan)
        self.path = path
        self.saved_plan = self.plan

    def keep_theirs(self) -> Path | None:
        """Copy the file on disk aside (``NAME.toml.theirs-TIME``) before writing over it.

        The ``.bak`` beside the plan is rotated by every save; this copy stays
        until the person deletes it, so overwriting another program's edit
        never loses it. It has the plan's group and mode (narrowed by the
        umask): a private plan's copy is private too. ``None`` when there is
        no regular file to copy.
        """
        import datetime as dt

        try:
            data, st = files.read_regular(self.path)
        except OSError:
            return None
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.theirs-{stamp}")
        n = 1
        while os.path.lexists(target):  # two in one second: the first copy stays
            n += 1
            target = self.path.with_name(f"{self.path.name}.theirs-{stamp}-{n}")
        store.write_copy(target, data, st)
        return target

    def keep_ours(self) -> Path:
        """Write the plan as a new file beside its own (``NAME.unsaved-TIME.toml``), never over anything.

        For a plan its own file cannot take when no one can be asked (the
        terminal hung up). Like ``keep_theirs``, it has the plan file's group
        and mode narrowed by the umask, or is private (0600) when that file is
        gone. A name taken meanwhile (another planner, the same second) moves
        on to the next; ``SaveError`` when it cannot be written at all.
        """
        import datetime as dt

        try:
            like = os.stat(self.path)
        except OSError:
            like = os.stat_result((stat.S_IFREG | 0o600, 0, 0, 0, os.getuid(), os.getgid(), 0, 0, 0, 0))
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        stem = self.path.stem.encode()[:_STEM_BYTES].decode(errors="ignore")  # a name has at most 255 bytes
        for n in range(1, _TRIES + 1):
            target = self.path.with_name(f"{stem}.unsaved-{stamp}{f'-{n}' if n > 1 else ''}.toml")
            if os.path.lexists(target):
                continue
            try:
                store.create(target, self.plan, like=like)
            except store.SaveError:
                if os.path.lexists(target):
                    continue  # taken between the look and the write
                raise
            return target
        raise store.SaveError(f"{self.path.parent}: no free name for a copy of {self.path.name}")

    def reload(self, loaded: store.Loaded | None = None) -> None:
        """Take the file on disk as it is now (or ``loaded``, just read); the change can be undone."""
        if loaded is None:
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
        reading is returned rather than parsed again.
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
        """What is on disk now (see ``Disk``): one stat while nothing moved, a read and a parse when it did.

        A file parsed once is not parsed again while it stays the same (the
        disk is polled, and a file the person chose to decide on later stays
        changed for a while).
        """
        try:
            st = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return DiskState(Disk.DELETED)
        except OSError:
            st = None
        known = self.fingerprint
        if st is not None and (st.st_ino, st.st_size, st.st_mtime_ns) == (known.inode, known.size, known.mtime_ns):
            return DiskState(Disk.FINE)
        try:
            data, st = store.read(self.path)
            current = Fingerprint.of(st, data)
            if current.sha256 == known.sha256:
                self.fingerprint = current  # touched, not changed: the new stat is the one to compare
                return DiskState(Disk.FINE)
            last = self._peeked
            if last is None or last.fingerprint.sha256 != current.sha256:
                self._peeked = last = store.parse(self.path, data, st)
        except PlanError as exc:
            if exc.message == "no such plan file":  # gone between the stat and the read
                return DiskState(Disk.DELETED)
            return DiskState(Disk.BROKEN, error=exc)
        return DiskState(Disk.CHANGED, loaded=last)
