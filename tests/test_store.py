"""Loading and saving plan files: round trips, and one clear error for every broken plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import REFERENCE
from hypothesis import HealthCheck, given, settings
from planfactory import plans, replace_study

from planner.core.errors import PlanError
from planner.core.model import replace
from planner.edge import store

TEXT = REFERENCE.read_text(encoding="utf-8")


def test_reference_plan_loads_with_the_seed_facts() -> None:
    plan = store.load(REFERENCE).plan
    assert plan.exam.code == "MLS-C01"
    assert plan.exam.duration_minutes == 180
    assert plan.exam.postponements_allowed == 2
    assert [(d.name, d.weight) for d in plan.domains] == [
        ("Data Engineering", 20),
        ("Exploratory Data Analysis", 24),
        ("Modelling", 36),
        ("ML Implementation & Operations", 20),
    ]
    assert plan.study.target_hours == 185
    assert plan.practice.count == 10 and plan.practice.minutes == 180
    assert len(plan.resources) >= 7
    weeks = (plan.exam.date.date() - plan.study.start).days / 7
    assert 15 <= weeks <= 19, "about four months"
    kinds = [r.kind for r in plan.resources]
    assert {"course", "docs", "video", "book", "article"} <= set(kinds)


def test_load_of_save_is_the_same_plan() -> None:
    plan = store.load(REFERENCE).plan
    assert store.loads(store.dumps(plan)) == plan


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(with_log=True))
def test_any_plan_round_trips(plan) -> None:
    assert store.loads(store.dumps(plan)) == plan


def test_utf8_with_bom_is_read() -> None:
    plan = store.loads(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert plan.exam.code == "MLS-C01"


def sub(old: str, new: str, count: int = 1) -> str:
    assert old in TEXT, old
    return TEXT.replace(old, new, count)


BROKEN = [
    ("empty-file", "", None, "the file is empty"),
    ("only-whitespace", "  \n\n", None, "the file is empty"),
    ("syntax-error", sub("[exam]", "[exam"), "10", "not valid TOML"),
    ("binary-garbage", "\x00\x01\x02\xff\xfe", None, "not"),
    ("not-a-plan", 'title = "Cargo"\n[package]\nname = "x"\n', None, "does not look like a planner plan"),
    ("newer-schema", sub("schema = 1", "schema = 2"), "schema", "newer than this planner understands"),
    ("typo-top-key", sub("[practice]", "[practise]"), "practise", 'unknown key; did you mean "practice"?'),
    (
        "typo-study-key",
        sub("target_hours = 185", "target_hour = 185"),
        "study.target_hour",
        'did you mean "target_hours"',
    ),
    ("typo-weekday", sub("monday = 1.5", "munday = 1.5"), "study.availability.munday", "unknown key"),
    ("wrong-type-weight", sub("weight = 36", 'weight = "high"'), "domains[2].weight", "must be a number"),
    ("negative-hours", sub("monday = 1.5", "monday = -1"), "study.availability.monday", "at least 0"),
    ("hours-over-24", sub("saturday = 4", "saturday = 25"), "study.availability.saturday", "at most 24"),
    ("nan-weight", sub("weight = 36", "weight = nan"), "domains[2].weight", "finite"),
    ("inf-target", sub("target_hours = 185", "target_hours = inf"), "study.target_hours", "finite"),
    ("absurd-weight", sub("weight = 36", "weight = 1e308"), "domains[2].weight", "at most"),
    (
        "all-weights-zero",
        TEXT.replace("weight = 20", "weight = 0")
        .replace("weight = 24", "weight = 0")
        .replace("weight = 36", "weight = 0"),
        "domains[0].weight",
        "at least one must be more than 0",
    ),
    (
        "unknown-zone",
        sub('timezone = "Europe/London"', 'timezone = "Mars/Olympus"'),
        "exam.timezone",
        "unknown time zone",
    ),
    (
        "dangling-resource-domain",
        sub('domains = ["modelling", "ml-ops"]', 'domains = ["modeling", "ml-ops"]'),
        "resources[5].domains[0]",
        'did you mean "modelling"?',
    ),
    ("duplicate-domain-id", sub('id = "eda"', 'id = "modelling"'), "domains[2].id", "ids must be unique"),
    ("duplicate-resource-id", sub('id = "blog-posts"', 'id = "exam-readiness"'), "resources[3].id", "unique"),
    (
        "blackout-ends-before-start",
        sub("end = 2026-12-27", "end = 2026-12-20"),
        "study.blackouts[0].end",
        "before start",
    ),
    ("exam-before-start", sub("start = 2026-12-07", "start = 2027-05-01"), "exam.date", "must be after study.start"),
    (
        "exam-in-year-9999",
        sub("date = 2027-04-05T10:00:00", "date = 9999-04-05T10:00:00"),
        "exam.date",
        "is not a year the planner plans",
    ),
    (
        "exam-eleven-years-on",
        sub("date = 2027-04-05T10:00:00", "date = 2038-04-05T10:00:00"),
        "exam.date",
        "more than 10 years",
    ),
    (
        "exam-date-without-time",
        sub("date = 2027-04-05T10:00:00", "date = 2027-04-05"),
        "exam.date",
        "needs a time of day",
    ),
    (
        "exam-date-with-offset",
        sub("date = 2027-04-05T10:00:00", "date = 2027-04-05T10:00:00+01:00"),
        "exam.date",
        "without an offset",
    ),
    (
        "bad-choice",
        sub('strategy = "interleaved"', 'strategy = "random"'),
        "study.strategy",
        "must be one of interleaved, sequential",
    ),
    ("bad-priority", sub('priority = "low"', 'priority = "urgent"'), "resources[1].priority", "high, medium, low"),
    ("bad-id", sub('id = "eda"', 'id = "e d a"'), "domains[1].id", "not a valid id"),
    ("missing-name", sub('name = "AWS Certified Machine Learning – Specialty"\n', ""), "exam.name", "missing"),
    ("no-domains", TEXT.split("[[domains]]")[0], "domains", "missing"),
    (
        "zero-availability",
        TEXT.replace("= 1.5", "= 0").replace("saturday = 4", "saturday = 0").replace("sunday = 3.5", "sunday = 0"),
        "study.availability",
        "no study hours",
    ),
    ("bool-as-number", sub("count = 10", "count = true"), "practice.count", "whole number"),
    ("fraction-count", sub("count = 10", "count = 2.5"), "practice.count", "whole number"),
    ("bad-start-time", sub('saturday = "09:30"', 'saturday = "25:99"'), "study.start_times.saturday", "time of day"),
    (
        "log-unknown-domain",
        TEXT + '\n[[log]]\ndate = 2026-12-08\nhours = 1\ndomain = "nope"\n',
        "log[0].domain",
        "no domain has the id",
    ),
    (
        "log-unknown-resource",
        TEXT + '\n[[log]]\ndate = 2026-12-08\nhours = 1\ndomain = "eda"\nresource = "x"\n',
        "log[0].resource",
        "no resource has the id",
    ),
    (
        "result-unknown-domain",
        TEXT + "\n[[practice.results]]\ndate = 2027-03-30\nscore = 70\ndomains = { nope = 3 }\n",
        "practice.results[0].domains.nope",
        "no domain",
    ),
    (
        "score-over-100",
        TEXT + "\n[[practice.results]]\ndate = 2027-03-30\nscore = 170\n",
        "practice.results[0].score",
        "at most 100",
    ),
    (
        "granularity-zero",
        sub("granularity_hours = 0.5", "granularity_hours = 0"),
        "study.granularity_hours",
        "at least",
    ),
    ("tables-where-array-expected", sub("[[domains]]", "[domains]", 1), None, "not valid TOML"),
]


@pytest.mark.parametrize(("text", "key", "needle"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_broken_plan_gets_one_clear_line(tmp_path: Path, text: str, key: str | None, needle: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_bytes(text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text)
    before = path.read_bytes()
    with pytest.raises(PlanError) as info:
        store.load(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    if key is not None:
        assert key in message
    assert needle in message
    assert path.read_bytes() == before


def test_errors_carry_the_line_of_the_key(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(sub("weight = 36", "weight = -3"), encoding="utf-8")
    with pytest.raises(PlanError) as info:
        store.load(path)
    line = TEXT.splitlines().index("weight = 36") + 1
    assert str(info.value).startswith(f"{path}:{line}:1: domains[2].weight:")


@pytest.mark.parametrize("digits", [4301, 20_000], ids=["just-over-the-limit", "far-over"])
def test_an_integer_of_thousands_of_digits_is_named_by_its_line(tmp_path: Path, digits: int) -> None:
    path = tmp_path / "p.toml"
    path.write_text(sub("weight = 36", "weight = 1" + "0" * (digits - 1)), encoding="utf-8")
    with pytest.raises(PlanError) as info:  # tomllib's own ValueError, not a TOMLDecodeError
        store.load(path)
    line = TEXT.splitlines().index("weight = 36") + 1
    assert str(info.value) == f"{path}:{line}:10: a number with thousands of digits (more than Python reads)"


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_bytes(b"schema = 1\n# caf\xe9\n")
    with pytest.raises(PlanError, match=r":2:6: not UTF-8"):
        store.load(path)


def test_save_keeps_the_previous_version_and_skips_no_op_writes(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    plan = store.load(REFERENCE).plan
    first = store.save(path, plan)
    assert not store.backup_path(path).exists()
    again = store.save(path, plan, first)
    assert again == first, "no change, no write"
    changed = replace_study(plan, target_hours=150.0)
    store.save(path, changed, first)
    assert store.load(store.backup_path(path)).plan == plan
    assert store.load(path).plan == changed


def test_save_refuses_to_overwrite_an_outside_edit(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    plan = store.load(REFERENCE).plan
    loaded_print = store.save(path, plan)
    path.write_text(path.read_text() + "\n# edited by hand\n")

    with pytest.raises(store.SaveConflict):
        store.save(
            path,
            replace(plan, log=()),
            loaded_print.__class__(**{**loaded_print.__dict__}) if False else loaded_print,
        )
    assert path.read_text().endswith("# edited by hand\n")


def test_dates_round_trip_as_toml_dates() -> None:
    plan = store.load(REFERENCE).plan
    text = store.dumps(plan)
    assert "date = 2027-04-05T10:00:00\n" in text
    assert "start = 2026-12-07\n" in text
    assert isinstance(store.loads(text).study.start, dt.date)
