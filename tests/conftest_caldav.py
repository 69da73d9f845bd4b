"""Fixtures for the calendar tests: a Radicale server per test module, and ways to fill and read it.

Import the fixtures into a test module (``from conftest_caldav import dav_fixture, radicale_fixture``)
and ask for ``dav`` or ``radicale``.
Each test makes collections of its own names, so tests in one module share
the server without seeing each other's events. Filling and checking the
server goes through the caldav library, like any other CalDAV client.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from radicale_server import Radicale, running

__all__ = ["DavHelper", "dav_fixture", "radicale_fixture"]

_names = itertools.count(1)


@pytest.fixture(scope="module", name="radicale")
def radicale_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    with running(Path(tmp_path_factory.mktemp("radicale"))) as server:
        yield server


class DavHelper:
    """Make collections on the server, put events in them, and read back what is there."""

    def __init__(self, server: Radicale) -> None:
        import caldav

        self.server = server
        self.client = caldav.DAVClient(
            url=server.url, username=server.username, password=server.password, enable_rfc6764=False
        )

    def make(self, name: str) -> str:
        """A new, empty calendar collection; its URL."""
        cal_id = f"{name}-{next(_names)}"
        self.client.principal().make_calendar(name=name, cal_id=cal_id)
        return self.server.collection(cal_id)

    def calendar(self, url: str):
        return self.client.calendar(url=url)

    def upload(self, url: str, ics: bytes) -> None:
        """Every event series of ``ics`` as its own object (one UID per resource, as CalDAV wants)."""
        source = icalendar.Calendar.from_ical(ics)
        zones = [c for c in source.subcomponents if c.name == "VTIMEZONE"]
        by_uid: dict[str, list] = {}
        for component in source.subcomponents:
            if component.name == "VEVENT":
                by_uid.setdefault(str(component["UID"]), []).append(component)
        calendar = self.calendar(url)
        for components in by_uid.values():
            one = icalendar.Calendar()
            one.add("prodid", "-//tests//upload//EN")
            one.add("version", "2.0")
            for part in [*zones, *components]:
                one.add_component(part)
            calendar.add_event(one.to_ical().decode("utf-8"))

    def events(self, url: str) -> list[icalendar.Event]:
        """Every VEVENT on the server in the collection (masters and moved instances)."""
        out = []
        for item in self.calendar(url).events():
            out.extend(c for c in icalendar.Calendar.from_ical(item.data).walk("VEVENT"))
        return out


@pytest.fixture(name="dav")
def dav_fixture(radicale: Radicale) -> DavHelper:
    return DavHelper(radicale)
