"""Opening a resource's link: in a browser when one can be asked, and saying truthfully when none can.

Textual's ``App.open_url`` calls ``webbrowser.open`` and drops its answer, so
the board said "Opened" in a terminal with no browser at all (ssh, tmux with
no display). A console browser (lynx, w3m) is no answer either: it would take
over the terminal the planner is drawing in and block until it quits.
"""

from __future__ import annotations

import webbrowser

__all__ = ["open_in_browser"]


def open_in_browser(url: str) -> bool:
    """Ask the system's browser to show ``url``; ``False`` when there is none to ask (or it refused)."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if type(browser) is webbrowser.GenericBrowser:  # a console browser: runs in this terminal, and waits
        return False
    try:
        return bool(browser.open(url, new=2))
    except OSError:
        return False
