"""Reading calendars as a user meets them: feeds and their cache, offline, broken files, logins.

A feed is served by a small HTTP server on this machine (plain http is taken
for localhost only), which counts the requests it gets, so the tests can
see when the planner asks the network and when it uses its copy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_caldav import DavHelper, dav_fixture, radicale_fixture  # noqa: F401
from planfactory import make_plan

from planner.core.model import CalendarSource, Plan, replace
from planner.edge.calendars import PASSWORD_ENV, CalendarError, FetchError, read_calendars
from planner.edge.calendars.dav import read_collection
from planner.edge.calendars.fetch import get_feed
from planner.edge.calendars.limits import MAX_BYTES, MAX_OCCURRENCES, MAX_RULE_REPEATS
from planner.edge.calendars.net import checked_url, shown_url

D = dt.date.fromisoformat
TODAY = D("2027-01-04")
NOW = dt.datetime(2027, 1, 4, 8, 0, tzinfo=dt.UTC)
ZONE = "Europe/London"

# Monday 4 January 2027, 19:00-20:00 London: one hour of Monday's 1.5 h window (19:00-20:30).
ONE_HOUR = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//tests//feed//EN\r
BEGIN:VEVENT\r
UID:one@tests\r
DTSTAMP:20261201T000000Z\r
DTSTART:20270104T190000Z\r
DTEND:20270104T200000Z\r
END:VEVENT\r
END:VCALENDAR\r
"""
# Google's exports: UTC or floating times, and the calendar's zone only in X-WR-TIMEZONE.
# 14:00-15:00 floating in New York is 19:00-20:00 in London.
GOOGLE_STYLE = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
X-WR-CALNAME:Work\r
X-WR-TIMEZONE:America/New_York\r
BEGIN:VEVENT\r
UID:floating@google\r
DTSTAMP:20261201T000000Z\r
DTSTART:20270104T140000\r
DTEND:20270104T150000\r
END:VEVENT\r
END:VCALENDAR\r
"""


class Feed:
    """A feed on localhost whose answer the test sets; it counts requests and the logins it saw."""

    def __init__(self) -> None:
        self.body = ONE_HOUR
        self.status = 200
        self.needs_login: str | None = None
        self.raw: bytes | None = None
        """Sent as the whole answer instead, when set: what a server that is no web server sends."""
        self.requests = 0
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                feed.requests += 1
                if feed.raw is not None:
                    self.wfile.write(feed.raw)
                    self.close_connection = True
                    return
                if feed.needs_login and self.headers.get("Authorization") != feed.needs_login:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="feed"')
                    self.end_headers()
                    return
                self.send_response(feed.status)
                self.send_header("Content-Type", "text/calendar")
                self.end_headers()
                self.wfile.write(feed.body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/private/s3cret-token/basic.ics"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def feed() -> Iterator[Feed]:
    served = Feed()
    yield served
    served.stop()


def plan_with(*calendars: CalendarSource) -> Plan:
    plan = make_plan(start=TODAY, exam=dt.datetime(2027, 2, 1, 10, 0), zone=ZONE)
    return replace(plan, calendars=calendars)


def read(plan: Plan, tmp_path: Path, now: dt.datetime = NOW, refresh: bool = False, **env: str):
    return read_calendars(
        plan,
        tmp_path / "plan.toml",
        ZONE,
        TODAY,
        now=now,
        refresh=refresh,
        env={"PLANNER_CACHE": str(tmp_path / "cache"), **env},
    )


def test_a_feed_is_read_then_its_copy_serves_for_a_few_minutes(feed: Feed, tmp_path: Path) -> None:
    plan = plan_with(CalendarSource("work", feed.url))
    first = read(plan, tmp_path)
    assert first.busy == {TODAY: 1.0}
    assert feed.requests == 1
    state = first.sources[0]
    assert (state.kind, state.cached, state.read_at, state.problem) == ("feed", False, NOW, None)
    assert "s3cret-token" not in state.shown  # the path of a secret link is never shown
    soon = read(plan, tmp_path, NOW + dt.timedelta(minutes=4))
    assert (feed.requests, soon.busy, soon.sources[0].cached, soon.notices) == (1, {TODAY: 1.0}, True, ())
    later = read(plan, tmp_path, NOW + dt.timedelta(minutes=6))
    assert (feed.requests, later.sources[0].cached) == (2, False)


def test_refresh_asks_the_server_even_when_the_copy_is_fresh(feed: Feed, tmp_path: Path) -> None:
    plan = plan_with(CalendarSource("work", feed.url))
    read(plan, tmp_path)
    feed.body = ONE_HOUR.replace(b"T200000Z", b"T193000Z")
    assert read(plan, tmp_path, NOW + dt.timedelta(minutes=1)).busy == {TODAY: 1.0}
    refreshed = read(plan, tmp_path, NOW + dt.timedelta(minutes=1), refresh=True)
    assert (feed.requests, refreshed.busy) == (2, {TODAY: 0.5})


def test_offline_the_copy_is_used_and_the_warning_says_how_old(feed: Feed, tmp_path: Path) -> None:
    plan = plan_with(CalendarSource("work", feed.url))
    read(plan, tmp_path)
    feed.stop()
    offline = read(plan, tmp_path, NOW + dt.timedelta(hours=3))
    assert offline.busy == {TODAY: 1.0}
    [notice] = offline.notices
    assert (notice.code, notice.severity, notice.subject) == ("calendar-stale", "warn", "work")
    assert notice.message == (
        "Calendar work could not be read (connection refused): its busy time comes from a copy 3 h old."
    )
    assert offline.sources[0].read_at == NOW


def test_with_no_copy_an_unreadable_feed_is_a_risk(feed: Feed, tmp_path: Path) -> None:
    feed.stop()
    reading = read(plan_with(CalendarSource("work", feed.url)), tmp_path)
    assert reading.busy == {}
    [notice] = reading.notices
    assert (notice.code, notice.severity) == ("calendar-unreadable", "risk")
    assert notice.message == (
        "Calendar work could not be read (connection refused) and no copy of it is kept:"
        " study may be planned over its busy time."
    )
    assert "s3cret-token" not in notice.message


def test_a_server_error_page_keeps_the_good_copy(feed: Feed, tmp_path: Path) -> None:
    plan = plan_with(CalendarSource("work", feed.url))
    read(plan, tmp_path)
    feed.body = b"<html><body>Service unavailable</body></html>"
    broken = read(plan, tmp_path, NOW + dt.timedelta(days=2), refresh=True)
    assert broken.busy == {TODAY: 1.0}
    assert [n.code for n in broken.notices] == ["calendar-stale"]
    assert "the server sent not iCalendar data" in broken.notices[0].message
    assert "a copy 2 days old" in broken.notices[0].message
    feed.body, feed.status = ONE_HOUR, 500
    failed = read(plan, tmp_path, NOW + dt.timedelta(days=2), refresh=True)
    assert "the server answered 500" in failed.notices[0].message


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"SSH-2.0-OpenSSH_9.2p1\r\n", "the server's answer is not HTTP (BadStatusLine)"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "the answer was cut short (IncompleteRead)"),
    ],
    ids=["not-a-web-server", "broken-chunks"],
)
def test_an_answer_that_is_not_http_is_unreadable(feed: Feed, tmp_path: Path, raw: bytes, problem: str) -> None:
    """``http.client`` raises these as neither ``OSError`` nor ``URLError``: they were internal errors."""
    feed.raw = raw
    reading = read(plan_with(CalendarSource("work", feed.url)), tmp_path)
    [notice] = reading.notices
    assert (notice.code, reading.sources[0].problem, reading.sources[0].fatal) == (
        "calendar-unreadable",
        problem,
        False,
    )


def test_a_google_feed_gets_its_zone_from_x_wr_timezone(feed: Feed, tmp_path: Path) -> None:
    feed.body = GOOGLE_STYLE
    assert read(plan_with(CalendarSource("work", feed.url)), tmp_path).busy == {TODAY: 1.0}


def test_a_feed_behind_a_login_gets_basic_auth_and_a_refused_login_is_fatal(feed: Feed, tmp_path: Path) -> None:
    feed.needs_login = "Basic YWxpY2U6ZmVlZC1wdw=="  # alice:feed-pw
    plan = plan_with(CalendarSource("work", feed.url, username="alice"))
    assert read(plan, tmp_path, **{PASSWORD_ENV: "feed-pw"}).busy == {TODAY: 1.0}
    refused = read(plan, tmp_path, refresh=True, **{PASSWORD_ENV: "wrong"})
    state = refused.sources[0]
    assert (state.fatal, state.problem) == (True, "login refused (401)")
    assert "wrong" not in repr(refused)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("webcal://calendar.example.org/feed.ics", "https://calendar.example.org/feed.ics"),
        ("https://calendar.example.org/feed.ics", "https://calendar.example.org/feed.ics"),
        ("http://localhost:8080/cal/", "http://localhost:8080/cal/"),
        ("http://calendar.example.org/feed.ics", "calendar w: http://calendar.example.org/feed.ics: only https://"),
        ("https://alice:pw@calendar.example.org/f.ics", "calendar w: put no user or password in the URL"),
        ("ftp://calendar.example.org/f.ics", "calendar w: ftp://calendar.example.org/f.ics is not an https:// URL"),
        (
            "https://example.org/kalender/müller.ics?für=ö",
            "https://example.org/kalender/m%C3%BCller.ics?f%C3%BCr=%C3%B6",
        ),
        (
            "https://exa mple.org/s3cret/x.ics",
            "calendar w: https://exa mple.org/… is not a valid URL: its host has a space",
        ),
        (
            "https://example.org:99999/s3cret/x.ics",
            "calendar w: https://example.org:99999/… is not a valid URL: its port",
        ),
    ],
    ids=[
        "webcal-is-https",
        "https",
        "http-on-this-machine",
        "plain-http-refused",
        "password-in-url",
        "not-http",
        "non-ascii-sent-percent-encoded",
        "space-in-host",
        "port-too-high",
    ],
)
def test_which_urls_are_used(url: str, expected: str) -> None:
    try:
        got = checked_url("calendar w", url)
    except CalendarError as exc:
        got = str(exc)
    assert got.startswith(expected)
    assert ":pw@" not in got and "s3cret" not in got


BAD_URLS = [
    ("space-in-host", "https://exa mple.org/s3cret/x.ics"),
    ("space-in-path", "https://example.org/s3cret/a b.ics"),
    ("port-too-high", "https://example.org:99999/s3cret/x.ics"),
    ("port-not-a-number", "https://example.org:abc/s3cret/x.ics"),
    ("unclosed-bracket", "https://[::1/s3cret/x.ics"),
    ("line-break-in-host", "https://exa\nmple.org/s3cret/x.ics"),
    ("long-host-part", "https://" + "a" * 70 + ".example.org/s3cret/x.ics"),
]
"""URLs the HTTP libraries refuse; each was an internal error (exit 70) at the first command reading the calendar."""


@pytest.mark.parametrize("url", [u for _, u in BAD_URLS], ids=[n for n, _ in BAD_URLS])
@pytest.mark.parametrize("kind", ["ics", "caldav"], ids=["feed", "caldav"])
def test_a_calendar_url_no_request_can_be_made_to_is_unreadable_and_fatal(url: str, kind: str, tmp_path: Path) -> None:
    """A plan made in code skips the plan check: the reading refuses the URL itself, naming the calendar."""
    reading = read(plan_with(CalendarSource("work", url, kind)), tmp_path)
    [state] = reading.sources
    assert state.fatal and state.problem is not None and "is not a valid URL: " in state.problem
    [notice] = reading.notices
    assert notice.code == "calendar-unreadable" and notice.message.startswith("Calendar work could not be read (")
    assert "s3cret" not in notice.message


@pytest.mark.parametrize("url", [u for _, u in BAD_URLS], ids=[n for n, _ in BAD_URLS])
@pytest.mark.parametrize("whole_path", [True, False], ids=["whole", "host-only"])
def test_any_url_can_be_shown(url: str, whole_path: bool) -> None:
    shown = shown_url(url, whole_path=whole_path)
    assert shown.startswith("https://") and (whole_path or "s3cret" not in shown)


REFUSED_AT_THE_REQUEST = [
    *[("feed", url) for name, url in BAD_URLS if name != "port-too-high"],  # urllib sends 99999 as port 34463
    *[("caldav", url) for name, url in BAD_URLS if name != "line-break-in-host"],  # caldav drops the line break
]


@pytest.mark.parametrize(
    ("kind", "url"),
    REFUSED_AT_THE_REQUEST,
    ids=[f"{kind}-{name}" for kind, url in REFUSED_AT_THE_REQUEST for name, u in BAD_URLS if u == url],
)
def test_a_url_refused_at_the_request_is_a_fatal_fetch_error(kind: str, url: str) -> None:
    """Below ``checked_url``: the libraries' own refusals (InvalidURL, ValueError, the IDNA codec's UnicodeError)."""
    with pytest.raises(FetchError) as caught:
        if kind == "feed":
            get_feed(url, None, None)
        else:
            read_collection(url, None, None, TODAY, TODAY)
    assert caught.value.fatal and "\n" not in caught.value.message


def test_a_broken_file_is_named_by_its_calendar_id(tmp_path: Path) -> None:
    (tmp_path / "cal").mkdir()
    (tmp_path / "cal" / "good.ics").write_bytes(ONE_HOUR)
    (tmp_path / "cal" / "bad.ics").write_text("BEGIN:VCALENDAR\nthis is not\n", encoding="utf-8")
    (tmp_path / "team.ics").write_text("hello", encoding="utf-8")
    plan = plan_with(
        CalendarSource("home", "cal"), CalendarSource("team", "team.ics"), CalendarSource("gone", "nope.ics")
    )
    reading = read(plan, tmp_path)
    assert reading.busy == {TODAY: 1.0}  # the good file of the folder still counts
    messages = [(n.code, n.message) for n in reading.notices]
    assert [code for code, _ in messages] == ["calendar-unreadable"] * 3
    assert messages[0][1].startswith("Calendar home could not be read (cal/bad.ics: not iCalendar data")
    assert messages[1][1].startswith("Calendar team could not be read (team.ics: not iCalendar data")
    assert messages[2][1].startswith("Calendar gone could not be read (nope.ics: no such file)")
    assert [s.read_at for s in reading.sources] == [NOW, None, None]


def test_caldav_with_password_command(dav: DavHelper, tmp_path: Path) -> None:
    url = dav.make("busy")
    dav.upload(url, ONE_HOUR)
    secret = tmp_path / "pw"
    secret.write_text(dav.server.password + "\nsecond line ignored\n", encoding="utf-8")
    command = f"{sys.executable} -c \"print(open('{secret}').read(), end='')\""
    plan = plan_with(CalendarSource("work", url, kind="caldav", username="alice", password_command=command))
    reading = read(plan, tmp_path)
    assert (reading.busy, reading.notices) == ({TODAY: 1.0}, ())
    assert reading.sources[0].shown == url


@pytest.mark.parametrize(
    ("command", "env", "problem"),
    [
        ("false", {}, "password_command failed (exit 1)"),
        ("no-such-program-xyz --pw", {}, "password_command: no-such-program-xyz not found"),
        (
            None,
            {},
            "no password for alice: set password_command in the plan or $PLANNER_CALDAV_PASSWORD",
        ),
        (None, {PASSWORD_ENV: "not-the-password"}, "login failed for alice at "),
    ],
    ids=["command-fails", "command-missing", "no-password-anywhere", "wrong-password"],
)
def test_a_login_that_cannot_work_is_fatal_and_says_why(
    dav: DavHelper, tmp_path: Path, command: str | None, env: dict[str, str], problem: str
) -> None:
    url = dav.make("busy")
    plan = plan_with(CalendarSource("work", url, kind="caldav", username="alice", password_command=command))
    reading = read(plan, tmp_path, **env)
    [state] = reading.sources
    assert state.fatal
    assert state.problem is not None and state.problem.startswith(problem)
    assert [n.code for n in reading.notices] == ["calendar-unreadable"]
    assert "not-the-password" not in repr(reading)
    assert dav.server.password not in repr(reading)


def test_a_caldav_copy_serves_offline(dav: DavHelper, tmp_path: Path) -> None:
    url = dav.make("busy")
    dav.upload(url, ONE_HOUR)
    plan = plan_with(CalendarSource("work", url, kind="caldav", username="alice"))
    env = {PASSWORD_ENV: dav.server.password}
    assert read(plan, tmp_path, **env).busy == {TODAY: 1.0}
    moved = replace(plan.calendars[0], source=url.replace(dav.server.url, "http://127.0.0.1:9"))
    # Another URL is another source (its own copy): none yet, so unreadable.
    assert [n.code for n in read(plan_with(moved), tmp_path, **env).notices] == ["calendar-unreadable"]
    offline = read(
        plan, tmp_path, NOW + dt.timedelta(minutes=30), refresh=True, **{PASSWORD_ENV: dav.server.password + "x"}
    )
    assert offline.busy == {TODAY: 1.0}
    assert [n.code for n in offline.notices] == ["calendar-stale"]
    assert offline.notices[0].message.endswith("its busy time comes from a copy 30 min old.")


@contextlib.contextmanager
def fifo(path: Path) -> Iterator[Path]:
    """A FIFO at ``path``. A reader that opens it (the bug) is let go after a second or two, at end of file,
    so that the test fails instead of waiting forever for a writer."""
    os.mkfifo(path)
    done = threading.Event()

    def let_go() -> None:
        while not done.wait(1.0):
            with contextlib.suppress(OSError):  # ENXIO: no reader waiting, nothing to let go
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

    thread = threading.Thread(target=let_go, daemon=True)
    thread.start()
    try:
        yield path
    finally:
        done.set()
        thread.join()


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


NOT_FILES = [
    ("fifo", "f6.ics", "f6.ics is a FIFO (named pipe), not a calendar file"),
    ("fifo-in-a-folder", "cal/f6.ics", "cal/f6.ics is a FIFO (named pipe), not a calendar file"),
    ("character-device", "/dev/null", "/dev/null is a character device, not a calendar file"),
    ("folder-named-ics-in-a-folder", "cal/old.ics", "cal/old.ics is a folder, not a calendar file"),
    ("too-big", "big.ics", "big.ics is 52,428,801 bytes, more than the 52,428,800 bytes (50 MB) the planner reads"),
]
"""Calendar sources that are no regular file: a FIFO made a command wait forever for a writer, /dev/zero was
read until the memory ran out. Each is looked at, never opened, and the calendar is unreadable, saying why."""


@pytest.mark.parametrize(("where", "problem"), [c[1:] for c in NOT_FILES], ids=[c[0] for c in NOT_FILES])
def test_a_calendar_file_that_is_no_regular_file_is_unreadable(tmp_path: Path, where: str, problem: str) -> None:
    (tmp_path / "cal").mkdir()
    (tmp_path / "cal" / "good.ics").write_bytes(ONE_HOUR)  # a folder's good file still counts
    source = "cal" if where.startswith("cal/") else where
    with contextlib.ExitStack() as stack:
        if where.endswith("f6.ics"):
            stack.enter_context(fifo(tmp_path / where))
        elif where.endswith("old.ics"):
            (tmp_path / where).mkdir()
        elif where == "big.ics":
            _sparse(tmp_path / where, MAX_BYTES + 1)
        reading = read(plan_with(CalendarSource("work", source)), tmp_path)
    [notice] = reading.notices
    assert notice.code == "calendar-unreadable"
    assert notice.message.startswith(f"Calendar work could not be read ({problem})")
    assert reading.busy == ({TODAY: 1.0} if source == "cal" else {})


def repeating(rule: str, start: str = "20270111T190000Z") -> bytes:
    """A calendar of one event that repeats by ``rule``, each time for half an hour."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//repeats//EN\r\nBEGIN:VEVENT\r\nUID:r@tests\r\n"
        f"DTSTAMP:20261201T000000Z\r\nDTSTART:{start}\r\nDURATION:PT30M\r\nRRULE:{rule}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


IN_WINDOW = f"more than {MAX_OCCURRENCES:,} occurrences of repeating events in the study window"
REPEATS = [
    ("every-second", repeating("FREQ=SECONDLY"), IN_WINDOW),
    ("every-minute", repeating("FREQ=MINUTELY"), IN_WINDOW),
    ("one-past-the-limit", repeating(f"FREQ=MINUTELY;COUNT={MAX_OCCURRENCES + 1}"), IN_WINDOW),
    (
        "every-minute-for-years-before-the-window",
        repeating("FREQ=MINUTELY;UNTIL=20261201T000000Z", start="20200101T000000Z"),
        f"an event repeats more than {MAX_RULE_REPEATS:,} times by the study window's end",
    ),
    ("one-under-the-limit", repeating(f"FREQ=MINUTELY;COUNT={MAX_OCCURRENCES - 1}"), None),
]
"""A rule that repeats every second without end made every command expand it until the memory ran out;
every minute took seconds and hundreds of megabytes. Repeats are counted before the expansion, lazily."""


@pytest.mark.parametrize(("data", "problem"), [c[1:] for c in REPEATS], ids=[c[0] for c in REPEATS])
def test_a_calendar_whose_events_repeat_too_often_is_unreadable(
    tmp_path: Path, data: bytes, problem: str | None
) -> None:
    (tmp_path / "r.ics").write_bytes(data)
    reading = read(plan_with(CalendarSource("work", "r.ics")), tmp_path)
    if problem is None:
        assert reading.notices == () and reading.sources[0].events
        return
    [notice] = reading.notices
    assert notice.code == "calendar-unreadable"
    assert notice.message.startswith(f"Calendar work could not be read (r.ics: {problem})")


def birthdays(count: int, since: str = "16040101") -> bytes:
    """A contacts calendar: a yearly all-day birthday for each of ``count`` people, from a year long ago
    (Apple writes a birthday of unknown year as starting in 1604)."""
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:b{k}@tests\r\nDTSTAMP:20261201T000000Z\r\n"
        f"DTSTART;VALUE=DATE:{since[:4]}{1 + k % 12:02d}{1 + k % 28:02d}\r\nRRULE:FREQ=YEARLY\r\n"
        f"SUMMARY:Birthday {k}\r\nEND:VEVENT\r\n"
        for k in range(count)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//birthdays//EN\r\n{events}END:VCALENDAR\r\n".encode()


@pytest.mark.slow  # about ten seconds: the expansion of 600 yearly rules from 1604, not the count
def test_a_contacts_calendar_of_birthdays_since_1604_is_read(tmp_path: Path) -> None:
    (tmp_path / "b.ics").write_bytes(birthdays(600))  # 600 rules of 420 repeats each: 250,000 in all
    reading = read(plan_with(CalendarSource("birthdays", "b.ics")), tmp_path)
    assert reading.notices == ()


def test_a_daily_meeting_kept_for_decades_still_takes_its_time(tmp_path: Path) -> None:
    (tmp_path / "r.ics").write_bytes(repeating("FREQ=DAILY", start="19700101T190000Z"))
    reading = read(plan_with(CalendarSource("work", "r.ics")), tmp_path)
    assert reading.busy[TODAY] == 0.5  # 19:00-19:30 UTC is 19:00-19:30 in London in January
