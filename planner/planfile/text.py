"""A plan's TOML text: read into a ``Plan`` with positions for errors, and written as a person would.

Values go through ``tomllib`` and ``tomli-w``; only the layout of the
written file is ours (one header per table, short arrays on one line).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from typing import Any, Final

from planner.core.errors import PlanError
from planner.core.model import Plan
from planner.planfile.parse import from_document, to_document

__all__ = ["decode", "dumps", "loads", "render"]

# Patterns, compiled (and cached by ``re``) the first time they are used: reading a valid plan
# needs none of them, and every command pays for what is compiled at import.
_TOML_POSITION: Final = r"\s*\(at line (\d+), column (\d+)\)$"
_TOML_END: Final = r"\s*\(at end of document\)$"


def decode(data: bytes, source: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1  # characters, as tomllib counts
        raise PlanError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the plan as UTF-8",
            source=source,
            line=line,
            column=column,
        ) from None


def loads(text: str | bytes, source: str = "<plan>") -> Plan:
    """The plan in ``text``, or a ``PlanError`` that says where and what is wrong."""
    if isinstance(text, bytes):
        text = decode(text, source)
    elif text.startswith("\ufeff"):
        text = text[1:]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = column = None
        found = re.search(_TOML_POSITION, message)
        if found:
            line, column = int(found[1]), int(found[2])
            message = message[: found.start()]
        elif re.search(_TOML_END, message):
            line = text.count("\n") + 1
            message = re.sub(_TOML_END, "", message)
        message = message[:1].lower() + message[1:]
        raise PlanError(f"not valid TOML: {message}", source=source, line=line, column=column) from None
    except RecursionError:
        raise PlanError("not valid TOML: nested too deeply", source=source) from None
    except ValueError:  # not a TOMLDecodeError: Python's limit on the digits of an integer
        line, column = _longest_digits(text)
        raise PlanError(
            "a number with thousands of digits (more than Python reads)", source=source, line=line, column=column
        ) from None
    try:
        return from_document(doc)
    except PlanError as exc:
        from planner.planfile.locate import locate

        where = locate(text, exc.key) if exc.key else None
        if where:
            raise exc.located(source, *where) from None
        raise exc.located(source) from None


def _longest_digits(text: str) -> tuple[int, int]:
    """The line and column where ``text``'s longest run of digits starts."""
    longest = max(re.finditer(r"[0-9_]+", text), key=lambda m: len(m[0]), default=None)
    if longest is None:
        return 1, 1
    start = longest.start()
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


_HEADER: Final = (
    "# Study plan for planner (format v1). You may edit this file by hand;\n"
    "# the planner checks it when it loads it. Comments are not kept on save.\n"
)


_DATETIME_LINE: Final = r"(?m)^([A-Za-z0-9_-]+ = \d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)$"
_STRING_ARRAY: Final = r'= \[\n((?:    "(?:[^"\\\n]|\\.)*",\n)+)\]'
_SUBTABLES: Final = {"study": ("availability", "start_times")}
_SUB_ARRAYS: Final = {"exam": ("reschedules",), "study": ("blackouts", "overrides"), "practice": ("results",)}


def _inline_scores(scores: dict[str, float]) -> str:
    keys = (k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else f'"{k}"' for k in scores)
    return "{ " + ", ".join(f"{k} = {v!r}" for k, v in zip(keys, scores.values(), strict=True)) + " }"


def _table(dumps: Callable[[dict[str, Any]], str], values: dict[str, Any]) -> str:
    """A table, with a practice result's per-domain scores inline as design.md shows them."""
    if "domains" in values and isinstance(values["domains"], dict):
        values = dict(values)
        scores = values.pop("domains")
        return dumps(values) + f"domains = {_inline_scores(scores)}\n"
    return dumps(values)


def dumps(plan: Plan) -> str:
    """The plan as TOML text laid out like design.md; ``loads(dumps(plan)) == plan``.

    Values are written by tomli-w; only the layout is ours: one ``[table]``
    or ``[[array]]`` header per entry, short string arrays on one line and
    date-times with a ``T``, so the file reads as a person would write it.
    """
    return render(to_document(plan))


def render(doc: dict[str, Any]) -> str:
    """The text of a document as ``to_document`` builds it: its tables and arrays in its order."""
    import tomli_w

    out = [_HEADER, f"schema = {doc['schema']}\n"]
    for section, value in doc.items():
        if isinstance(value, dict):
            table = dict(value)
            subtables = [(name, table.pop(name)) for name in _SUBTABLES.get(section, ()) if name in table]
            arrays = [(name, table.pop(name)) for name in _SUB_ARRAYS.get(section, ()) if name in table]
            out.append(f"\n[{section}]\n{tomli_w.dumps(table)}")
            for name, sub in subtables:
                out.append(f"\n[{section}.{name}]\n{tomli_w.dumps(sub)}")
            for name, items in arrays:
                out.extend(f"\n[[{section}.{name}]]\n{_table(tomli_w.dumps, item)}" for item in items)
        elif isinstance(value, list):
            out.extend(f"\n[[{section}]]\n{tomli_w.dumps(item)}" for item in value)
    text = "".join(out)
    text = re.sub(_DATETIME_LINE, r"\1T\2", text)
    return re.sub(_STRING_ARRAY, lambda m: "= [" + ", ".join(x.strip()[:-1] for x in m[1].splitlines()) + "]", text)
