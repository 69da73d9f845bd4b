"""Noticing that the terminal went away, so the app keeps the plan and leaves rather than spin or hang.

A closed terminal window or a dropped ssh connection hangs the terminal up.
A program the terminal's shell ran directly is sent SIGHUP; one started by
``make run`` or a script often is not, and Textual 8.2's input thread then
reads the end of the input again and again, a CPU kept busy for ever. So
both are watched: SIGHUP, and, on a timer, an input that is no longer a
terminal (``isatty`` turns false once it hangs up; nothing is read from it).

Textual's writer thread dies on the first write to a hung-up terminal, and
the next thirty frames fill its queue: the app then blocks for ever in a
write, before it can notice anything. ``safe_driver`` gives the app a Linux
driver whose output drops what cannot be written once the terminal is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import io
import os
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from textual.app import App
    from textual.driver import Driver

__all__ = ["HANG_UP_EXIT", "safe_driver", "watch"]

POLL_SECONDS: Final = 1.0
"""How often the input is looked at: a second of a spinning CPU at most, for a check that costs microseconds."""
HANG_UP_EXIT: Final = 128 + 1
"""The exit status of a program ended by SIGHUP, as shells report it."""


def watch(app: App[Any], gone: Callable[[], None]) -> None:
    """Call ``gone`` once when ``app``'s terminal hangs up (nothing is watched without a terminal: tests, headless)."""
    stdin = sys.__stdin__
    if app.is_headless or stdin is None:
        return
    try:
        fd = stdin.fileno()
    except (OSError, ValueError):
        return
    called = False

    def once() -> None:
        nonlocal called
        if not called:
            called = True
            gone()

    hang_up = getattr(signal, "SIGHUP", None)
    if hang_up is not None:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(hang_up, once)

    def look() -> None:
        if not os.isatty(fd):
            once()

    app.set_interval(POLL_SECONDS, look, name="terminal-poll")


class _Output(io.TextIOWrapper):
    """The terminal as the writer thread writes to it: once a write fails (it hung up), the rest are dropped."""

    gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return super().write(text)
            except (OSError, ValueError):  # EIO once hung up; ValueError once closed
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                super().flush()
            except (OSError, ValueError):
                self.gone = True


def _output(file: io.TextIOWrapper) -> io.TextIOWrapper:
    """``_Output`` on a copy of ``file``'s descriptor, so closing it never closes the process's own stream."""
    fd = os.dup(file.fileno())
    return _Output(open(fd, "wb"), encoding=file.encoding, errors=file.errors, line_buffering=file.line_buffering)


def safe_driver(driver: type[Driver]) -> type[Driver]:
    """``driver``, whose output outlives its terminal when it is Textual's Linux driver (any other as it is)."""
    if sys.platform == "win32":
        return driver
    from textual.drivers.linux_driver import LinuxDriver

    return _linux_driver() if driver is LinuxDriver else driver


@functools.cache
def _linux_driver() -> type[Driver]:
    from textual.drivers.linux_driver import LinuxDriver

    class HangUpSafeDriver(LinuxDriver):
        """Textual's Linux driver writing through ``_Output``."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if self._file is not None:
                self._file = _output(self._file)

    return HangUpSafeDriver
