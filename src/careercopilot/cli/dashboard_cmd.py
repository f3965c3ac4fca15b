"""dashboard layout show|reset: the dashboard's widgets, their order and sizes, as the TUI draws them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from careercopilot.cli.common import current_user, print_json, run_guarded, services

if TYPE_CHECKING:
    from careercopilot.domain.dashboard import DashboardLayout

app = typer.Typer(help="The dashboard: which widgets it shows, in what order and size.", no_args_is_help=True)
layout_app = typer.Typer(help="Show or reset your dashboard layout (edit it in the TUI: e on the dashboard).",
                         no_args_is_help=True)
app.add_typer(layout_app, name="layout")
JSON_OUT = typer.Option(False, "--json", help="Print as JSON.")


@layout_app.command("show")
def show(json_out: bool = JSON_OUT) -> None:
    """Your dashboard's widgets in reading order, with the columns and rows each spans."""
    run_guarded(lambda: _print(services().dashboard.layout(current_user()), json_out))


@layout_app.command("reset")
def reset(json_out: bool = JSON_OUT) -> None:
    """Go back to the default layout."""
    run_guarded(lambda: _print(services().dashboard.reset_layout(current_user()), json_out))


def _print(layout: DashboardLayout, json_out: bool) -> None:
    from careercopilot.domain.dashboard import COLUMNS, DEFAULT_LAYOUT

    if json_out:
        print_json({"columns": COLUMNS, "default": layout == DEFAULT_LAYOUT, "widgets": layout.to_json()})
        return
    typer.echo(f"Dashboard layout ({'default' if layout == DEFAULT_LAYOUT else 'your own'}), {COLUMNS} columns; "
               "each widget spans columns x rows:")
    for place, slot in enumerate(layout.widgets, start=1):
        typer.echo(f"{place:>3}. {slot.kind.title:<20} {slot.width} x {slot.height}  ({slot.kind.value})")
