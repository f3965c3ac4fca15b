"""Sign-up, sign-in, sign-out and who am I."""

from __future__ import annotations

import typer

from careercopilot.cli.common import current_user, print_json, read_password, run_guarded, services

user_app = typer.Typer(help="Create and manage your account.", no_args_is_help=True)


@user_app.command("register")
def register(
    username: str = typer.Option(..., "--username", "-u", prompt=True, help="Login name (lower case)."),
    email: str = typer.Option(..., "--email", "-e", prompt=True, help="Email address."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
    json_out: bool = typer.Option(False, "--json", help="Print the new account as JSON."),
) -> None:
    """Create an account (the first account becomes the administrator)."""

    def body() -> None:
        password = read_password("Password", password_stdin, confirm=True)
        created = services().auth.register(username, email, password)
        if json_out:
            print_json(created)
        else:
            typer.echo(f"Created {created.role.value} account '{created.username}'. Sign in with: careercopilot login")

    run_guarded(body)


def login(
    identifier: str = typer.Option(..., "--user", "-u", prompt="Username or email", help="Username or email."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
    no_store: bool = typer.Option(False, "--no-store", help="Do not keep the session (print nothing, store nothing)."),
) -> None:
    """Sign in; the session is kept in the system keyring for the next commands and the TUI."""

    def body() -> None:
        password = read_password("Password", password_stdin)
        signed_in = services().auth.login(identifier, password)
        if not no_store:
            services().auth.remember(signed_in)
        local = signed_in.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")
        typer.echo(f"Signed in as {signed_in.user.username} until {local}.")

    run_guarded(body)


def logout() -> None:
    """Sign out: the session is revoked and forgotten."""

    def body() -> None:
        services().auth.forget()
        typer.echo("Signed out.")

    run_guarded(body)


def whoami(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Show the signed-in user."""

    def body() -> None:
        me = services().auth.whoami(current_user())
        if json_out:
            print_json(me)
        else:
            typer.echo(f"{me.username} <{me.email}> ({me.role.value})")

    run_guarded(body)


def register_commands(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
    app.command("login")(login)
    app.command("logout")(logout)
    app.command("whoami")(whoami)



