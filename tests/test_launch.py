"""``planner`` with no subcommand: what ``launch.run`` sets around the app's run, and gives back."""

from __future__ import annotations

import sys

import pytest

from planner.tui import app as app_module
from planner.tui import launch


class _RecordingApp:
    """Stands in for the app: records the switch interval its run sees."""

    return_code = 0

    def __init__(self) -> None:
        self.seen: float | None = None

    def run(self) -> int:
        self.seen = sys.getswitchinterval()
        return 0


@pytest.mark.parametrize("ends", ["returns", "raises"])
def test_frames_are_handed_to_the_output_thread_within_a_millisecond_and_the_interval_is_given_back(
    monkeypatch: pytest.MonkeyPatch, ends: str
) -> None:
    before = sys.getswitchinterval()
    app = _RecordingApp()
    if ends == "raises":
        monkeypatch.setattr(app, "run", lambda: (setattr(app, "seen", sys.getswitchinterval()), 1 / 0))
    monkeypatch.setattr(launch, "start_reading", lambda *_: None)
    monkeypatch.setattr(launch, "settle_start", lambda: None)  # it freezes the collector: not in the test process
    monkeypatch.setattr(app_module, "make_app", lambda **_: app)
    try:
        if ends == "raises":
            with pytest.raises(ZeroDivisionError):
                launch.run(plan=None, plans_dir=None, today=None)
        else:
            assert launch.run(plan=None, plans_dir=None, today=None) == 0
        assert app.seen == pytest.approx(launch.FRAME_HANDOFF_SECONDS)
        assert sys.getswitchinterval() == pytest.approx(before)
    finally:
        sys.setswitchinterval(before)
