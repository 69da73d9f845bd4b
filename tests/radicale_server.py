"""A real CalDAV server for the tests: Radicale, on a free localhost port, in a temporary folder.

Users have CalDAV where they have calendars (Nextcloud, Fastmail, iCloud), so
the tests talk to a real server rather than to a mock: the planner's requests,
its login and its reading of what the server sends back are the ones it makes
for a user. The server runs as a child process with its own storage folder and
an htpasswd file (plain text: the passwords are the tests' own), and is stopped
when the test module ends.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

STARTUP_SECONDS = 20.0
"""How long a cold Radicale (imports, storage folder) may take on a busy 2-CPU machine."""


@dataclass(frozen=True)
class Radicale:
    """A running server: its base URL and the one user the tests log in as."""

    url: str
    username: str
    password: str
    folder: Path

    def collection(self, name: str) -> str:
        """The URL of the user's calendar collection ``name`` (made with ``make_calendar``)."""
        return f"{self.url}/{self.username}/{name}/"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
        return True
    return False


def _config(folder: Path, port: int, username: str, password: str) -> Path:
    users = folder / "users"
    users.write_text(f"{username}:{password}\n", encoding="utf-8")
    config = folder / "config"
    config.write_text(
        "\n".join(
            [
                "[server]",
                f"hosts = 127.0.0.1:{port}",
                "[auth]",
                "type = htpasswd",
                f"htpasswd_filename = {users}",
                "htpasswd_encryption = plain",
                "delay = 0",
                "[rights]",
                "type = owner_only",
                "[storage]",
                f"filesystem_folder = {folder / 'collections'}",
                "[web]",
                "type = none",
                "[logging]",
                "level = warning",
                "",
            ]
        ),
        encoding="utf-8",
    )
    return config


@contextlib.contextmanager
def running(folder: Path, username: str = "alice", password: str = "s3cret-Radicale-pw") -> Iterator[Radicale]:
    """Radicale serving from ``folder`` until the block ends."""
    folder.mkdir(parents=True, exist_ok=True)
    for _ in range(3):  # the free port may be taken between asking and binding: try another
        port = _free_port()
        config = _config(folder, port, username, password)
        log = (folder / "radicale.log").open("wb")
        proc = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while proc.poll() is None and not _listening(port) and time.monotonic() < deadline:
            time.sleep(0.05)
        if proc.poll() is None and _listening(port):
            try:
                yield Radicale(f"http://127.0.0.1:{port}", username, password, folder)
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                log.close()
            return
        proc.kill()
        proc.wait()
        log.close()
    raise RuntimeError(f"Radicale did not start: {(folder / 'radicale.log').read_text(errors='replace')[-2000:]}")
