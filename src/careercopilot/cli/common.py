"""What every command shares: global options, settings and services, one error style, JSON output."""

from __future__ import annotations

import dataclasses
import functools
import sys
import traceback
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer

if TYPE_CHECKING:
    from careercopilot.config import Settings
    from careercopilot.domain.accounts import UserContext
    from careercopilot.services import Services


@dataclasses.dataclass
class CliState:
    config_path: str | None = None
    debug: bool = False
    services: Services | None = None  # built once per process, on first need


state = CliState()
T = TypeVar("T")


def settings() -> Settings:
    from careercopilot.config import load_settings

    return load_settings(state.config_path)


def services() -> Services:
    if state.services is None:
        from careercopilot.services import build_services

        state.services = build_services(settings())
    return state.services


def current_user() -> UserContext:
    return services().auth.resume()


def fail(message: str, exit_code: int) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(exit_code)


def run_guarded(action: Callable[[], T]) -> T:
    """Run a command body: known errors become one sentence on stderr and their exit code."""
    from careercopilot.errors import CareerCopilotError

    try:
        return action()
    except CareerCopilotError as exc:
        if state.debug:
            traceback.print_exc()
        fail(exc.message, exc.exit_code)
    except (typer.Exit, typer.Abort, KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:
        from sqlalchemy.exc import DatabaseError, OperationalError

        from careercopilot.errors import database_failure

        if state.debug:
            traceback.print_exc()
        # Not IntegrityError and its siblings: those are our bugs, not the database's state.
        if isinstance(exc, OperationalError) or type(exc) is DatabaseError:
            fail(database_failure(str(exc.orig)).message, 1)
        fail(f"Unexpected error: {exc}. Run with --debug for details.", 1)


_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _shown_fields(kind: type) -> tuple[str, ...]:
    # Fields kept out of repr hold secrets (API keys): they never reach output either.
    return tuple(f.name for f in dataclasses.fields(kind) if f.repr)


def to_jsonable(value: Any) -> Any:
    """`value` as plain dicts, lists and scalars, for commands that work on the data before printing it."""
    if type(value) in _PLAIN:  # most values are: checked first
        return value
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    try:
        return to_jsonable(json_part(value))
    except TypeError:
        return value


def json_part(value: Any) -> Any:
    """One level of what the JSON encoder cannot write itself, for its `default` hook; it walks the rest in C."""
    if isinstance(value, datetime | date):  # the commonest by far: every record has a few
        return value.isoformat()
    if hasattr(type(value), "__dataclass_fields__"):
        return {name: getattr(value, name) for name in _shown_fields(type(value))}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, set | frozenset):
        return list(value)
    raise TypeError(f"{type(value).__name__} cannot be written as JSON")


def print_json(value: Any) -> None:
    """Exactly one JSON document on stdout and nothing else."""
    from careercopilot.jsontext import json_text

    sys.stdout.write(json_text(value, json_part) + "\n")


def console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


def read_password(prompt: str, from_stdin: bool, confirm: bool = False) -> str:
    """Never echoed: from stdin for scripts, otherwise a hidden prompt."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            fail("No password was given on standard input.", 2)
        return password
    return typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm)
