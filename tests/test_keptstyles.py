"""The app's stylesheet kept between starts: the same rules as a fresh parse, or a fresh parse.

What a user would notice if it went wrong: another look (rules that are not
the ones their Textual parses, or another theme's colours), a cache file
that runs code, or a start that never gets faster.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from textual.css import stylesheet as textual_stylesheet
from textual.css.stylesheet import Stylesheet
from tui_helpers import opened

from planner.edge.paths import cache_dir
from planner.tui import keptstyles
from planner.tui.app import PlannerApp, make_app

KEPT = Path("styles") / "app.styles"


async def _start(plan: Path) -> PlannerApp:
    """An app started on ``plan`` until the plan is on screen (the styles are kept after the first frame)."""
    app = make_app(plan=plan, today="2027-01-04")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
    return app


def _rules(app: PlannerApp) -> list[tuple[object, ...]]:
    """Each rule as Textual holds it: its selectors, its declarations, its place in the cascade.

    The ``!important`` names are a set: compared as one, not in the order a set happens to list them.
    """
    return [
        (
            tuple(s.css for s in rule.selector_set),
            sorted((name, repr(value)) for name, value in rule.styles.get_rules().items()),
            frozenset(rule.styles.important),
            rule.is_default_rules,
            rule.tie_breaker,
        )
        for rule in app.stylesheet.rules
    ]


async def test_a_second_start_takes_the_kept_rules_which_are_the_rules_textual_parses(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await _start(plan_copy)
    assert not first._styles_restored
    assert (cache_dir() / KEPT).is_file()

    parsed: list[object] = []
    parse = textual_stylesheet.parse

    def counted(*args: object, **kwargs: object) -> object:
        parsed.append(args[2])  # where the CSS was read from
        return parse(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(textual_stylesheet, "parse", counted)
    second = await _start(plan_copy)
    assert second._styles_restored
    assert not any("planner.tcss" in str(where) for where in parsed)  # the planner's styles were not parsed again
    assert _rules(second) == _rules(first)


async def test_nothing_is_written_when_everything_was_kept(plan_copy: Path) -> None:
    await _start(plan_copy)
    kept = cache_dir() / KEPT
    os.utime(kept, (1_000_000_000, 1_000_000_000))
    before = kept.read_bytes()
    await _start(plan_copy)
    assert kept.read_bytes() == before
    assert kept.stat().st_mtime_ns != 1_000_000_000 * 10**9  # read (the last use), not written


async def test_a_spoilt_kept_file_is_parsed_afresh_and_kept_again(plan_copy: Path) -> None:
    await _start(plan_copy)
    kept = cache_dir() / KEPT
    whole = kept.read_bytes()
    kept.write_bytes(whole[: len(whole) // 2])
    app = await _start(plan_copy)
    assert not app._styles_restored
    assert kept.read_bytes() == whole


def _variables(theme: str) -> dict[str, str]:
    from textual.app import App

    app = App()
    app.theme = theme
    return app.get_css_variables()


async def test_another_theme_is_not_given_this_themes_rules(plan_copy: Path) -> None:
    await _start(plan_copy)
    dark = Stylesheet(variables=_variables("textual-dark"))
    assert keptstyles.restore(dark, cache_dir())
    light = Stylesheet(variables=_variables("textual-light"))
    assert keptstyles.restore(light, cache_dir()) == frozenset()


class _Planted:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


class _PlantedAttribute:
    """``getattr`` on a class the stylesheet may name, for something other than an enum member."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        from textual.color import Color

        return (getattr, (Color, "parse"))


def _gadget(marker: Path) -> bytes:
    """``eval`` reached through ``itemgetter`` and ``attrgetter`` as Textual's CSS modules re-export them."""
    return (
        b"ctextual.css.stylesheet\nitemgetter\n(S'eval'\ntR"
        b"(ctextual.css.stylesheet\nitemgetter\n(S'__builtins__'\ntR"
        b"(ctextual.css.styles\nattrgetter\n(S'__globals__'\ntR"
        b"(ctextual.css.model\n_check_universal\ntR"
        b"tRtR"
        b"(S\"__import__('os').system('touch " + str(marker).encode() + b"')\"\ntR."
    )


PLANTED = [
    pytest.param(lambda marker: pickle.dumps([(("css", ("x", ""), False, 0, ""), _Planted(marker))]), id="a call"),
    pytest.param(
        lambda marker: pickle.dumps([(("css", ("x", ""), False, 0, ""), _PlantedAttribute(marker))]),
        id="an attribute of a class",
    ),
    pytest.param(_gadget, id="a getter re-exported by Textual's CSS modules"),
]


@pytest.mark.parametrize("planted", PLANTED)
async def test_a_planted_kept_file_runs_nothing(plan_copy: Path, tmp_path: Path, planted: Any) -> None:
    await _start(plan_copy)
    kept = cache_dir() / KEPT
    head = kept.read_bytes().split(b"\n", 1)[0] + b"\n"
    marker = tmp_path / "ran"
    kept.write_bytes(head + planted(marker))
    sheet = Stylesheet(variables=_variables("textual-dark"))
    assert keptstyles.restore(sheet, cache_dir()) == frozenset()
    assert not marker.exists()
    app = make_app(plan=plan_copy, today="2027-01-04")  # as planner builds it: restores on construction
    assert not app._styles_restored and not marker.exists()


async def test_a_kept_file_of_another_shape_is_not_used(plan_copy: Path) -> None:
    await _start(plan_copy)
    kept = cache_dir() / KEPT
    head = kept.read_bytes().split(b"\n", 1)[0] + b"\n"
    from textual.color import Color

    kept.write_bytes(head + pickle.dumps([(("css", ("x", ""), False, 0, ""), Color(1, 2, 3))]))  # rules: a colour
    sheet = Stylesheet(variables=_variables("textual-dark"))
    assert keptstyles.restore(sheet, cache_dir()) == frozenset()
    assert not sheet._parse_cache.keys()


async def test_the_rules_of_styles_no_longer_there_go_with_the_next_write(plan_copy: Path) -> None:
    """An upgrade changes planner.tcss: its old rules are not kept for ever."""
    await _start(plan_copy)
    kept = cache_dir() / KEPT
    whole = kept.read_bytes()
    head, body = whole.split(b"\n", 1)
    entries = pickle.loads(body)
    tcss = next(i for i, (key, _) in enumerate(entries) if str(key[1][0]).endswith("planner.tcss"))
    old_key = ("Screen { }", entries[tcss][0][1], *entries[tcss][0][2:])
    entries[tcss] = (old_key, entries[tcss][1])  # the kept rules are of an older planner.tcss
    kept.write_bytes(head + b"\n" + pickle.dumps(entries))
    app = await _start(plan_copy)
    assert old_key in app._styles_restored  # restored, but no source of the app's has that text
    now_kept = [key for key, _ in pickle.loads(kept.read_bytes().split(b"\n", 1)[1])]
    assert old_key not in now_kept and len(now_kept) == len(entries)


async def test_a_folder_others_can_write_into_is_not_used(plan_copy: Path) -> None:
    folder = cache_dir() / "styles"
    folder.mkdir(parents=True, mode=0o700)
    folder.chmod(0o777)
    await _start(plan_copy)
    assert os.listdir(folder) == []


async def test_rules_of_a_widget_this_start_did_not_mount_stay_kept(plan_copy: Path) -> None:
    """A big plan's first read mounts a loading indicator, a small plan does not: neither drops the other's rules."""
    await _start(plan_copy)
    kept = cache_dir() / KEPT
    head, body = kept.read_bytes().split(b"\n", 1)
    entries = pickle.loads(body)
    static = next(i for i, (key, _) in enumerate(entries) if key[1][1] == "Static.DEFAULT_CSS")
    from textual.widgets import _loading_indicator

    other_key = ("LoadingIndicator { }", (_loading_indicator.__file__, "LoadingIndicator.DEFAULT_CSS"), True, 0, "")
    gone_key = ("Elsewhere { width: 3; }", ("/nowhere/elsewhere.py", "Elsewhere.DEFAULT_CSS"), True, 0, "")
    # Static's rules go (parsed again); a widget not mounted comes, and one from a checkout since removed
    entries[static] = (other_key, entries[static][1])
    entries.append((gone_key, entries[static][1]))
    kept.write_bytes(head + b"\n" + pickle.dumps(entries))
    app = await _start(plan_copy)
    assert {other_key, gone_key} <= app._styles_restored
    now_kept = [key for key, _ in pickle.loads(kept.read_bytes().split(b"\n", 1)[1])]
    assert other_key in now_kept  # kept, though this start had no such widget
    assert gone_key not in now_kept  # its file is gone: never kept again
    assert any(key[1][1] == "Static.DEFAULT_CSS" for key in now_kept)  # and what it parsed afresh joined it
