"""The toml-test corpus (TOML 1.0 cases) against *our* loader's answers, not against tomllib.

Every invalid document must get a ``PlanError`` that says where: the line
(and the column, where tomllib knows it), in one line of text. Every valid
document is valid TOML but no plan, and must be told what it is missing.
The cases run in groups (one test per corpus folder, naming every document
that fails), so the ~700 documents cost a few tests, not ~700.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from planner.core.errors import PlanError
from planner.planfile.text import loads

# The TOML 1.0 cases of toml-test, vendored with their licence (see SOURCE.txt there).
CORPUS = Path(__file__).resolve().parent / "toml-test"
LISTED = (CORPUS / "files-toml-1.0.0").read_text().split()
_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)$")


def _groups(kind: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for name in LISTED:
        if name.startswith(f"{kind}/") and name.endswith(".toml"):
            groups[name.split("/")[1]].append(name)
    return dict(sorted(groups.items()))


INVALID_GROUPS = _groups("invalid")
VALID_GROUPS = _groups("valid")
INVALID = [name for names in INVALID_GROUPS.values() for name in names]
"""Every invalid document, for tests that run them through the command line."""


def test_the_corpus_is_there() -> None:
    assert len(INVALID) > 400 and sum(map(len, VALID_GROUPS.values())) > 150


def _tomllib_position(data: bytes) -> tuple[int, int] | None:
    """Where tomllib itself says the document breaks (``None``: it does not say, or it is not UTF-8)."""
    try:
        tomllib.loads(data.decode("utf-8").removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        found = _POSITION.search(str(exc))
        return (int(found[1]), int(found[2])) if found else None
    except UnicodeDecodeError:
        return None
    return None


def _problem_with_invalid(name: str) -> str | None:
    """What is wrong with our answer to one invalid document, or ``None`` when it is right."""
    data = (CORPUS / name).read_bytes()
    try:
        loads(data, name)
    except PlanError as error:
        text = str(error)
        lines = data.count(b"\n") + 1
        if "\n" in text or "\r" in text or not text.startswith(f"{name}:"):
            return f"not one line naming the file: {text!r}"
        if error.line is None or not 1 <= error.line <= lines:
            return f"no line (or one outside 1..{lines}): {text!r}"
        expected = _tomllib_position(data)
        if expected is not None and (error.line, error.column) != expected:
            return f"at {error.line}:{error.column}, tomllib says {expected[0]}:{expected[1]}"
        return None
    return "accepted"


@pytest.mark.parametrize("group", list(INVALID_GROUPS))
def test_every_invalid_document_gets_one_line_with_its_position(group: str) -> None:
    problems = {name: p for name in INVALID_GROUPS[group] if (p := _problem_with_invalid(name)) is not None}
    assert problems == {}


def _problem_with_valid(name: str) -> str | None:
    text = (CORPUS / name).read_bytes().decode("utf-8").removeprefix("\ufeff")
    try:
        loads(text, name)
    except PlanError as error:
        said = str(error)
        if "\n" in said or not said.startswith(f"{name}:"):
            return f"not one line naming the file: {said!r}"
        missing = error.key == ("schema",) and "is missing" in error.message and "schema = 1" in error.message
        if not (missing or error.message.startswith("the file is empty")):
            return f"does not say what is missing: {said!r}"
        return None
    return "accepted as a plan"


@pytest.mark.parametrize("group", list(VALID_GROUPS))
def test_a_valid_document_that_is_no_plan_is_told_what_it_misses(group: str) -> None:
    problems = {name: p for name in VALID_GROUPS[group] if (p := _problem_with_valid(name)) is not None}
    assert problems == {}


@pytest.mark.parametrize(
    ("text", "key", "needle"),
    [
        ("", "", "the file is empty"),
        ("# only a comment\n", "", "the file is empty"),
        ('title = "x"\n', "schema", "does not look like a planner plan"),
        ("schema = 1\n", "domains", "is missing (required)"),
        ('schema = 1\n[[domains]]\nid = "a"\nname = "A"\nweight = 1\n', "exam", "is missing (required)"),
    ],
    ids=["empty", "only-comments", "another-document", "schema-only", "no-exam"],
)
def test_a_document_that_is_no_plan_yet_is_told_the_first_thing_it_misses(text: str, key: str, needle: str) -> None:
    with pytest.raises(PlanError) as info:
        loads(text, "p.toml")
    assert ".".join(map(str, info.value.key)) == key
    assert needle in info.value.message
