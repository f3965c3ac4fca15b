"""Plain SQL run on any connection: through a SQLAlchemy session, or on a bare driver connection when a command
cannot afford to import SQLAlchemy. Times go in and come back as SQLAlchemy's own columns store them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

# Runs one statement with `:name` parameters and gives back its rows.
Run = Callable[[str, Mapping[str, Any]], Iterable[Sequence[Any]]]

# SQLAlchemy's text format for DateTime on SQLite (UTC, no offset): bounds must compare as the stored text does.
_SQLITE_MOMENT = "%Y-%m-%d %H:%M:%S.%f"


def moment(dialect: str, value: datetime) -> Any:
    """`value` as a parameter compared with stored times."""
    return value.astimezone(UTC).strftime(_SQLITE_MOMENT) if dialect == "sqlite" else value


def stored_moment(value: Any) -> datetime | None:
    """A stored time read back without SQLAlchemy's types: SQLite gives the text, PostgreSQL a datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value).replace(tzinfo=UTC)
