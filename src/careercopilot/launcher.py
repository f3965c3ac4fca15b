"""The `careercopilot` command. With no arguments it opens the TUI at once, without loading the CLI (Typer and
every sub-command module would add a third to the start-up time); anything else goes to the Typer app."""

from __future__ import annotations

import gc
import sys

# A command makes most of its objects while importing libraries, and nearly all of them live until it exits:
# with the default young generation (700 objects) it ran about 200 collections, 40-80 ms of rescanning them,
# and a 20,000-posting scrape spent 1.24 s collecting instead of 0.45 s. The TUI keeps the defaults and freezes
# what lives for the whole run instead (careercopilot.heap).
COMMAND_GC_THRESHOLDS = (50_000, 20, 10)


def main() -> None:
    if len(sys.argv) > 1:
        gc.set_threshold(*COMMAND_GC_THRESHOLDS)
        from careercopilot.cli import main as cli_main

        cli_main()
        return
    from careercopilot.config import load_settings
    from careercopilot.errors import CareerCopilotError

    try:
        settings = load_settings()
    except CareerCopilotError as exc:
        print(f"Error: {exc.message}", file=sys.stderr)
        sys.exit(exc.exit_code)
    from careercopilot.tui.app import run_tui

    try:
        run_tui(settings)
    except KeyboardInterrupt:
        sys.exit(130)
