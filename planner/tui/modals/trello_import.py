"""Import a Trello board export, seeing what it would do first.

A board's lists rarely carry the plan's domain names exactly, so the dialog
shows where each list would go (with a suggestion when none matched) and
lets the person change it, then what the import would add, update and skip.
Nothing is written until they confirm; the dialog is dismissed with an
``ImportRequest`` the view posts up as one edit (one undo takes it back).
The file is read off the event loop. Everything from the board is text
somebody else typed: it goes through ``planner.tui.text``, never markup.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Final, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from planner.core import fmt
from planner.core.errors import PlanError
from planner.core.model import Plan
from planner.tui.modals.trello_parts import changes, how_text, read_board
from planner.tui.text import content, error_line
from planner.tui.widgets.textfield import TextField

if TYPE_CHECKING:
    from planner.core.trello import Board, Imported, ListMapping

__all__ = ["ImportRequest", "TrelloImport"]

LABEL_CELLS: Final = 24
"""A list's name and a domain's name in a row of the mapping (the tcss gives each 25 cells with the gap)."""


class ImportRequest(NamedTuple):
    """The import the person confirmed: the board, the lists they mapped by hand, the default estimate."""

    board: Board
    lists: dict[str, str]
    """List name -> domain id, for the lists whose domain the person chose."""
    hours: float
    said: str
    """What the preview said it would do, to tell once it is done."""


class TrelloImport(ModalScreen[ImportRequest | None]):
    """Dismissed with the ``ImportRequest``, or ``None`` (nothing is imported)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="trello.cancel", tooltip="Close the dialog, importing nothing"),
    ]

    def __init__(self, plan: Plan, today: dt.date) -> None:
        super().__init__()
        self._plan = plan
        self._today = today
        self._board: Board | None = None
        self._auto: tuple[ListMapping, ...] = ()
        """Where the lists go by their names alone: a Select that differs from it is the person's choice."""
        self._imported: Imported | None = None
        self._overrides: dict[str, str] = {}
        self._hours = 1.0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="trello-dialog"):
            yield Static("Import a Trello board", classes="dialog-title")
            with Horizontal(classes="field-row"):
                yield Label("Export file", classes="field-label")
                yield TextField(placeholder="path to the board's JSON export", id="trello-path", compact=True)
                yield Button("Read", id="trello-read", compact=True)
            yield Static(
                "In Trello: Menu › Print, export and share › Export as JSON. Nothing is written before Import.",
                id="trello-status",
                classes="hint",
            )
            with VerticalScroll(id="trello-preview"):
                yield Vertical(id="trello-lists")
                with Horizontal(classes="field-row", id="trello-hours-row"):
                    yield Label("Hours per card", classes="field-label")
                    yield TextField("1", id="trello-hours", compact=True)
                    yield Static("  when its title gives none, like (2h)", classes="hint")
                yield Static(id="trello-changes")
            yield Static(id="trello-error", classes="form-error")
            with Horizontal(classes="buttons"):
                # compact: at 80x24 the preview needs the rows
                yield Button("Import", id="trello-import", variant="primary", disabled=True, compact=True)
                yield Button("Cancel", id="trello-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#trello-hours-row").display = False
        self.query_one("#trello-path", Input).focus()

    # --- reading the file --------------------------------------------------------------------

    @on(Button.Pressed, "#trello-read")
    @on(Input.Submitted, "#trello-path")
    def _read(self) -> None:
        text = self.query_one("#trello-path", Input).value.strip()
        if not text:
            self._error("Type the path of the board's JSON export.")
            return
        path = Path(text).expanduser()
        self._error("")
        self.query_one("#trello-status", Static).update(Content.assemble("Reading ", content(str(path)), " …"))
        self.run_worker(lambda: read_board(path), thread=True, exclusive=True, group="trello-read", name="read")

    @on(Worker.StateChanged)
    def _read_done(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "read" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        result = event.worker.result if event.state == WorkerState.SUCCESS else event.worker.error
        if isinstance(result, PlanError) or not isinstance(result, _board_type()):
            self._board = None
            self._show_nothing(str(result))
            return
        self._take(result)

    def _take(self, board: Board) -> None:
        from planner.core.trello import map_lists

        self._board = board
        self._auto = map_lists(board, self._plan)
        self._overrides = {}
        open_cards = sum(1 for c in board.cards if not c.closed)
        self.query_one("#trello-status", Static).update(
            Content.assemble(
                "Board ",
                content(board.name, "bold", width=40),
                f" · {fmt.plural(len(self._auto), 'open list')} · {fmt.plural(open_cards, 'open card')}."
                " Choose a domain for a list where the board says none.",
            )
        )
        rows = self.query_one("#trello-lists", Vertical)
        rows.remove_children()
        rows.mount_all(self._rows())
        self.query_one("#trello-hours-row").display = True
        self._preview()

    def _rows(self) -> list[Horizontal]:
        options = [(content(d.name, width=LABEL_CELLS), d.id) for d in self._plan.domains]
        out = []
        for k, m in enumerate(self._auto):
            prompt = "done: all domains" if m.how == "done" else "all domains"
            select: Select[str] = Select(
                options,
                prompt=prompt,
                value=m.domain if m.domain is not None else Select.NULL,
                allow_blank=m.domain is None,
                id=f"trello-list-{k}",
                compact=True,
            )
            name = Content.assemble(content(m.list.name, "bold", width=LABEL_CELLS - 4), f" ({m.cards})")
            out.append(
                Horizontal(
                    Label(name, classes="trello-list-name"),
                    select,
                    Static(id=f"trello-how-{k}", classes="trello-how"),
                    classes="trello-row",
                )
            )
        return out

    # --- the preview ---------------------------------------------------------------------------

    @on(Select.Changed)
    def _mapping_changed(self, event: Select.Changed) -> None:
        if str(event.select.id).startswith("trello-list-"):
            event.stop()
            self._preview()

    @on(Input.Changed, "#trello-hours")
    def _hours_changed(self) -> None:
        if self._board is not None:
            self._preview()

    def _chosen(self) -> dict[str, str]:
        """The lists the person sent somewhere other than their names say."""
        out = {}
        for k, m in enumerate(self._auto):
            for select in self.query(f"#trello-list-{k}").results(Select):
                value = select.value
                if value is not Select.NULL and value != m.domain:
                    out[m.list.name] = str(value)
        return out

    def _preview(self) -> None:
        from planner.core.trello import import_board

        board = self._board
        if board is None:
            return
        self._imported = None
        try:
            hours = _estimate(self.query_one("#trello-hours", Input).value)
            overrides = self._chosen()
            imported = import_board(self._plan, board, today=self._today, lists=overrides, hours=hours)
        except PlanError as exc:
            self._error(str(exc))
            self.query_one("#trello-import", Button).disabled = True
            return
        self._imported, self._overrides, self._hours = imported, overrides, hours
        self._error("")
        for k, m in enumerate(imported.report.lists):
            for how in self.query(f"#trello-how-{k}").results(Static):
                how.update(how_text(m, self._plan))
        self.query_one("#trello-changes", Static).update(changes(self._plan, imported))
        self.query_one("#trello-import", Button).disabled = False

    def _error(self, message: str) -> None:
        self.query_one("#trello-error", Static).update(error_line(message) if message else Content(""))

    def _show_nothing(self, message: str) -> None:
        self.query_one("#trello-lists", Vertical).remove_children()
        self.query_one("#trello-hours-row").display = False
        self.query_one("#trello-changes", Static).update(Content(""))
        self.query_one("#trello-status", Static).update(Content("Nothing was read; the plan is unchanged."))
        self.query_one("#trello-import", Button).disabled = True
        self._error(message)

    # --- the answer ------------------------------------------------------------------------

    @on(Button.Pressed, "#trello-import")
    def _confirm(self) -> None:
        imported, board = self._imported, self._board
        if imported is None or board is None:
            return
        r = imported.report
        said = (
            f"Imported {fmt.plural(len(r.added), 'resource')} from the board, updated {len(r.updated)},"
            f" skipped {len(r.skipped)}; ctrl+z takes it back."
        )
        self.dismiss(ImportRequest(board, dict(self._overrides), self._hours, said))

    @on(Button.Pressed, "#trello-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _board_type() -> type[Board]:
    from planner.core.trello import Board

    return Board


def _estimate(text: str) -> float:
    """The default estimate as typed; the import checks its range."""
    try:
        return float(text.strip())
    except ValueError:
        raise PlanError(f"hours per card: {text.strip()!r} is not a number (write it like 1.5)") from None
