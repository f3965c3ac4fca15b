"""searches add|list|remove: what you look for, run by every scrape."""

from __future__ import annotations

import typer

from careercopilot.cli.common import console, current_user, print_json, run_guarded, services

app = typer.Typer(help="Saved searches: run by every scrape, alerting above their threshold.", no_args_is_help=True)


@app.command("add")
def add(
    name: str = typer.Argument(..., help="A name for the search."),
    query: str = typer.Option(..., "--query", "-q", help="Search words."),
    location: str = typer.Option("", "--location", "-l", help="City, region or country."),
    remote: bool = typer.Option(False, "--remote", help="Only remote jobs."),
    board: list[str] = typer.Option(None, "--board", "-b", help="Only these boards (repeatable)."),
    threshold: int = typer.Option(70, "--threshold", help="Notify about new matches scoring at least this (0-100)."),
    json_out: bool = typer.Option(False, "--json", help="Print the saved search as JSON."),
) -> None:
    """Save a search."""

    def body() -> None:
        saved = services().searches.add(current_user(), name, query, location, remote, tuple(board or ()), threshold)
        if json_out:
            print_json(saved)
        else:
            typer.echo(f"Saved search '{saved.name}'.")

    run_guarded(body)


@app.command("list")
def list_(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """List your saved searches."""

    def body() -> None:
        rows = services().searches.list(current_user())
        if json_out:
            print_json(rows)
            return
        from rich.table import Table
        from rich.text import Text

        table = Table("name", "query", "location", "remote", "boards", "threshold")
        for r in rows:
            table.add_row(Text(r.name), Text(r.query), Text(r.location), "yes" if r.remote else "",
                          ", ".join(r.boards) or "all", str(r.threshold))
        console().print(table if rows else "No saved searches; add one with 'careercopilot searches add'.")

    run_guarded(body)


@app.command("remove")
def remove(name: str = typer.Argument(..., help="The saved search to remove.")) -> None:
    """Remove a saved search."""

    def body() -> None:
        services().searches.remove(current_user(), name)
        typer.echo(f"Removed saved search '{name}'.")

    run_guarded(body)
