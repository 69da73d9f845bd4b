"""One headless TUI session in a fresh interpreter, run by bench/tui.py; prints ``BENCH {json}``.

    python bench/tui_child.py hello | planner PLAN TODAY | edit PLAN TODAY N

``hello`` and ``planner`` time a cold start in phases (imports, building the app,
the first frame, the plan shown), stamped as each frame is written (``App._display``)
with the same harness for both apps: the plan is shown in the first frame that
holds its text (the dashboard's exam card), whoever worked it out. ``edit``
times edits through ``PlanKeeper.apply_edit`` in one ``run_test`` session.
"""

import time

T0 = time.perf_counter()  # before any other import

import json  # noqa: E402
import sys  # noqa: E402

SIZE = (120, 40)
"""Columns and rows, as in the pseudo-terminal figures."""
STAMPS: dict = {}


def _plan_on_screen(app) -> bool:
    """The plan's own text is in the dashboard (the exam card), not a loading indicator or an empty shell."""
    cards = app.query("#exam-card")
    return bool(cards) and bool(str(cards.first().render()).strip()) and not cards.first().parent.loading


def _display(self, screen, renderable):
    """Each frame the app writes: the first is stamped, and the first that holds the plan ends the run."""
    super(type(self), self)._display(screen, renderable)
    if renderable is None or "plan" in STAMPS:
        return
    now = time.perf_counter()
    if "frame" not in STAMPS:
        STAMPS["frame"] = now
        STAMPS["screens"] = [type(s).__name__ for s in self.screen_stack]
    if not hasattr(self, "session") or _plan_on_screen(self):
        STAMPS["plan"] = now
        STAMPS["shown"] = len(self.screen_stack) == 1
        self.call_later(self.exit)


def arm(app):
    """The same harness for every app: stamp the first frame written, and the first that holds the plan."""
    cls = type(app)
    app.__class__ = type(f"Bench{cls.__name__}", (cls,), {"_display": _display})
    return app


def first_frame(mode, path=None, today=None):
    if mode == "hello":
        from textual.app import App
        from textual.widgets import Static

        class Hello(App):
            def compose(self):
                yield Static("Hello, world")

        STAMPS["imports"] = time.perf_counter()
        app = arm(Hello())
    else:
        import gc

        gc.disable()  # as `planner` (planner.cli.entry) does until the app is about to run
        from planner.tui.launch import settle_start, start_reading

        prefetch = start_reading(path, None, today)  # as `planner` does, before Textual is imported
        from planner.tui.app import make_app

        STAMPS["imports"] = time.perf_counter()
        app = arm(make_app(plan=path, today=today, prefetch=prefetch))
        settle_start()  # as `planner` does before it runs the app
    STAMPS["app"] = time.perf_counter()
    app.run(headless=True, size=SIZE)
    return {"t0": T0, "shown": False, **STAMPS}  # shown: the plan on the main screen, not under a dialog


async def edits(path, today, n):
    """Edit a domain's weight through app.apply_edit n + 1 times per tab (the first is a warm-up)."""
    from planner.core.model import replace
    from planner.tui.app import make_app

    app = make_app(plan=path, today=today)
    out = {}
    async with app.run_test(size=SIZE) as pilot:
        while app.situation is None:  # a big plan is read in a thread after the first frame
            await pilot.pause(0.01)
        await pilot.pause()
        for tab, key in (("dashboard", "1"), ("plan", "4"), ("schedule", "2")):
            await pilot.press(key)
            await pilot.pause()
            # A tab's view is built the first time it is shown, then shown the plan once laid out.
            while app.query_one("#tabs").active != tab or not app.query(f"#{tab}-view"):
                await pilot.pause(0.01)
            await pilot.pause()
            await pilot.pause()
            base = app.plan.domains[0].weight
            rows = []
            for i in range(n + 1):
                plan = app.plan
                first = replace(plan.domains[0], weight=base + 5 if i % 2 == 0 else base)
                new = replace(plan, domains=(first, *plan.domains[1:]))
                saved = app.session.fingerprint
                t0 = time.perf_counter()
                changed = app.apply_edit(lambda _p, new=new: new, "bench edit")
                t1 = time.perf_counter()
                # What pilot.pause() does, minus its wait for the CPU to go idle (>= one 20 ms sleep):
                await pilot._wait_for_screen()
                app.screen._on_timer_update()
                t2 = time.perf_counter()
                await pilot.pause()
                t3 = time.perf_counter()
                await pilot.pause()  # the harness alone: nothing changed
                t4 = time.perf_counter()
                # The wait above posts to every widget on the screen (hundreds once the Plan form
                # exists) whether anything changed or not: timed alone, it is taken off the figure.
                await pilot._wait_for_screen()
                app.screen._on_timer_update()
                t5 = time.perf_counter()
                if not changed:
                    raise SystemExit(f"bench: apply_edit refused the edit on the {tab} tab")
                if i:
                    rows.append([t1 - t0, t2 - t1, t3 - t0, app.session.fingerprint != saved, t5 - t4])
            app.flush_save()  # untimed: the deferred save never lands inside the next tab's samples
            out[tab] = rows
    return out


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "edit":
        import asyncio

        result = asyncio.run(edits(sys.argv[2], sys.argv[3], int(sys.argv[4])))
    else:
        result = first_frame(mode, *sys.argv[2:])
    print("BENCH " + json.dumps(result))
