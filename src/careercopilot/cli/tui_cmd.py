"""Open the TUI on the configured profile."""

from __future__ import annotations

from careercopilot.cli.common import settings


def open_tui() -> None:
    from careercopilot.tui.app import run_tui

    run_tui(settings())
