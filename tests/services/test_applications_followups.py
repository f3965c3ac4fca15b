"""Follow-up rules: due actions raise one application_status notification each, per stay in a stage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from careercopilot.domain.applications import (
    DEFAULT_FOLLOWUP_RULES,
    ApplicationDraft,
    FollowUpAction,
    FollowUpRuleSpec,
    Stage,
)
from careercopilot.domain.notifications import NotificationKind
from careercopilot.errors import BadInput, PermissionDenied

NOW = datetime.now(UTC)


def applied(services, user, days_ago: float, company="Acme"):
    at = NOW - timedelta(days=days_ago)
    return services.applications.add(user, ApplicationDraft(company, "Engineer", stage=Stage.APPLIED,
                                                            applied_at=at))


def follow_up_titles(services, user):
    return [n.body for n in services.notifications.list(user, kind=NotificationKind.APPLICATION_STATUS)]


def test_a_due_follow_up_is_notified_once(services, alice):
    applied(services, alice, days_ago=8)
    applied(services, alice, days_ago=2, company="Globex")  # not due yet
    raised = services.followups.raise_due(alice, NOW)
    assert [(r.company, r.rule.action) for r in raised] == [("Acme", FollowUpAction.FOLLOW_UP)]
    assert services.followups.raise_due(alice, NOW) == []
    assert services.followups.raise_due(alice, NOW + timedelta(hours=1)) == []
    assert len(follow_up_titles(services, alice)) == 1
    assert "Follow up with Acme" in follow_up_titles(services, alice)[0]
    assert len(services.followups.due(alice, NOW)) == 1  # still on the to-do list, just not notified again


def test_long_silence_suggests_ghosted(services, alice):
    app = applied(services, alice, days_ago=31)
    raised = services.followups.raise_due(alice, NOW)
    assert {r.rule.action for r in raised} == {FollowUpAction.FOLLOW_UP, FollowUpAction.SUGGEST_GHOSTED}
    assert any(f"apps move {app.id} ghosted" in body for body in follow_up_titles(services, alice))


def test_re_entering_a_stage_restarts_the_clock_but_an_undone_misclick_does_not(services, alice):
    app = applied(services, alice, days_ago=8)
    assert len(services.followups.raise_due(alice, NOW)) == 1
    services.applications.move(alice, app.id, Stage.SCREENING)
    services.applications.undo(alice, app.id)  # a mis-click: back in applied since 8 days ago
    assert services.followups.raise_due(alice, NOW) == []
    services.applications.move(alice, app.id, Stage.SCREENING)
    services.applications.move(alice, app.id, Stage.APPLIED)  # a real second stay in applied
    assert services.followups.raise_due(alice, NOW) == []
    assert len(services.followups.raise_due(alice, datetime.now(UTC) + timedelta(days=7, minutes=1))) == 1


def test_rules_are_per_user_and_can_be_turned_off(services, alice, bob):
    applied(services, alice, days_ago=4)
    applied(services, bob, days_ago=4)
    assert services.followups.rules(alice) == list(DEFAULT_FOLLOWUP_RULES)
    services.followups.set_rules(alice, [FollowUpRuleSpec(Stage.APPLIED, 3, FollowUpAction.FOLLOW_UP)])
    assert len(services.followups.raise_due(alice, NOW)) == 1
    assert services.followups.raise_due(bob, NOW) == []  # bob keeps the 7-day default
    services.followups.set_rules(bob, [])
    assert services.followups.rules(bob) == []
    assert services.followups.raise_due(bob, NOW + timedelta(days=60)) == []
    assert services.followups.reset_rules(bob) == list(DEFAULT_FOLLOWUP_RULES)
    with pytest.raises(BadInput):
        services.followups.set_rules(alice, [FollowUpRuleSpec(Stage.REJECTED, 3, FollowUpAction.FOLLOW_UP)])
    with pytest.raises(BadInput):
        services.followups.set_rules(alice, [FollowUpRuleSpec(Stage.APPLIED, 0, FollowUpAction.FOLLOW_UP)])


def test_each_user_is_notified_only_of_their_own(services, alice, bob):
    applied(services, alice, days_ago=8)
    assert services.followups.raise_due(bob, NOW) == []
    assert services.followups.due(bob, NOW) == []
    assert services.notifications.list(bob) == []
    with pytest.raises(PermissionDenied):
        services.followups.raise_due_everyone(bob, NOW)
    applied(services, bob, days_ago=9)
    assert services.followups.raise_due_everyone(alice, NOW) == 2
    assert len(follow_up_titles(services, bob)) == 1


def test_a_backlog_of_follow_ups_arrives_as_one_digest(services, alice):
    for number in range(8):
        applied(services, alice, days_ago=9 + number, company=f"Company {number}")
    assert len(services.followups.raise_due(alice, NOW)) == 8
    notes = services.notifications.list(alice, kind=NotificationKind.APPLICATION_STATUS)
    assert [n.title for n in notes] == ["8 follow-ups are due"]
    assert notes[0].body.count("Follow up with Company") == 8
    assert services.followups.raise_due(alice, NOW) == []


def test_the_due_count_agrees_with_the_due_list(services, alice, bob):
    applied(services, alice, days_ago=31)  # follow up and suggest ghosted: two due actions
    applied(services, alice, days_ago=8, company="Globex")
    applied(services, alice, days_ago=2, company="Initech")  # not due yet
    applied(services, bob, days_ago=40, company="Bob's")  # someone else's
    assert services.followups.due_count(alice, NOW) == len(services.followups.due(alice, NOW)) == 3
    assert services.followups.due_count(alice, NOW - timedelta(days=30)) == 0
