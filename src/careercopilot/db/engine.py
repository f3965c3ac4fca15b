"""Engines and sessions. SQLite: WAL, busy timeout, foreign keys, and BEGIN IMMEDIATE for writes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from careercopilot.db.identity import database_identity
from careercopilot.db.plain_sql import Run
from careercopilot.db.sqlite_setup import BUSY_TIMEOUT_MS, configure
from careercopilot.errors import ConfigError, OperationFailed
from careercopilot.paths import ensure_private_dir

SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
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


def sqlite_files(path: Path) -> tuple[Path, ...]:
    """The database file and the files SQLite keeps beside it while it is in use."""
    return (path, *(path.with_name(path.name + suffix) for suffix in SQLITE_COMPANIONS))


def create_sqlite_file(path: Path) -> None:
    """Create the database file 0600 in a 0700 directory before SQLite creates it with the umask."""
    ensure_private_dir(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as exc:
        raise ConfigError(f"Cannot create the database file {path}: {exc.strerror or exc}; "
                          "point [database] url or CAREERCOPILOT_HOME at a writable folder.") from None
    os.close(fd)


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    path = sqlite_path(url)
    if path is None:
        if make_url(url).get_backend_name() == "sqlite":
            return _sqlite_engine(url, foreign_keys)
        _check_postgres_options(url)
        return create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4, **_JSON)
    if not path.exists():
        create_sqlite_file(path)
    return _sqlite_engine(url, foreign_keys)


def _check_postgres_options(url: str) -> None:
    """libpq refuses an option it does not know only on connecting, over two lines: say it in one, before."""
    try:
        from psycopg import pq
    except ImportError:
        raise OperationFailed("PostgreSQL needs psycopg; install it with pip install '.[postgres]'.") from None
    # Checked here, not with the config: psycopg takes a fifth of a second to import, which only connecting needs.
    known = {option.keyword.decode() for option in pq.Conninfo.get_defaults()}
    unknown = sorted(set(make_url(url).query) - known)
    if unknown:
        raise ConfigError(f"[database] url has an unknown option '{unknown[0]}'; PostgreSQL takes libpq's "
                          "connection options, such as sslmode, connect_timeout or options.")


def _sqlite_engine(url: str, foreign_keys: bool) -> Engine:
    # timeout is the driver's busy handler for the connect itself; busy_timeout covers every statement.
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
                           **_JSON)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy's "begin" event below emits BEGIN itself, so writes can ask for BEGIN IMMEDIATE.
        configure(dbapi_connection, sqlite_path(url), foreign_keys)

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


def runner(session: Session) -> Run:
    """Plain SQL (db/plain_sql.py) run in `session`."""
    return lambda sql, params: session.execute(text(sql), params)
