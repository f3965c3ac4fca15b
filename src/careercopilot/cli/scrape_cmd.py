"""careercopilot scrape: the cron job that collects, stores, scores and notifies."""

from __future__ import annotations

import sys

import typer

from careercopilot.cli.common import console, print_json, run_guarded, services
from careercopilot.domain.text import plural


def scrape(
    board: list[str] = typer.Option(None, "--board", "-b", help="Only this board (repeatable). Default: all enabled."),
    query: str = typer.Option(None, "--query", "-q", help="Search words. Default: every user's saved searches."),
    location: str = typer.Option(None, "--location", "-l", help="City, region or country."),
    remote: bool = typer.Option(None, "--remote/--no-remote", help="Only remote (or only non-remote) jobs."),
    max_pages: int = typer.Option(None, "--max-pages", min=1, max=100, help="Pages per board at most."),
    json_out: bool = typer.Option(False, "--json", help="Print the run report as JSON."),
) -> None:
    """Fetch new postings from the job boards (no sign-in needed: made for cron).

    Exit code 0 when every board worked, 4 when some failed, 1 when all failed.
    """

    def body() -> None:
        report = _run_with_progress(lambda progress: services().scrape.run(
            board or (), query, location, remote, max_pages, on_progress=progress))
        if json_out:
            print_json(report)
        else:
            _print_report(report)
        if report.exit_code:
            raise typer.Exit(report.exit_code)

    run_guarded(body)


def _run_with_progress(run):  # type: ignore[no-untyped-def]
    """A progress bar on a terminal; plain log lines on stderr otherwise (cron mails stay readable)."""
    if not sys.stderr.isatty():
        def log(event):  # type: ignore[no-untyped-def]
            if event.kind == "board_finished" and event.result is not None:
                print(f"{event.board}: {event.result.status}, {event.result.reason}", file=sys.stderr)
        return run(log)
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[note]}"),
                  console=console(), transient=True) as bar:
        tasks: dict[str, int] = {}

        def show(event):  # type: ignore[no-untyped-def]
            if event.board not in tasks:
                tasks[event.board] = bar.add_task(event.board, total=1, note="")
            note = f"{plural(event.pages, 'page')}, {plural(event.postings, 'posting')}"
            bar.update(tasks[event.board], note=note, completed=1 if event.kind == "board_finished" else 0)

        return run(show)


def _print_report(report) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table
    from rich.text import Text

    table = Table("board", "status", "seen", "new", "updated", "seconds", "note")
    for b in report.boards:
        table.add_row(b.board, b.status, str(b.seen), str(b.new), str(b.updated), f"{b.duration_s:.1f}",
                      Text(b.reason))
    console().print(table)
    console().print(f"Run {report.run_id}: {report.status}; {plural(report.notified_users, 'user')} notified of "
                    f"new matches; {plural(report.analytics_notices, 'skill-gap and weekly notice')}.")


def register_commands(app: typer.Typer) -> None:
    app.command("scrape")(scrape)
