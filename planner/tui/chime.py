"""The signal at the end of a focus phase: a desktop notification, else the terminal's bell.

A break nobody notices is no break, and the planner's window is rarely the
one in front: a desktop notification (``notify-send``, when it is installed)
reaches the person wherever they are; without it the terminal bell rings.
The notification's text is ours alone (never plan text), and the program is
run without a shell, off the event loop, and given a few seconds at most.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Final

__all__ = ["NOTIFY_SEND", "desktop", "notifier"]

NOTIFY_SEND: Final = "notify-send"
"""The freedesktop notification program (libnotify), found on the PATH."""
NOTIFY_TIMEOUT_SECONDS: Final = 5.0
"""A notification daemon that does not answer must not leave a process behind for long."""


def notifier() -> str | None:
    """The path of ``notify-send`` when it is on the PATH, else ``None`` (ring the bell instead)."""
    return shutil.which(NOTIFY_SEND)


def desktop(program: str, title: str, body: str) -> bool:
    """Send one desktop notification with ``program``; False when it could not be sent (ring the bell then)."""
    try:
        done = subprocess.run(
            [program, "--app-name=planner", title, body],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=NOTIFY_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0
