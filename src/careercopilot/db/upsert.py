"""INSERT ... ON CONFLICT for the database in use: SQLite and PostgreSQL spell it alike but in their own dialect."""

from __future__ import annotations

from typing import Any


def upsert_insert(dialect_name: str, table: Any) -> Any:
    """An insert() on `table` with on_conflict_do_update/do_nothing; the dialect module is loaded only when used."""
    if dialect_name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    return insert(table)
