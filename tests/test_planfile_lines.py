"""Lines as TOML counts them (issue 10, item 7): an error names the line a person's editor shows.

Only LF (or CRLF) ends a line in TOML. U+2028, U+2029 and U+0085 in a
comment or a string are ordinary characters, and must not shift the line
numbers of errors after them, nor the TUI's excerpt; the excerpt's caret
counts terminal cells, so it stays under the culprit after wide characters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_planfile import BASE

from planner.core.errors import PlanError
from planner.core.safetext import width
from planner.planfile.locate import locate, toml_lines
from planner.planfile.text import loads
from planner.tui.modals.load_error import excerpt

SEPARATORS = [("line-separator", "\u2028"), ("paragraph-separator", "\u2029"), ("next-line", "\u0085")]
BAD_WEIGHT = BASE.replace("weight = 60", "weight = -60")
TRUE_LINE = BAD_WEIGHT.split("\n").index("weight = -60") + 1


def error_of(text: str) -> PlanError:
    with pytest.raises(PlanError) as info:
        loads(text, "p.toml")
    return info.value


@pytest.mark.parametrize("char", [c for _, c in SEPARATORS], ids=[n for n, _ in SEPARATORS])
@pytest.mark.parametrize("where", ["comment", "string"])
def test_a_separator_before_an_error_does_not_shift_its_line(char: str, where: str) -> None:
    if where == "comment":
        text = BAD_WEIGHT.replace("[study]", f"# leave{char}booked{char}twice\n[study]")
    else:
        text = BAD_WEIGHT.replace('name = "Ingestion"', f'name = "Ingest{char}ion{char}"')
    shift = 1 if where == "comment" else 0
    error = error_of(text)
    assert (error.line, error.column) == (TRUE_LINE + shift, 1), str(error)
    assert str(error).startswith(f"p.toml:{TRUE_LINE + shift}:1: domains[1].weight:")


@pytest.mark.parametrize("char", [c for _, c in SEPARATORS], ids=[n for n, _ in SEPARATORS])
def test_a_syntax_error_after_a_separator_keeps_tomllib_s_line(char: str) -> None:
    text = BASE.replace("[study]", f"# a{char}b{char}c\n[study]").replace("monday = 1.5", "monday = = 1.5")
    true = text.split("\n").index("monday = = 1.5") + 1
    error = error_of(text)
    assert error.line == true and error.column == 10, str(error)


def test_crlf_lines_are_the_same_lines() -> None:
    error = error_of(BAD_WEIGHT.replace("\n", "\r\n"))
    assert (error.line, error.column) == (TRUE_LINE, 1)
    assert toml_lines("a\r\nb\u2028c\rd\n") == ["a", "b\u2028c\rd", ""]


def test_locate_follows_toml_lines() -> None:
    text = 'schema = 1\n# x\u2028y\u0085z\n[exam]\nname = "a\u2029b"\ndate = 2027-04-05T10:00:00\n'
    assert locate(text, ("exam", "date")) == (5, 1)
    assert locate(text, ("exam", "name")) == (4, 1)


def test_invalid_utf8_names_the_column_in_characters() -> None:
    with pytest.raises(PlanError) as info:
        loads("schema = 1\n# café – \xff\n".encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff"), "p.toml")
    assert (info.value.line, info.value.column) == (2, 10), "after 9 characters (12 bytes)"


def _caret_line(content: str, number: int) -> tuple[str, str]:
    lines = content.split("\n")
    at = next(i for i, line in enumerate(lines) if re.match(rf"\s*{number} │ ", line))
    return lines[at], lines[at + 1]


@pytest.mark.parametrize(
    ("before", "needle"),
    [("日本語のメモ", "wide"), ("café", "accented"), ("a\tb", "tab"), ("x\u2028y", "separator")],
    ids=["wide", "accented", "tab", "separator"],
)
def test_the_excerpt_caret_sits_under_the_culprit(tmp_path: Path, before: str, needle: str) -> None:
    text = BASE.replace("[study]", f"# {needle}\u2028note\n[study]").replace(
        'name = "Ingestion"', f'name = "{before}" oops'
    )
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    error = error_of(text)
    assert error.line == text.split("\n").index(f'name = "{before}" oops') + 1
    shown, caret = _caret_line(excerpt(path, error.line, error.column).plain, error.line)
    assert "oops" in shown
    prefix = shown.split("│ ", 1)[1]
    cells_to_culprit = width(prefix[: prefix.index("oops")])
    assert caret.index("^") - 8 == cells_to_culprit
