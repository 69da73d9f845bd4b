"""A table of many rows drawn line by line (Textual's line API): the schedule's weeks, the plan's domains.

A two-year plan with fifty domains is a hundred rows of fifty-five columns,
and a plan may have thousands of domains.
A ``DataTable`` re-renders every visible row across every column whenever
one cell changes; this grid keeps a rendered strip per row, re-renders only
the rows whose cells changed, and crops each strip to the columns on screen.
The header row and the first column stay put while the rest scrolls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from planner.core.safetext import clean, clip


class Cell(NamedTuple):
    text: str
    style: str = ""
    """A rich style string for the cell on top of its row's style (``bold``, ``green``)."""
    right: bool = False


def _cells(text: str) -> int:
    """Terminal cells of a cell's text (plain ASCII is its length; the rest is measured)."""
    return len(text) if text.isascii() else cell_len(text)


def _over(strip: Strip, style: Style) -> Strip:
    """``strip`` with ``style`` laid on top (the cursor's colours win over the row's)."""
    return Strip(list(Segment.apply_style(iter(strip), post_style=style)), strip.cell_length)


class CellGrid(ScrollView, can_focus=True):
    """Rows of cells with a fixed header and first column, a cursor row, and in-place row updates."""

    DEFAULT_CSS = """
    CellGrid { height: 1fr; background: $surface; }
    CellGrid > .cellgrid--header { text-style: bold; background: $panel; color: $text; }
    CellGrid > .cellgrid--zebra { background: $surface-lighten-1; }
    CellGrid > .cellgrid--past { color: $text-muted; }
    CellGrid > .cellgrid--current { text-style: bold; color: $text; }
    CellGrid > .cellgrid--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    CellGrid:blur > .cellgrid--cursor { background: $block-cursor-blurred-background; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "cellgrid--header",
        "cellgrid--zebra",
        "cellgrid--past",
        "cellgrid--current",
        "cellgrid--cursor",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False, id="grid.up", tooltip="The row above"),
        Binding("down", "move(1)", "Down", show=False, id="grid.down", tooltip="The row below"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="grid.page-up", tooltip="A screenful up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="grid.page-down", tooltip="A screenful down"),
        Binding("home", "jump(0)", "First", show=False, id="grid.first", tooltip="The first row"),
        Binding("end", "jump(-1)", "Last", show=False, id="grid.last", tooltip="The last row"),
        Binding("enter", "select", "Choose", show=False, id="grid.choose", tooltip="Choose the row under the cursor"),
    ]

    cursor_row: reactive[int] = reactive(0)

    @dataclass
    class RowHighlighted(Message):
        """The cursor moved to ``row``."""

        grid: CellGrid
        row: int

        @property
        def control(self) -> CellGrid:
            return self.grid

    @dataclass
    class RowSelected(Message):
        """Enter was pressed on ``row``."""

        grid: CellGrid
        row: int

        @property
        def control(self) -> CellGrid:
            return self.grid

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._headers: list[Cell] = []
        self._widths: list[int] = []
        self._rows: list[tuple[Cell, ...]] = []
        self._kinds: list[str] = []  # "past", "current" or "future", per row
        self._strips: dict[int, tuple[range, Strip, Strip]] = {}  # row -> (columns drawn, first column, those)
        self._style_cache: dict[str, Style] = {}
        self._styles_key: object = None
        self._styled: dict[tuple[Style, str], Style] = {}  # (row style, cell style) -> combined

    # --- data -------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def set_rows(self, headers: list[Cell], rows: list[tuple[Cell, ...]], kinds: list[str]) -> None:
        """Show ``rows``; a row equal to what is shown is not drawn again."""
        widths = [cell_len(h.text) for h in headers]
        for i, column in enumerate(zip(*rows, strict=True)):
            texts = [c.text for c in column]
            longest = max(map(len, texts)) if "".join(texts).isascii() else max(map(_cells, texts))
            widths[i] = max(widths[i], longest)
        widths = [min(w, 40) + 2 for w in widths]
        if headers != self._headers or widths != self._widths or len(rows) != len(self._rows):
            self._headers, self._widths = headers, widths
            self._strips.clear()
            self.refresh()
        else:
            for y, (old, new, old_kind, new_kind) in enumerate(zip(self._rows, rows, self._kinds, kinds, strict=True)):
                if old != new or old_kind != new_kind:
                    self._strips.pop(y, None)
                    self._refresh_row(y)
        self._rows, self._kinds = list(rows), list(kinds)
        self.virtual_size = Size(sum(widths), len(rows) + 1)
        if self.cursor_row >= len(rows):
            self.cursor_row = max(0, len(rows) - 1)

    def _refresh_row(self, row: int) -> None:
        """Redraw data row ``row`` if it is on screen (below the header)."""
        screen_y = row + 1 - round(self.scroll_y)
        if 1 <= screen_y < self.size.height:
            self.refresh(Region(0, screen_y, self.size.width, 1))

    # --- drawing ------------------------------------------------------------------

    def _segment(self, cell: Cell, width: int, base: Style) -> Segment:
        text = cell.text if cell.text.isascii() and cell.text.isprintable() else clean(cell.text, one_line=True)
        size = cell_len(text)
        if size > width - 2:
            text = clip(text, width - 2)
            size = cell_len(text)
        pad = " " * (width - 2 - size)
        body = f" {pad}{text} " if cell.right else f" {text}{pad} "
        if not cell.style:
            return Segment(body, base)
        key = (base, cell.style)
        style = self._styled.get(key)
        if style is None:
            style = self._styled[key] = base + Style.parse(cell.style)
        return Segment(body, style)

    def _render_cells(self, cells: tuple[Cell, ...] | list[Cell], base: Style, columns: range) -> tuple[Strip, Strip]:
        """The first column, and the columns in ``columns`` (the ones on screen)."""
        widths = self._widths
        first = Strip([self._segment(cells[0], widths[0], base)], widths[0]) if cells else Strip([])
        rest = [self._segment(cells[i], widths[i], base) for i in columns if i < len(cells)]
        return first, Strip(rest, sum(widths[i] for i in columns))

    def _visible_columns(self, scroll_x: int) -> tuple[range, int]:
        """The columns after the first that show at ``scroll_x``, and how far into the first of them."""
        widths = self._widths
        left = 0
        start = 1
        while start < len(widths) and left + widths[start] <= scroll_x:
            left += widths[start]
            start += 1
        room = self.size.width - (widths[0] if widths else 0) + (scroll_x - left)
        end = start
        used = 0
        while end < len(widths) and used < room:
            used += widths[end]
            end += 1
        return range(start, end), scroll_x - left

    def _styles(self) -> dict[str, Style]:
        # The grid's own style walks every ancestor: looked up once per theme, focus and colours.
        key = (self.app.theme, self.has_focus, self.styles.background, self.styles.color)
        if key != self._styles_key:  # the theme or the focus changed: everything is drawn anew
            self._styles_key = key
            self._style_cache = {
                name: self.get_component_rich_style(f"cellgrid--{name}")
                for name in ("header", "zebra", "past", "current", "cursor")
            }
            self._style_cache["grid"] = self.rich_style
            self._strips.clear()
        return self._style_cache

    def render_line(self, y: int) -> Strip:
        styles = self._styles()
        width = self.size.width
        scroll_x, scroll_y = round(self.scroll_x), round(self.scroll_y)
        columns, offset = self._visible_columns(scroll_x)
        if y == 0:
            first, rest = self._render_cells(self._headers, styles["header"], columns)
        else:
            row = y - 1 + scroll_y
            if row >= len(self._rows):
                return Strip.blank(width, styles["grid"])
            cached = self._strips.get(row)
            if cached is None or cached[0] != columns:
                kind = self._kinds[row]
                base = styles["grid"] + (styles["zebra"] if row % 2 else Style())
                if kind in ("past", "current"):
                    base = base + styles[kind]
                cached = self._strips[row] = (columns, *self._render_cells(self._rows[row], base, columns))
            _, first, rest = cached
            if row == self.cursor_row:
                first, rest = _over(first, styles["cursor"]), _over(rest, styles["cursor"])
        first_width = self._widths[0] if self._widths else 0
        visible = rest.crop(offset, offset + max(0, width - first_width))
        line = Strip.join([first, visible])
        return line.extend_cell_length(width, styles["grid"]).crop(0, width)

    # --- cursor and scrolling ----------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()
        self.post_message(self.RowHighlighted(self, new))

    def reveal_cursor(self) -> None:
        """Scroll the cursor's row into view (once the grid has its size)."""
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.size.height - 1 - (1 if self.show_horizontal_scrollbar else 0))
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False)

    def move_cursor(self, row: int) -> None:
        if self._rows:
            self.cursor_row = max(0, min(len(self._rows) - 1, row))

    def action_move(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor_row + direction * max(1, self.size.height - 2))

    def action_jump(self, where: int) -> None:
        self.move_cursor(where if where >= 0 else len(self._rows) - 1)

    def action_select(self) -> None:
        if self._rows:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_cursor(event.y - 1 + round(self.scroll_y))

    def on_resize(self) -> None:
        self._scroll_to_cursor()
