"""The root Typer app. Nothing heavy at module level: `careercopilot --help` must stay fast."""

from __future__ import annotations

import sys

import typer

from careercopilot import __version__
from careercopilot.cli import (
    account,
    admin,
    analytics_cmd,
    apps,
    boards_cmd,
    config_cmd,
    dashboard_cmd,
    db_cmd,
    demo_cmd,
    draft_cmd,
    interview_cmd,
    jobs_cmd,
    llm_cmd,
    notifications_cmd,
    profile_cmd,
    remind,
    scrape_cmd,
    searches_cmd,
)
from careercopilot.cli.common import state

app = typer.Typer(
    name="careercopilot",
    help="Career Copilot: find, rank and track jobs, practise interviews - all from your terminal.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"careercopilot {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    config: str = typer.Option(None, "--config", envvar="CAREERCOPILOT_CONFIG", help="Config file to use."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """With no command, opens the TUI on your profile."""
    state.config_path = config
    state.debug = debug
    if ctx.invoked_subcommand is None:
        from careercopilot.cli.common import run_guarded
        from careercopilot.cli.tui_cmd import open_tui

        run_guarded(open_tui)


account.register_commands(app)
app.add_typer(admin.app, name="admin")
app.add_typer(config_cmd.app, name="config")
app.add_typer(db_cmd.app, name="db")
app.add_typer(notifications_cmd.app, name="notifications")
app.add_typer(profile_cmd.app, name="profile")
app.add_typer(apps.app, name="apps")
app.add_typer(remind.app, name="remind")
demo_cmd.register_commands(app)
scrape_cmd.register_commands(app)
app.add_typer(jobs_cmd.app, name="jobs")
app.add_typer(searches_cmd.app, name="searches")
app.add_typer(boards_cmd.app, name="boards")
app.add_typer(interview_cmd.app, name="interview")
app.add_typer(draft_cmd.app, name="draft")
app.add_typer(llm_cmd.app, name="llm")
app.add_typer(analytics_cmd.app, name="analytics")
app.add_typer(dashboard_cmd.app, name="dashboard")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
