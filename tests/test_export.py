"""The printable schedule (text, Markdown, HTML) and the calendar feed, as a user gets them.

Every test runs the command line as a subprocess and reads what it wrote. The
expectations come from the plan itself (its availability, blackouts, practice
block, resources) and from ``planner schedule --json`` (the engine's numbers),
never from a copy of the output: the point is that each format shows the plan
that ``schedule`` computes, whole, readably, and without letting plan text
turn into markup.

The HTML pages are printed to PDF with headless Chromium (``-m slow``); a
missing Chromium or poppler-utils fails the test rather than skipping it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from conftest import REFERENCE, run_planner
from markdown_it import MarkdownIt
from planfactory import make_plan, replace_study, validated

from planner.core.model import DayRange, Plan, Practice, Resource
from planner.core.safetext import width
from planner.edge import store

UTC = dt.UTC

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
    domains = tuple(dataclasses.replace(d, name=names.get(d.id, d.name)) for d in plan.domains)
    return validated(dataclasses.replace(plan, domains=domains))


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


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
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


@pytest.mark.parametrize("name", ["reference", "fifteen", "wide"])
def test_text_fits_80_terminal_columns(plans: dict[str, Path], name: str) -> None:
    out = print_plan(plans[name], TODAY[name])
    too_wide = [(width(line), line) for line in out.replace("\f", "\n").splitlines() if width(line) > 80]
    assert not too_wide, f"{len(too_wide)} lines wider than 80 columns, e.g. {too_wide[:3]}"


def test_text_prints_every_week_on_its_own_page(plans: dict[str, Path]) -> None:
    path = plans["fifteen"]
    data = schedule_json(path, TODAY["fifteen"])
    assert len(data["weeks"]) == 15  # the plan is built that way: 15 whole Monday-to-Sunday weeks
    out = print_plan(path, TODAY["fifteen"])
    assert out.count("\f") == 15 - 1
    pages = out.split("\f")
    for number, page in enumerate(pages, start=1):
        headers = re.findall(r"^WEEK (\d+) · ", page, flags=re.M)
        assert headers == [str(number)], f"page {number} has week headers {headers}"
        assert "Test exam (CKA)" in page and "Exam Mon 19 Apr 2027 10:00 Europe/London" in page


def test_text_days_suggest_what_to_study_and_add_up_to_the_week(plans: dict[str, Path]) -> None:
    path = plans["fifteen"]
    plan = store.load(path).plan
    names = {d.id: d.name for d in plan.domains}
    data = schedule_json(path, TODAY["fifteen"])
    exam_hours = plan.practice.minutes / 60
    pages = print_plan(path, TODAY["fifteen"]).split("\f")
    for week, page in zip(data["weeks"], pages, strict=True):
        days = text_days(page)
        week_dates = dates(dt.date.fromisoformat(week["start"]), dt.date.fromisoformat(week["end"]))
        assert [d.name for d in days] == [f"{x:%a} {x.day} {x:%b}" for x in week_dates], page
        studied: dict[str, float] = {}
        exams = 0
        for day, date in zip(days, week_dates):
            available = capacity(plan, date)
            assert day.box == ("[ ]" if available > 0 else "   "), f"{date}: {day}"
            if any(date in b for b in plan.study.blackouts):
                assert f"off: {BLACKOUT_REASON}" in day.body
            if any(date in o for o in plan.study.overrides):
                assert LEAVE_REASON in day.body
            study, k = suggestions(day.body, names)
            if available == 0:
                assert not study and not k, f"{date} has no hours but suggests {day.body!r}"
            listed = sum(study.values()) + k * exam_hours
            assert day.hours == pytest.approx(listed), f"{date}: the line says {day.hours} h but lists {day.body!r}"
            assert listed <= available + 1e-9, f"{date} overfull: {day.body!r}"
            for domain_id, hours in study.items():
                studied[domain_id] = studied.get(domain_id, 0.0) + hours
            exams += k
        planned = {d: h for d, h in week["hours"].items() if h}
        assert studied == pytest.approx(planned), f"week {week['start']}: days {studied} vs week {planned}"
        assert exams * exam_hours == pytest.approx(week["practice_hours"])


def test_text_practice_exams_are_in_the_final_weeks(plans: dict[str, Path]) -> None:
    path = plans["fifteen"]
    plan = store.load(path).plan
    pages = print_plan(path, TODAY["fifteen"]).split("\f")
    announced = {}
    for number, page in enumerate(pages, start=1):
        lines = page.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("Practice ")]
        if not starts:
            assert not PRACTICE_LINE.search(flat(page))
            continue
        (i,) = starts
        block = [lines[i]]
        while i + 1 < len(lines) and lines[i + 1].startswith(" " * 9) and lines[i + 1].strip():
            i += 1
            block.append(lines[i])
        ((count, minutes),) = PRACTICE_LINE.findall(flat("\n".join(block)))
        assert int(minutes) == plan.practice.minutes
        announced[number] = int(count)
        assert flat("\n".join(block)).count("[ ]") == int(count), f"one tick box per practice exam: {block}"
    assert sum(announced.values()) == plan.practice.count
    final = set(range(len(pages) - plan.practice.weeks_before_exam + 1, len(pages) + 1))
    assert set(announced) <= final, f"practice exams in weeks {sorted(announced)}, expected within {sorted(final)}"


def test_text_lists_every_resource_in_its_due_week_with_a_checkbox(plans: dict[str, Path]) -> None:
    path = plans["fifteen"]
    plan = store.load(path).plan
    data = schedule_json(path, TODAY["fifteen"])
    week_of = {w["start"]: n for n, w in enumerate(data["weeks"], start=1)}
    pages = [flat(p) for p in print_plan(path, TODAY["fifteen"]).split("\f")]
    due = {r["id"]: r["due_week"] for r in data["resources"]}
    assert set(due) == {r.id for r in plan.resources}
    for r in plan.resources:
        assert due[r.id] is not None, f"{r.id} has no due week, so no page lists it"
        number = week_of[due[r.id]]
        mark = "[x]" if r.status == "done" else "[ ]"
        assert f"{mark} {flat(r.title)} ({r.priority}, {r.hours:g} h)" in pages[number - 1], (r.id, number)
        elsewhere = [n for n, p in enumerate(pages, start=1) if flat(r.title) in p and n != number]
        assert not elsewhere, f"{r.id} also listed in weeks {elsewhere}"


def week_number(day: str, start: dt.date = FIFTEEN_START) -> int:
    return (dt.date.fromisoformat(day) - start).days // 7 + 1


@pytest.mark.parametrize(
    ("first", "last"),
    [
        pytest.param("2027-01-20", "2027-02-01", id="mid-week-dates-take-whole-weeks"),
        pytest.param("2027-01-11", "2027-01-17", id="exactly-one-week"),
        pytest.param("2027-04-12", None, id="from-only-to-the-end"),
        pytest.param(None, "2027-01-04", id="to-only-from-the-start"),
        pytest.param("2027-04-18", "2027-04-18", id="last-study-day"),
    ],
)
def test_text_from_to_selects_the_weeks_holding_those_dates(
    plans: dict[str, Path], first: str | None, last: str | None
) -> None:
    wanted = list(range(week_number(first) if first else 1, (week_number(last) if last else 15) + 1))
    extra = [*(["--from", first] if first else []), *(["--to", last] if last else [])]
    out = print_plan(plans["fifteen"], TODAY["fifteen"], *extra)
    assert [int(n) for n in re.findall(r"^WEEK (\d+) · ", out, flags=re.M)] == wanted
    assert out.count("\f") == len(wanted) - 1


# --- markdown -------------------------------------------------------------------


def unescaped_pipes(row: str) -> int:
    count, i = 0, 0
    while i < len(row):
        if row[i] == "\\":
            i += 2
            continue
        count += row[i] == "|"
        i += 1
    return count


def md_tables(text: str) -> list[list[str]]:
    tables: list[list[str]] = []
    current: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


class Texts(HTMLParser):
    """The text of each element of the given kinds, entities decoded, plus every tag and attribute seen."""

    def __init__(self, kinds: tuple[str, ...] = ()) -> None:
        super().__init__(convert_charrefs=True)
        self.kinds = kinds
        self.texts: dict[str, list[str]] = {k: [] for k in kinds}
        self.open: list[tuple[str, list[str]]] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.styles: list[str] = []
        self.all_text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"
        if tag in self.kinds:
            self.open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        if self.open and self.open[-1][0] == tag:
            kind, parts = self.open.pop()
            self.texts[kind].append(flat("".join(parts)))
            if self.open:
                self.open[-1][1].extend(parts)

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
            return
        self.all_text.append(data)
        if self.open:
            self.open[-1][1].append(data)


def test_markdown_has_a_heading_per_week_and_well_formed_tables(plans: dict[str, Path]) -> None:
    path = plans["fifteen"]
    out = print_plan(path, TODAY["fifteen"], "--format", "markdown")
    headings = re.findall(r"^## Week (\d+): ", out, flags=re.M)
    assert headings == [str(n) for n in range(1, 16)]
    tables = md_tables(out)
    assert len(tables) == 2 * 15, "a domain table and a day table per week"
    for table in tables:
        header, delimiter, *rows = table
        assert re.fullmatch(r"\|( :?-{3,}:? \|)+", delimiter), delimiter
        for row in [delimiter, *rows]:
            assert unescaped_pipes(row) == unescaped_pipes(header), f"{row!r} vs header {header!r}"
    # Plan text with markup characters is escaped where it lands: a domain name in both tables,
    # a blackout reason in the day table, a resource title in the list.
    assert "| Networking \\| Services \\*core\\* |" in out
    assert "off: ski trip \\| no laptop" in out
    assert "- [ ] CKA course \\[with labs\\] \\*star\\* \\_x\\_ \\| pipe (high, 20 h)" in out


@pytest.fixture(scope="module")
def markdown_rendered(plans: dict[str, Path]) -> Texts:
    out = print_plan(plans["fifteen"], TODAY["fifteen"], "--format", "markdown")
    parser = Texts(("li", "td", "th", "h2"))
    parser.feed(MarkdownIt("commonmark").enable("table").render(out))
    return parser


@pytest.mark.parametrize(
    ("resource_id", "title"),
    [
        pytest.param("course", MD_TITLE, id="brackets-stars-underscores-pipe"),
        pytest.param("html", HTML_TITLE, id="html-tags-ampersand-quotes"),
        pytest.param("entity", ENTITY_TITLE, id="html-entities"),
        pytest.param("book", LONG_TITLE, id="long-non-ascii"),
    ],
)
def test_markdown_renders_resource_titles_literally(
    plans: dict[str, Path], markdown_rendered: Texts, resource_id: str, title: str
) -> None:
    resource = store.load(plans["fifteen"]).plan.resource(resource_id)
    assert resource is not None
    mark = "[x]" if resource.status == "done" else "[ ]"
    expected = f"{mark} {title} ({resource.priority}, {resource.hours:g} h)"
    items = markdown_rendered.texts["li"]
    suffix = f" ({resource.priority}, {resource.hours:g} h)"
    assert expected in items, f"rendered as {[i for i in items if i.startswith(mark) and i.endswith(suffix)]}"


def test_markdown_renders_table_text_literally_in_one_cell(markdown_rendered: Texts) -> None:
    cells = markdown_rendered.texts["td"]
    assert cells.count(NETWORKING) == 15, "the domain row of every week's domain table"
    assert sum(f"(off: {BLACKOUT_REASON})" in c for c in cells) == 5, "Mon 15 to Fri 19 Feb"
    assert markdown_rendered.texts["th"][:6] == ["Domain", "Hours", "Done", "Day", "Hours", "Study"]


# --- html -----------------------------------------------------------------------

EXTERNAL = re.compile(r"^\s*(https?:|//|ftp:)", re.I)


def test_html_is_a_self_contained_page_with_escaped_plan_text(plans: dict[str, Path]) -> None:
    out = print_plan(plans["fifteen"], TODAY["fifteen"], "--format", "html")
    assert "<script" not in out.lower()
    parser = Texts(("li", "td", "h2", "title"))
    parser.feed(out)
    tags = [t for t, _ in parser.tags]
    assert "style" in tags and "link" not in tags and "script" not in tags
    head = out[: out.index("</head>")]
    assert "<style>" in head, "the CSS is inline in the head"
    for tag, attrs in parser.tags:
        for key, value in attrs:
            if key in ("src", "href", "srcset", "action", "poster", "data"):
                assert not EXTERNAL.search(value or ""), f"<{tag} {key}={value!r}> loads from the network"
            assert not key.startswith("on"), f"<{tag} {key}> runs script"
    css = "\n".join(parser.styles) + "\n".join(v or "" for _, attrs in parser.tags for k, v in attrs if k == "style")
    assert "@import" not in css and "@font-face" not in css
    assert not re.search(r"url\(\s*['\"]?(?!data:)", css), "no url() but data: ones"
    assert not re.search(r"https?://", css)
    # Hostile text is escaped: it reads literally, and adds no element of its own.
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &quot;quoted&quot;" in out
    assert "<b>x</b>" not in out
    assert any(li.startswith(f"{HTML_TITLE} ") for li in parser.texts["li"]), "the title reads literally"
    assert any(li.startswith(f"{ENTITY_TITLE} ") for li in parser.texts["li"]), "an entity-like title is not decoded"
    assert any(li.startswith(f"{MD_TITLE} ") for li in parser.texts["li"])
    assert parser.texts["title"] == ["Test exam (CKA): weekly schedule"]
    # One section per week, in order.
    weeks = [h for h in parser.texts["h2"] if h.startswith("Week ")]
    assert [int(re.match(r"Week (\d+) · ", h)[1]) for h in weeks] == list(range(1, 16))  # type: ignore[index]
    sections = [dict(attrs) for tag, attrs in parser.tags if tag == "section"]
    assert sum("week" in (a.get("class") or "").split() for a in sections) == 15, "a section (a printed page) per week"


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"{tool} is not installed: the HTML page-per-week check needs it (apt-get install chromium poppler-utils)"
        )
    return path


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def print_to_pdf(html: Path, pdf: Path, profile: Path) -> None:
    chromium = need("chromium")
    proc = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and pdf.exists() and pdf.stat().st_size > 0, proc.stderr[-2000:]


@pytest.mark.slow
@pytest.mark.parametrize(("css_size", "pdfinfo_name"), [("A4", "A4"), ("letter", "letter")], ids=["a4", "letter"])
def test_html_prints_one_page_per_week(
    plans: dict[str, Path], tmp_path: Path, css_size: str, pdfinfo_name: str
) -> None:
    pdfinfo, pdftotext = need("pdfinfo"), need("pdftotext")
    need("chromium")
    out = print_plan(plans["fifteen"], TODAY["fifteen"], "--format", "html")
    page = tmp_path / f"plan-{css_size}.html"
    page.write_text(out.replace("</head>", f"<style>@page {{ size: {css_size} }}</style></head>", 1), encoding="utf-8")
    pdf = tmp_path / f"plan-{css_size}.pdf"
    print_to_pdf(page, pdf, tmp_path / "profile")

    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"^Page size:.*\({pdfinfo_name}\)", info, flags=re.M), info
    pages = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.M)[1])  # type: ignore[index]
    assert 15 <= pages <= 15 + 2, f"{pages} pages for 15 weeks"

    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    texts = text.split("\f")
    on_page = {}
    for n, body in enumerate(texts, start=1):
        found = re.findall(r"Week (\d+) · ", body)
        assert len(found) <= 1, f"page {n} holds weeks {found}"
        for w in found:
            on_page[int(w)] = n
    assert sorted(on_page) == list(range(1, 16)), "every week's heading is printed"
    assert sorted(on_page.values()) == list(on_page.values()), "weeks in order"
    # A week is whole on its page: the page that starts a week also ends it (its last day is there).
    for w, n in on_page.items():
        last = FIFTEEN_START + dt.timedelta(days=7 * w - 1)
        assert f"{last:%a} {last.day} {last:%b}" in texts[n - 1], f"week {w} runs past page {n}"


# --- ics ------------------------------------------------------------------------


@dataclasses.dataclass
class Event:
    kind: str
    uid: str
    start: dt.datetime
    duration: dt.timedelta
    summary: str
    description: str
    component: icalendar.Event

    @property
    def end(self) -> dt.datetime:
        return self.start + self.duration


def export_ics(path: Path, today: str, folder: Path, name: str = "plan.ics") -> bytes:
    target = folder / name
    r = run_planner("export", "ics", "--plan", str(path), "--today", today, "-o", str(target))
    assert r.code == 0, r.err
    return target.read_bytes()


def events(data: bytes) -> list[Event]:
    cal = icalendar.Calendar.from_ical(data)
    out = []
    for ev in cal.walk("VEVENT"):
        cats = [str(c) for c in ev["categories"].cats]
        assert len(cats) == 1, cats
        out.append(
            Event(
                kind=cats[0],
                uid=str(ev["uid"]),
                start=ev.decoded("dtstart"),
                duration=ev.decoded("duration"),
                summary=str(ev["summary"]),
                description=str(ev.get("description", "")),
                component=ev,
            )
        )
    return out


def vtimezone_offset(data: bytes, zone: str, local: dt.datetime) -> dt.timedelta:
    """The UTC offset the feed's own VTIMEZONE gives a local time (what a client without tz data uses)."""
    cal = icalendar.Calendar.from_ical(data)
    (tz,) = [c for c in cal.walk("VTIMEZONE") if str(c["tzid"]) == zone]
    best: tuple[dt.datetime, dt.timedelta] | None = None
    for sub in tz.subcomponents:
        assert "RRULE" not in sub, "RRULE onsets are not handled here"
        onsets = [sub.decoded("dtstart")]
        rdates = sub.get("rdate")
        for group in rdates if isinstance(rdates, list) else [rdates] if rdates is not None else []:
            onsets.extend(d.dt for d in group.dts)
        for onset in onsets:
            if onset <= local and (best is None or onset > best[0]):
                best = (onset, sub.decoded("tzoffsetto"))
    assert best is not None
    return best[1]


ICS_PLANS = ["reference", "fifteen", "berlin", "new-york"]


@pytest.mark.parametrize("name", ICS_PLANS)
def test_ics_is_crlf_folded_and_round_trips(plans: dict[str, Path], tmp_path: Path, name: str) -> None:
    data = export_ics(plans[name], TODAY[name], tmp_path)
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n") == data.count(b"\r"), "every line ends in CRLF, and only there"
    long = [line for line in data.split(b"\r\n") if len(line) > 75]
    assert not long, f"{len(long)} lines over 75 octets, e.g. {long[:2]}"
    plan = store.load(plans[name]).plan
    evs = events(data)
    (exam,) = [e for e in evs if e.kind == "exam"]
    assert exam.summary == f"Exam: {plan.exam.name}" + (f" ({plan.exam.code})" if plan.exam.code else "")
    for e in evs:
        stamp = e.component.decoded("dtstamp")
        assert stamp.utcoffset() == dt.timedelta(0), "DTSTAMP is UTC"
    # Titles (non-ASCII, long, with markup characters) survive folding whole: each study
    # evening names what is due by the end of its week.
    titles = {r.id: r.title for r in plan.resources if r.status != "done"}
    for week in schedule_json(plans[name], TODAY[name])["weeks"]:
        first, last = dt.date.fromisoformat(week["start"]), dt.date.fromisoformat(week["end"])
        due = [titles[i] for i in week["resources_due"] if i in titles]
        for e in evs:
            if e.kind == "study" and first <= e.start.date() <= last:
                assert all(t in e.description for t in due), (e.start, due, e.description)


@pytest.mark.parametrize(
    ("name", "zone", "local", "utc"),
    [
        # London is on BST (+01:00) from 28 Mar 2027: 10:00 on 5 Apr is 09:00 UTC.
        pytest.param(
            "reference", "Europe/London", dt.datetime(2027, 4, 5, 10), dt.datetime(2027, 4, 5, 9), id="london-bst"
        ),
        # Berlin goes from +01:00 to +02:00 at 02:00 on Sunday 28 Mar 2027: 09:00 that day is 07:00 UTC.
        pytest.param(
            "berlin", "Europe/Berlin", dt.datetime(2027, 3, 28, 9), dt.datetime(2027, 3, 28, 7), id="berlin-dst-day"
        ),
        # New York goes from -05:00 to -04:00 at 02:00 on Sunday 14 Mar 2027: 09:00 is 13:00 UTC.
        pytest.param(
            "new-york",
            "America/New_York",
            dt.datetime(2027, 3, 14, 9),
            dt.datetime(2027, 3, 14, 13),
            id="new-york-dst-day",
        ),
        # 19 Apr 2027 is in BST too (+01:00): 10:00 is 09:00 UTC.
        pytest.param(
            "fifteen", "Europe/London", dt.datetime(2027, 4, 19, 10), dt.datetime(2027, 4, 19, 9), id="london-15-weeks"
        ),
    ],
)
def test_ics_exam_is_at_its_local_time_in_its_zone(
    plans: dict[str, Path], tmp_path: Path, name: str, zone: str, local: dt.datetime, utc: dt.datetime
) -> None:
    data = export_ics(plans[name], TODAY[name], tmp_path)
    plan = store.load(plans[name]).plan
    (exam,) = [e for e in events(data) if e.kind == "exam"]
    assert exam.component["dtstart"].params.get("TZID") == zone
    assert exam.start.replace(tzinfo=None) == local == plan.exam.date
    assert exam.start.astimezone(UTC) == utc.replace(tzinfo=UTC)
    assert exam.duration == dt.timedelta(minutes=plan.exam.duration_minutes)
    # The VTIMEZONE in the feed says the same, for clients that go by it.
    assert local - vtimezone_offset(data, zone, local) == utc
    # Every TZID used has its VTIMEZONE.
    cal = icalendar.Calendar.from_ical(data)
    zones = {str(c["tzid"]) for c in cal.walk("VTIMEZONE")}
    used = {str(e.component["dtstart"].params["TZID"]) for e in events(data) if "TZID" in e.component["dtstart"].params}
    assert zone in zones and used <= zones


@pytest.mark.parametrize("name", ICS_PLANS)
def test_ics_events_add_up_to_the_planned_hours(plans: dict[str, Path], tmp_path: Path, name: str) -> None:
    plan = store.load(plans[name]).plan
    totals = schedule_json(plans[name], TODAY[name])["totals"]
    evs = events(export_ics(plans[name], TODAY[name], tmp_path))
    practice = [e for e in evs if e.kind == "practice"]
    study = [e for e in evs if e.kind == "study"]
    assert len(practice) == plan.practice.count
    assert all(e.duration == dt.timedelta(minutes=plan.practice.minutes) for e in practice)
    hours = sum((e.duration for e in practice + study), dt.timedelta()).total_seconds() / 3600
    assert abs(hours - (totals["study_hours"] + totals["practice_hours"])) <= 1 / 60, (hours, totals)
    assert {e.kind for e in evs} == {"exam", "practice", "study"}


def events_by_day(plan: Plan, data: bytes) -> dict[dt.date, list[Event]]:
    """Practice and study events by their local day, each day's in time order."""
    by_day: dict[dt.date, list[Event]] = {}
    for e in events(data):
        assert e.start.tzinfo is not None and str(e.start.tzinfo) == plan.exam.timezone
        if e.kind != "exam":
            by_day.setdefault(e.start.date(), []).append(e)
    return {day: sorted(evs, key=lambda e: e.start) for day, evs in sorted(by_day.items())}


@pytest.mark.parametrize("name", ICS_PLANS)
def test_ics_events_start_at_the_days_start_time(plans: dict[str, Path], tmp_path: Path, name: str) -> None:
    plan = store.load(plans[name]).plan
    today = dt.date.fromisoformat(TODAY[name])
    exam_day = plan.exam.date.date()
    by_day = events_by_day(plan, export_ics(plans[name], TODAY[name], tmp_path))
    window_start = exam_day - dt.timedelta(days=7 * plan.practice.weeks_before_exam)
    for day, evs in by_day.items():
        assert today <= day < exam_day, f"{day}: outside the study days from today"
        # a day starts at its start time, or early enough to end by 23:00 (issue 11 item 5)
        start = dt.datetime.combine(day, plan.study.start_time(day.weekday()))
        booked = sum((e.duration for e in evs), dt.timedelta())
        latest = dt.datetime.combine(day, dt.time(23, 0))
        expected = start if start + booked <= latest else max(dt.datetime.combine(day, dt.time()), latest - booked)
        assert evs[0].start.replace(tzinfo=None) == expected, f"{day}: first event at {evs[0].start}"
        assert evs[-1].end.replace(tzinfo=None) <= dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
        for before, after in itertools.pairwise(evs):
            assert after.start == before.end, f"{day}: {before.summary} and {after.summary} overlap or leave a gap"
        practice = [e for e in evs if e.kind == "practice"]
        studies = [e for e in evs if e.kind == "study"]
        assert len(studies) <= max(1, len(practice)), f"{day}: one study block a day, or one review per sitting"
        if practice:
            assert day >= window_start, f"{day}: practice exam before its final weeks"
            assert evs[0].kind == "practice", f"{day}: the sitting comes first, its review after it"
            kinds = [e.kind for e in evs]
            assert "study,study" not in ",".join(kinds), f"{day}: {kinds}"


@pytest.mark.parametrize("name", ICS_PLANS)
def test_ics_books_no_day_beyond_its_hours(plans: dict[str, Path], tmp_path: Path, name: str) -> None:
    """A timed practice exam needs its minutes in one sitting: an evening with less is no place for it."""
    plan = store.load(plans[name]).plan
    for day, evs in events_by_day(plan, export_ics(plans[name], TODAY[name], tmp_path)).items():
        assert capacity(plan, day) > 0, f"{day} gives no hours but has {[e.summary for e in evs]}"
        booked = sum((e.duration for e in evs), dt.timedelta())
        assert booked <= dt.timedelta(hours=capacity(plan, day)), (
            f"{day:%a %d %b %Y} has {capacity(plan, day):g} h but the feed books {booked}: "
            + ", ".join(f"{e.summary} {e.start:%H:%M}+{e.duration}" for e in evs)
        )


def test_ics_uids_are_stable(plans: dict[str, Path], tmp_path: Path) -> None:
    source = plans["fifteen"]
    path = tmp_path / "mine.toml"
    shutil.copy(source, path)
    today = TODAY["fifteen"]
    first = events(export_ics(path, today, tmp_path, "a.ics"))
    second = events(export_ics(path, today, tmp_path, "b.ics"))
    uids = [e.uid for e in first]
    assert len(set(uids)) == len(uids), "no two events share a UID"
    assert set(uids) == {e.uid for e in second}
    (exam_uid,) = [e.uid for e in first if e.kind == "exam"]

    planner_ok("log", "1", "--domain", "d0", "--date", today, "--plan", str(path), "--today", today)
    assert len(store.load(path).plan.log) == 1
    logged = events(export_ics(path, today, tmp_path, "c.ics"))
    assert [e.uid for e in logged if e.kind == "exam"] == [exam_uid]
    study_hours = sum((e.duration for e in logged if e.kind == "study"), dt.timedelta())
    assert study_hours == sum((e.duration for e in first if e.kind == "study"), dt.timedelta()) - dt.timedelta(hours=1)

    planner_ok("reschedule", "2027-04-26", "--plan", str(path), "--today", today)
    moved = events(export_ics(path, today, tmp_path, "d.ics"))
    (exam,) = [e for e in moved if e.kind == "exam"]
    assert exam.uid == exam_uid, "a reschedule updates the exam event instead of adding one"
    assert exam.start.replace(tzinfo=None) == dt.datetime(2027, 4, 26, 10, 0)


# --- the registry and the day lines ---------------------------------------------------


def test_every_registered_format_is_offered_and_renders(plans: dict[str, Path], tmp_path: Path) -> None:
    from planner.export import FORMATS, weekly_formats

    assert set(FORMATS) >= {"text", "markdown", "html", "ics"}
    help_text = flat(run_planner("print", "--help").out)
    assert "{" + ",".join(weekly_formats()) + "}" in help_text, "print --format offers every printable format"
    for name, f in FORMATS.items():
        assert f.media_type.startswith("text/") and f.suffix.startswith(".")
        target = tmp_path / f"plan{f.suffix}"
        r = run_planner("export", name, "--plan", str(plans["fifteen"]), "--today", TODAY["fifteen"], "-o", str(target))
        assert r.code == 0, (name, r.err)
        data = target.read_bytes()
        assert data, name
        assert (b"\r\n" in data) == f.crlf, f"{name}: CRLF only where the format asks for it"


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("week.md", "## Week 1: "),
        ("week.markdown", "## Week 1: "),
        ("week.HTML", "<!DOCTYPE html>"),
        ("week.txt", "WEEK 1 · "),
    ],
    ids=["md", "markdown", "html-upper-case", "txt"],
)
def test_print_takes_the_format_from_the_files_suffix(
    plans: dict[str, Path], tmp_path: Path, output: str, expected: str
) -> None:
    target = tmp_path / output
    r = run_planner(
        "print", "--plan", str(plans["fifteen"]), "--today", TODAY["fifteen"], "--to", "2027-01-04", "-o", str(target)
    )
    assert r.code == 0, r.err
    assert expected in target.read_text(encoding="utf-8")


def test_day_lines_count_the_hours_they_list_with_what_was_logged(tmp_path: Path) -> None:
    """ "Sun 13 Dec  1 h  ML Ops 1 h": the hours of the work on the line, never the hours the day has."""
    from planner.core.model import LogEntry

    plan = fifteen_week_plan()
    plan = validated(
        dataclasses.replace(
            plan,
            log=(
                LogEntry(dt.date(2027, 1, 4), 1.0, "d0"),
                LogEntry(dt.date(2027, 1, 5), 0.5, "d1"),
                LogEntry(dt.date(2027, 1, 6), 1.5, "d3"),
            ),
        )
    )
    path = tmp_path / "logged.toml"
    store.save(path, plan)
    names = {d.id: d.name for d in plan.domains}
    page = print_plan(path, "2027-01-06", "--to", "2027-01-06")
    days = text_days(page)
    assert len(days) == 7
    for day in days:
        study, exams = suggestions(day.body, names)
        assert not exams
        assert day.hours == pytest.approx(sum(study.values())), day
    monday, tuesday, wednesday = days[:3]
    assert monday.hours == 1.0 and monday.body == "done: Cluster Architecture 1 h"
    assert wednesday.hours == 1.5 and wednesday.body == "done: Troubleshooting 1.5 h", "a day logged full"
    assert tuesday.hours == pytest.approx(0.5), "the past: what was done, nothing planned"
    week = schedule_json(path, "2027-01-06")["weeks"][0]
    total = sum(week["hours"].values()) + week["practice_hours"]
    assert sum(d.hours for d in days) == pytest.approx(total), "the day lines add up to the week"
    assert "WEEK 1 · Mon 4 Jan – Sun 10 Jan 2027" in page and f"{total:g} h of" in page
    md = print_plan(path, "2027-01-06", "--to", "2027-01-06", "--format", "markdown")
    rows = re.findall(r"^\| [☐☑] \| (\w{3} \d{1,2} \w{3}) \| (\d+(?:\.\d+)?) \|", md, flags=re.M)
    assert [float(h) for _, h in rows] == [d.hours for d in days], "Markdown shows the same hours"
