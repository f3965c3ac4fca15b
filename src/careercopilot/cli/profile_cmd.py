"""profile show|set|import-cv."""

from __future__ import annotations

from pathlib import Path

import typer

from careercopilot.cli.common import current_user, print_json, run_guarded, services
from careercopilot.domain.text import plural

app = typer.Typer(help="Your profile: what you look for and what you bring.", no_args_is_help=True)


@app.command("show")
def show(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Show your profile."""

    def body() -> None:
        profile = services().profiles.get(current_user())
        if json_out:
            print_json(profile)
            return
        from rich.table import Table
        from rich.text import Text

        from careercopilot.cli.common import console, to_jsonable

        table = Table("field", "value", show_header=False)
        for key, value in to_jsonable(profile).items():
            if key == "cv_text":
                value = plural(len(profile.cv_text.split()), "word") if profile.cv_text else "(none)"
            elif isinstance(value, list):
                value = ", ".join(value)
            table.add_row(key, Text("" if value is None else str(value)))
        console().print(table)

    run_guarded(body)


@app.command("set")
def set_(
    assignments: list[str] = typer.Argument(..., help="FIELD=VALUE pairs; lists are comma-separated, "
                                            "e.g. skills='Python,SQL' remote_preference=remote"),
) -> None:
    """Change profile fields."""

    def body() -> None:
        from careercopilot.errors import BadInput

        changes = {}
        for item in assignments:
            key, sep, value = item.partition("=")
            if not sep:
                raise BadInput(f"'{item}' is not FIELD=VALUE.")
            changes[key.strip()] = value.strip()
        services().profiles.update(current_user(), **changes)
        typer.echo(f"Updated {', '.join(changes)}.")

    run_guarded(body)


@app.command("import-cv")
def import_cv(path: Path = typer.Argument(..., help="CV file: .txt, .md, .pdf or .docx.")) -> None:
    """Import your CV text from a file."""

    def body() -> None:
        profile = services().profiles.import_cv(current_user(), path)
        typer.echo(f"Imported {plural(len(profile.cv_text.split()), 'word')} from {profile.cv_filename}.")

    run_guarded(body)
