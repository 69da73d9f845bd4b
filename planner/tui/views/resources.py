"""Resources: a board with one list per domain, cards with priority labels.

People keep exam notes as a kanban board, one list per domain; this is that
board over the plan's resources. A resource that covers several domains
shows in each of their lists with its share of the hours there, so the lists
add up to the resources' total; one that covers all domains has its own list.

The view is shown a ``Situation`` and posts every change up as
``EditRequested``; it never reaches into the app for the plan.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Final

from textual import events, on
from textual.app import ComposeResult
from textual.await_remove import AwaitRemove
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, HorizontalScroll, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import AwaitMount
from textual.widgets import OptionList, Select, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from planner.core import fmt
from planner.core.edits import add_resource, delete_resource, set_resource_status, update_resource
from planner.core.model import PRIORITIES, STATUSES, Plan, Resource
from planner.tui import links
from planner.tui.messages import EditRequested, Say
from planner.tui.modals.confirm import ConfirmScreen
from planner.tui.modals.resource_form import ResourceForm
from planner.tui.text import content
from planner.tui.views.base import SessionTarget, ShowsSituation
from planner.tui.views.board import ALL_DOMAINS, LIST_CELLS, Column, card, columns, due_by

if TYPE_CHECKING:
    from planner.core.situation import Situation

__all__ = ["ResourceList", "ResourcesView"]

NEXT_STATUS: Final = {"todo": "doing", "doing": "done", "done": "todo"}
"""What ticking a card moves it to: round the three states."""


class ResourceList(OptionList):
    """One list of the board; Enter or a click on a card edits it, ←/→ go to the next list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left", "step(-1)", "List ←", id="resources.previous", tooltip="Go to the list on the left", show=False
        ),
        Binding("right", "step(1)", "List →", id="resources.next", tooltip="Go to the list on the right", show=False),
    ]

    @dataclass
    class Step(Message):
        """Move the keyboard ``step`` lists along from ``origin``."""

        origin: ResourceList
        step: int

    def __init__(self, *options: Option | None, domain_id: str, id: str) -> None:
        super().__init__(*options, id=id, classes="board-list")
        self.domain_id = domain_id
        """The list's domain, or ``ALL_DOMAINS``."""

    def action_step(self, step: int) -> None:
        self.post_message(self.Step(self, step))

    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None


def _options(cards: list[tuple[Resource, Content]]) -> list[Option | None]:
    """Cards with a rule between them (``None`` is a separator to ``OptionList``)."""
    out: list[Option | None] = []
    for k, (r, prompt) in enumerate(cards):
        if k:
            out.append(None)
        out.append(Option(prompt, id=r.id))
    return out


class ResourcesView(ShowsSituation, Vertical):
    """The board, its filters and its keys; every change goes up as ``EditRequested``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "cycle", "Todo/doing/done", id="resources.cycle", tooltip="Cycle the status of the card"),
        Binding("a", "add", "Add", id="resources.add", tooltip="Add a resource"),
        Binding("e", "edit", "Edit", id="resources.edit", tooltip="Edit the selected resource"),
        Binding("d,delete", "delete", "Delete", id="resources.delete", tooltip="Delete the selected resource"),
        Binding("o", "open", "Open URL", id="resources.open", tooltip="Open the resource's link in the browser"),
        Binding(
            "i", "import_trello", "Import", id="resources.import", tooltip="Import a Trello board (a preview first)"
        ),
    ]

    crowded: reactive[bool] = reactive(False)
    """The lists do not all fit side by side: each keeps ``LIST_CELLS`` and the board scrolls."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._layout: tuple[tuple[str, tuple[str, ...]], ...] = ()
        self._prompts: dict[tuple[str, str], Content] = {}
        self._titles: dict[str, Content] = {}
        self._situation: Situation | None = None
        self._focus_next: str | None = None
        """A resource to give the keyboard to once the board shows it (one just added)."""
        self._building = False
        """Lists are being mounted: a ``show`` meanwhile waits for them."""
        self._focus_wanted = False
        """``focus_main`` came before the board had lists."""

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
        if self._building:
            return  # drawn once the lists being mounted are there (``_settle``)
        plan = s.plan
        visible = self._visible(plan)
        lists = columns(plan, visible)
        due = due_by(s.schedule)
        prompts = {(c.id, r.id): card(r, hours, due.get(r.id)) for c in lists for r, hours in c.cards}
        layout = tuple((c.id, tuple(r.id for r, _ in c.cards)) for c in lists)
        if layout != self._layout:
            self._rebuild(lists, prompts)
            self._layout = layout
        else:
            self._update(lists, prompts)
        self._prompts = prompts
        self._titles = {c.id: c.title() for c in lists}
        done = sum(1 for r in plan.resources if r.status == "done")
        hours = fmt.hours_h(round(sum(r.hours for r in visible), 2))
        summary = f"{len(visible)} shown · {done}/{len(plan.resources)} done · {hours}"
        self.query_one("#resource-summary", Static).update(Content(summary))
        self._measure()

    def _measure(self) -> None:
        lists = len(self._layout)
        self.crowded = lists * LIST_CELLS > self.query_one("#board", HorizontalScroll).size.width

    def on_resize(self) -> None:
        super().on_resize()
        self._measure()

    def watch_crowded(self, crowded: bool) -> None:
        self.set_class(crowded, "crowded")

    def _rebuild(self, lists: list[Column], prompts: dict[tuple[str, str], Content]) -> None:
        """Mount the lists afresh (cards moved between lists, or lists came and went)."""
        keep = self._focus_next or self._selected_id()
        self._focus_next = None
        board = self.query_one("#board", HorizontalScroll)
        widgets = []
        for c in lists:
            list_id = c.widget_id
            header = Static(c.title(), id=f"{list_id}-title", classes="column-title")
            options = _options([(r, prompts[(c.id, r.id)]) for r, _ in c.cards])
            widgets.append(Vertical(header, ResourceList(*options, domain_id=c.id, id=list_id), classes="board-column"))
        self._building = True
        removed = board.remove_children()
        self.call_next(self._settle, removed, board.mount_all(widgets), self._situation, keep)

    async def _settle(
        self, removed: AwaitRemove, mounted: AwaitMount, drawn: Situation | None, keep: str | None
    ) -> None:
        """Once the new lists are mounted: the keyboard back on its card, and any situation shown meanwhile."""
        await removed
        await mounted
        self._building = False
        if keep is not None:
            self._focus_resource(keep)
        elif self._focus_wanted:
            self._focus_first_list()
        self._focus_wanted = False
        if self._situation is not None and self._situation is not drawn:
            self.show(self._situation)

    def _update(self, lists: list[Column], prompts: dict[tuple[str, str], Content]) -> None:
        """Redraw only the titles and cards that changed (the lists hold the same cards)."""
        for c in lists:
            list_id = c.widget_id
            title = c.title()
            if self._titles.get(c.id) != title:
                self.query_one(f"#{list_id}-title", Static).update(title, layout=False)
            lst = self.query_one(f"#{list_id}", ResourceList)
            for r, _ in c.cards:
                prompt = prompts[(c.id, r.id)]
                if self._prompts.get((c.id, r.id)) != prompt:
                    lst.replace_option_prompt(r.id, prompt)
        if self._focus_next is not None:
            self._focus_resource(self._focus_next)
            self._focus_next = None

    def focus_main(self) -> None:
        if self._building or not self._focus_first_list():
            self._focus_wanted = True  # the board is not built yet: ``_settle`` focuses it

    def _lists(self) -> list[ResourceList]:
        return list(self.query(ResourceList))

    def _focus_first_list(self) -> bool:
        """Focus the board's first list; False when there is none."""
        lists = self._lists()
        if lists:
            lists[0].focus()
        return bool(lists)

    def _focus_resource(self, resource_id: str) -> None:
        for lst in self._lists():
            try:
                index = lst.get_option_index(resource_id)
            except OptionDoesNotExist:
                continue
            lst.highlighted = index
            lst.focus()
            return

    @on(ResourceList.Step)
    def _step(self, event: ResourceList.Step) -> None:
        event.stop()
        lists = self._lists()
        k = lists.index(event.origin) + event.step
        if 0 <= k < len(lists):
            target = lists[k]
            if target.highlighted is None and target.option_count:
                target.highlighted = 0
            target.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The list with the keyboard shows it in its title (``current``; ``:focus-within`` misses siblings)."""
        current = event.widget.parent if isinstance(event.widget, ResourceList) else None
        for column in self.query(".board-column"):
            column.set_class(column is current, "current")

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        if self._situation is not None:
            self.show(self._situation)

    # --- selection and actions --------------------------------------------------------

    def _selected_id(self) -> str | None:
        focused = self.screen.focused if self.is_attached else None
        lists = [focused] if isinstance(focused, ResourceList) else self._lists()
        for lst in lists:
            rid = lst.highlighted_id()
            if rid is not None:
                return rid
        return None

    def _selected_resource(self) -> Resource | None:
        rid = self._selected_id()
        return self._situation.plan.resource(rid) if self._situation is not None and rid else None

    def session_target(self) -> SessionTarget | None:
        """The highlighted card, on the list's domain (a card of "All domains" leaves the domain to ask)."""
        focused = self.screen.focused if self.is_attached else None
        if not isinstance(focused, ResourceList):
            return None
        domain = None if focused.domain_id == ALL_DOMAINS else focused.domain_id
        return SessionTarget(domain, focused.highlighted_id())

    def _today(self) -> dt.date:
        assert self._situation is not None
        now = self._situation.now
        return dt.date(now.year, now.month, now.day)

    def action_cycle(self) -> None:
        r = self._selected_resource()
        if r is None:
            return
        status = NEXT_STATUS[r.status]
        edit = functools.partial(set_resource_status, resource_id=r.id, status=status, today=self._today())
        self.post_message(EditRequested(edit, f"mark {r.id} {status}"))

    def action_add(self) -> None:
        if self._situation is None:
            return
        focused = self.screen.focused
        domain = None
        if isinstance(focused, ResourceList) and focused.domain_id != ALL_DOMAINS:
            domain = focused.domain_id

        def done(resource: Resource | None) -> None:
            if resource is not None:
                self._focus_next = resource.id
                self.post_message(
                    EditRequested(functools.partial(add_resource, resource=resource), f"add {resource.id}")
                )

        form = ResourceForm(self._situation.plan, None, today=self._today(), default_domain=domain)
        self.app.push_screen(form, done)

    def action_edit(self) -> None:
        r = self._selected_resource()
        if r is None or self._situation is None:
            return

        def done(resource: Resource | None) -> None:
            if resource is not None:
                self._focus_next = resource.id
                edit = functools.partial(update_resource, resource_id=r.id, resource=resource)
                self.post_message(EditRequested(edit, f"edit {resource.id}"))

        self.app.push_screen(ResourceForm(self._situation.plan, r, today=self._today()), done)

    def action_delete(self) -> None:
        r = self._selected_resource()
        if r is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.post_message(EditRequested(functools.partial(delete_resource, resource_id=r.id), f"delete {r.id}"))

        question = Content.assemble("Delete ", content(r.title, "bold"), "? (ctrl+z brings it back)")
        self.app.push_screen(ConfirmScreen(question), done)

    def action_open(self) -> None:
        r = self._selected_resource()
        if r is None:
            return
        if not r.url:
            self.post_message(Say("This resource has no URL"))
        elif not r.url.startswith(("https://", "http://")):
            self.post_message(Say("Only http and https links are opened", severity="warning"))
        elif links.open_in_browser(r.url):
            self.post_message(Say(f"Opened {r.url}"))
        else:
            self.post_message(Say(f"No browser could be opened from here; the link: {r.url}", severity="warning"))

    def action_import_trello(self) -> None:
        if self._situation is None:
            return
        from planner.tui import usecases
        from planner.tui.modals.trello_import import ImportRequest, TrelloImport

        today = self._today()

        def done(request: ImportRequest | None) -> None:
            if request is None:
                return
            edit = functools.partial(
                usecases.import_board, board=request.board, today=today, lists=request.lists, hours=request.hours
            )
            self.post_message(EditRequested(edit, "import a Trello board"))
            self.post_message(Say(request.said, title="Trello"))

        self.app.push_screen(TrelloImport(self._situation.plan, today), done)

    @on(OptionList.OptionSelected)
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()
