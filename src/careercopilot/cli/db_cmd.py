"""db upgrade|backup|path."""

from __future__ import annotations

from pathlib import Path

import typer

from careercopilot.cli.common import run_guarded, settings

app = typer.Typer(help="Maintain the database.", no_args_is_help=True)


@app.command("path")
def path() -> None:
    """Print the database URL (and file, for SQLite)."""

    def body() -> None:
        from careercopilot.db.engine import sqlite_path
        from careercopilot.db.identity import database_identity

        url = settings().database_url
        file = sqlite_path(url)
        typer.echo(str(file) if file else database_identity(url))  # never a password on screen

    run_guarded(body)


@app.command("upgrade")
def upgrade() -> None:
    """Apply pending migrations (they also run automatically on start)."""

    def body() -> None:
        from careercopilot.db import migrate
        from careercopilot.db.engine import Database

        db = Database(settings().database_url)
        try:
            applied = migrate.upgrade(db)
        finally:
            db.dispose()
        typer.echo(f"Database upgraded to {migrate.HEAD_REVISION}." if applied else "Database is up to date.")

    run_guarded(body)


@app.command("backup")
def backup(target: Path = typer.Argument(..., help="File to write the copy to.")) -> None:
    """Copy the database while it is in use (SQLite online backup)."""

    def body() -> None:
        from careercopilot.db.backup import backup_database

        typer.echo(backup_database(settings().database_url, target))

    run_guarded(body)
