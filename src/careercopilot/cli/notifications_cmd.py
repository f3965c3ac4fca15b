"""notifications list|read."""

from __future__ import annotations

import typer

from careercopilot.cli.common import console, current_user, print_json, run_guarded, services
from careercopilot.domain.text import plural

app = typer.Typer(help="Read your notifications.", no_args_is_help=True)


@app.command("list")
def list_(
    unread: bool = typer.Option(False, "--unread", help="Only unread ones."),
    kind: str = typer.Option(None, "--kind", help="Only this kind (job_match, application_status, ...)."),
    limit: int = typer.Option(50, "--limit", min=1, max=10_000, help="At most this many."),
    json_out: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """List notifications, newest first."""

    def body() -> None:
        from careercopilot.domain.notifications import NotificationKind
        from careercopilot.errors import BadInput

        try:
            wanted = NotificationKind(kind) if kind else None
        except ValueError:
            raise BadInput(f"Unknown kind '{kind}'; use one of {', '.join(NotificationKind)}.") from None
        rows = services().notifications.list(current_user(), unread_only=unread, kind=wanted, limit=limit)
        if json_out:
            print_json(rows)
            return
        from rich.table import Table
        from rich.text import Text

        table = Table("id", "", "kind", "when", "title")
        for n in rows:
            table.add_row(str(n.id), "" if n.read else "●", n.kind.value,
                          n.created_at.astimezone().strftime("%Y-%m-%d %H:%M"), Text(n.title))
        console().print(table if rows else "No notifications.")

    run_guarded(body)


@app.command("read")
def read(
    notification_id: int = typer.Argument(None, help="The notification to mark read."),
    all_: bool = typer.Option(False, "--all", help="Mark every notification read."),
) -> None:
    """Mark one notification (or all) read."""

    def body() -> None:
        from careercopilot.errors import BadInput

        user = current_user()
        if all_ == (notification_id is not None):
            raise BadInput("Give either a notification id or --all.")
        if all_:
            typer.echo(f"Marked {plural(services().notifications.mark_all_read(user), 'notification')} read.")
        else:
            services().notifications.mark_read(user, notification_id)
            typer.echo(f"Marked notification {notification_id} read.")

    run_guarded(body)
