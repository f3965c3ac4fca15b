"""Alembic environment: runs on the connection migrate.py hands over (or an engine, for tooling)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from careercopilot.db import models  # noqa: F401  (registers every table on Base.metadata)
from careercopilot.db.base import Base

target = context.config.attributes.get("connection")


def _include(obj: object, name: str | None, kind: str, reflected: bool, compare_to: object) -> bool:
    """Objects written by hand per dialect are not in the models: full-text search, the market and group-member
    indexes."""
    if kind == "table" and name and name.startswith("postings_fts"):
        return False
    return name not in ("search_vector", "ix_postings_search_vector", "ix_postings_market", "ix_postings_group_members")


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_object=_include,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things in place
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if isinstance(target, Connection):
    _run(target)
elif isinstance(target, Engine):
    with target.begin() as conn:
        _run(conn)
else:
    raise RuntimeError("careercopilot migrations run through careercopilot.db.migrate, not the alembic CLI")
