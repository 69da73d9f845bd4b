"""The benchmark's plans, written in format v1: reference, medium, big and big doubled.

The reference plan is the shipped template (planner/edge/templates/aws-ml-specialty.toml),
copied byte for byte: what ``planner new --template aws-ml-specialty`` starts a user with.

``big_doubled`` is the big plan doubled in size: twice the domains, resources
and log entries over the same two years (so the number of weeks is the same).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from planner.core.model import DayRange, Domain, Exam, LogEntry, Plan, Practice, Resource, Study
from planner.edge import store

KINDS = ("course", "docs", "video", "book", "article", "notes")
LOGGED_DAYS = 148
"""The log covers 2027-01-04 .. 2027-05-31, the days before the benchmark's today."""


def synthetic(years: float, domains: int, resources: int, logs: int, seed: int = 7) -> Plan:
    """A plan of the given size, deterministic for a seed."""
    rng = random.Random(seed)
    start = dt.date(2027, 1, 4)
    exam_day = start + dt.timedelta(days=round(365 * years))
    ids = [f"domain-{i:02d}" for i in range(domains)]
    return Plan(
        exam=Exam(
            name=f"Synthetic exam ({domains} domains)",
            code="SYN-01",
            date=dt.datetime.combine(exam_day, dt.time(9, 30)),
            timezone="Europe/Berlin",
            duration_minutes=180,
            passing_score=70.0,
            postponements_allowed=2,
        ),
        study=Study(
            start=start,
            availability=(1.5, 1.5, 1.0, 1.5, 0.0, 4.0, 3.0),
            target_hours=None,
            blackouts=tuple(
                DayRange(start + dt.timedelta(days=d), start + dt.timedelta(days=d + 4), "away")
                for d in range(90, round(365 * years) - 30, 120)
            ),
        ),
        domains=tuple(Domain(id=i, name=f"Domain {k}", weight=float(rng.randint(1, 30))) for k, i in enumerate(ids)),
        practice=Practice(count=10, minutes=120, weeks_before_exam=3),
        resources=tuple(
            Resource(
                id=f"res-{k:05d}",
                title=f"Resource {k}: chapter {rng.randint(1, 30)} of book {rng.randint(1, 99)}",
                hours=float(rng.randint(1, 12)),
                kind=rng.choice(KINDS),
                url=f"https://example.org/r/{k}",
                domains=tuple(rng.sample(ids, rng.choice((1, 1, 2)))),
                priority=rng.choice(("high", "medium", "low")),
                status=rng.choice(("todo", "todo", "doing", "done")),
                notes="Read twice; take notes." if k % 3 == 0 else "",
            )
            for k in range(resources)
        ),
        log=tuple(
            LogEntry(
                # Study already done: the log lies before the benchmark's today (2027-06-01).
                date=start + dt.timedelta(days=rng.randint(0, min(LOGGED_DAYS, round(365 * years)) - 1)),
                hours=rng.choice((0.5, 1.0, 1.5, 2.0)),
                domain=rng.choice(ids),
                note="session",
            )
            for _ in range(logs)
        ),
    )


REFERENCE = Path(__file__).resolve().parent.parent / "planner" / "edge" / "templates" / "aws-ml-specialty.toml"


def medium() -> Plan:
    return synthetic(1, 10, 500, 300)


def big() -> Plan:
    return synthetic(2, 50, 5000, 3000)


def big_doubled() -> Plan:
    """The big plan doubled: 100 domains, 10000 resources, 6000 log entries, the same 2 years."""
    return synthetic(2, 100, 10000, 6000)


PLANS = {"medium": medium, "big": big, "big-doubled": big_doubled}
"""Every plan the benchmark makes, by file name (``NAME.toml``); the reference is copied."""


def write_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {"reference": folder / "reference.toml"}
    out["reference"].write_bytes(REFERENCE.read_bytes())
    for name, make in PLANS.items():
        plan = make()
        path = folder / f"{name}.toml"
        path.write_text(store.dumps(plan), encoding="utf-8")
        out[name] = path
    return out
