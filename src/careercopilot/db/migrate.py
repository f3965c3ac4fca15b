"""Apply migrations safely: own connection, foreign keys off, one IMMEDIATE transaction, FK check before commit."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from sqlalchemy import text

from careercopilot.db.engine import Database, make_engine
from careercopilot.db.revision import HEAD_REVISION
from careercopilot.domain.text import plural
from careercopilot.errors import OperationFailed

# The newest revision in migrations/versions; tests check it matches, so start-up can skip importing Alembic.
MIGRATION_LOCK = 727_275  # PostgreSQL advisory lock key held while migrating (the scrape lock is 727274)


def alembic_config(connection: Any = None) -> Any:
    import io

    from alembic.config import Config

    # Alembic's default stdout is whatever sys.stdout was when it was first imported (maybe a closed capture);
    # its messages must never mix into a command's JSON output either.
    config = Config(stdout=io.StringIO())
    config.set_main_option("script_location", str(files("careercopilot.db") / "migrations"))
    config.attributes["connection"] = connection
    return config


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception:  # no alembic_version table yet: an empty database
            return None


def is_current(db: Database) -> bool:
    return current_revision(db) == HEAD_REVISION


def known_revisions() -> frozenset[str]:
    """The revisions this version ships: each migration's file starts with its revision id ("0008_…")."""
    versions = files("careercopilot.db") / "migrations" / "versions"
    return frozenset(entry.name.split("_", 1)[0] for entry in versions.iterdir()
                     if entry.name.endswith(".py") and entry.name[:4].isdigit())


def upgrade(db: Database) -> bool:
    """Bring the schema to head; returns True when something was applied."""
    found = current_revision(db)
    if found == HEAD_REVISION:
        return False
    if found is not None and found not in known_revisions():
        raise OperationFailed(f"This database was last used by a newer Career Copilot (schema {found}; this "
                              f"version knows up to {HEAD_REVISION}): upgrade careercopilot to use it. Nothing "
                              "was changed.")
    from alembic import command

    # Batch mode copies and drops tables: with foreign keys on, the DROP cascades into child rows.
    engine = make_engine(db.url, foreign_keys=False)
    try:
        if db.is_sqlite:
            engine = engine.execution_options(sqlite_immediate=True)
        with engine.begin() as conn:
            if not db.is_sqlite:  # (SQLite's IMMEDIATE transaction already admits one migrator at a time)
                # Two processes starting on a new shared database would both create the tables; the second
                # waits here until the first commits, then finds nothing left to do.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            command.upgrade(alembic_config(conn), "head")
            if db.is_sqlite:
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise OperationFailed(
                        f"Migration aborted: it would leave {plural(len(broken), 'row')} pointing at missing rows "
                        f"(first in table {broken[0][0]}); the database was not changed."
                    )
    finally:
        engine.dispose()
    return True
