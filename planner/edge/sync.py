"""An open plan and its file kept in step, decided without a screen.

The file can change under an open plan: an editor, a sync tool, ``planner
log`` in another terminal. What to do then is a small state machine (reload
quietly, ask, refuse to write over a file that does not load, hold a "later"
answer, notice a file that went away) and it is the same whatever shows it.
``Sync`` holds that state, does the file work through the ``Session`` and
returns what happened as a small value; the TUI only turns those values into
notifications and the conflict dialog, so every rule here is tested without
Textual.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Literal

from planner.core.errors import PlanError
from planner.core.record import Record
from planner.edge import store
from planner.edge.session import Disk, Session
from planner.edge.store import SaveConflict, SaveError

__all__ = [
    "Adopted",
    "Answer",
    "Ask",
    "Broken",
    "Choice",
    "Decision",
    "Failed",
    "Fixed",
    "Missing",
    "Quiet",
    "Quit",
    "Reloaded",
    "Saved",
    "Sync",
    "UpToDate",
    "Why",
]

Why = Literal["changed", "broken", "missing", "failed"]
"""Why the person is asked: the file changed, does not load, is gone, or could not be written."""


class Quiet(Record):
    """Nothing to show."""


class Adopted(Record):
    """The file was rewritten with what the plan already holds: it counts as saved now."""


class Reloaded(Record):
    """The file changed and nothing was unsaved: the plan is the file's now (one undo goes back)."""

    name: str


class Ask(Record):
    """Show the conflict dialog."""

    why: Why
    quitting: bool = False
    """Asked on the way out: the dialog offers to quit without saving."""
    detail: str = ""
    """What went wrong, for ``failed``."""


class Broken(Record):
    """The file on disk stopped loading; nothing is written over it until it loads again."""

    error: PlanError


class Fixed(Record):
    """The file is back to what was last read or written; saving is safe again."""

    name: str
    unsaved: bool
    """There are changes to save now."""


class Missing(Record):
    """The file was removed or renamed (told once until it comes back)."""

    path: Path


class Saved(Record):
    """Written: ``how`` says whether over the file, over another program's edit, or as a new file."""

    path: Path
    how: Literal["saved", "overwrote", "saved-as"] = "saved"
    kept: Path | None = None
    """Where the version that was written over is kept (``overwrote``); ``None`` if it could not be copied."""
    warnings: tuple[str, ...] = ()
    """What went wrong without stopping the save (the backup could not be kept), one line each."""


class UpToDate(Record):
    """Nothing to save: the file holds the plan."""

    name: str


class Failed(Record):
    """Not done; ``message`` says why in one line."""

    message: str
    title: str = "Not saved"


class Quit(Record):
    """Leaving is safe (everything is saved, or the person chose to drop it)."""


Decision = Quiet | Adopted | Reloaded | Ask | Broken | Fixed | Missing | Saved | UpToDate | Failed | Quit


class Choice(enum.Enum):
    """The answers of the conflict dialog."""

    RELOAD = "reload"
    OVERWRITE = "overwrite"
    SAVE_AS = "save-as"
    WRITE_AGAIN = "write-again"
    LATER = "later"
    QUIT = "quit"


class Answer(Record):
    choice: Choice
    path: Path | None = None
    """The file to write for ``SAVE_AS``."""


RELOAD_LABEL = "reload from disk"
"""How ``Session.reload`` names itself on the undo stack."""

BROKEN_REFUSAL = (
    "The file on disk does not load, and the planner never writes over such a file."
    " Fix it, or press ctrl+s to save your version as another file."
)


class Sync:
    """The rules for one open plan; call ``poll`` on a timer and the others when the person acts."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.asking = False
        """The dialog is open: polls say nothing until it is answered."""
        self.broken: PlanError | None = None
        """The file on disk does not load (and is never written while this is set)."""
        self._snoozed: str | None = None
        """The hash of the file the person chose to decide on later."""
        self._missing_told = False
        self._quitting = False

    # --- watching the file ---------------------------------------------------

    def poll(self, *, asked: bool = False) -> Decision:
        """Notice outside edits: reload when nothing is unsaved, else ask; never trust a broken file.

        ``asked``: the person acted (``ctrl+s``), so a "later" answer does not keep the dialog away.
        """
        session = self.session
        if self.asking:
            return Quiet()
        state = session.disk_state()
        if state.kind is Disk.DELETED:
            if self._missing_told:
                return Quiet()
            self._missing_told = True
            return Missing(session.path)
        self._missing_told = False
        if state.kind is Disk.FINE:
            if self.broken is not None:
                self.broken = None
                return Fixed(session.path.name, unsaved=session.dirty)
            return Quiet()
        if state.kind is Disk.BROKEN or state.loaded is None:
            error = state.error or PlanError("does not load", source=str(session.path))
            known, self.broken = self.broken, error
            return Quiet() if known is not None and str(known) == str(error) else Broken(error)
        self.broken = None
        on_disk = state.loaded
        if on_disk.plan == session.plan:
            session.adopt(on_disk)
            return Adopted()
        if session.dirty:
            return self._ask("changed", asked=asked, sha256=on_disk.fingerprint.sha256)
        session.reload(on_disk)
        return Reloaded(session.path.name)

    # --- saving ----------------------------------------------------------------

    def save(self) -> Decision:
        """The save a moment after an edit: quiet when there is nothing to do or the file is gone."""
        session = self.session
        if not session.dirty:
            return Quiet()
        if self.broken is not None:
            return Failed(BROKEN_REFUSAL)
        if session.disk_state().missing:
            return Quiet()  # told by the poll; ctrl+s writes it again
        return self._write()

    def save_now(self) -> Decision:
        """``ctrl+s``: look at the disk first, then write, or say why not."""
        session = self.session
        polled = self.poll(asked=True)
        if isinstance(polled, Ask | Reloaded) or self.asking:
            return polled
        if self.broken is not None:
            return self._ask("broken", asked=True)
        if session.disk_state().missing:
            return self._write(force=True)
        if not session.dirty:
            return UpToDate(session.path.name)
        return self._write()

    def quit(self) -> Decision:
        """Leaving: save what is unsaved; when that cannot happen, ask again (a "later" included)."""
        session = self.session
        if not session.dirty:
            return Quit()
        if self.broken is not None:
            return self._ask("broken", asked=True, quitting=True)
        if session.disk_state().missing:
            return self._ask("missing", asked=True, quitting=True)
        outcome = self._write(quitting=True)
        return Quit() if isinstance(outcome, Saved) else outcome

    def hang_up(self) -> Decision:
        """The terminal went away, so no one can answer a dialog: keep what is unsaved without asking.

        Nothing to do when the file holds the plan already (another program
        wrote the same); written to the file when an ordinary save would write
        it; else (the file changed outside, does not load, is gone, cannot be
        written) written as a new file beside it (``Session.keep_ours``), and
        nothing on disk is written over. ``Saved`` says where; ``Failed`` when
        neither could be written.
        """
        session = self.session
        if not session.dirty:
            return Quit()
        state = session.disk_state()
        if state.loaded is not None and state.loaded.plan == session.plan:
            session.adopt(state.loaded)
            return Quit()
        if self.broken is None and state.kind is not Disk.BROKEN and not state.missing:
            try:
                session.save()
            except (SaveConflict, SaveError):
                pass  # theirs stays as it is: ours goes beside it
            else:
                return Saved(session.path, warnings=tuple(session.take_warnings()))
        try:
            return Saved(session.keep_ours(), "saved-as")
        except SaveError as exc:
            return Failed(str(exc))

    def _write(self, *, force: bool = False, quitting: bool = False) -> Decision:
        session = self.session
        try:
            session.save(force=force)
        except SaveConflict:
            return self._ask("changed", asked=quitting, quitting=quitting)
        except SaveError as exc:
            if quitting:
                return self._ask("failed", asked=True, quitting=True, detail=str(exc))
            return Failed(str(exc))
        return Saved(session.path, warnings=tuple(session.take_warnings()))

    # --- asking ------------------------------------------------------------------

    def _ask(
        self, why: Why, *, asked: bool = False, quitting: bool = False, sha256: str | None = None, detail: str = ""
    ) -> Decision:
        """Ask, unless the dialog is open or the person said "later" to this very file (and did not ask)."""
        if self.asking:
            return Quiet()
        if not asked and self._snoozed is not None and self._snoozed == (sha256 or self._disk_hash()):
            return Quiet()
        self.asking = True
        self._quitting = quitting
        return Ask(why, quitting=quitting, detail=detail)

    def answer(self, answer: Answer) -> Decision:
        """What the person chose in the dialog; asked on the way out, a save that worked quits."""
        self.asking = False
        quitting, self._quitting = self._quitting, False
        outcome = self._carry_out(answer, quitting)
        return Quit() if quitting and isinstance(outcome, Saved) else outcome

    def _carry_out(self, answer: Answer, quitting: bool) -> Decision:
        session = self.session
        match answer.choice:
            case Choice.LATER:
                self._snoozed = self._disk_hash()  # not asked again until the file changes again
                return Quiet()
            case Choice.QUIT:
                return Quit()
            case Choice.RELOAD:
                try:
                    session.reload()
                except PlanError as exc:
                    return Failed(str(exc), title="Cannot reload")
                self.broken = None
                return Reloaded(session.path.name)
            case Choice.OVERWRITE:
                try:
                    kept = session.keep_theirs()
                except SaveError as exc:  # their version cannot be kept aside: it is not written over
                    return Failed(f"{exc}; their file was not overwritten", title="Not overwritten")
                outcome = self._write(force=True, quitting=quitting)
                if isinstance(outcome, Saved):
                    return Saved(session.path, "overwrote", kept, outcome.warnings)
                return outcome
            case Choice.WRITE_AGAIN:
                return self._write(force=True, quitting=quitting)
            case Choice.SAVE_AS:
                return self._save_as(answer.path)

    def undo(self) -> tuple[str | None, Path | None]:
        """Undo one change; undoing a reload first copies the file's version aside (it is about to be replaced).

        Returns the label of what was undone (``None``: nothing to undo) and where the copy is;
        ``SaveError`` (and nothing undone) when the copy cannot be made, since the file would then
        be replaced with nothing kept of it.
        """
        session = self.session
        kept = session.keep_theirs() if session.next_undo == RELOAD_LABEL else None
        return session.undo(), kept

    def _save_as(self, path: Path | None) -> Decision:
        if path is None or not path.name:
            return Failed("type a file name to save your version as")
        target = path.expanduser()
        if target.suffix != ".toml":
            target = target.with_name(target.name + ".toml")
        try:
            self.session.save_as(target)
        except (SaveError, OSError) as exc:
            return Failed(str(exc))
        self.broken = None
        self._snoozed = None
        return Saved(target, "saved-as", warnings=tuple(self.session.take_warnings()))

    def _disk_hash(self) -> str | None:
        try:
            return store.fingerprint(self.session.path).sha256
        except OSError:
            return None
