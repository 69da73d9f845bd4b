"""The plans and readers the export tests share: plans no output was written against, and parsers for what they print."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REFERENCE, run_planner
from planfactory import make_plan, replace_study, validated

from planner.core.model import DayRange, Plan, Practice, Resource, replace
from planner.edge import store

# --- the plans ------------------------------------------------------------------

MD_TITLE = "CKA course [with labs] *star* _x_ | pipe"
HTML_TITLE = "<b>x</b> & \"quoted\" 'single'"
ENTITY_TITLE = "Q&amp;A notes &copy; 2027"
LONG_TITLE = (
    "Kubernetes — Anwendungen betreiben, überwachen und reparieren: das große Übungsbuch für Prüfung und Praxis"
)
NETWORKING = "Networking | Services *core*"
BLACKOUT_REASON = "ski trip | no laptop"
LEAVE_REASON = "leave before the exam"

FIFTEEN_START = dt.date(2027, 1, 4)  # a Monday
FIFTEEN_EXAM = dt.datetime(2027, 4, 19, 10, 0)  # the Monday 15 weeks later: study days fill 15 whole weeks


def _rename_domains(plan: Plan, names: dict[str, str]) -> Plan:
    domains = tuple(replace(d, name=names.get(d.id, d.name)) for d in plan.domains)
    return validated(replace(plan, domains=domains))


def fifteen_week_plan(*, wide: bool = False) -> Plan:
    """A CKA-like plan: 15 weeks, a blackout, a week of leave, 6 practice exams in the last 2 weeks."""
    resources = (
        Resource(id="course", title=MD_TITLE, hours=20, domains=("d0", "d1"), priority="high"),
        Resource(id="html", title=HTML_TITLE, hours=8, domains=("d2",), status="done"),
        Resource(id="entity", title=ENTITY_TITLE, hours=6, domains=("d3",), priority="low"),
        Resource(id="docs", title="Kubernetes documentation: Tasks", hours=15, domains=("d3",), kind="docs"),
        Resource(id="video", title="TechWorld with Nana: Kubernetes tutorial", hours=4, domains=("d1",), status="done"),
        Resource(id="book", title=LONG_TITLE, hours=25, domains=("d2",), kind="book", priority="low"),
        Resource(id="killer", title="killer.sh simulator sessions", hours=6, domains=("d0", "d3"), kind="practice"),
    )
    if wide:
        resources += (
            Resource(
                id="jp-book",
                title="Kubernetes完全ガイド 第2版 インフラ・アプリケーション開発者のための実践的な解説と演習問題集",
                hours=10,
                domains=("d2",),
            ),
        )
    plan = make_plan(
        start=FIFTEEN_START,
        exam=FIFTEEN_EXAM,
        zone="Europe/London",
        target=150,
        practice=Practice(count=6, minutes=180, weeks_before_exam=2),
        blackouts=(DayRange(dt.date(2027, 2, 15), dt.date(2027, 2, 19), BLACKOUT_REASON),),
        overrides=(DayRange(dt.date(2027, 4, 12), dt.date(2027, 4, 16), LEAVE_REASON, 6.0),),
        resources=resources,
        code="CKA",
        duration_minutes=120,
    )
    names = {"d0": "Cluster Architecture", "d1": NETWORKING, "d2": "Storage [CSI]", "d3": "Troubleshooting"}
    if wide:
        names["d2"] = "ストレージとボリューム管理（永続ボリューム・ストレージクラス・スナップショット）"
    return _rename_domains(plan, names)


def berlin_dst_plan() -> Plan:
    """The exam is on the Sunday Berlin moves to summer time (02:00 -> 03:00 on 2027-03-28)."""
    plan = make_plan(
        start=dt.date(2026, 12, 14),
        exam=dt.datetime(2027, 3, 28, 9, 0),
        zone="Europe/Berlin",
        target=120,
        practice=Practice(count=4, minutes=90, weeks_before_exam=1),
        resources=(
            Resource(id="course", title="Kubernetes für Einsteiger — Übungen", hours=10, domains=("d0",)),
            Resource(id="docs", title="Offizielle Dokumentation", hours=10),
        ),
        code="CKA",
    )
    return replace_study(plan, start_times=(("saturday", dt.time(9, 30)), ("sunday", dt.time(10, 0))))


def new_york_dst_plan() -> Plan:
    """The exam is on the Sunday New York moves to daylight time (2027-03-14).

    Its final week (Mon 8 to Sat 13 Mar: 1.5 h evenings, a free Friday, 3 h on Saturday)
    has room for two 120-minute practice exams in total, but only Saturday is long enough
    to sit one.
    """
    return make_plan(
        start=dt.date(2027, 1, 4),
        exam=dt.datetime(2027, 3, 14, 9, 0),
        zone="America/New_York",
        practice=Practice(count=2, minutes=120, weeks_before_exam=1),
        resources=(Resource(id="course", title="Course", hours=12, domains=("d1",)),),
    )


TODAY = {
    "reference": "2026-12-07",
    "fifteen": FIFTEEN_START.isoformat(),
    "wide": FIFTEEN_START.isoformat(),
    "berlin": "2026-12-14",
    "new-york": "2027-01-04",
}


def make_plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every plan of ``TODAY`` saved in a folder of its own (the module fixtures call this)."""
    folder = tmp_path_factory.mktemp("export-plans")
    out = {"reference": folder / "reference.toml"}
    shutil.copy(REFERENCE, out["reference"])
    for name, plan in {
        "fifteen": fifteen_week_plan(),
        "wide": fifteen_week_plan(wide=True),
        "berlin": berlin_dst_plan(),
        "new-york": new_york_dst_plan(),
    }.items():
        out[name] = folder / f"{name}.toml"
        store.save(out[name], plan)
    return out


def planner_ok(*args: str) -> str:
    r = run_planner(*args)
    assert r.code == 0, f"planner {' '.join(args)} exited {r.code}: {r.err}"
    return r.out


def schedule_json(path: Path, today: str) -> dict:
    return json.loads(planner_ok("schedule", "--json", "--plan", str(path), "--today", today))


def print_plan(path: Path, today: str, *extra: str) -> str:
    return planner_ok("print", "--plan", str(path), "--today", today, *extra)


def capacity(plan: Plan, day: dt.date) -> float:
    """The hours a day gives, from the plan's own rules (a blackout wins over an override)."""
    if any(day in b for b in plan.study.blackouts):
        return 0.0
    hours = plan.study.availability[day.weekday()]
    for o in plan.study.overrides:
        if day in o and o.hours is not None:
            hours = o.hours
    return hours


def dates(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]


def flat(text: str) -> str:
    """Text with every run of white space (a wrapped line, say) as one space."""
    return " ".join(text.split())


# --- text -----------------------------------------------------------------------

DAY_LINE = re.compile(r"^(\[ \]|\[x\]|   ) ([A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}) +(\d+(?:\.\d+)?) h  (.*)$")
PRACTICE_LINE = re.compile(r"(\d+) timed practice exams? of (\d+) min")


@dataclasses.dataclass
class TextDay:
    box: str
    name: str
    hours: float
    """The hours the line shows: those of the work it lists, not the hours the day has."""
    body: str


def text_days(page: str) -> list[TextDay]:
    """The day lines of one printed week, each with its wrapped continuation lines joined."""
    out: list[TextDay] = []
    indent = None
    for line in page.splitlines():
        m = DAY_LINE.match(line)
        if m:
            out.append(TextDay(m[1], m[2], float(m[3]), m[4]))
            indent = " " * (len(line) - len(m[4]))
        elif out and indent and line.startswith(indent) and line.strip():
            out[-1].body += " " + line.strip()
        else:
            indent = None
    return out


def suggestions(body: str, names: dict[str, str]) -> tuple[dict[str, float], int]:
    """(hours per domain id, practice exams) that a day's line suggests."""
    study: dict[str, float] = {}
    for domain_id, name in names.items():
        for m in re.finditer(re.escape(name) + r" (\d+(?:\.\d+)?) h\b", body):
            study[domain_id] = study.get(domain_id, 0.0) + float(m[1])
    exams = 0
    for m in re.finditer(r"practice exam(?: ×(\d+))?", body):
        exams += int(m[1] or 1)
    return study, exams
