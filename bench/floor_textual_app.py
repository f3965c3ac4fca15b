"""The floor for TUI start-up: the smallest Textual app that shows one screen with an input.

With CAREERCOPILOT_BENCH_EXIT_ON_READY=<file> it appends the wall-clock time its first frame was ready to
<file> and exits, exactly as careercopilot's TUI does; bench/tui_startup.py compares the two.
"""

from __future__ import annotations

import os
import time

from textual.app import App, ComposeResult
from textual.widgets import Footer, Input, Label


class FloorApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("Sign in")
        yield Input(placeholder="Username or email")
        yield Footer()

    def on_ready(self) -> None:
        ready_file = os.environ.get("CAREERCOPILOT_BENCH_EXIT_ON_READY")
        if ready_file:
            with open(ready_file, "a", encoding="utf-8") as handle:
                handle.write(f"{time.time()}\n")
            self.exit()


if __name__ == "__main__":
    FloorApp().run()
