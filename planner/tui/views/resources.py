"""Resources: a board with one list per domain, cards with priority labels.

People keep exam notes as a kanban board, one list per domain; this is that
board over the plan's resources. A resource that covers several domains
shows in each of their lists; one that covers all of them has its own list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, HorizontalScroll, Vertical
from textual.content import Content
from textual.widgets import OptionList, Select, Static
from textual.widgets.option_list import Option

from planner.core.engine import ResourcePlan
from planner.core.model import PRIORITIES, STATUSES, Plan, Resource
from planner.tui.text import content
from planner.tui.views.base import ShowsSituation

if TYPE_CHECKING:
    from planner.core.situation import Situation

ALL_DOMAINS = "*all*"
NEXT_STATUS = {"todo": "doing", "doing": "done", "done": "todo"}
PRIORITY_STYLE = {"high": "bold $error", "medium": "bold $warning", "low": "bold $success"}
STATUS_STYLE = {"todo": "", "doing": "$warning", "done": "$text-muted strike"}
CARD_WIDTH = 30
"""Cells of a card's first line: the priority label and a space (4), then the title."""


def card(r: Resource, p: ResourcePlan | None) -> Content:
    """A resource as a two-line card: priority label and title, then kind, hours, week and status."""
    due = f"due {p.due_week:%d %b}" if p is not None and p.due_week else "no week"
    head = Content.assemble(
        (f" {r.priority[0].upper()} ", PRIORITY_STYLE[r.priority] + " reverse"),
        " ",
        content(r.title, STATUS_STYLE[r.status], width=CARD_WIDTH - 4),
    )
    state = (f" · {r.status}", "bold " + STATUS_STYLE[r.status]) if r.status != "todo" else ""
    meta = Content.assemble((f"{r.kind} · {r.hours:g} h · {due}", "$text-muted"), state)
    return Content("\n").join([head, meta])


class ResourceList(OptionList):
    """One column of the board; Enter or a click on a card edits it."""

    def __init__(self, *options: Option, domain_id: str, id: str) -> None:
        super().__init__(*options, id=id, classes="board-list")
        self.domain_id = domain_id
        """The column's domain, or ``ALL_DOMAINS``."""


class ResourcesView(ShowsSituation, Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "cycle", "Todo/doing/done", id="resources.cycle", tooltip="Cycle the status of the card"),
        Binding("a", "add", "Add", id="resources.add", tooltip="Add a resource"),
        Binding("e", "edit", "Edit", id="resources.edit", tooltip="Edit the selected resource"),
        Binding("d,delete", "delete", "Delete", id="resources.delete", tooltip="Delete the selected resource"),
        Binding("o", "open", "Open URL", id="resources.open", tooltip="Open the resource's link in the browser"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._board_layout: tuple = ()
        self._prompts: dict[tuple[str, str], Content] = {}
        self._titles: dict[str, Content] = {}
        self._situation: Situation | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="resource-filters"):
            yield Select([(p, p) for p in PRIORITIES], prompt="any priority", id="filter-priority", compact=True)
            yield Select([(s, s) for s in STATUSES], prompt="any status", id="filter-status", compact=True)
            yield Static(id="resource-summary")
        yield HorizontalScroll(id="board")

    # --- drawing ----------------------------------------------------------------

    def _visible(self, plan: Plan) -> list[Resource]:
        priority = self.query_one("#filter-priority", Select).value
        status = self.query_one("#filter-status", Select).value
        return [
            r
            for r in plan.resources
            if (priority is Select.NULL or r.priority == priority) and (status is Select.NULL or r.status == status)
        ]

    def show(self, s: Situation) -> None:
        self._situation = s
        plan = s.plan
        due = {p.id: p for p in s.schedule.resources}
        visible = self._visible(plan)
        columns: list[tuple[str, str, list[Resource]]] = [(d.id, d.name, []) for d in plan.domains]
        by_id = {c[0]: c for c in columns}
        everywhere: list[Resource] = []
        for r in visible:
            if not r.domains:
                everywhere.append(r)
            for domain_id in r.domains:
                by_id[domain_id][2].append(r)
        if everywhere or not plan.resources:
            columns.insert(0, (ALL_DOMAINS, "All domains", everywhere))
        layout = tuple((cid, tuple(r.id for r in items)) for cid, _, items in columns)
        position = {d.id: k for k, d in enumerate(plan.domains)}
        column_ids = {cid: _column_id(position.get(cid, -1), cid) for cid, _, _ in columns}
        board = self.query_one("#board", HorizontalScroll)
        if layout != self._board_layout:
            focused_id = self._selected_id()
            board.remove_children()
            widgets = []
            self._prompts = {}
            self._titles = {cid: _column_title(name, items) for cid, name, items in columns}
            for cid, _, items in columns:
                header = Static(self._titles[cid], id=f"{column_ids[cid]}-title", classes="column-title")
                options = []
                for r in items:
                    prompt = card(r, due.get(r.id))
                    self._prompts[(cid, r.id)] = prompt
                    options.append(Option(prompt, id=r.id))
                lst = ResourceList(*options, domain_id=cid, id=column_ids[cid])
                widgets.append(Vertical(header, lst, classes="board-column"))
            board.mount_all(widgets)
            self._board_layout = layout
            if focused_id is not None:
                self.call_after_refresh(self._focus_resource, focused_id)
        else:
            for cid, name, items in columns:
                title = _column_title(name, items)
                if self._titles.get(cid) != title:  # hours and counts change when a card is edited
                    self.query_one(f"#{column_ids[cid]}-title", Static).update(title, layout=False)
                self._titles[cid] = title
                lst = self.query_one(f"#{column_ids[cid]}", ResourceList)
                for r in items:
                    prompt = card(r, due.get(r.id))
                    if self._prompts.get((cid, r.id)) != prompt:
                        lst.replace_option_prompt(r.id, prompt)
                        self._prompts[(cid, r.id)] = prompt
        done = sum(1 for r in plan.resources if r.status == "done")
        summary = f"{len(visible)} shown · {done}/{len(plan.resources)} done"
        self.query_one("#resource-summary", Static).update(Content(summary))

    def focus_main(self) -> None:
        if not self._focus_first_list() and self.is_mounted:  # the board is not built yet
            self.call_after_refresh(self._focus_first_list)

    def _focus_first_list(self) -> bool:
        """Focus the board's first list; False when there is none."""
        for lst in self.query(ResourceList):
            lst.focus()
            return True
        return False

    def _focus_resource(self, resource_id: str) -> None:
        for lst in self.query(ResourceList):
            try:
                index = lst.get_option_index(resource_id)
            except Exception:
                continue
            lst.highlighted = index
            lst.focus()
            return

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        if self._situation is not None:
            self.show(self._situation)

    # --- selection and actions --------------------------------------------------------

    def _selected_id(self) -> str | None:
        focused = self.app.focused
        lists = [focused] if isinstance(focused, ResourceList) else list(self.query(ResourceList))
        for lst in lists:
            option = lst.highlighted_option
            if option is not None and option.id is not None:
                return option.id
        return None

    def _selected_resource(self) -> Resource | None:
        plan = self.app.plan  # type: ignore[attr-defined]
        rid = self._selected_id()
        return plan.resource(rid) if plan is not None and rid else None

    def _replace_resource(self, resource: Resource, label: str) -> None:
        plan: Plan = self.app.plan  # type: ignore[attr-defined]
        resources = tuple(resource if r.id == resource.id else r for r in plan.resources)
        self.app.change(dataclasses.replace(plan, resources=resources), label)  # type: ignore[attr-defined]

    def action_cycle(self) -> None:
        r = self._selected_resource()
        if r is None:
            return
        status = NEXT_STATUS[r.status]
        today: dt.date = self.app.now().date()  # type: ignore[attr-defined]
        done_on = dt.date(today.year, today.month, today.day) if status == "done" else None
        self._replace_resource(dataclasses.replace(r, status=status, done_on=done_on), f"mark {r.id} {status}")

    def action_add(self) -> None:
        from planner.tui.modals.resource_form import ResourceForm

        plan: Plan | None = self.app.plan  # type: ignore[attr-defined]
        if plan is None:
            return
        focused = self.app.focused
        domain = None
        if isinstance(focused, ResourceList) and focused.domain_id != ALL_DOMAINS:
            domain = focused.domain_id

        def done(resource: Resource | None) -> None:
            current: Plan | None = self.app.plan  # type: ignore[attr-defined]
            if resource is not None and current is not None:
                self.app.change(  # type: ignore[attr-defined]
                    dataclasses.replace(current, resources=(*current.resources, resource)), f"add {resource.id}"
                )
                self.call_after_refresh(self._focus_resource, resource.id)

        self.app.push_screen(ResourceForm(plan, None, default_domain=domain), done)

    def action_edit(self) -> None:
        from planner.tui.modals.resource_form import ResourceForm

        r = self._selected_resource()
        if r is None:
            return

        def done(resource: Resource | None) -> None:
            current: Plan | None = self.app.plan  # type: ignore[attr-defined]
            if resource is not None and current is not None:
                resources = tuple(resource if x.id == r.id else x for x in current.resources)
                log = current.log
                if resource.id != r.id:  # a renamed id keeps its log entries
                    log = tuple(dataclasses.replace(e, resource=resource.id) if e.resource == r.id else e for e in log)
                self.app.change(  # type: ignore[attr-defined]
                    dataclasses.replace(current, resources=resources, log=log), f"edit {resource.id}"
                )

        self.app.push_screen(ResourceForm(self.app.plan, r), done)  # type: ignore[attr-defined]

    def action_delete(self) -> None:
        from planner.tui.modals.confirm import ConfirmScreen

        r = self._selected_resource()
        if r is None:
            return

        def done(yes: bool | None) -> None:
            current: Plan | None = self.app.plan  # type: ignore[attr-defined]
            if yes and current is not None:
                log = tuple(dataclasses.replace(e, resource=None) if e.resource == r.id else e for e in current.log)
                resources = tuple(x for x in current.resources if x.id != r.id)
                self.app.change(  # type: ignore[attr-defined]
                    dataclasses.replace(current, resources=resources, log=log), f"delete {r.id}"
                )

        self.app.push_screen(
            ConfirmScreen(Content.assemble("Delete ", content(r.title, "bold"), "? (ctrl+z brings it back)")), done
        )

    def action_open(self) -> None:
        r = self._selected_resource()
        if r is None:
            return
        if not r.url:
            self.app.say("This resource has no URL")  # type: ignore[attr-defined]
            return
        if not r.url.startswith(("https://", "http://")):
            self.app.say("Only http and https links are opened", severity="warning")  # type: ignore[attr-defined]
            return
        self.app.open_url(r.url)
        self.app.say(f"Opened {r.url}")  # type: ignore[attr-defined]

    @on(OptionList.OptionSelected)
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()


def _column_title(name: str, items: list[Resource]) -> Content:
    hours = sum(r.hours for r in items)
    done = sum(1 for r in items if r.status == "done")
    return Content.assemble(content(name, "bold", width=28), f"\n{len(items)} · {done} done · {hours:g} h")


def _column_id(position: int, domain_id: str) -> str:
    """Widget ids come from the domain's place in the plan: ids like ``a.b`` and ``a_b`` must not collide."""
    return "col-all" if domain_id == ALL_DOMAINS else f"col-{position}"
