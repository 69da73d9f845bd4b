"""The printable schedule (text, Markdown, HTML) and the registry of formats, as a user gets them.

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

import datetime as dt
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_planner
from exportkit import (
    BLACKOUT_REASON,
    ENTITY_TITLE,
    FIFTEEN_START,
    HTML_TITLE,
    LEAVE_REASON,
    LONG_TITLE,
    MD_TITLE,
    NETWORKING,
    PRACTICE_LINE,
    TODAY,
    capacity,
    dates,
    fifteen_week_plan,
    flat,
    make_plans,
    print_plan,
    schedule_json,
    suggestions,
    text_days,
)
from markdown_it import MarkdownIt
from planfactory import validated

from planner.core.safetext import width
from planner.edge import store


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_plans(tmp_path_factory)


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


def test_from_after_to_is_refused_saying_so(plans: dict[str, Path]) -> None:
    r = run_planner(
        "print",
        "--plan",
        str(plans["fifteen"]),
        "--today",
        TODAY["fifteen"],
        "--from",
        "2027-02-01",
        "--to",
        "2027-01-20",
    )
    assert (r.code, r.out) == (2, "")
    assert r.err.strip() == "planner: --from 2027-02-01 comes after --to 2027-01-20"


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


@pytest.mark.parametrize(
    ("output", "hint"),
    [
        ("week.pdf", "; for a PDF, print the .html file from a browser"),
        ("week.ICS", "; the calendar feed is `planner export ics -o FILE`"),
        ("week.docx", ""),
        ("notes.v2/week.rtf", ""),
    ],
    ids=["pdf", "ics-upper-case", "docx", "dotted-folder"],
)
def test_print_refuses_a_file_whose_suffix_is_no_printable_format(
    plans: dict[str, Path], tmp_path: Path, output: str, hint: str
) -> None:
    """Text written under week.pdf is a file no PDF reader opens: the user is told what to type instead."""
    target = tmp_path / output
    target.parent.mkdir(exist_ok=True)
    r = run_planner("print", "--plan", str(plans["fifteen"]), "--today", TODAY["fifteen"], "-o", str(target))
    suffix = target.suffix
    assert (r.code, r.out) == (2, "")
    assert r.err.strip() == (
        f"planner: -o {target}: print writes text (.txt), markdown (.md) or html (.html), not {suffix}:"
        f" end the name with one of those, or give --format{hint}"
    )
    assert not target.exists()


@pytest.mark.parametrize("output", ["week", "week.pdf"], ids=["no-suffix", "pdf-with-format-text"])
def test_print_writes_text_to_a_file_without_a_suffix_or_when_asked(
    plans: dict[str, Path], tmp_path: Path, output: str
) -> None:
    target = tmp_path / output
    extra = ["--format", "text"] if target.suffix else []
    r = run_planner("print", "--plan", str(plans["fifteen"]), "--today", TODAY["fifteen"], "-o", str(target), *extra)
    assert r.code == 0, r.err
    assert "WEEK 1 · " in target.read_text(encoding="utf-8")


def test_day_lines_count_the_hours_they_list_with_what_was_logged(tmp_path: Path) -> None:
    """ "Sun 13 Dec  1 h  ML Ops 1 h": the hours of the work on the line, never the hours the day has."""
    from planner.core.model import LogEntry, replace

    plan = fifteen_week_plan()
    plan = validated(
        replace(
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
