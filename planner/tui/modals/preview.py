"""Print preview: this week or the whole plan as it will print, and the files to write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar, Final

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from planner import export
from planner.core.safetext import clean
from planner.core.situation import Situation
from planner.export import ics
from planner.tui.messages import Say
from planner.tui.text import content, error_line, shown_path

PAGE_COLUMNS: Final = 80
"""The text schedule's page width (export/text.py), shown as it prints, never rewrapped to the box."""


def output_paths(plan_path: Path) -> dict[str, Path]:
    """Where the preview writes its files: next to the plan, named after it."""
    stem = plan_path.with_suffix("")
    return {
        "text": stem.with_name(f"{stem.name}-schedule.txt"),
        "html": stem.with_name(f"{stem.name}-schedule.html"),
        "ics": stem.with_name(f"{stem.name}.ics"),
    }


class PreviewScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "toggle_scope", "Week/plan", id="preview.scope", tooltip="This week or the whole plan"),
        Binding("t", "write('text')", "Write .txt", id="preview.text", tooltip="Write the text schedule"),
        Binding("h", "write('html')", "Write .html", id="preview.html", tooltip="Write the printable HTML page"),
        Binding("i", "write('ics')", "Write .ics", id="preview.ics", tooltip="Write the calendar feed"),
        Binding("escape,p", "close", "Close", id="preview.close", tooltip="Back to the plan"),
    ]

    whole_plan: reactive[bool] = reactive(False)

    def __init__(self, situation: Situation, plan_path: Path) -> None:
        super().__init__()
        self._s = situation
        self._plan_path = plan_path
        self._out_paths = output_paths(plan_path)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="preview-dialog"):
            yield Static(id="preview-title", classes="dialog-title")
            yield TextArea(id="preview-text", read_only=True, soft_wrap=False, show_line_numbers=False)
            yield Static(id="preview-written", classes="hint")
            with Horizontal(classes="buttons"):  # compact: all five fit in 80 columns
                yield Button("Week/plan (w)", id="scope", compact=True)
                yield Button("Write .txt (t)", id="write-text", compact=True)
                yield Button("Write .html (h)", id="write-html", variant="primary", compact=True)
                yield Button("Write .ics (i)", id="write-ics", compact=True)
                yield Button("Close", id="close", compact=True)

    def on_mount(self) -> None:
        self._refresh_text()

    def _weeks(self) -> tuple[dt.date | None, dt.date | None]:
        sched = self._s.schedule
        if self.whole_plan:
            return None, None
        week = sched.week_of(sched.today) or (sched.weeks[0] if sched.weeks else None)
        return (week.start, week.end) if week else (None, None)

    def _refresh_text(self) -> None:
        first, last = self._weeks()
        text = export.render(self._s, "text", first=first, last=last).replace("\f", "\n" + "┄" * PAGE_COLUMNS + "\n")
        self.query_one("#preview-text", TextArea).load_text(text)
        self._title()

    def _title(self) -> None:
        scope = "the whole plan" if self.whole_plan else "this week"
        area = self.query_one("#preview-text", TextArea)
        # Narrower than the page: say that the rest is to the right (the page is never rewrapped to fit).
        sideways = " · ← → scroll" if 0 < area.scrollable_content_region.width < PAGE_COLUMNS else ""
        self.query_one("#preview-title", Static).update(
            Content(f"Print preview: {scope} ({PAGE_COLUMNS} columns, a page a week){sideways}")
        )

    def on_resize(self) -> None:
        self.call_after_refresh(self._title)

    def watch_whole_plan(self) -> None:
        if self.is_mounted:
            self._refresh_text()

    def action_toggle_scope(self) -> None:
        self.whole_plan = not self.whole_plan

    @on(Button.Pressed, "#scope")
    def _scope(self) -> None:
        self.action_toggle_scope()

    def action_write(self, what: str) -> None:
        path = self._out_paths[what]
        first, last = self._weeks()
        if what == "ics":
            data = ics.render(self._s)
        else:
            data = export.render(self._s, what, first=first, last=last).encode("utf-8")
        from planner.edge.output import write_output
        from planner.edge.store import SaveError

        written = self.query_one("#preview-written", Static)
        try:
            # As ``-o`` writes: never over the plan, its backup or lock, nor through a link to them.
            write_output(str(path), data, plan=self._plan_path)
        except SaveError as exc:  # OutputRefused included
            refusal = clean(str(exc), one_line=True)
            written.update(error_line(refusal))
            self.post_message(Say(refusal, title="Not written", severity="error"))
            return
        message = f"Wrote {shown_path(path)}"
        written.update(content(message))
        self.post_message(Say(message))

    @on(Button.Pressed, "#write-text")
    def _write_text_file(self) -> None:
        self.action_write("text")

    @on(Button.Pressed, "#write-html")
    def _write_html_file(self) -> None:
        self.action_write("html")

    @on(Button.Pressed, "#write-ics")
    def _write_ics_file(self) -> None:
        self.action_write("ics")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
