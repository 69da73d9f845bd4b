"""Arguments: which command, and its flags, built for that command alone.

Start-up time matters (cron, shell prompts), so the parser builds only the
subparser of the command named on the line, and imports only the module
that holds it. ``COMMANDS`` is the one list of commands: a new one is a line
here and a module (or a function in one) that holds its arguments and handler.
"""

# No ``from __future__ import annotations``: ``typing.NamedTuple`` compiles each field annotation
# written as a string into a ForwardRef, which costs more than the rest of the class.
import argparse
import importlib
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, NamedTuple, NoReturn, TextIO

from planner.cli.errors import UsageError

Handler = Callable[[argparse.Namespace], int]

if TYPE_CHECKING:
    from typing import Protocol

    class CommandModule(Protocol):
        """What a module of commands offers: per command name, its arguments and its handler."""

        HANDLERS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Handler]]


__all__ = ["COMMANDS", "Command", "build_parser", "parse"]


class Command(NamedTuple):
    help: str
    module: str
    """The module under ``planner.cli`` that holds its arguments and handler."""
    takes_plan: bool = True
    """Whether it takes ``--plan``, ``--plans-dir`` and ``--today``."""


COMMANDS: Final = {
    "new": Command("make a plan from a shipped template", "change"),
    "templates": Command("list the shipped templates", "show", takes_plan=False),
    "schedule": Command("the weekly schedule", "show"),
    "status": Command("countdown, progress and warnings; exit 1 on a risk", "show"),
    "check": Command("validate the plan file only", "show"),
    "reschedule": Command("move the exam, counting the postponements", "change"),
    "log": Command("record study done", "change"),
    "print": Command("a printable weekly schedule", "show"),
    "export": Command("export the plan (ics: a calendar feed)", "show"),
    "session": Command("a study session that logs itself: start, status, stop", "sessions"),
    "import": Command("import resources (trello: a board export)", "imports"),
    "calendars": Command("the calendars read for busy time (refresh: read them now)", "calendars"),
    "publish": Command("write the study sessions to the [publish] CalDAV calendar", "calendars"),
}

_GLOBAL_WITH_VALUE: Final = ("--plan", "--plans-dir", "--today")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _common(parser: argparse.ArgumentParser, *, sub: bool) -> None:
    default = argparse.SUPPRESS if sub else None
    parser.add_argument(
        "--plan", metavar="PATH|NAME", default=default, help="the plan file, or NAME for plans/NAME.toml"
    )
    parser.add_argument(
        "--plans-dir", metavar="DIR", default=default, help="the plans folder (default: $PLANNER_PLANS or ./plans)"
    )
    parser.add_argument(
        "--today",
        metavar="DATE|DATETIME",
        default=default,
        help="act as if it were this moment (a date means 00:00 in the exam's zone)",
    )


def _positional(argv: list[str]) -> str | None:
    """The first word of ``argv`` that is not an option or an option's value: the subcommand, if any."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in _GLOBAL_WITH_VALUE:
            skip = True
        elif not token.startswith("-"):
            return token
    return None


def _wanted(argv: list[str]) -> str | None:
    """Which subparsers to build: the named command's alone, every one (``""``) for the help or a typo, or none.

    ``planner`` with no command opens the TUI and needs none of them; each costs
    argparse's gettext lookups. The help may be asked as argparse allows, ``--he`` too.
    """
    word = _positional(argv)
    if word in COMMANDS:
        return word
    if word is not None or any(t == "-h" or (len(t) > 2 and "--help".startswith(t)) for t in argv):
        return ""
    return None


def _module(name: str) -> "CommandModule":
    module: CommandModule = importlib.import_module(f"planner.cli.{COMMANDS[name].module}")
    return module


def build_parser(only: str | None = "") -> argparse.ArgumentParser:
    """The parser with the arguments of the subcommand ``only``: ``""`` lists every command by name, ``None`` none."""
    parser = _Parser(
        prog="planner",
        description="Plan backwards from a booked exam. With no command, open the planner in the terminal.",
    )
    _common(parser, sub=False)
    parser.add_argument("--version", action="version", version=f"planner {_version()}")
    subs = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if only:
        names: tuple[str, ...] = (only,)
    else:
        names = tuple(COMMANDS) if only == "" else ()
    for name in names:
        command = COMMANDS[name]
        p = subs.add_parser(name, help=command.help)
        if name != only:
            continue
        if command.takes_plan:
            _common(p, sub=True)
        add_arguments, _ = _module(name).HANDLERS[name]
        add_arguments(p)
    return parser


def parse(argv: list[str]) -> tuple[Handler, argparse.Namespace]:
    """The handler of the command on the line, and its arguments."""
    args = build_parser(_wanted(argv)).parse_args(argv)
    if args.command is None:
        return _tui, args
    return _module(args.command).HANDLERS[args.command][1], args


def _tui(args: argparse.Namespace) -> int:
    from planner.tui.launch import run

    return run(plan=args.plan, plans_dir=args.plans_dir, today=args.today, ready=_need_a_terminal)


def _need_a_terminal() -> None:
    """Started from a pipe, a cron job or with ``< /dev/null``, the app would wait for keys that never
    come, reading the end of its input over and over at full CPU: refused in one line instead (once
    ``--plan`` and ``--today`` are known good, so a bad one is still what is said)."""
    if not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        raise UsageError(
            "the app needs a terminal (its input or output is not one); a script wants a command, "
            "like `planner schedule` or `planner status`"
        )


def _is_terminal(stream: TextIO | None) -> bool:
    """``stream`` is a terminal (``None``, as under ``pythonw``, or a stream without a descriptor, is not)."""
    try:
        return stream is not None and os.isatty(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return False


def _version() -> str:
    from planner import __version__

    return __version__
