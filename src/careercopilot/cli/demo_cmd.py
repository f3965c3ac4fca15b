"""careercopilot demo: the TUI on a demo profile with sample data, in its own data dir."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from careercopilot.cli.common import run_guarded, settings

if TYPE_CHECKING:
    from careercopilot.config import Settings


def demo(
    reset: bool = typer.Option(False, "--reset", help="Delete the demo data and build it again."),
    no_tui: bool = typer.Option(False, "--no-tui", help="Prepare the demo data and sign in, but do not open the TUI."),
) -> None:
    """Open the TUI on a demo profile with realistic sample data (never touches your real data)."""

    def body() -> None:
        import dataclasses
        import shlex

        from careercopilot import paths
        from careercopilot.config import DatabaseSettings
        from careercopilot.keystore import KeyStore
        from careercopilot.services import build_services
        from careercopilot.services.demo import seed_demo

        home = paths.data_dir() / "demo"
        database = home / "careercopilot-demo.db"
        if reset:
            for suffix in ("", "-wal", "-shm"):
                database.with_name(database.name + suffix).unlink(missing_ok=True)
        paths.ensure_private_dir(home)
        demo_settings = dataclasses.replace(demo_config(home, reset), database=DatabaseSettings(url=f"sqlite:///{database}"))
        variables = demo_variables(home, demo_settings)
        # The demo runs as the printed command line would: its session hint and secrets stay in its own folder.
        with variables_set(variables):
            keystore = KeyStore(home / "secrets.json")
            services = build_services(demo_settings, keystore=keystore)
            account = seed_demo(services)
            typer.echo(f"Demo profile: user '{account.username}', password '{account.password}' (data in {home}).")
            services.auth.remember(services.auth.login(account.username, account.password))
            services.close()
            prefix = " ".join(f"{name}={shlex.quote(value)}" for name, value in variables.items())
            typer.echo(f"Signed in. CLI commands reach the demo when run like this: {prefix} careercopilot "
                       "analytics summary")
            if not no_tui:
                from careercopilot.tui.app import run_tui

                run_tui(demo_settings, keystore)

    run_guarded(body)


def demo_config(home: Path, reset: bool) -> Settings:
    """The user's settings, read from a copy in the demo folder: the demo's Settings screen edits that copy."""
    import shutil

    from careercopilot.config import load_settings

    real = settings()
    if real.source is None:
        return real  # with the demo folder as CAREERCOPILOT_HOME, a config saved in the demo lands there
    copy = home / "config.toml"
    if reset or not copy.exists():
        shutil.copyfile(real.source, copy)
    return load_settings(copy)


def demo_variables(home: Path, demo_settings: Settings) -> dict[str, str]:
    """What makes any careercopilot command use the demo: its folder, its database and the config it was built with."""
    found = {"CAREERCOPILOT_HOME": str(home), "CAREERCOPILOT_DATABASE_URL": demo_settings.database_url}
    if demo_settings.source is not None:
        found["CAREERCOPILOT_CONFIG"] = str(demo_settings.source.resolve())  # the printed line works from any folder
    return found


@contextmanager
def variables_set(values: Mapping[str, str]) -> Iterator[None]:
    """Environment variables set for the block; whatever was there before comes back after it."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def register_commands(app: typer.Typer) -> None:
    app.command("demo")(demo)
