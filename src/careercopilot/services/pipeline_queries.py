"""The pipeline metrics' SQL, written once as plain SQL and run on any connection.

The analytics service runs it through its SQLAlchemy session; `analytics summary` runs it on a bare sqlite3
connection (services/quick_summary.py), because importing SQLAlchemy alone takes longer than that command's
whole 300 ms budget. So this module imports nothing but the standard library and the domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from careercopilot.db.plain_sql import Run, moment
from careercopilot.domain.analytics import (
    INTERVIEW_STAGES,
    OFFER_STAGES,
    POSITIVE_RESPONSE_STAGES,
    SUBMITTED_STAGES,
    DateRange,
    PipelineCounts,
    Timing,
    percentile_of_picks,
)
from careercopilot.domain.stages import Stage

Pipeline = dict[str, tuple[PipelineCounts, Timing, Timing]]

NOTHING = (PipelineCounts(), Timing(), Timing())
SOURCE_KEY = "lower(apps.source)"  # "LinkedIn" from the import and a typed "linkedin" are one board
CV_VERSION_KEY = "apps.cv_version"
_NO_KEY = "''"  # everything in one group named ""


def week_of(dialect: str, column: str) -> str:
    """Monday (UTC) of the week the time in `column` falls in."""
    if dialect == "sqlite":
        return f"date({column}, 'weekday 0', '-6 days')"
    return f"CAST(date_trunc('week', timezone('UTC', {column})) AS DATE)"


def stamp(run: Run, table: str, user_id: int) -> tuple[int, int]:
    """Row count and sum of last_event_id of the user's rows in `table` (applications or analytics_milestones):
    equal for the two exactly when every milestone was derived at its application's newest history row (those
    only grow, so no set of changes adds up to the sum before)."""
    rows = run(f"SELECT count(*), coalesce(sum(last_event_id), 0) FROM {table} WHERE user_id = :user_id",
               {"user_id": user_id})
    count, total = next(iter(rows))
    return int(count), int(total)


def refresh_milestones(run: Run, dialect: str, user_id: int) -> None:
    """Derive again the milestones of the user's applications that moved since (in a writing transaction)."""
    run("DELETE FROM analytics_milestones WHERE user_id = :user_id AND NOT EXISTS (SELECT 1 FROM applications a "
        "WHERE a.id = analytics_milestones.application_id AND a.last_event_id = analytics_milestones.last_event_id)",
        {"user_id": user_id})
    # The WHERE keeps SQLite from reading ON CONFLICT as part of the join; another process may derive the same
    # application at the same moment, and its rows are as good as ours.
    run(f"INSERT INTO analytics_milestones ({', '.join(_MILESTONES)}, user_id, last_event_id) "
        f"SELECT reached.*, a.user_id, a.last_event_id FROM ({_reached(dialect)}) AS reached "
        "JOIN applications a ON a.id = reached.application_id WHERE a.user_id = :user_id ON CONFLICT DO NOTHING",
        {"user_id": user_id})


_MILESTONES = ("application_id", "submitted_at", "first_applied_at", "first_response_at", "first_interview_at",
               "days_to_first_response", "days_to_interview", "positive", "responded", "interviewed", "offered",
               "accepted")


def _reached(dialect: str) -> str:
    """Per application without milestones, what its effective history (entries no later undo reverted) reached,
    and when: the columns of _MILESTONES in order."""
    underived = ("SELECT a.id FROM applications a WHERE a.user_id = :user_id AND NOT EXISTS "
                 "(SELECT 1 FROM analytics_milestones m WHERE m.application_id = a.id)")
    # Undos of these applications only: reading every undo the user ever made took most of the time.
    reverted = (f"SELECT r.reverts_id FROM application_events r WHERE r.user_id = :user_id "
                f"AND r.application_id IN ({underived}) AND r.reverts_id IS NOT NULL")
    effective = ("SELECT e.application_id, e.id, e.to_stage, e.at, min(CASE WHEN e.to_stage = 'applied' THEN e.id END) "
                 "OVER (PARTITION BY e.application_id) AS first_applied_id FROM application_events e "
                 f"WHERE e.user_id = :user_id AND e.application_id IN ({underived}) AND e.id NOT IN ({reverted})")
    after_applied = "id > first_applied_id"
    responded_here = f"{after_applied} AND to_stage IN {_stages((*POSITIVE_RESPONSE_STAGES, Stage.REJECTED))}"
    first_applied = "min(CASE WHEN to_stage = 'applied' THEN at END)"
    first_response = f"min(CASE WHEN {responded_here} THEN at END)"
    first_interview = f"min(CASE WHEN {after_applied} AND to_stage IN {_stages(INTERVIEW_STAGES)} THEN at END)"
    positive, interview = _stages(POSITIVE_RESPONSE_STAGES), _stages(INTERVIEW_STAGES)
    columns = (
        f"min(CASE WHEN to_stage IN {_stages(SUBMITTED_STAGES)} THEN at END)", first_applied, first_response,
        first_interview, _days(dialect, first_applied, first_response), _days(dialect, first_applied, first_interview),
        _reached_any(f"to_stage IN {positive}"), _reached_any(f"to_stage IN {positive} OR ({responded_here})"),
        _reached_any(f"to_stage IN {interview}"), _reached_any(f"to_stage IN {_stages(OFFER_STAGES)}"),
        _reached_any("to_stage = 'accepted'"))
    named = ", ".join(f"{column} AS {name}" for column, name in zip(columns, _MILESTONES[1:], strict=True))
    return f"SELECT application_id, {named} FROM ({effective}) AS effective GROUP BY application_id"


def _reached_any(condition: str) -> str:
    return f"max(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def _days(dialect: str, start: str, end: str) -> str:
    if dialect == "sqlite":
        return f"julianday({end}) - julianday({start})"
    return f"EXTRACT(epoch FROM {end} - {start}) / 86400.0"


def _stages(stages: tuple[Stage, ...]) -> str:
    return "(" + ", ".join(f"'{stage.value}'" for stage in stages) + ")"


def applications(dialect: str, user_id: int, period: DateRange) -> tuple[str, dict[str, Any]]:
    """One row per submitted application of the user, by applied date: the tracker's applied date, or the first
    entry into a submitted stage when it has none. SQL for a FROM clause (alias it `apps`), and its parameters."""
    applied_on = "coalesce(a.applied_at, m.submitted_at)"
    params: dict[str, Any] = {"user_id": user_id}
    bounds = ""
    if period.start is not None:
        bounds += f" AND {applied_on} >= :start"
        params["start"] = moment(dialect, period.start)
    if period.end is not None:
        bounds += f" AND {applied_on} < :end"
        params["end"] = moment(dialect, period.end)
    sql = ("SELECT m.days_to_first_response, m.days_to_interview, m.positive, m.responded, m.interviewed, "
           f"m.offered, m.accepted, a.source, a.cv_version, a.stage, {applied_on} AS applied_on "
           "FROM analytics_milestones m JOIN applications a ON a.id = m.application_id "
           "WHERE m.user_id = :user_id AND a.user_id = :user_id AND m.submitted_at IS NOT NULL" + bounds)
    return sql, params


def pipeline(run: Run, dialect: str, user_id: int, period: DateRange, key: str | None = None) -> Pipeline:
    """Counts per `key` (an SQL expression over `apps`; one group "" without it) in one pass, then the two waits'
    percentiles, each from the few ranks it needs."""
    apps, params = applications(dialect, user_id, period)
    grouping = f" GROUP BY {key}" if key else ""
    ghosted, rejected, withdrawn = (_ended(stage) for stage in (Stage.GHOSTED, Stage.REJECTED, Stage.WITHDRAWN))
    rows = run(f"SELECT {key or _NO_KEY}, count(*), sum(apps.responded), sum(apps.interviewed), sum(apps.offered), "
               f"sum(apps.accepted), {ghosted}, sum(apps.positive), {rejected}, {withdrawn} "
               f"FROM ({apps}) AS apps{grouping}", params)
    counts = {group_name(row[0]): PipelineCounts(*(int(v or 0) for v in row[1:10])) for row in rows}
    response, interview = (_waits(run, apps, params, key, days)
                           for days in ("apps.days_to_first_response", "apps.days_to_interview"))
    return {k: (n, response.get(k, Timing()), interview.get(k, Timing())) for k, n in counts.items()}


def weekly_submitted(run: Run, dialect: str, user_id: int, period: DateRange) -> list[tuple[Any, int]]:
    """(Monday of the week, applications submitted in it) for the weeks that have any."""
    apps, params = applications(dialect, user_id, period)
    week = week_of(dialect, "apps.applied_on")
    return [(w, int(n)) for w, n in run(f"SELECT {week}, count(*) FROM ({apps}) AS apps GROUP BY {week}", params)]


def group_name(value: Any) -> str:
    """A group's key as text: a week as YYYY-MM-DD (SQLite gives that text, PostgreSQL a date)."""
    return "" if value is None else str(value)


def _ended(stage: Stage) -> str:
    return f"sum(CASE WHEN apps.stage = '{stage.value}' THEN 1 ELSE 0 END)"


def _waits(run: Run, apps: str, params: Mapping[str, Any], key: str | None, days: str) -> dict[str, Timing]:
    """Median and p75 of `days` per key: the known values are ranked (one narrow sort) and only the ranks the two
    percentiles interpolate between are read back."""
    partition = f"PARTITION BY {key} " if key else ""
    ranked = (f"SELECT {key or _NO_KEY} AS key, {days} AS days, "
              f"row_number() OVER ({partition}ORDER BY {days}) - 1 AS rank, count(*) OVER ({partition}) AS n "
              f"FROM ({apps}) AS apps WHERE {days} IS NOT NULL")
    # The 0-based ranks the median and p75 interpolate between, from the last rank (n - 1).
    picks = "(n - 1) / 2, n / 2, (3 * (n - 1)) / 4, (3 * (n - 1) + 3) / 4"
    picked: dict[str, tuple[int, dict[int, float]]] = {}
    for k, n, rank, value in run(f"SELECT key, n, rank, days FROM ({ranked}) AS ranked WHERE rank IN ({picks})",
                                 params):
        picked.setdefault(group_name(k), (int(n), {}))[1][int(rank)] = float(value)
    return {k: Timing(percentile_of_picks(n, at, 0.5), percentile_of_picks(n, at, 0.75), n)
            for k, (n, at) in picked.items()}
