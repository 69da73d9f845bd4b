"""``planner calendars`` and ``planner publish`` run as a user runs them, on plan files with calendars.

The plan is the hold-out plan of ``test_calendars_holdout`` written as a
file; its calendars are the hold-out files beside it, or collections on the
tests' Radicale. The password reaches the planner the two ways a user gives
it (``$PLANNER_CALDAV_PASSWORD``, ``password_command``) and must show up in
no output and never in the plan.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE, run_planner
from conftest_caldav import DavHelper, dav_fixture, radicale_fixture  # noqa: F401
from test_calendars_holdout import EXPECTED_BUSY, EXPECTED_WEEK_BUSY, EXPECTED_WEEKS, HERE
from test_calendars_read import fifo

from planner.edge.calendars.limits import MAX_OCCURRENCES

PLAN = """schema = 1

[exam]
name = "Hold-out exam"
date = 2027-02-01T10:00:00
timezone = "Europe/London"
duration_minutes = 120

[study]
start = 2027-01-04

[study.availability]
monday = 2
tuesday = 2
wednesday = 2
thursday = 2
saturday = 4
sunday = 3

[study.start_times]
saturday = "10:00"
sunday = "18:00"

[[domains]]
id = "a"
name = "Alpha"
weight = 60

[[domains]]
id = "b"
name = "Beta"
weight = 40
"""
FILES = """
[[calendars]]
id = "work"
source = "calendars/holdout-work.ics"

[[calendars]]
id = "home"
source = "calendars/holdout-home.ics"
all_day = "free"
"""


def write_plan(folder: Path, extra: str) -> Path:
    (folder / "calendars").mkdir(parents=True, exist_ok=True)
    for name in ("holdout-work.ics", "holdout-home.ics"):
        shutil.copy(HERE / name, folder / "calendars" / name)
    path = folder / "holdout.toml"
    path.write_text(PLAN + extra, encoding="utf-8")
    return path


def planner(*args: str, folder: Path, **env: str):
    return run_planner(*args, "--today", "2027-01-04", cwd=folder, env={"PLANNER_CACHE": str(folder / "cache"), **env})


def test_no_calendars_is_said_plainly() -> None:
    r = run_planner("calendars", "--plan", str(REFERENCE))
    assert (r.code, r.err) == (0, "")
    assert r.out == 'The plan has no calendars: add a [[calendars]] table (see "Your calendars" in the README).\n'


def test_publish_without_a_publish_table_is_a_usage_error() -> None:
    r = run_planner("publish", "--plan", str(REFERENCE))
    assert r.code == 2
    assert r.err == "planner: the plan has no [publish] calendar: add url (and username, password_command)\n"


def test_calendars_lists_files_with_when_and_how_many_hours(tmp_path: Path) -> None:
    path = write_plan(tmp_path, FILES)
    r = planner("calendars", "--plan", str(path), folder=tmp_path)
    assert (r.code, r.err) == (0, "")
    # All of it: 2.5 + 2 + 8.5 + 2 5/6 = 15 5/6 h; home: the dinner, 1 h; work: the rest, 14 5/6 h.
    assert sum(EXPECTED_BUSY.values()) == pytest.approx(15 + 5 / 6)
    assert r.out.splitlines() == [
        "work: file calendars/holdout-work.ics: read now; 14.83 h busy",
        "home: file calendars/holdout-home.ics: read now; 1 h busy",
        "Busy time overlaps 15.83 h of the study windows from today to the exam.",
    ]


def test_a_broken_calendar_file_is_named_and_a_risk(tmp_path: Path) -> None:
    path = write_plan(tmp_path, FILES)
    (tmp_path / "calendars" / "holdout-home.ics").write_text("not a calendar", encoding="utf-8")
    r = planner("calendars", "--plan", str(path), folder=tmp_path)
    assert r.code == 1
    assert "home: file calendars/holdout-home.ics: not read: calendars/holdout-home.ics: not iCalendar data" in r.out


def caldav_plan(folder: Path, dav: DavHelper, login: str = "") -> tuple[Path, str, str]:
    busy, study = dav.make("work"), dav.make("study")
    dav.upload(busy, (HERE / "holdout-work.ics").read_bytes())
    text = f"""
[[calendars]]
id = "work"
kind = "caldav"
source = "{busy}"
username = "{dav.server.username}"
{login}
[publish]
url = "{study}"
username = "{dav.server.username}"
alarm_minutes = 15
{login}"""
    return write_plan(folder, text), busy, study


def test_refresh_with_a_wrong_password_is_one_line_and_exit_2(dav: DavHelper, tmp_path: Path) -> None:
    path, busy, _ = caldav_plan(tmp_path, dav)
    r = planner("calendars", "refresh", "--plan", str(path), folder=tmp_path, PLANNER_CALDAV_PASSWORD="not-it-123")
    assert r.code == 2
    assert r.err == f"planner: calendar work: login failed for alice at {busy}\n"
    assert "not-it-123" not in r.out + r.err


@pytest.mark.slow
def test_publish_from_the_command_line(dav: DavHelper, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text(dav.server.password + "\n", encoding="utf-8")
    command = f'password_command = "{sys.executable} -c \\"print(open(\'{secret}\').read().strip())\\""\n'
    path, busy, study = caldav_plan(tmp_path, dav, login=command)
    before = path.read_bytes()
    listed = planner("calendars", "--plan", str(path), folder=tmp_path)
    assert listed.code == 0, listed.err
    assert listed.out.splitlines()[0] == f"work: CalDAV {busy}: read now; 14.83 h busy"

    dry = planner("publish", "--dry-run", "--plan", str(path), folder=tmp_path)
    assert (dry.code, dry.err) == (0, "")
    lines = dry.out.splitlines()
    assert lines[0] == f"Publishing to {study} (dry run: nothing is written)"
    # Monday's 2 h from 19:00 less the evening class read from CalDAV (19:30-20:30): 1 h, published
    # as one event for the day, its half hours either side of the class.
    monday = "  add    Mon 4 Jan 2027   Study: Alpha 1 h (around busy time)"
    tuesday = "  add    Tue 5 Jan 2027   Study: Alpha 1.5 h"
    assert lines[1:3] == [monday, tuesday]
    assert lines[-1].startswith("Would add ")
    assert dav.events(study) == []

    first = planner("publish", "--plan", str(path), folder=tmp_path)
    assert first.code == 0, first.err
    added = int(first.out.splitlines()[-1].split()[1].rstrip(","))
    assert added == len(dav.events(study)) > 1
    again = planner("publish", "--plan", str(path), folder=tmp_path)
    assert again.out.splitlines()[-1] == f"Added 0, updated 0, deleted 0; {added} unchanged."

    for r in (listed, dry, first, again):
        assert dav.server.password not in r.out + r.err
    assert path.read_bytes() == before
    assert dav.server.password not in path.read_text(encoding="utf-8")


def test_schedule_json_takes_busy_hours_off_the_weeks(tmp_path: Path) -> None:
    """The hold-out weeks by hand (see test_calendars_holdout): capacities 12.5, 13, 6.5, 12."""
    path = write_plan(tmp_path, FILES)
    r = planner("schedule", "--json", "--plan", str(path), folder=tmp_path)
    assert r.code == 0, r.err
    weeks = json.loads(r.out)["weeks"]
    assert [w["capacity_hours"] for w in weeks] == EXPECTED_WEEKS
    assert [w["busy_hours"] for w in weeks] == EXPECTED_WEEK_BUSY


def test_status_says_a_calendar_is_unreadable_and_exits_1(tmp_path: Path) -> None:
    path = write_plan(tmp_path, FILES.replace("calendars/holdout-home.ics", "calendars/gone.ics"))
    r = planner("status", "--plan", str(path), folder=tmp_path)
    assert r.code == 1, r.err
    assert "Calendar home could not be read (calendars/gone.ics: no such file)" in " ".join(r.out.split())
    data = json.loads(planner("schedule", "--json", "--plan", str(path), folder=tmp_path).out)
    [warning] = [w for w in data["warnings"] if w["code"].startswith("calendar-")]
    assert (warning["code"], warning["severity"]) == ("calendar-unreadable", "risk")
    # The work calendar still counts: week 1 loses the class and the sync (1.5 h); the dinner was at home.
    assert data["weeks"][0]["busy_hours"] == 1.5


def _calendar(source: str, kind: str = "ics") -> str:
    return f'\n[[calendars]]\nid = "work"\nkind = "{kind}"\nsource = "{source}"\n'


LONG = "a" * 70
URLS = [
    ("space-in-host", _calendar("https://exa mple.org/s3cret/x.ics"), "check", "its host has a space in it"),
    ("space-in-path", _calendar("https://example.org/s3cret/a b.ics"), "check", "it has a space in it"),
    ("port-too-high", _calendar("https://example.org:99999/s3cret/x.ics"), "check", "its port must be a whole"),
    ("port-not-a-number", _calendar("https://example.org:abc/s3cret/x.ics"), "check", "its port must be a whole"),
    ("unclosed-bracket", _calendar("https://[::1/s3cret/x.ics"), "check", "the [ ] around its host"),
    ("line-break", _calendar("https://example.org/s3cret\\nx.ics"), "check", "it has a line break in it"),
    ("long-host-part", _calendar(f"https://{LONG}.example.org/s3cret/x.ics"), "check", "longer than 63 characters"),
    ("caldav-space-in-host", _calendar("https://exa mple.org/dav/", "caldav"), "check", "its host has a space"),
    ("status", _calendar("https://exa mple.org/s3cret/x.ics"), "status", "its host has a space in it"),
    ("schedule", _calendar("https://example.org:abc/s3cret/x.ics"), "schedule", "its port must be a whole"),
    ("calendars", _calendar("https://[::1/s3cret/x.ics"), "calendars", "the [ ] around its host"),
    ("export-ics", _calendar("https://exa mple.org/s3cret/x.ics"), "export", "its host has a space in it"),
    ("publish-url", '\n[publish]\nurl = "https://exa mple.org/dav/"\n', "publish", "its host has a space in it"),
]
"""URLs that passed ``planner check`` and made every command reading the calendars an internal error (exit 70)."""


@pytest.mark.parametrize(("extra", "command", "needle"), [c[1:] for c in URLS], ids=[c[0] for c in URLS])
def test_a_url_no_request_can_be_made_to_is_refused_with_its_key(
    tmp_path: Path, extra: str, command: str, needle: str
) -> None:
    path = write_plan(tmp_path, extra)
    args = ["export", "ics", "-o", str(tmp_path / "out.ics")] if command == "export" else [command]
    r = planner(*args, "--plan", str(path), folder=tmp_path)
    key = "publish.url" if "[publish]" in extra else "calendars[0].source"
    assert (r.code, r.out) == (2, ""), r.err
    assert r.err.startswith(f"planner: {path}:") and f": {key}: is not a valid URL: " in r.err and needle in r.err
    assert r.err.count("\n") == 1 and "s3cret" not in r.err


NOT_FILES = [
    ("fifo", "f6.ics", "f6.ics is a FIFO (named pipe), not a calendar file"),
    ("fifo-in-a-folder", "cal", "cal/f6.ics is a FIFO (named pipe), not a calendar file"),
    ("character-device", "/dev/null", "/dev/null is a character device, not a calendar file"),
]


@pytest.mark.parametrize(("source", "problem"), [c[1:] for c in NOT_FILES], ids=[c[0] for c in NOT_FILES])
def test_a_calendar_that_is_no_regular_file_is_unreadable_and_the_command_works(
    tmp_path: Path, source: str, problem: str
) -> None:
    path = write_plan(tmp_path, FILES + _calendar(source).replace('"work"', '"side"'))
    (tmp_path / "cal").mkdir()
    with fifo(tmp_path / "f6.ics"), fifo(tmp_path / "cal" / "f6.ics"):
        r = planner("status", "--plan", str(path), folder=tmp_path)
    assert r.code == 1, r.err
    assert f"Calendar side could not be read ({problem})" in " ".join(r.out.split())


@pytest.mark.parametrize("freq", ["SECONDLY", "MINUTELY"])
def test_a_calendar_repeating_every_second_is_unreadable_and_the_command_works(tmp_path: Path, freq: str) -> None:
    """The tester's case: every calendar-reading command hung, growing to gigabytes (every minute: 7 s, 300 MB)."""
    path = write_plan(tmp_path, FILES + _calendar("f8.ics").replace('"work"', '"side"'))
    (tmp_path / "f8.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\n"
        b"DTSTAMP:20270101T000000Z\r\nDTSTART:20270111T190000Z\r\nDTEND:20270111T190001Z\r\n"
        + f"RRULE:FREQ={freq}\r\n".encode()
        + b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    r = planner("status", "--plan", str(path), folder=tmp_path)
    assert r.code == 1, r.err
    needle = f"Calendar side could not be read (f8.ics: more than {MAX_OCCURRENCES:,} occurrences of repeating events"
    assert needle in " ".join(r.out.split())
