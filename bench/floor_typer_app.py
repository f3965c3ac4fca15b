"""The floor for `careercopilot --help`: a one-command Typer app; time `python bench/floor_typer_app.py --help`."""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


if __name__ == "__main__":
    app()
