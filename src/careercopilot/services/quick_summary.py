"""`analytics summary` on a bare sqlite3 connection, for the embedded database.

The command has 300 ms from a cold start, and importing SQLAlchemy and mapping the models alone take longer. So
when the database is the plain SQLite file, its schema is at head and the stored session is valid, the summary is
read here with the analytics service's own SQL (pipeline_queries, milestones derived again first when applications
moved) and the auth service's own session rule (session_lookup). Anything else gives None, and the command takes
the full path, which migrates or says what is wrong.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime

from careercopilot.config import Settings
from careercopilot.db.identity import session_secret_name
from careercopilot.db.plain_sql import Run
from careercopilot.db.revision import HEAD_REVISION
from careercopilot.db.sqlite_setup import BUSY_TIMEOUT_MS, configure, plain_sqlite_file
from careercopilot.domain.analytics import DateRange, PipelineMetrics
from careercopilot.errors import CareerCopilotError, DatabaseUnreachable, database_failure
from careercopilot.keystore import KeyStore
from careercopilot.services.pipeline_queries import NOTHING, pipeline, refresh_milestones, stamp
from careercopilot.services.session_lookup import session_user


def quick_summary(settings: Settings, period: DateRange, keystore: KeyStore | None = None,
                  now: datetime | None = None) -> PipelineMetrics | None:
    """The user's pipeline metrics, or None when only the full path can answer."""
    url = settings.database_url
    path = plain_sqlite_file(url)
    if path is None or not path.is_file():
        return None
    token = (keystore or KeyStore()).get(session_secret_name(url))
    if not token:
        return None
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as connection:
            configure(connection, path)
            metrics = _summary(connection, token, period, now or datetime.now(UTC))
            connection.execute("COMMIT")
            return metrics
    except sqlite3.Error as exc:
        failure = database_failure(str(exc))
        if isinstance(failure, DatabaseUnreachable):
            return None  # the full path says it in its own words
        raise failure from None  # a lock waited out, or a file that cannot be written, would go the same way there
    except CareerCopilotError:
        return None


def _summary(connection: sqlite3.Connection, token: str, period: DateRange, now: datetime) -> PipelineMetrics | None:
    run: Run = connection.execute
    connection.execute("BEGIN")  # one snapshot for every statement below
    if next(iter(run("SELECT version_num FROM alembic_version", {})), (None,))[0] != HEAD_REVISION:
        return None
    user_id = session_user(run, token, now).user_id
    if stamp(run, "applications", user_id) != stamp(run, "analytics_milestones", user_id):
        # Applications moved since their milestones were derived: derive them again, as the service would.
        connection.execute("COMMIT")
        connection.execute("BEGIN IMMEDIATE")  # a read turned write could fail on a snapshot another writer moved
        refresh_milestones(run, "sqlite", user_id)
    return PipelineMetrics.of(*pipeline(run, "sqlite", user_id, period).get("", NOTHING))
