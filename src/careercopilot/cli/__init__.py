"""The root Typer app. Nothing heavy at module level: `careercopilot --help` must stay fast."""

from __future__ import annotations

import sys

import typer

from careercopilot import __version__
from careercopilot.cli.common import state
from careercopilot.cli.lazy import LazyGroup

# Every sub-command, loaded only when it runs: name -> ("module:attribute", the summary `--help` lists).
LazyGroup.lazy = {
    "login": ("account:login", "Sign in; the session is kept in the system keyring for the next commands and the TUI."),
    "logout": ("account:logout", "Sign out: the session is revoked and forgotten."),
    "whoami": ("account:whoami", "Show the signed-in user."),
    "demo": ("demo_cmd:demo",
             "Open the TUI on a demo profile with realistic sample data (never touches your real data)."),
    "scrape": ("scrape_cmd:scrape", "Fetch new postings from the job boards (no sign-in needed: made for cron)."),
    "user": ("account:user_app", "Create and manage your account."),
    "admin": ("admin:app", "Administer accounts (admin only)."),
    "config": ("config_cmd:app", "Create, check and locate the configuration file."),
    "db": ("db_cmd:app", "Maintain the database."),
    "notifications": ("notifications_cmd:app", "Read your notifications."),
    "profile": ("profile_cmd:app", "Your profile: what you look for and what you bring."),
    "jobs": ("jobs_cmd:app", "Browse, search and act on job postings."),
    "searches": ("searches_cmd:app", "Saved searches: run by every scrape, alerting above their threshold."),
    "boards": ("boards_cmd:app", "Job boards: health and set-up checks."),
    "apps": ("apps:app", "Track your applications: stages, history, notes, contacts and interviews."),
    "remind": ("remind:app", "Raise due follow-ups as notifications (run it from cron), and set the rules."),
    "interview": ("interview_cmd:app",
                  "Practise interviews: questions, timed answers, scored STAR feedback, progress."),
    "draft": ("draft_cmd:app", "Draft a cover letter or CV bullets for a job, for you to review and edit."),
    "llm": ("llm_cmd:app", "The LLM endpoint: check it, store its API key, see today's token use."),
    "analytics": ("analytics_cmd:app", "Pipeline metrics, market insight, skill gaps, forecast and reports."),
    "dashboard": ("dashboard_cmd:app", "The dashboard: which widgets it shows, in what order and size."),
}

app = typer.Typer(
    cls=LazyGroup,
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


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
