"""`analytics summary` on a bare sqlite3 connection, for the embedded database.

The command has 300 ms from a cold start, and importing SQLAlchemy and mapping the models alone take longer. So
when the database is the plain SQLite file and everything is in order (schema at head, a valid session, milestones
derived at every application's latest move), the summary is read here with the analytics service's own SQL
(pipeline_queries) and the auth service's own session rule (session_lookup). Anything else gives None, and the
command takes the full path, which migrates, derives or says what is wrong.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from careercopilot.config import Settings
from careercopilot.db.identity import session_secret_name
from careercopilot.db.plain_sql import Run
from careercopilot.db.revision import HEAD_REVISION
from careercopilot.db.sqlite_setup import BUSY_TIMEOUT_MS, configure
from careercopilot.domain.analytics import DateRange, PipelineMetrics
from careercopilot.errors import CareerCopilotError
from careercopilot.keystore import KeyStore
from careercopilot.services.pipeline_queries import NOTHING, pipeline, stamp
from careercopilot.services.session_lookup import session_user

_PREFIX = "sqlite:///"


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
            connection.execute("BEGIN")  # one snapshot for every statement below
            return _summary(connection.execute, token, period, now or datetime.now(UTC))
    except (sqlite3.Error, CareerCopilotError):
        return None


def plain_sqlite_file(url: str) -> Path | None:
    """The file of a plain sqlite:///PATH URL, as the default one is; None for any other, left to SQLAlchemy."""
    if not url.startswith(_PREFIX) or any(mark in url for mark in "?%#"):
        return None
    path = url[len(_PREFIX):]
    return Path(path) if path and path != ":memory:" else None


def _summary(run: Run, token: str, period: DateRange, now: datetime) -> PipelineMetrics | None:
    if next(iter(run("SELECT version_num FROM alembic_version", {})), (None,))[0] != HEAD_REVISION:
        return None
    user = session_user(run, token, now)
    if stamp(run, "applications", user.user_id) != stamp(run, "analytics_milestones", user.user_id):
        return None  # an application moved since the milestones were derived: the service derives them again
    return PipelineMetrics.of(*pipeline(run, "sqlite", user.user_id, period).get("", NOTHING))
