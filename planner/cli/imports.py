"""``planner import trello EXPORT.json``: the board you already have, as resources of the plan.

The export is read and checked before the plan is opened, so a wrong file
leaves the plan as it was. The report says what was added, updated and
skipped, and which lists found no domain, with the ``--list`` that would map
them. Board text is printed cleaned (one line, no control characters).
"""

from __future__ import annotations

import argparse
import math
import shlex
from typing import TYPE_CHECKING, Final

from planner.cli import context
from planner.cli.errors import EXIT_OK, UsageError
from planner.core.errors import PlanError
from planner.core.safetext import clean, clip, width

if TYPE_CHECKING:
    from planner.core.trello import ListMapping, Report

__all__ = ["HANDLERS"]

_TITLE: Final = 60
"""Columns of a card title in the report: enough to recognise it, short enough for one line."""


def args_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", choices=("trello",), metavar="trello", help="where the export comes from")
    p.add_argument("file", metavar="EXPORT.json", help="the board exported from Trello (Menu > Print and export)")
    p.add_argument(
        "--list",
        dest="lists",
        action="append",
        default=[],
        metavar="NAME=DOMAIN_ID",
        help="put the cards of list NAME in domain DOMAIN_ID (repeat for more lists)",
    )
    p.add_argument("--hours", metavar="H", help="the estimate of a card whose title gives none (default 1)")
    p.add_argument("--dry-run", action="store_true", help="show what would change and write nothing")


def _lists(options: list[str]) -> dict[str, str]:
    out = {}
    for option in options:
        name, sep, domain = option.rpartition("=")
        if not sep or not name.strip() or not domain.strip():
            raise UsageError(f"--list: expected NAME=DOMAIN_ID, got {option!r}")
        out[name.strip()] = domain.strip()
    return out


def _hours(text: str | None) -> float:
    from planner.core.rules import MAX_TARGET_HOURS
    from planner.core.trello import DEFAULT_HOURS

    if text is None:
        return DEFAULT_HOURS
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"--hours: {text!r} is not a number of hours") from None
    if not math.isfinite(value) or not 0 < value <= MAX_TARGET_HOURS:
        raise UsageError(f"--hours: must be more than 0 and at most {MAX_TARGET_HOURS:g}, got {text}")
    return value


def run_import(args: argparse.Namespace) -> int:
    from planner.core import trello
    from planner.core.sessions import local
    from planner.edge import clock, store
    from planner.edge.trello import load_board

    lists, hours = _lists(args.lists), _hours(args.hours)
    board = load_board(args.file)  # a file that is no export stops here, before the plan is opened
    path = context.plan_path(args)
    with store.locked(path):
        loaded = store.load(path)
        zone = clock.plan_zone(loaded.plan)
        today = local(context.now(args, zone), zone).date()
        try:
            result = trello.import_board(loaded.plan, board, today=today, lists=lists, hours=hours)
        except PlanError as exc:
            if exc.key:  # the board made a value the plan does not allow
                raise UsageError(f"{context.shown(path)}: not imported: {exc}") from None
            raise UsageError(f"--list: {exc.message}") from None
        plan = result.plan
        write = not args.dry_run and (result.report.added or result.report.updated)
        if write:
            store.save(path, plan, loaded.fingerprint, warn=context.warn)
    print("\n".join(_report(result.report, context.shown(path), dry_run=args.dry_run)))
    return EXIT_OK


def _line(text: str) -> str:
    return clean(text, one_line=True)


def _report(report: Report, path: str, *, dry_run: bool) -> list[str]:
    counts = (
        f"{len(report.added)} added, {len(report.updated)} updated, {report.unchanged} unchanged,"
        f" {len(report.skipped)} skipped"
    )
    board = f'"{clip(_line(report.board), _TITLE)}"' if report.board.strip() else "the board"
    head = f"Would import {board} into {path}: {counts} (dry run: nothing written)." if dry_run else ""
    lines = [head or f"Imported {board} into {path}: {counts}."]
    if report.lists:
        lines.append("Lists:")
        name_width = min(36, max(width(_line(m.list.name)) for m in report.lists))
        for m in report.lists:
            name = clip(_line(m.list.name), name_width)
            lines.append(f"  {name}{' ' * (name_width - width(name))}  {_where(m)}")
    for title, changes in (("Added:", report.added), ("Updated:", report.updated)):
        if changes:
            lines.append(title)
            for c in changes:
                fields = f" ({', '.join(c.fields)})" if c.fields else ""
                lines.append(f"  {c.id}: {clip(_line(c.title), _TITLE)}{fields}")
    if report.skipped:
        lines.append("Skipped:")
        lines.extend(f"  {clip(_line(s.title), _TITLE)}: {s.reason}" for s in report.skipped)
    return lines


def _where(m: ListMapping) -> str:
    cards = f"{m.cards} card{'s' if m.cards != 1 else ''}"
    if m.how == "done":
        return f"the done list: {cards}, done, for every domain"
    if m.how == "imported":
        return f"-> {m.domain} (as imported before; {cards})"
    if m.domain is not None:
        how = "--list" if m.how == "--list" else f"its {m.how}"
        return f"-> {m.domain} (by {how}; {cards})"
    text = f"not mapped: {cards} for every domain"
    if m.suggestion:
        text += f"; did you mean {m.suggestion}? --list {shlex.quote(_line(m.list.name) + '=' + m.suggestion)}"
    return text


HANDLERS = {"import": (args_import, run_import)}
