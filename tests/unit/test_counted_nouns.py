"""Texts that count something read in the singular at one: follow-up reminders and the offline cover letter."""

from __future__ import annotations

from datetime import UTC, datetime

from careercopilot.domain.applications import DueFollowUp, FollowUpAction, FollowUpRuleSpec, Stage
from careercopilot.domain.interview import PostingFacts, ProfileFacts
from careercopilot.llm.offline_drafts import cover_letter


def due(action: FollowUpAction) -> DueFollowUp:
    return DueFollowUp(7, "Acme", "Engineer", Stage.APPLIED, FollowUpRuleSpec(Stage.APPLIED, 1, action),
                       datetime(2026, 3, 2, tzinfo=UTC), 1)


def test_a_one_day_follow_up_rule_says_one_day():
    assert due(FollowUpAction.FOLLOW_UP).message == "Follow up with Acme about Engineer: 1 day in applied."
    assert due(FollowUpAction.SUGGEST_GHOSTED).message.startswith("No response from Acme for 1 day (Engineer): ")


def test_one_year_of_experience_in_the_offline_cover_letter():
    letter = cover_letter(ProfileFacts("Jo", skills=("Python",), years_experience=1),
                          PostingFacts("Developer", "Acme", skills=("Python",)))
    assert "With 1 year of experience in Python" in letter
