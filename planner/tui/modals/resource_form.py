"""Add or edit a resource: title, url, kind, domains, hours, priority, status, notes.

The form is handed the plan and today, checks the resource by applying the
same edit the board will post (so an error shows in the form, next to the
fields), and is dismissed with the resource.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar, Final

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from planner.core import rules
from planner.core.edits import add_resource, update_resource
from planner.core.errors import PlanError, format_key
from planner.core.model import KINDS, PRIORITIES, STATUSES, Plan, Resource, replace
from planner.core.safetext import clean
from planner.tui.text import content, error_line, kept
from planner.tui.widgets.textfield import TextField

_CHOICES: Final = (
    ("kind", "Kind", KINDS, "course"),
    ("priority", "Priority", PRIORITIES, "medium"),
    ("status", "Status", STATUSES, "todo"),
)
"""The resource's fields picked from a list: key, label, choices, and the loader's default."""

__all__ = ["ResourceForm", "slug"]


def slug(title: str, taken: set[str]) -> str:
    """An id from a title: lower case words joined by dashes, unique among ``taken``."""
    base = "-".join(re.findall(r"[a-z0-9]+", title.lower()))[:40].strip("-") or "resource"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class ResourceForm(ModalScreen[Resource | None]):
    """The fields of one resource; dismissed with the resource once it fits the plan, or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="resourceform.cancel", tooltip="Close the form, changing nothing"),
        Binding("ctrl+enter,ctrl+j", "submit", "Save", id="resourceform.save", tooltip="Check and save the resource"),
    ]

    def __init__(
        self, plan: Plan, resource: Resource | None, *, today: dt.date, default_domain: str | None = None
    ) -> None:
        super().__init__()
        self._plan = plan
        self._resource = resource
        self._today = today
        self._default_domain = default_domain

    def compose(self) -> ComposeResult:
        r = self._resource
        with Vertical(classes="dialog wide"):
            yield Static("Edit resource" if r else "Add a resource", classes="dialog-title")
            with VerticalScroll(classes="form-body"):
                for key, title, value in (
                    ("title", "Title", clean(r.title, one_line=True) if r else ""),
                    ("id", "Id", r.id if r else ""),
                    ("url", "URL", clean(r.url or "", one_line=True) if r else ""),
                    ("hours", "Hours", f"{r.hours:g}" if r else ""),
                    ("notes", "Notes", clean(r.notes, one_line=True) if r else ""),
                ):
                    with Horizontal(classes="field-row"):
                        yield Label(title, classes="field-label")
                        yield TextField(
                            value,
                            id=f"res-{key}",
                            compact=True,
                            placeholder="from the title" if key == "id" else "",
                            select_on_focus=False,  # a stray key must not replace the whole title
                        )
                with Horizontal(classes="field-row", id="res-choices"):
                    for n, (key, title, choices, default) in enumerate(_CHOICES):
                        yield Label(title, classes="field-label" if n == 0 else "field-label inline-label")
                        yield Select(
                            [(c, c) for c in choices],
                            value=getattr(r, key) if r else default,
                            allow_blank=False,
                            id=f"res-{key}",
                            compact=True,
                        )
                yield Label("Domains (none ticked: all, split by weight)")
                chosen = set(r.domains) if r else ({self._default_domain} if self._default_domain else set())
                yield SelectionList[str](
                    *(Selection(content(d.name), d.id, d.id in chosen) for d in self._plan.domains),
                    id="res-domains",
                )
            yield Static(id="res-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#res-title", Input).focus()

    def _field_value(self, key: str) -> str:
        return self.query_one(f"#res-{key}", Input).value

    def _choice(self, key: str) -> str:
        return str(self.query_one(f"#res-{key}", Select).value)

    def _kept(self, key: str, original: str | None) -> str:
        return kept(self._field_value(key), original)

    def _build_resource(self) -> Resource:
        taken = {x.id for x in self._plan.resources if self._resource is None or x.id != self._resource.id}
        original = self._resource
        title = self._kept("title", original.title if original else None)
        rid = self._field_value("id").strip() or slug(title, taken)
        hours = rules.parse_estimate(self._field_value("hours"), "hours")
        if rid in taken:
            raise PlanError(f"id: {rid!r} is used by another resource")
        base = self._resource or Resource(id=rid, title=title, hours=hours)
        status = self._choice("status")
        done_on = base.done_on
        if status == "done" and base.status != "done":
            done_on = self._today
        elif status != "done":
            done_on = None
        return replace(
            base,
            id=rid,
            title=title,
            url=self._kept("url", original.url if original else None).strip() or None,
            kind=self._choice("kind"),
            domains=tuple(self.query_one("#res-domains", SelectionList).selected),
            hours=hours,
            priority=self._choice("priority"),
            status=status,
            done_on=done_on,
            notes=self._kept("notes", original.notes if original else None),
        )

    def action_submit(self) -> None:
        try:
            resource = self._build_resource()
            if self._resource is None:
                add_resource(self._plan, resource)
            else:
                update_resource(self._plan, self._resource.id, resource)
        except PlanError as exc:
            where = format_key(exc.key[2:]) if exc.key[:1] == ("resources",) else format_key(exc.key)
            text = f"{where}: {exc.message}" if where else str(exc)
            self.query_one("#res-error", Static).update(error_line(text))
            return
        self.dismiss(resource)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
