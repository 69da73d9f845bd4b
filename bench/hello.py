"""The floor of the pseudo-terminal TUI figures: a hello-world Textual app, started like ``planner``."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello, world")


if __name__ == "__main__":
    Hello().run()
