"""The TUI's shape: attributes down, messages up, keys with ids and tooltips, no import loops.

Read from the source (AST), so a view that starts reaching into the app
fails here before it fails a user.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from textual.binding import Binding

ROOT = Path(__file__).resolve().parent.parent
TUI = ROOT / "planner" / "tui"

OTHER_TRACK: set[str] = set()
"""The board and the practice timer are another helper's files, checked in their track."""
BELOW_THE_APP = sorted(
    p
    for p in (*TUI.glob("views/*.py"), *TUI.glob("modals/*.py"), *TUI.glob("widgets/*.py"))
    if p.relative_to(TUI).as_posix() not in OTHER_TRACK and p.name != "__init__.py"
)
BUSINESS = {"plan", "change", "say", "now", "session", "situation", "sync", "apply_edit", "replan", "flush_save"}
"""What the app holds or does for the plan: a view is handed the first and posts messages for the rest."""


def _ids(paths: list[Path]) -> list[str]:
    return [p.relative_to(TUI).as_posix() for p in paths]


@pytest.mark.parametrize("path", BELOW_THE_APP, ids=_ids(BELOW_THE_APP))
def test_no_view_modal_or_widget_reaches_into_the_app(path: Path) -> None:
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "app"
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id == "self"
        ):
            assert node.attr not in BUSINESS and not node.attr.startswith("action_"), (
                f"{path.name}:{node.lineno}: self.app.{node.attr}"
            )
    assert "importlib" not in path.read_text()


def test_the_app_and_the_keys_screen_do_not_import_each_other() -> None:
    def imported(path: Path) -> set[str]:
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
        return names

    assert "planner.tui.app" not in imported(TUI / "modals" / "keys.py")
    assert "planner.tui.modals.keys" in imported(TUI / "app.py")  # the app opens it, handing it the keys


def test_no_type_ignore_in_the_tui() -> None:
    mine = [p for p in TUI.rglob("*.py") if p.relative_to(TUI).as_posix() not in OTHER_TRACK]
    found = [
        f"{p.name}:{n}" for p in mine for n, line in enumerate(p.read_text().splitlines(), 1) if "type: ignore" in line
    ]
    assert found == []


def _binding_owners() -> list[tuple[str, type]]:
    owners = []
    for path in (TUI / "app.py", *BELOW_THE_APP):
        module = importlib.import_module(
            "planner." + path.relative_to(ROOT / "planner").with_suffix("").as_posix().replace("/", ".")
        )
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and vars(cls).get("BINDINGS"):
                owners.append((f"{path.name}:{name}", cls))
    return owners


@pytest.mark.parametrize(("name", "owner"), _binding_owners(), ids=[n for n, _ in _binding_owners()])
def test_every_binding_has_an_id_a_description_and_a_tooltip(name: str, owner: type) -> None:
    for binding in vars(owner)["BINDINGS"]:
        assert isinstance(binding, Binding), (name, binding)
        assert binding.id and binding.description and binding.tooltip, (name, binding.key)
