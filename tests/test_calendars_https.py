"""HTTPS is verified: a server whose certificate no trusted authority signed gets no request.

The server here presents a certificate from the tests' own authority
(``trustme``). The planner refuses it, for a feed and for CalDAV alike; the
same server is read once the authority is trusted (``SSL_CERT_FILE``, as a
company's own authority would be installed), so the refusal is about trust
and not about a server that does not work.
"""

from __future__ import annotations

import datetime as dt
import http.server
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from planfactory import make_plan
from test_calendars_read import ONE_HOUR

from planner.core.model import CalendarSource, Plan, replace
from planner.edge.calendars import PASSWORD_ENV, read_calendars

D = dt.date.fromisoformat
NOW = dt.datetime(2027, 1, 4, 8, 0, tzinfo=dt.UTC)


class Server:
    def __init__(self, authority: trustme.CA) -> None:
        self.requests = 0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests += 1
                if self.path == "/downgrade":
                    self.send_response(302)
                    self.send_header("Location", "http://127.0.0.1:9/cal/")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar")
                self.end_headers()
                self.wfile.write(ONE_HOUR)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        authority.issue_cert("localhost", "127.0.0.1").configure_cert(context)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.url = f"https://localhost:{self.httpd.server_address[1]}/cal/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def server(authority: trustme.CA) -> Iterator[Server]:
    running = Server(authority)
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


def plan_with(source: CalendarSource) -> Plan:
    plan = make_plan(start=D("2027-01-04"), exam=dt.datetime(2027, 2, 1, 10, 0), zone="Europe/London")
    return replace(plan, calendars=(source,))


@pytest.mark.parametrize("kind", ["ics", "caldav"])
def test_an_untrusted_certificate_is_refused(server: Server, tmp_path: Path, kind: str) -> None:
    plan = plan_with(CalendarSource("work", server.url, kind=kind, username="alice"))
    env = {"PLANNER_CACHE": str(tmp_path), PASSWORD_ENV: "pw"}
    reading = read_calendars(plan, tmp_path / "plan.toml", "Europe/London", D("2027-01-04"), now=NOW, env=env)
    assert reading.busy == {}
    [notice] = reading.notices
    assert notice.code == "calendar-unreadable"
    assert "certificate" in notice.message.lower()
    assert server.requests == 0


def test_the_same_server_is_read_once_its_authority_is_trusted(
    server: Server, authority: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    plan = plan_with(CalendarSource("work", server.url))
    reading = read_calendars(
        plan, tmp_path / "plan.toml", "Europe/London", D("2027-01-04"), now=NOW, env={"PLANNER_CACHE": str(tmp_path)}
    )
    assert (reading.busy, reading.notices, server.requests) == ({D("2027-01-04"): 1.0}, (), 1)


def test_a_redirect_from_https_to_http_is_refused(
    server: Server, authority: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    plan = plan_with(CalendarSource("work", server.url.replace("/cal/", "/downgrade")))
    reading = read_calendars(
        plan, tmp_path / "plan.toml", "Europe/London", D("2027-01-04"), now=NOW, env={"PLANNER_CACHE": str(tmp_path)}
    )
    [notice] = reading.notices
    assert "the server redirected to plain http" in notice.message
    assert server.requests == 1
