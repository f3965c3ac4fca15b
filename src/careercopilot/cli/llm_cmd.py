"""llm test|set-key|usage: check the endpoint, store its API key, see today's token use."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from careercopilot.cli.common import current_user, fail, print_json, run_guarded, services
from careercopilot.domain.text import plural

if TYPE_CHECKING:
    from careercopilot.domain.accounts import UserContext

app = typer.Typer(help="The LLM endpoint: check it, store its API key, see today's token use.", no_args_is_help=True)


def _user_if_signed_in() -> UserContext | None:
    from careercopilot.errors import AuthError

    try:
        return current_user()
    except AuthError:
        return None  # the check works signed out; the tokens it spends are then not booked to anyone


@app.command("test")
def test() -> None:
    """Check the configured endpoint: reachable, key accepted, model served, budget left."""

    def body() -> None:
        llm = services().llm
        warning = llm.warning()
        if warning:
            typer.echo(f"Warning: {warning}", err=True)
        status = llm.status(_user_if_signed_in())
        if not status.ok:
            fail(status.message, 1)
        typer.echo(status.message)

    run_guarded(body)


@app.command("set-key")
def set_key(
    key_stdin: bool = typer.Option(False, "--key-stdin", help="Read the key from standard input."),
) -> None:
    """Store the endpoint's API key in the system keyring (never in the config file)."""

    def body() -> None:
        llm = services().llm
        if key_stdin:
            key = sys.stdin.readline().strip()
        else:
            key = typer.prompt(f"API key for {llm.settings.base_url or 'the LLM endpoint'}", hide_input=True,
                               default="", show_default=False)
        name = llm.set_key(key)
        where = "the system keyring" if services().keystore.uses_keyring else str(services().keystore.fallback_file)
        typer.echo(f"Stored the API key as '{name}' in {where}.")

    run_guarded(body)


@app.command("usage")
def usage(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Tokens you used today (UTC) against the daily budget."""

    def body() -> None:
        today = services().llm.usage_today(current_user())
        if json_out:
            print_json({"day": today.day, "prompt_tokens": today.prompt_tokens,
                        "completion_tokens": today.completion_tokens, "total": today.total, "calls": today.calls,
                        "budget": today.budget, "model": today.model})
            return
        budget = f" of a daily budget of {today.budget}" if today.budget else " (no daily budget)"
        model = f" with {today.model}" if today.model else " (offline: the offline coach uses no tokens)"
        typer.echo(f"Today ({today.day}): {plural(today.total, 'token')}{budget} in "
                   f"{plural(today.calls, 'call')}{model}.")

    run_guarded(body)
