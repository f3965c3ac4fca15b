"""Administration: users, account state, password resets, broadcasts."""

from __future__ import annotations

import typer

from careercopilot.cli.common import current_user, print_json, read_password, run_guarded, services
from careercopilot.domain.text import plural

app = typer.Typer(help="Administer accounts (admin only).", no_args_is_help=True)


@app.command("users")
def users(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """List every account."""

    def body() -> None:
        rows = services().auth.list_users(current_user())
        if json_out:
            print_json(rows)
            return
        from rich.table import Table
        from rich.text import Text

        table = Table("id", "username", "email", "role", "active", "created")
        for u in rows:
            table.add_row(str(u.id), Text(u.username), Text(u.email), u.role.value, "yes" if u.is_active else "no",
                          u.created_at.astimezone().strftime("%Y-%m-%d"))
        from careercopilot.cli.common import console

        console().print(table)

    run_guarded(body)


def _set_active(username: str, active: bool) -> None:
    changed = services().auth.set_active(current_user(), username, active)
    typer.echo(f"Account '{changed.username}' is now {'enabled' if changed.is_active else 'disabled'}.")


@app.command("disable")
def disable(username: str = typer.Argument(..., help="Account to disable.")) -> None:
    """Disable an account and end its sessions."""
    run_guarded(lambda: _set_active(username, False))


@app.command("enable")
def enable(username: str = typer.Argument(..., help="Account to enable.")) -> None:
    """Enable a disabled account."""
    run_guarded(lambda: _set_active(username, True))


@app.command("reset-password")
def reset_password(
    username: str = typer.Argument(..., help="Account whose password to reset."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the new password from stdin."),
) -> None:
    """Set a new password for an account; its sessions end."""

    def body() -> None:
        admin, auth = current_user(), services().auth
        auth.require_admin(admin)  # refuse before asking for a password that would be thrown away
        auth.reset_password(admin, username, read_password("New password", password_stdin, confirm=True))
        typer.echo(f"Password of '{username}' was reset; their sessions were ended.")

    run_guarded(body)


@app.command("broadcast")
def broadcast(message: str = typer.Argument(..., help="Text every active user receives.")) -> None:
    """Send a system notification to every active user."""

    def body() -> None:
        count = services().notifications.broadcast(current_user(), message)
        typer.echo(f"Sent to {plural(count, 'user')}.")

    run_guarded(body)
