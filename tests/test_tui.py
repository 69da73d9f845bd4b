"""Pilot tests: every flow of the TUI, driven by keys and by the mouse, checked in the file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import REFERENCE, UNSEEN, record_notes, screen_text
from planfactory import make_plan, replace_study
from tui_helpers import opened, screen_shown, set_plan, type_into

from planner.core.model import Resource, replace
from planner.edge import store
from planner.tui import links
from planner.tui.app import make_app
from planner.tui.views.resources import ResourceList

TODAY = "2026-12-14"


@pytest.mark.slow
async def test_new_plan_from_the_template_in_one_enter(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    app = make_app(plans_dir=folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "NewPlanScreen"
        await pilot.press("enter")
        await pilot.pause()
        path = folder / "aws-ml-specialty.toml"
        assert path.exists()
        plan = store.load(path).plan
        # 17 weeks from today, at the template's 10:00.
        assert plan.exam.date.isoformat() == "2027-04-12T10:00:00"
        assert plan.study.start.isoformat() == TODAY
        assert app.session is not None and app.session.path == path
        assert "days left" in screen_text(app)
        assert "This week" in screen_text(app)


@pytest.mark.slow
async def test_plan_picker_when_there_are_several(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(REFERENCE, folder / "a.toml")
    shutil.copy(REFERENCE, folder / "b.toml")
    app = make_app(plans_dir=folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "PlanPicker"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.session is not None and app.session.path.name == "b.toml"


@pytest.mark.slow
async def test_tick_a_resource_cycles_and_saves(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        first = app.query(ResourceList).first()
        first.focus()
        await pilot.pause()
        rid = first.highlighted_option.id
        await pilot.press("space")
        await pilot.pause()
        assert app.plan.resource(rid).status == "doing"
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.load(path).plan.resource(rid)
        assert saved.status == "done"
        assert saved.done_on is not None and saved.done_on.isoformat() == TODAY
        await pilot.press("space")
        await pilot.pause()
        assert app.plan.resource(rid).status == "todo" and app.plan.resource(rid).done_on is None


@pytest.mark.slow
async def test_change_a_weight_and_see_hours_move(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-07")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        before = {d.id: d.planned_hours for d in app.situation.schedule.domains}
        # The editor row under the domain table edits the domain under the cursor: the first.
        await type_into(pilot, "domain-field-1", "60")
        after = {d.id: d.planned_hours for d in app.situation.schedule.domains}
        assert app.plan.domains[0].weight == 60
        assert after["data-engineering"] > before["data-engineering"]
        assert after["modelling"] < before["modelling"]
        assert sum(after.values()) == sum(before.values())
        assert "42.9%" in screen_text(app)  # 60 / (60 + 24 + 36 + 20), in the table
        # An invalid value is refused under the field, named as the person reads it, and changes nothing.
        await type_into(pilot, "domain-field-1", "-5")
        field = app.query_one("#domain-field-1")
        assert app.plan.domains[0].weight == 60
        assert field.has_class("-invalid")
        message = str(field.query_one(".field-error").render())
        assert "Weight of Data Engineering: must be at least 0" in message and "got -5" in message
        await pilot.press("escape")  # puts the plan's value back
        await pilot.pause()
        assert field.input.value == "60" and not field.has_class("-invalid")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.plan.domains[0].weight == 20
        assert field.input.value == "20"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.plan.domains[0].weight == 60
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.load(path).plan.domains[0].weight == 60


@pytest.mark.slow
async def test_availability_change_reflows_the_schedule(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-07")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        before = app.situation.schedule.capacity_hours
        await type_into(pilot, "f-study-availability-friday", "2")
        # 17 Fridays: one blacked out (25 Dec), two days off (26 Mar, 2 Apr: the overrides win): 14 gain 2 h
        assert app.situation.schedule.capacity_hours == before + 2 * 14
        await pilot.press("escape")  # leave the field, else the "2" goes into it and the Plan tab stays
        await pilot.press("2")
        await pilot.pause()
        assert app.query_one("#tabs").active == "schedule"
        text = screen_text(app)
        # the first week offered 13.5 h and now offers 15.5 h; the week of the blacked-out Friday stays at 4.5 h
        assert re.search(r"Mon 07 Dec +15\.5 ", text), text
        assert re.search(r"Mon 21 Dec +4\.5 ", text), text


@pytest.mark.slow
async def test_add_a_log_entry_from_any_screen(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.press("l")
        await pilot.pause()
        assert type(app.screen).__name__ == "LogForm"
        await pilot.press("1", ".", "5", "enter")
        await pilot.pause()
        assert len(app.plan.log) == 1
        entry = app.plan.log[0]
        assert entry.hours == 1.5 and entry.date.isoformat() == TODAY and entry.domain == "data-engineering"
        assert app.situation.schedule.done_hours == 1.5
        await pilot.press("5")
        await pilot.pause()
        assert "1.5" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(store.load(path).plan.log) == 1


@pytest.mark.slow
async def test_log_form_refuses_bad_hours(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("3", "0", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LogForm"
        assert "at most 24" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.plan.log == ()


@pytest.mark.slow
async def test_undo_and_redo_fifty_changes(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        original = app.plan
        for i in range(55):
            plan = app.plan
            set_plan(app, replace_study(plan, target_hours=100.0 + i), "edit")
        await pilot.pause()
        assert app.plan.study.target_hours == 154
        for _ in range(55):
            app.action_undo()
        await pilot.pause()
        assert app.plan == original
        for _ in range(55):
            app.action_redo()
        await pilot.pause()
        assert app.plan.study.target_hours == 154


async def test_quit_exits_with_zero_and_saves(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        plan = app.plan
        set_plan(app, replace_study(plan, target_hours=150.0), "edit")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert store.load(path).plan.study.target_hours == 150


@pytest.mark.slow
async def test_resource_form_add_edit_delete(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        app.query(ResourceList).first().focus()
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResourceForm"
        app.screen.query_one("#res-title").value = "Kinesis deep dive [video]"
        app.screen.query_one("#res-hours").value = "3"
        app.screen.query_one("#res-url").value = "https://example.org/kinesis"
        await pilot.click("#save")
        await pilot.pause()
        added = app.plan.resource("kinesis-deep-dive-video")
        assert added is not None and added.hours == 3 and added.url == "https://example.org/kinesis"
        assert "kinesis-deep-dive-video" in {o.id for lst in app.query(ResourceList) for o in lst.options}
        # edit it
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResourceForm"
        app.screen.query_one("#res-hours").value = "4.5"
        await pilot.press("enter")
        await pilot.pause()
        assert app.plan.resource("kinesis-deep-dive-video").hours == 4.5
        # delete it, after a confirmation
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")
        await pilot.pause()
        assert app.plan.resource("kinesis-deep-dive-video") is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.plan.resource("kinesis-deep-dive-video") is not None


@pytest.mark.slow
async def test_open_url_uses_the_system_browser(plan_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    app = make_app(plan=plan_copy, today=TODAY)
    monkeypatch.setattr(links, "open_in_browser", lambda url: opened.append(url) is None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        lst = app.query_one("#col-1", ResourceList)  # eda, the second domain
        lst.focus()
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
    assert opened == ["https://www.aws.training/Details/eLearning?id=26598"]


@pytest.mark.slow
async def test_filters_narrow_the_board(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        app.query_one("#filter-priority").value = "low"
        await pilot.pause()
        ids = {o.id for lst in app.query(ResourceList) for o in lst.options}
        assert ids == {"blog-posts"}


@pytest.mark.slow
async def test_mouse_switches_tabs_and_selects_weeks(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        from planner.tui.widgets.tabs import TabStrip

        strip = app.query_one(TabStrip)
        await pilot.click(TabStrip, offset=(strip.render().plain.index("2 Schedule") + 1, 0))
        await pilot.pause()
        assert app.query_one("#tabs").active == "schedule"
        table = app.query_one("#weeks")
        await pilot.click("#weeks", offset=(5, 5))
        await pilot.pause()
        assert table.cursor_row == 4
        assert "Week of Mon 4 Jan 2027" in screen_text(app)


@pytest.mark.slow
async def test_markup_like_titles_are_shown_as_typed(tmp_path: Path) -> None:
    hostile = (
        Resource(id="m1", title="[bold]x[/]", hours=2, domains=("d0",), url="https://example.org/[b]"),
        Resource(id="m2", title="[@click=app.quit]boom[/]", hours=2, domains=("d0",)),
        Resource(id="m3", title="[link=https://evil.example]click[/link] \x1b[31mred\x1b[0m", hours=2),
    )
    plan = make_plan(
        start=__import__("datetime").date(2026, 12, 7),
        resources=hostile,
        weights=(1, 1),
        exam=__import__("datetime").datetime(2027, 1, 11, 9),
    )
    plan = replace(plan, domains=(replace(plan.domains[0], name="[red]Domain[/red]"), plan.domains[1]))
    path = tmp_path / "hostile.toml"
    store.save(path, plan)
    app = make_app(plan=path, today="2026-12-07")
    async with app.run_test(size=(160, 50)) as pilot:
        for key in "12345":
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(app)
            if key in "123":
                assert "[red]Domain[/red]" in text or "[red]Domain[/re" in text, key
        await pilot.press("3")
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]x[/]" in text
        assert "[@click=app.quit]boom[/]" in text
        prompts = {o.id: str(o.prompt) for lst in app.query(ResourceList) for o in lst.options}
        assert "[link=https://evil.exampl" in prompts["m3"]
        assert "\x1b" not in prompts["m3"] and "\x1b" not in text
        # pressing enter on the click card edits it; it never runs the embedded action
        app.query_one("#col-0", ResourceList).focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.is_running
        assert type(app.screen).__name__ == "ResourceForm"


async def test_a_broken_plan_shows_the_error_and_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    text = REFERENCE.read_text().replace("weight = 36", "weight = -36")
    path.write_text(text)
    before = path.read_bytes()
    app = make_app(plan=path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await screen_shown(pilot, "LoadErrorScreen", "#load-error-message")
        shown = screen_text(app)
        assert "domains[2].weight: must be at least 0" in shown
        assert "weight = -36" in shown  # the line itself
        await pilot.press("ctrl+s", "ctrl+z", "l")
        await pilot.pause()
        assert path.read_bytes() == before, "no key wrote over the broken file"
        # fix it outside and read it again
        path.write_text(REFERENCE.read_text())
        await pilot.press("r")
        await opened(pilot)
        assert app.session is not None and app.plan.domains[2].weight == 36
    assert path.read_text() == REFERENCE.read_text()
    assert before != path.read_bytes()


async def test_keys_screen_lists_every_binding(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "KeysScreen"
        text = screen_text(app)
        for needle in ("ctrl+s", "ctrl+z", "ctrl+y", "Todo/doing/done", "Open URL", "Quit", "Log"):
            assert needle in text, needle
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ != "KeysScreen"


@pytest.mark.slow
async def test_command_palette_reaches_every_screen(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for name in (
            "Go to Dashboard",
            "Go to Schedule",
            "Go to Resources",
            "Go to Plan",
            "Go to Log",
            "Log a study session",
            "Start a timed practice exam",
            "Reschedule the exam",
            "Print preview and export",
        ):
            assert name in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to log")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#tabs").active == "log"


async def test_dark_and_light_themes(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-light"


@pytest.mark.slow
async def test_practice_exam_timer_then_score(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2027-03-30")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert app.query_one("#dashboard-view").has_class("practice-due")
        await pilot.click("#start-practice")
        await pilot.pause()
        timer = app.screen
        assert type(timer).__name__ == "PracticeTimer"
        assert timer.query_one("#practice-clock").value in ("3:00:00", "2:59:59")
        await pilot.press("space")
        await pilot.pause()
        assert timer.paused
        await pilot.press("space")
        await pilot.pause()
        assert not timer.paused
        await pilot.press("enter")
        await pilot.pause()
        if type(app.screen).__name__ == "EarlyFinish":  # the board track's timer asks how to count an early stop
            await pilot.press("s")
            await pilot.pause()
        assert type(app.screen).__name__ == "PracticeResultForm"
        app.screen.query_one("#result-score").value = "72"
        app.screen.query_one("#result-domain-2").value = "61"  # modelling, the third domain
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        results = app.plan.practice.results
        assert len(results) == 1 and results[0].score == 72 and dict(results[0].domains) == {"modelling": 61}
        codes = {a.code for a in app.situation.alerts}
        assert "weak-domain" in codes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(store.load(path).plan.practice.results) == 1


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_an_unseen_plan_shows_exam_countdown_and_every_domain(tmp_path: Path, size: tuple[int, int]) -> None:
    path = tmp_path / "cka.toml"
    path.write_text(UNSEEN)
    app = make_app(plan=path, today="2026-12-20")
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        text = screen_text(app)
        assert "Certified Kubernetes Administrator" in text
        assert "days left" in text
        app.query_one("#dashboard-view").scroll_end(animate=False)
        await pilot.pause()
        names = [
            "Storage",
            "Troubleshooting",
            "Workloads & Scheduling",
            "Cluster Architecture",
            "Services & Networking",
            "Security basics",
        ]
        progress = str(app.query_one("#progress").render())
        for name in names:
            assert name[:14] in progress
        await pilot.press("q")
    assert app.return_code == 0


@pytest.mark.slow
async def test_reschedule_dialog_shows_the_budget_and_wants_a_word_for_the_last_one(plan_copy: Path) -> None:
    path = plan_copy
    plan = store.load(path).plan
    from planner.core.model import Reschedule

    once = replace(
        plan,
        exam=replace(
            plan.exam,
            reschedules=(
                Reschedule(
                    __import__("datetime").datetime(2027, 3, 22, 10),
                    plan.exam.date,
                    __import__("datetime").date(2026, 12, 1),
                ),
            ),
        ),
    )
    store.save(path, once)
    app = make_app(plan=path, today="2027-01-20")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        app.query_one("#reschedule").focus()
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "RescheduleScreen"
        text = screen_text(app)
        assert "1 of 2 postponements left" in text
        assert "24 h before the exam, by Sun 4 Apr 2027 10:00" in text
        assert "Now:" in text and "After:" in text
        assert app.screen.query_one("#move").disabled, "the last postponement needs the word"
        app.screen.query_one("#reschedule-date").value = "2027-05-10"
        app.screen.query_one("#reschedule-reason").value = "behind on Modelling"
        app.screen.query_one("#reschedule-confirm").value = "postpone"
        await pilot.pause()
        assert not app.screen.query_one("#move").disabled
        await pilot.click("#move")
        await pilot.pause()
        assert app.plan.exam.date.isoformat() == "2027-05-10T10:00:00"
        assert app.plan.exam.reschedules[-1].reason == "behind on Modelling"
        assert "postponement-none" in {a.code for a in app.situation.alerts}
    saved = store.load(path).plan
    assert len(saved.exam.reschedules) == 2


async def test_reschedule_inside_the_cutoff_is_refused_in_the_dialog(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2027-04-05")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_reschedule()
        await pilot.pause()
        assert "inside the 24 h reschedule cutoff" in screen_text(app)
        assert app.screen.query_one("#move").disabled


@pytest.mark.slow
async def test_a_new_risk_is_announced(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2026-12-07")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        plan = app.plan
        set_plan(app, replace_study(plan, target_hours=400.0), "edit")
        await pilot.pause()
    assert any(n.startswith("New risk: infeasible") for n in notes), notes


@pytest.mark.slow
async def test_print_preview_writes_the_files_next_to_the_plan(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-07")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "PreviewScreen"
        preview = app.screen.query_one("#preview-text").text
        assert "WEEK 1 · Mon 7 Dec – Sun 13 Dec 2026" in preview and "WEEK 2" not in preview
        await pilot.press("w")
        await pilot.pause()
        assert "WEEK 17" in app.screen.query_one("#preview-text").text
        for key in ("t", "h", "i"):
            await pilot.press(key)
            await pilot.pause()
        assert "Wrote" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    folder, stem = path.parent, path.stem
    assert (folder / f"{stem}-schedule.txt").read_text().count("\f") == 16
    assert "<!DOCTYPE html>" in (folder / f"{stem}-schedule.html").read_text()
    assert (folder / f"{stem}.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


@pytest.mark.slow
async def test_the_palette_offers_the_actions_of_the_screen_shown(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Resources: Todo/doing/done", "Resources: Add", "Resources: Open URL"} <= titles
        await pilot.press("5")
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Log: Delete" in titles and "Resources: Add" not in titles


@pytest.mark.slow
@pytest.mark.parametrize("typed", ["1_0", "١", "０.５", "5e-324", "inf", "1e1"])
async def test_log_form_refuses_hours_nobody_means(plan_copy: Path, typed: str) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one("#log-hours").value = typed
        await pilot.click("#save")
        await pilot.pause()
        assert type(app.screen).__name__ == "LogForm"
        assert "is not a number of hours" in str(app.screen.query_one("#log-error").render())
        assert app.plan.log == ()


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param(("r",), id="reschedule"),
        pytest.param(("l",), id="log"),
        pytest.param(("p",), id="print"),
        pytest.param(("s",), id="session"),
        pytest.param(("t",), id="practice-again"),
        pytest.param(("question_mark",), id="keys"),
        pytest.param(("ctrl+n",), id="new-plan"),
        pytest.param(("3", "e"), id="tab-then-edit"),
    ],
)
async def test_app_keys_open_nothing_over_a_running_practice_exam(plan_copy: Path, keys: tuple[str, ...]) -> None:
    app = make_app(plan=plan_copy, today="2027-03-30")
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("t")
        await pilot.pause()
        timer = app.screen
        assert type(timer).__name__ == "PracticeTimer"
        await pilot.press(*keys)
        await pilot.pause()
        assert app.screen is timer
        assert app.query_one("#tabs").active == "dashboard"
        commands = [c.title for c in app.get_system_commands(timer)]
        assert not [c for c in commands if "Reschedule" in c or "Practice" in c or "Log" in c], commands


async def test_closing_a_dialog_keeps_the_tab_shown(plan_copy: Path) -> None:
    """The dashboard takes the keyboard as the app opens, and only then: a dialog closed on another tab stays there."""
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert app.focused is not None and app.focused.id == "dash-more"
        await pilot.press("2")
        await pilot.pause()
        app.screen.set_focus(None)
        await pilot.press("question_mark")
        await pilot.pause()
        assert len(app.screen_stack) == 2
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        assert app.query_one("#tabs").active == "schedule"


@pytest.mark.parametrize(
    ("typed", "file"),
    [
        pytest.param("exam.toml", "exam.toml", id="a .toml typed with the name"),
        pytest.param("exam", "exam.toml", id="a name"),
    ],
)
async def test_the_new_plan_form_names_the_file_as_typed(tmp_path: Path, typed: str, file: str) -> None:
    folder = tmp_path / "plans"
    app = make_app(plans_dir=folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "NewPlanScreen"
        app.screen.query_one("#new-name").value = typed
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause()
            if app.session is not None:
                break
        assert [p.name for p in folder.iterdir() if p.suffix == ".toml"] == [file]
        assert app.session is not None and app.session.path == folder / file


@pytest.mark.parametrize(
    ("today", "answer", "timer"),
    [
        pytest.param("2027-03-30", None, True, id="due-starts-at-once"),
        pytest.param("2026-12-14", "n", False, id="months-early-asks-and-no-starts-nothing"),
        pytest.param("2026-12-14", "y", True, id="months-early-asks-and-yes-starts-one"),
    ],
)
async def test_t_asks_before_a_practice_exam_that_is_not_due(
    plan_copy: Path, today: str, answer: str | None, timer: bool
) -> None:
    app = make_app(plan=plan_copy, today=today)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await pilot.press("t")
        await pilot.pause()
        if answer is not None:
            assert type(app.screen).__name__ == "ConfirmScreen"
            question = str(app.screen.query_one("Static").render())
            assert "No practice exam is due yet: the first is planned in the week of" in question
            await pilot.press(answer)
            await pilot.pause()
        assert (type(app.screen).__name__ == "PracticeTimer") is timer
    assert store.load(plan_copy).plan.practice.results == ()


@pytest.mark.parametrize(
    ("practice", "asked"),
    [
        pytest.param("count = 0", "The plan has no practice exams", id="no-practice-exams"),
        pytest.param("count = 1", "The plan's practice exams are all taken (1 of 1)", id="all-taken"),
    ],
)
async def test_t_says_why_a_practice_exam_is_not_due(plan_copy: Path, practice: str, asked: str) -> None:
    text = plan_copy.read_text(encoding="utf-8").replace("count = 10", practice, 1)
    if practice == "count = 1":  # the one practice exam of the plan, taken already
        text = text.replace(
            "weeks_before_exam = 2", "weeks_before_exam = 2\nresults = [{ date = 2027-03-29, score = 80 }]"
        )
    plan_copy.write_text(text, encoding="utf-8")
    app = make_app(plan=plan_copy, today="2027-03-31")
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert str(app.screen.query_one("Static").render()).startswith(asked)
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ != "PracticeTimer"
