"""Row values turned into what the database driver takes before the statement that writes them runs.

A bulk insert of postings spends a good part of its time in SQLAlchemy's bind processors (JSON to text,
datetimes to SQLite's strings, booleans to integers). Running the very same processors where the rows are
prepared (a scrape prepares them beside the fetching, often in the fetching process) leaves the insert only the
write: its statement goes through a copy of the table whose columns process nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Column, MetaData, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.interfaces import BindTyping
from sqlalchemy.types import NullType


class BoundRows:
    """Binds a table's row values ahead; `table` is what statements on bound values must be built on.

    The copy has no column defaults: statements on it give every column that has one.
    """

    def __init__(self, table: Table, dialect: Dialect) -> None:
        # psycopg gets a cast rendered from each column's type into the SQL: there the real types stay.
        self.ahead = dialect.bind_typing is not BindTyping.RENDER_CASTS
        self._processors: dict[str, Callable[[Any], Any]] = {}
        if self.ahead:
            for column in table.columns:
                process = column.type.dialect_impl(dialect).bind_processor(dialect)
                if process is not None:
                    self._processors[column.key] = process
        self.table = _copy_processing_nothing(table, set(self._processors)) if self._processors else table

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The values as SQLAlchemy would hand them to the driver for this table's columns."""
        processors = self._processors
        return {key: process(value) if (process := processors.get(key)) else value for key, value in values.items()}


def _copy_processing_nothing(table: Table, processed: set[str]) -> Table:
    """The table with an untyped column for each one whose values get processed; the others as they are."""
    columns = (Column(c.name, NullType() if c.key in processed else c.type, key=c.key, primary_key=c.primary_key,
                      autoincrement=c.autoincrement) for c in table.columns)
    return Table(table.name, MetaData(), *columns)
