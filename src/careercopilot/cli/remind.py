"""remind: the cron job raising due follow-ups as notifications (each once), and the rules behind them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from careercopilot.cli.common import current_user, print_json, run_guarded, services
from careercopilot.domain.text import plural

if TYPE_CHECKING:
    from careercopilot.domain.applications import FollowUpRuleSpec

app = typer.Typer(help="Raise due follow-ups as notifications (run it from cron), and set the rules.",
                  invoke_without_command=True)
RULE_HELP = "STAGE:DAYS:ACTION, e.g. applied:7:follow_up or applied:30:suggest_ghosted"


@app.callback()
def remind(
    ctx: typer.Context,
    all_users: bool = typer.Option(False, "--all-users", help="Every active user (administrators only)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="List what is due without notifying."),
    json_out: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Notify every follow-up that has come due and was not notified before."""
    if ctx.invoked_subcommand is not None:
        return

    def body() -> None:
        followups = services().followups
        user = current_user()
        if all_users:
            count = followups.raise_due_everyone(user)
            if json_out:
                print_json({"raised": count})
            else:
                typer.echo(f"Raised {plural(count, 'follow-up')}.")
            return
        due = followups.due(user) if dry_run else followups.raise_due(user)
        if json_out:
            print_json([{"application_id": d.application_id, "company": d.company, "title": d.title,
                         "stage": d.stage, "rule": d.rule.key, "due_at": d.due_at, "message": d.message}
                        for d in due])
            return
        for item in due:
            typer.echo(item.message)
        if not dry_run:
            typer.echo(f"Raised {plural(len(due), 'follow-up')}.")

    run_guarded(body)


@app.command("rules")
def rules(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Show your follow-up rules."""

    def body() -> None:
        current = services().followups.rules(current_user())
        if json_out:
            print_json(current)
            return
        for rule in current:
            typer.echo(f"{rule.key}  ({rule.action.value.replace('_', ' ')} after {plural(rule.after_days, 'day')} in "
                       f"{rule.stage.value})")
        if not current:
            typer.echo("No follow-up rules: follow-ups are off.")

    run_guarded(body)


@app.command("set-rules")
def set_rules(specs: list[str] = typer.Argument(None, help=f"Rules, {RULE_HELP}; none turns follow-ups off.")
              ) -> None:
    """Replace your follow-up rules."""

    def body() -> None:
        chosen = services().followups.set_rules(current_user(), [parse_rule(spec) for spec in specs or ()])
        typer.echo(f"Saved {plural(len(chosen), 'follow-up rule')}.")

    run_guarded(body)


@app.command("reset-rules")
def reset_rules() -> None:
    """Go back to the built-in follow-up rules."""

    def body() -> None:
        services().followups.reset_rules(current_user())
        typer.echo("Follow-up rules reset to the built-in ones.")

    run_guarded(body)


def parse_rule(spec: str) -> FollowUpRuleSpec:
    from careercopilot.domain.applications import FollowUpAction, FollowUpRuleSpec, parse_stage
    from careercopilot.errors import BadInput

    parts = spec.split(":")
    try:
        stage, days, action = parts
        return FollowUpRuleSpec(parse_stage(stage), int(days), FollowUpAction(action))
    except ValueError:
        raise BadInput(f"'{spec}' is not a rule; write {RULE_HELP}.") from None
