"""What every connection to the SQLite file needs, whether SQLAlchemy opened it or a command that runs without it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from careercopilot.errors import BadInput

BUSY_TIMEOUT_MS = 10_000
_PREFIX = "sqlite:///"


def plain_sqlite_file(url: str) -> Path | None:
    """The file of a plain sqlite:///PATH URL, as the default one is; None for any other, left to SQLAlchemy."""
    if not url.startswith(_PREFIX) or any(mark in url for mark in "?%#"):
        return None
    path = url[len(_PREFIX):]
    return Path(path) if path and path != ":memory:" else None


def configure(connection: sqlite3.Connection, path: Path | None, foreign_keys: bool = True) -> None:
    """WAL, a busy timeout, foreign keys; transactions are begun by the caller (BEGIN or BEGIN IMMEDIATE)."""
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    try:
        cursor.execute("PRAGMA journal_mode=WAL")  # the first statement that reads the file
    except sqlite3.DatabaseError as exc:
        if exc.sqlite_errorcode != sqlite3.SQLITE_NOTADB:
            raise
        raise BadInput(f"{path} is not a Career Copilot database (not SQLite); restore a backup or point "
                       "[database] url elsewhere.") from None
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cursor.close()
