"""Pilot tests of the Plan form: a field is applied when finished and valid, never half-typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import record_notes, screen_text
from planfactory import make_plan
from tui_helpers import focus, show_tab, type_into

from planner.core.model import Domain, replace
from planner.edge import store
from planner.tui.app import make_app

TODAY = "2026-12-07"


def error_of(app, field_id: str) -> str:
    field = app.query_one(f"#{field_id}")
    return str(field.query_one(".field-error").render()) if field.has_class("-invalid") else ""


async def open_plan_tab(pilot) -> None:
    await show_tab(pilot, "4", "plan")


@pytest.mark.slow
async def test_typing_2000_minutes_never_saves_200(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    before = plan_copy.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan_tab(pilot)
        field = app.query_one("#f-exam-duration_minutes")
        await focus(pilot, field.input)
        field.input.value = ""
        for key in "2000":
            await pilot.press(key)
            await pilot.pause(0.5)  # longer than the save delay: nothing is waiting to be written
            assert app.plan.exam.duration_minutes == 180
            assert plan_copy.read_bytes() == before
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert "Exam minutes: must be" in error_of(app, "f-exam-duration_minutes")
        assert app.plan.exam.duration_minutes == 180
        assert plan_copy.read_bytes() == before, "the refused value is never saved"
        await type_into(pilot, "f-exam-duration_minutes", "200")
        await pilot.pause(0.5)
        assert store.load(plan_copy).plan.exam.duration_minutes == 200


@pytest.mark.slow
async def test_retyping_the_zone_through_a_typo_keeps_the_zone(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan_tab(pilot)
        field = app.query_one("#f-exam-timezone")
        await focus(pilot, field.input)
        field.input.value = ""
        await pilot.press(*"Europe/Berlni", "tab")  # a typo, then leave the field
        await pilot.pause(0.5)
        assert "Exam time zone" in error_of(app, "f-exam-timezone")
        assert app.plan.exam.timezone == "Europe/London"
        assert 'timezone = "Europe/London"' in plan_copy.read_text()
        await focus(pilot, field.input)
        field.input.value = ""
        await pilot.press("tab")  # emptied on the way to retyping it: not a removal
        await pilot.pause(0.5)
        assert "ctrl+r removes Exam time zone" in error_of(app, "f-exam-timezone")
        assert app.plan.exam.timezone == "Europe/London"
        await type_into(pilot, "f-exam-timezone", "Europe/Berlin")
        await pilot.pause(0.5)
        assert app.plan.exam.timezone == "Europe/Berlin"
        assert store.load(plan_copy).plan.exam.timezone == "Europe/Berlin"


@pytest.mark.slow
async def test_an_emptied_required_field_is_marked_and_never_saved(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan_tab(pilot)
        await type_into(pilot, "f-exam-name", "")
        assert error_of(app, "f-exam-name") == "✗ Exam name is required"
        assert app.plan.exam.name.startswith("AWS Certified")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Exam name is required; it cannot be removed" in error_of(app, "f-exam-name")


@pytest.mark.slow
async def test_removing_an_optional_value_is_its_own_key_and_undo_shows_it_again(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan_tab(pilot)
        field = app.query_one("#f-exam-code")
        await focus(pilot, field.input)
        await pilot.press("ctrl+r")
        await pilot.pause(0.5)
        assert app.plan.exam.code is None and field.input.value == ""
        assert "code =" not in plan_copy.read_text()
        assert field.input.has_focus
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.plan.exam.code == "MLS-C01"
        assert field.input.value == "MLS-C01", "undo refreshes the field that has the focus"


@pytest.mark.slow
async def test_weekday_start_times_are_set_and_removed(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan_tab(pilot)
        assert app.query_one("#f-study-start_times-monday").input.value == ""  # the default, 19:00
        await type_into(pilot, "f-study-start_times-monday", "25:00")
        assert "not a time of day" in error_of(app, "f-study-start_times-monday")
        await type_into(pilot, "f-study-start_times-monday", "6:45")
        assert app.plan.study.start_time(0) == dt.time(6, 45)
        assert app.query_one("#f-study-start_times-monday").input.value == "06:45"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.plan.study.start_time(0) == dt.time(19, 0)
        assert app.query_one("#f-study-start_times-monday").input.value == ""


@pytest.mark.slow
async def test_overrides_on_dates_are_added_and_removed(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_plan_tab(pilot)
        before = app.plan.study.overrides
        for name, text in (("first", "2027-01-09"), ("second", "2027-01-10"), ("hours", "5"), ("reason", "weekend")):
            app.query_one(f"#overrides-{name}").value = text
        await focus(pilot, app.query_one("#overrides-reason"))
        await pilot.press("enter")
        await pilot.pause()
        added = app.plan.study.overrides[-1]
        assert (added.start, added.end, added.hours, added.reason) == (
            dt.date(2027, 1, 9),
            dt.date(2027, 1, 10),
            5,
            "weekend",
        )
        assert "Sat 9 Jan – Sun 10 Jan 2027 · 5 h · weekend" in screen_text(app)
        lst = app.query_one("#overrides-list")
        await focus(pilot, lst)
        lst.highlighted = len(app.plan.study.overrides) - 1
        await pilot.press("x")
        await pilot.pause()
        assert app.plan.study.overrides == before


@pytest.mark.slow
async def test_the_no_blackouts_line_comes_with_none_and_goes_with_the_first(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_plan_tab(pilot)
        lst = app.query_one("#blackouts-list")
        assert app.plan.study.blackouts, "the plan starts with a blackout"
        assert "No blackouts yet." not in screen_text(app)
        await focus(pilot, lst)
        while app.plan.study.blackouts:
            lst.highlighted = 0
            await pilot.press("x")
            await pilot.pause()
        assert "No blackouts yet." in screen_text(app)
        for name, text in (("first", "2027-01-09"), ("second", "2027-01-10"), ("reason", "moving house")):
            app.query_one(f"#blackouts-{name}").value = text
        await focus(pilot, app.query_one("#blackouts-reason"))
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.plan.study.blackouts) == 1
        shown = screen_text(app)
        assert "moving house" in shown and "No blackouts yet." not in shown


@pytest.mark.slow
async def test_a_bad_override_is_explained_under_the_row(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_plan_tab(pilot)
        before = app.plan
        app.query_one("#overrides-first").value = "2027-01-09"
        app.query_one("#overrides-hours").value = "1_0"
        app.query_one("#overrides-add").press()
        await pilot.pause()
        message = app.query_one("#overrides .field-error")
        assert message.display and "'1_0' is not a number of hours" in str(message.render())
        assert app.plan == before


async def test_a_refused_edit_names_the_field_as_the_person_reads_it(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        from planner.core import edits

        app.apply_edit(lambda plan: edits.set_field(plan, ("domains", 2, "weight"), -1), "edit")
        await pilot.pause()
    assert any("Weight of Modelling: must be at least 0" in n for n in notes), notes
    assert not any("domains[2]" in n for n in notes), notes


@pytest.mark.slow
async def test_a_plan_with_3000_domains_opens_the_plan_tab_and_edits_the_last(tmp_path: Path) -> None:
    base = make_plan(weights=(1,))
    domains = tuple(Domain(id=f"d{k}", name=f"Domain number {k}", weight=1 + k % 7) for k in range(3000))
    plan = replace(base, domains=domains)
    path = tmp_path / "wide.toml"
    store.save(path, plan)
    app = make_app(plan=path, today="2027-01-04")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan_tab(pilot)
        await focus(pilot, app.query_one("#domain-grid"))
        await pilot.press("end", "enter")
        await pilot.pause()
        assert app.query_one("#domain-field-0").input.value == "Domain number 2999"
        await type_into(pilot, "domain-field-1", "40")
        assert app.plan.domains[2999].weight == 40
        assert app.plan.domains[2998].weight == 1 + 2998 % 7


@pytest.mark.slow
async def test_an_override_anchored_to_the_exam_is_added_and_moves_with_it(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_plan_tab(pilot)
        app.query_one("#overrides-mode").value = "anchored"
        for name, text in (("first", "10"), ("second", "2"), ("hours", "4"), ("reason", "exam prep")):
            app.query_one(f"#overrides-{name}").value = text
        app.query_one("#overrides-add").press()
        await pilot.pause()
        added = app.plan.study.overrides[-1]
        assert added.days_before_exam == 10 and added.days == 2 and added.hours == 4
        assert (added.start, added.end) == (dt.date(2027, 3, 26), dt.date(2027, 3, 27))  # exam Mon 5 Apr
        assert "10 days before the exam" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert "Moves with it:" in str(app.screen.query_one("#reschedule-facts").render())
        app.screen.query_one("#reschedule-date").value = "2027-04-12"
        await pilot.pause()
        app.screen.query_one("#move").press()
        await pilot.pause()
        moved = app.plan.study.overrides[-1]
        assert (moved.start, moved.end, moved.days_before_exam) == (dt.date(2027, 4, 2), dt.date(2027, 4, 3), 10)
    assert "days_before_exam = 10" in plan_copy.read_text()


async def test_escape_puts_the_value_back_and_keeps_typing_in_the_field(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2026-12-14")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan_tab(pilot)
        field = app.query_one("#f-study-target_hours")
        before = field.input.value
        await type_into(pilot, "f-study-target_hours", "25", submit=False)
        await pilot.press("escape")
        await pilot.pause()
        assert field.input.value == before and field.input.has_focus  # put back, and still in the field
        await pilot.press("3", "0", "0")
        await pilot.pause()
        assert app.query_one("#tabs").active == "plan"  # the 3 went into the field, not to the Resources tab
        assert field.input.value == before + "300"
        await pilot.press("escape")
        await pilot.press("escape")  # nothing left to put back: this one leaves the field
        await pilot.pause()
        assert not field.input.has_focus
        await pilot.press("3")
        await pilot.pause()
        assert app.query_one("#tabs").active == "resources"
        target = app.plan.study.target_hours
    assert target == float(before)


def _exam_moved_to(app, day: dt.date):
    """The exam rescheduled to ``day`` as the reschedule dialog does it (ranges anchored to it move too)."""
    from planner.core.edits.dates import reschedule

    s = app.situation

    def move(plan):
        to = dt.datetime.combine(day, plan.exam.date.time())
        return reschedule(plan, to, now=s.now, zone=s.zone, reason="test").plan

    return move


async def test_a_refused_value_is_never_applied_later_by_passing_through_its_field(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan_tab(pilot)
        start = app.plan.study.start
        late = (app.plan.exam.date.date() + dt.timedelta(days=5)).isoformat()
        await type_into(pilot, "f-study-start", late)  # after the exam: refused
        assert "must be after study.start" in error_of(app, "f-study-start")
        await pilot.press("tab")  # leaving the field does not send the refused text again
        await pilot.pause()
        assert app.plan.study.start == start
        # The exam moves later (the reschedule dialog, the command line, another window): the refused
        # date would fit now, and a pass through the form must not slip it in.
        assert app.apply_edit(_exam_moved_to(app, app.plan.exam.date.date() + dt.timedelta(weeks=6)), "reschedule")
        await pilot.pause()
        field = app.query_one("#f-study-start")
        assert field.input.value == start.isoformat() and not error_of(app, "f-study-start")
        await focus(pilot, field.input)
        await pilot.press("tab")
        await pilot.pause()
        assert app.plan.study.start == start
    assert store.load(plan_copy).plan.study.start == start


async def test_a_refused_value_is_sent_again_by_enter_not_by_leaving(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan_tab(pilot)
        late = app.plan.exam.date.date() + dt.timedelta(days=5)
        await type_into(pilot, "f-study-start", late.isoformat())
        assert error_of(app, "f-study-start")
        await focus(pilot, app.query_one("#f-study-start").input)  # still in the field when the exam moves
        assert app.apply_edit(_exam_moved_to(app, late + dt.timedelta(weeks=6)), "reschedule")
        await pilot.pause()
        assert app.query_one("#f-study-start").input.value == late.isoformat()  # the person's text, kept
        await pilot.press("enter")  # tried again, on purpose: it fits now
        await pilot.pause()
        assert app.plan.study.start == late, error_of(app, "f-study-start")
        assert not error_of(app, "f-study-start")


@pytest.mark.parametrize("kind", ["blackouts", "overrides"])
async def test_escape_empties_an_add_row_box_then_leaves_it(plan_copy: Path, kind: str) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan_tab(pilot)
        box = app.query_one(f"#{kind}-first")
        await focus(pilot, box)
        await pilot.press(*"2027-02-01")
        await pilot.press("escape")
        await pilot.pause()
        assert box.value == "" and box.has_focus  # emptied, still typing here
        await pilot.press("2")
        await pilot.pause()
        assert box.value == "2" and app.query_one("#tabs").active == "plan"
        await pilot.press("escape", "escape")  # empty: the second leaves the row
        await pilot.pause()
        assert not box.has_focus
        await pilot.press("1")  # a tab key again, not a digit in the box
        await pilot.pause()
        assert app.query_one("#tabs").active == "dashboard"
        assert box.value == ""


async def test_the_status_line_goes_when_the_change_it_speaks_of_is_undone(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan_tab(pilot)
        status = app.query_one("#plan-status")
        await type_into(pilot, "f-study-target_hours", "150")
        assert app.plan.study.target_hours == 150
        assert "Target hours updated" in str(status.render())
        app.replan()  # the same plan again (a calendar read, the clock): the line still holds
        await pilot.pause()
        assert "Target hours updated" in str(status.render())
        app.set_focus(None)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.plan.study.target_hours == 185
        assert str(status.render()).strip() == ""  # it would say an undone change was made


async def test_text_typed_after_a_refused_value_was_sent_is_still_sent_on_leaving(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan_tab(pilot)
        field = app.query_one("#f-study-target_hours")
        await focus(pilot, field.input)
        field.input.value = "0"
        field.commit()  # sent up; the view's answer comes after the next keys
        field.input.value = "150"
        await pilot.pause()
        assert "Target hours" in error_of(app, "f-study-target_hours")  # "0" was refused
        assert field.input.value == "150"
        await pilot.press("tab")  # leaving sends what was typed since, which was never tried
        await pilot.pause()
        assert app.plan.study.target_hours == 150
