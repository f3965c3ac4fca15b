"""What every connection to the SQLite file needs, whether SQLAlchemy opened it or a command that runs without it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from careercopilot.errors import BadInput

BUSY_TIMEOUT_MS = 10_000


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
