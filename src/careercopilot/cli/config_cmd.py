"""config init|show|path|set."""

from __future__ import annotations

import typer

from careercopilot.cli.common import print_json, run_guarded, settings, state

app = typer.Typer(help="Create, check and locate the configuration file.", no_args_is_help=True)


@app.command("path")
def path() -> None:
    """Print the config file in use (it may not exist yet)."""
    from careercopilot import paths

    typer.echo(str(paths.config_file(state.config_path)))


@app.command("init")
def init(force: bool = typer.Option(False, "--force", help="Overwrite an existing file.")) -> None:
    """Write a commented config file with every key and its default."""

    def body() -> None:
        from careercopilot import paths
        from careercopilot.config import example_config
        from careercopilot.errors import BadInput, writing

        target = paths.config_file(state.config_path)
        if target.exists() and not force:
            raise BadInput(f"{target} already exists; use --force to overwrite it.")
        with writing(target):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(example_config(), encoding="utf-8")
        typer.echo(f"Wrote {target}.")

    run_guarded(body)


@app.command("set")
def set_(key: str = typer.Argument(..., help="section.key, such as tui.theme or boards.reed.max_pages."),
         value: str = typer.Argument(..., help="The value: TOML (3, true, [\"a\"]) or plain text.")) -> None:
    """Change one setting in the config file, keeping its comments; refused, and nothing written, when invalid."""

    def body() -> None:
        from careercopilot import paths
        from careercopilot.config_edit import parse_value, set_value

        target = paths.config_file(state.config_path)
        set_value(target, key, parse_value(value))
        typer.echo(f"Set {key} in {target}.")

    run_guarded(body)


@app.command("show")
def show(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Check the config file and print the settings in effect."""

    def body() -> None:
        from careercopilot.cli.common import to_jsonable
        from careercopilot.db.identity import database_identity

        current = settings()
        data = to_jsonable(current)
        data["database"]["url"] = database_identity(current.database.url)  # never a password on screen
        if json_out:
            print_json(data)
            return
        typer.echo(f"# from {current.source or 'defaults (no config file)'}")
        typer.echo(f"database.url = {database_identity(current.database_url)}")
        for section in ("auth", "notifications", "tui"):
            for key, value in data[section].items():
                typer.echo(f"{section}.{key} = {value}")
        for name in sorted(data["boards"]):
            typer.echo(f"boards.{name} = {data['boards'][name]}")
        if data["llm"]:
            typer.echo(f"llm = {data['llm']}")

    run_guarded(body)
