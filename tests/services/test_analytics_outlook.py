"""The weekly-goal advice judges only a finished week the user was already tracking in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from careercopilot.domain.applications import ApplicationDraft, Stage


def goal_advice(services, user, now: datetime) -> list[str]:
    return [r.advice for r in services.analytics.outlook(user, now=now).recommendations if "weekly goal" in r.advice]


def apply(services, user, at: datetime) -> None:
    services.applications.add(user, ApplicationDraft(company="Acme", title="Engineer", stage=Stage.APPLIED), at=at)


def test_a_user_who_started_today_gets_no_advice_about_last_week(services, alice):
    now = datetime.now(UTC)  # alice registered just now
    apply(services, alice, now)
    assert goal_advice(services, alice, now) == []  # last week ended before she started
    assert services.analytics.report(alice, now=now).outlook.recommendations == services.analytics.outlook(
        alice, now=now).recommendations


def test_applications_tracked_before_last_week_ended_make_it_count(services, alice):
    now = datetime.now(UTC)
    apply(services, alice, now - timedelta(days=14))  # an account made today, a history from two weeks back
    assert goal_advice(services, alice, now) == ["Plan 10 more applications to meet your weekly goal."]
