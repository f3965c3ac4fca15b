"""Errors a user can act on: each carries one clear sentence and the exit code the CLI returns."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class CareerCopilotError(Exception):
    """Base class: `message` is shown to the user as is; `exit_code` follows the CLI conventions."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OperationFailed(CareerCopilotError):
    exit_code = 1


class DatabaseUnreachable(OperationFailed):
    """The database refused a statement for a reason we have no better words for."""


def database_failure(reason: str) -> OperationFailed:
    """The database driver's own words for a failed statement, as one sentence saying what to do."""
    first = (reason.strip().splitlines() or ["no reason given"])[0].rstrip(".")
    said = first.lower()
    if "database is locked" in said:
        return OperationFailed("The database is busy: another command, a scrape or the TUI kept it locked for 10 s; "
                               "try again in a moment.")
    if "readonly database" in said:
        return OperationFailed("The database cannot be written: its file or folder is read-only; make them writable "
                               "('careercopilot db path' shows where they are).")
    if "malformed" in said:
        return OperationFailed(f"The database file is damaged ({first}); restore it from a copy made with "
                               "'careercopilot db backup'.")
    # Drivers explain over several lines ("Is the server running…?"): the first one says what failed.
    return DatabaseUnreachable(f"The database cannot be reached: {first}. Check [database] url or run with --debug.")


class BadInput(CareerCopilotError):
    """Bad usage, bad config or a bad input file."""

    exit_code = 2


class ConfigError(BadInput):
    pass


class NotFound(CareerCopilotError):
    exit_code = 1


class AuthError(CareerCopilotError):
    """Not signed in, wrong credentials, expired session or access denied."""

    exit_code = 3


class PermissionDenied(AuthError):
    pass


class PartialSuccess(CareerCopilotError):
    """Some parts of the work succeeded (for example some boards failed)."""

    exit_code = 4


def require_file(path: Path, what: str = "") -> None:
    """BadInput naming the path when it is not a readable file: the one sentence every command reading a file gives."""
    if not path.is_file():
        raise BadInput(f"There is no file {path}{f' for the {what}' if what else ''}; check the path.")


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """BadInput naming the path when writing under it fails (no such folder, no permission, a full disk)."""
    try:
        yield
    except OSError as exc:
        raise BadInput(f"Cannot write {path}: {exc.strerror or exc}.") from None
