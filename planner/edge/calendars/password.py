"""The password of a CalDAV account or a private feed: asked for when needed, never kept.

A plan file is shared, printed and committed, so it holds at most the command
that yields the secret (``password_command = "pass show dav"``), run here with
a time limit; the first line it prints is the password. Without one, the
environment variable ``PLANNER_CALDAV_PASSWORD`` is read. The secret goes to
the server and nowhere else: no message names it, and a failing command's
own output is not repeated (it might echo what it was given).
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping
from typing import Final

from planner.edge.calendars.errors import CalendarError

__all__ = ["COMMAND_SECONDS", "PASSWORD_ENV", "password"]

PASSWORD_ENV: Final = "PLANNER_CALDAV_PASSWORD"
"""Where the password is read from when the plan names no ``password_command``."""
COMMAND_SECONDS: Final = 60.0
"""A password manager may ask for its own passphrase first (a pinentry window): give a person time,
but do not hang forever on one that waits for input it will never get."""


def password(what: str, username: str | None, command: str | None, env: Mapping[str, str] = os.environ) -> str | None:
    """The password for ``username`` (``None`` when there is no user: no login at all).

    ``what`` names the calendar in messages (``calendar work``, ``[publish]``).
    """
    if not username:
        return None
    if command:
        return _run(what, command)
    secret = env.get(PASSWORD_ENV)
    if secret:
        return secret
    raise CalendarError(f"{what}: no password for {username}: set password_command in the plan or ${PASSWORD_ENV}")


def _run(what: str, command: str) -> str:
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise CalendarError(f"{what}: password_command cannot be read ({exc})") from None
    if not argv:
        raise CalendarError(f"{what}: password_command is empty")
    try:
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=COMMAND_SECONDS, check=False)
    except FileNotFoundError:
        raise CalendarError(f"{what}: password_command: {argv[0]} not found") from None
    except subprocess.TimeoutExpired:
        raise CalendarError(f"{what}: password_command gave no answer in {COMMAND_SECONDS:g} s") from None
    except OSError as exc:
        raise CalendarError(f"{what}: password_command: {argv[0]}: {exc.strerror or type(exc).__name__}") from None
    if done.returncode != 0:
        raise CalendarError(f"{what}: password_command failed (exit {done.returncode})")
    lines = done.stdout.decode("utf-8", errors="replace").splitlines()
    if not lines or not lines[0]:
        raise CalendarError(f"{what}: password_command printed no password")
    return lines[0]
