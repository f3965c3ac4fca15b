"""A Typer root group whose sub-commands load on first use: `careercopilot --help` lists them from a table."""

from __future__ import annotations

from importlib import import_module
from typing import Any, ClassVar

import typer
from typer.core import TyperCommand, TyperGroup


class LazyGroup(TyperGroup):
    """Sub-commands named in `lazy` ("module:attribute" and a one-line summary) are imported when run."""

    lazy: ClassVar[dict[str, tuple[str, str]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loaded: dict[str, Any] = {}
        self._listing = False

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return [*super().list_commands(ctx), *self.lazy]

    def get_command(self, ctx: typer.Context, name: str) -> Any:
        if name not in self.lazy:
            return super().get_command(ctx, name)
        if self._listing and name not in self._loaded:
            summary = self.lazy[name][1]
            return TyperCommand(name, help=summary, short_help=summary)
        if name not in self._loaded:
            self._loaded[name] = load(name, self.lazy[name][0])
        return self._loaded[name]

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:
        # Listing the root's commands needs only their summaries, not their modules.
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


def load(name: str, target: str) -> Any:
    module_name, _, attribute = target.partition(":")
    found = getattr(import_module(f"careercopilot.cli.{module_name}"), attribute)
    if isinstance(found, typer.Typer):
        command = typer.main.get_group(found)
    else:
        single = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
        single.command(name)(found)
        command = typer.main.get_command(single)
    command.name = name
    return command
