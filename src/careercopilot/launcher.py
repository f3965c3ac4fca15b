"""The `careercopilot` command. With no arguments it opens the TUI at once, without loading the CLI (Typer and
every sub-command module would add a third to the start-up time); anything else goes to the Typer app."""

from __future__ import annotations

import sys

from careercopilot import heap


def main() -> None:
    if len(sys.argv) > 1:
        heap.for_commands()
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
