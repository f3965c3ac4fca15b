"""careercopilot demo: the TUI on a demo profile with sample data, in its own data dir."""

from __future__ import annotations

import typer

from careercopilot.cli.common import run_guarded, settings


def demo(
    reset: bool = typer.Option(False, "--reset", help="Delete the demo data and build it again."),
    no_tui: bool = typer.Option(False, "--no-tui", help="Prepare the demo data and sign in, but do not open the TUI."),
) -> None:
    """Open the TUI on a demo profile with realistic sample data (never touches your real data)."""

    def body() -> None:
        import dataclasses

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
        demo_settings = dataclasses.replace(settings(), database=DatabaseSettings(url=f"sqlite:///{database}"))
        keystore = KeyStore(home / "secrets.json")  # the demo's session never touches the real one
        services = build_services(demo_settings, keystore=keystore)
        account = seed_demo(services)
        typer.echo(f"Demo profile: user '{account.username}', password '{account.password}' (data in {home}).")
        services.auth.remember(services.auth.login(account.username, account.password))
        services.close()
        if not no_tui:
            from careercopilot.tui.app import run_tui

            run_tui(demo_settings, keystore)

    run_guarded(body)


def register_commands(app: typer.Typer) -> None:
    app.command("demo")(demo)
