"""The dashboard cards' text, drawn from a real summary: a count of one reads in the singular."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from tui_support import register

from careercopilot.domain.analytics import SkillGap
from careercopilot.domain.applications import ApplicationDraft, Stage
from careercopilot.services import Services
from careercopilot.tui.widgets.dashboard_cards import activity, profile_facts, quick_stats, skill_gaps


def test_counts_of_one_read_in_the_singular(services: Services) -> None:
    user = register(services)
    services.profiles.update(user, weekly_goal=1, years_experience=1)
    now = datetime.now(UTC)
    app = services.applications.add(user, ApplicationDraft(company="Acme", title="Dev", stage=Stage.APPLIED),
                                    at=now - timedelta(days=1))
    services.applications.move(user, app.id, Stage.SCREENING, at=now)  # answered after one day
    view = services.dashboard.summary(user, now)
    assert quick_stats(view, now).plain.endswith("First answer   1 day (median)")
    facts = profile_facts(view)
    assert (facts["goal"].plain, facts["experience"].plain) == ("1 application", "1 year")
    assert profile_facts(replace(view, profile=replace(view.profile, years_experience=1.5)))["experience"].plain == (
        "1.5 years")
    assert activity(view, now).plain.endswith("\n1 application in 12 weeks, goal met 1 time")
    gap = SkillGap("Rust", postings=1, unlocks=1, search="backend")
    assert skill_gaps(replace(view, skill_gaps=(gap,)), now).plain == "   1 Rust · asked by 1 posting"
