"""Engines and sessions. SQLite: WAL, busy timeout, foreign keys, and BEGIN IMMEDIATE for writes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from careercopilot.db.identity import database_identity
from careercopilot.paths import ensure_private_dir

BUSY_TIMEOUT_MS = 10_000
# JSON columns (tags, skills, score breakdowns) through orjson: a scrape writes a few per posting, and the standard
# encoder took a tenth of the write; non-ASCII text is stored as itself, so full-text search finds it.
_JSON = {"json_serializer": lambda value: orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode(),
         "json_deserializer": orjson.loads}


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for PostgreSQL and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def create_sqlite_file(path: Path) -> None:
    """Create the database file 0600 in a 0700 directory before SQLite creates it with the umask."""
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    path = sqlite_path(url)
    if path is None:
        if make_url(url).get_backend_name() == "sqlite":
            return _sqlite_engine(url, foreign_keys)
        return create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4, **_JSON)
    if not path.exists():
        create_sqlite_file(path)
    return _sqlite_engine(url, foreign_keys)


def _sqlite_engine(url: str, foreign_keys: bool) -> Engine:
    # timeout is the driver's busy handler for the connect itself; busy_timeout covers every statement.
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
                           **_JSON)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself, so writes can ask for BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A deferred read-then-write transaction fails with SQLITE_BUSY_SNAPSHOT whatever the timeout.
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """One engine per process; short-lived sessions: `read()` for queries, `begin()` for anything that writes."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        write_engine = self.engine.execution_options(sqlite_immediate=True) if self.is_sqlite else self.engine
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(write_engine, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    @contextmanager
    def begin(self) -> Iterator[Session]:
        with self._writer.begin() as session:
            yield session

    @property
    def identity(self) -> str:
        """Names this database for the keyring without exposing a password."""
        return database_identity(self.url)

    def dispose(self) -> None:
        self.engine.dispose()
