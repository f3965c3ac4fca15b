"""Many rows through the driver's executemany, each value bound by its column type's own processor.

SQLAlchemy's executemany builds a parameter dict per row and passes every value through a chain of wrappers; for
a scrape's thousands of rows that was a third of the write. Here each column's processor is looked up once, the
rows are bound in one loop, and the statement SQLAlchemy compiled for the dialect goes to the driver unchanged.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect

Processor = Callable[[Any], Any] | None


class BulkStatement:
    """An INSERT, UPDATE or upsert run for many rows, each given as a tuple of values in the order of `keys`.

    The statement's other parameters must be columns with a plain default value (False, 0, ''): a callable
    default or a missing value is a programming error, caught here rather than stored as NULL.
    """

    def __init__(self, statement: Any, keys: Sequence[str], dialect: Dialect) -> None:
        # for_executemany leaves out the RETURNING PostgreSQL would add for the new row's id.
        compiled = statement.compile(dialect=dialect, column_keys=list(keys), for_executemany=True)
        self.sql = compiled.string
        self.keys = tuple(keys)
        self.names = tuple(compiled.positiontup or ()) if dialect.positional else tuple(compiled.binds)
        table = getattr(statement, "table", None)
        self._positional = dialect.positional
        # SQLite runs a many-row VALUES list twice as fast as the same rows one statement each: an INSERT (or
        # upsert) of `?` placeholders is split around its one row of them, to be repeated.
        self._values = _values_parts(self.sql, len(self.names)) if dialect.name == "sqlite" else None
        self._sized: dict[int, str] = {}
        self._template: list[Any] = []  # per parameter: its fixed value (bound once), or None to fill per row
        self._plan: list[tuple[int, int, Processor]] = []  # (parameter, index in a row, processor)
        self._repeating: set[int] = set()  # parameters whose values repeat across rows (times): bound once each
        for position, name in enumerate(self.names):
            kind = compiled.binds[name].type
            processor = kind.dialect_impl(dialect).bind_processor(dialect)
            if name in self.keys:
                self._template.append(None)
                self._plan.append((position, self.keys.index(name), processor))
                if processor is not None and _python_type(kind) in (datetime, date):
                    self._repeating.add(position)
            else:
                fixed = _plain_default(table, name)
                self._template.append(fixed if processor is None else processor(fixed))

    def bind(self, rows: Iterable[Sequence[Any]]) -> list[Any]:
        """The driver's parameters for these rows: tuples for `?` placeholders, dicts for named ones."""
        template, names = self._template, self.names
        # A scrape stamps every row with the same "now": its text is worked out once per statement, not per row.
        plan = [(position, index, functools.cache(processor) if position in self._repeating else processor)
                for position, index, processor in self._plan]
        bound: list[Any] = []
        for row in rows:
            values = template.copy()
            for position, index, processor in plan:
                value = row[index]
                values[position] = value if processor is None else processor(value)
            bound.append(tuple(values) if self._positional else dict(zip(names, values, strict=True)))
        return bound

    def run(self, connection: Connection, rows: Iterable[Sequence[Any]]) -> None:
        bound = self.bind(rows)
        if not bound:
            return
        if self._values is None:
            connection.exec_driver_sql(self.sql, bound)
            return
        per = max(1, _variable_limit(connection) // len(self.names))
        for start in range(0, len(bound), per):
            part = bound[start:start + per]
            connection.exec_driver_sql(self._rows_sql(len(part)), tuple(itertools.chain.from_iterable(part)))

    def _rows_sql(self, count: int) -> str:
        found = self._sized.get(count)
        if found is None:
            prefix, group, suffix = self._values  # type: ignore[misc]
            found = self._sized[count] = f"{prefix} VALUES {', '.join([group] * count)}{suffix}"
        return found


def _plain_default(table: Any, name: str) -> Any:
    column = table.c.get(name) if table is not None else None
    default = column.default if column is not None else None
    if default is None or not default.is_scalar:
        raise ValueError(f"bulk statement on {table}: no value given for {name!r} and no plain default to use")
    return default.arg


def _values_parts(sql: str, count: int) -> tuple[str, str, str] | None:
    """(before, one row of placeholders, after) of a single-row INSERT, or None for any other statement."""
    group = "(" + ", ".join(["?"] * count) + ")"
    prefix, found, suffix = sql.partition(f" VALUES {group}")
    if not found or not prefix.startswith("INSERT") or group in suffix:
        return None
    return prefix, group, suffix


def _variable_limit(connection: Connection) -> int:
    """How many parameters one SQLite statement may take here (999 before 3.32, 32,766 since)."""
    import sqlite3

    try:
        return int(connection.connection.driver_connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    except (AttributeError, sqlite3.Error):
        return 999


def _python_type(kind: Any) -> type | None:
    try:
        return kind.python_type  # type: ignore[no-any-return]
    except NotImplementedError:
        return None
