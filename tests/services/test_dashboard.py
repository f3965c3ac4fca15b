"""Dashboard: the one-call summary for every widget, and each user's own layout (saved, isolated, reset, checked)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from careercopilot.domain.dashboard import DEFAULT_LAYOUT, DashboardLayout, WidgetKind, WidgetSlot
from careercopilot.errors import BadInput

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SMALL = DashboardLayout((WidgetSlot(WidgetKind.QUICK_STATS, 2, 1), WidgetSlot(WidgetKind.PROFILE, 1, 3)))


def test_a_new_user_has_the_default_layout(services, alice):
    assert services.dashboard.layout(alice) == DEFAULT_LAYOUT


def test_a_saved_layout_is_restored_for_its_user_only(services, alice, bob):
    services.dashboard.save_layout(alice, SMALL)
    assert services.dashboard.layout(alice) == SMALL
    assert services.dashboard.layout(bob) == DEFAULT_LAYOUT
    changed = SMALL.move(0, 1).resize(0, rows=-1)
    services.dashboard.save_layout(alice, changed)
    assert services.dashboard.layout(alice).widgets == (WidgetSlot(WidgetKind.PROFILE, 1, 2),
                                                        WidgetSlot(WidgetKind.QUICK_STATS, 2, 1))


def test_reset_returns_to_the_default_and_leaves_others_alone(services, alice, bob):
    services.dashboard.save_layout(alice, SMALL)
    services.dashboard.save_layout(bob, SMALL)
    assert services.dashboard.reset_layout(alice) == DEFAULT_LAYOUT
    assert services.dashboard.layout(alice) == DEFAULT_LAYOUT
    assert services.dashboard.layout(bob) == SMALL


@pytest.mark.parametrize(
    ("widgets", "message"),
    [((WidgetSlot("weather"),), "no dashboard widget 'weather'"),  # type: ignore[arg-type]
     ((WidgetSlot(WidgetKind.PROFILE, 4, 1),), "1 to 3 columns"),
     ((WidgetSlot(WidgetKind.PROFILE, 1, 0),), "1 to 3 rows"),
     ((WidgetSlot(WidgetKind.PROFILE), WidgetSlot(WidgetKind.PROFILE)), "twice"),
     ((), "at least one widget")],
)
def test_a_bad_layout_is_refused_and_the_saved_one_kept(services, alice, widgets, message):
    services.dashboard.save_layout(alice, SMALL)
    with pytest.raises(BadInput, match=message):
        services.dashboard.save_layout(alice, DashboardLayout(widgets))
    assert services.dashboard.layout(alice) == SMALL


def test_summary_feeds_every_widget_of_the_layout(services, alice, bob):
    services.jobs.seed_demo(alice, NOW)
    services.applications.seed_demo(alice, NOW)
    services.profiles.update(alice, weekly_goal=7)
    view = services.dashboard.summary(alice, NOW)
    assert view.layout == DEFAULT_LAYOUT and view.figures == frozenset(WidgetKind)
    assert view.stats is not None and view.stats.submitted > 0
    assert sum(count for _, count in view.pipeline) == len(services.applications.list(alice))
    assert view.activity[-1].goal == 7
    assert view.recent_matches and view.recommended_jobs
    scores = [job.match_score or 0 for job in view.recommended_jobs]
    assert scores == sorted(scores, reverse=True)
    assert view.follow_ups_due >= len(view.follow_ups)
    upcoming = view.upcoming_interviews
    assert upcoming and [u.interview.starts_at for u in upcoming] == sorted(u.interview.starts_at for u in upcoming)
    assert all(u.interview.starts_at >= NOW for u in upcoming)
    for u in upcoming:  # each with the company and role it is for
        application = services.applications.get(alice, u.interview.application_id)
        assert (u.company, u.title) == (application.company, application.title)
    others = services.dashboard.summary(bob, NOW)
    assert others.stats is not None and others.stats.submitted == 0
    assert not others.upcoming_interviews and not others.follow_ups


def test_summary_skips_widgets_not_on_the_layout(services, alice):
    services.applications.seed_demo(alice, NOW)
    services.dashboard.save_layout(alice, SMALL)
    view = services.dashboard.summary(alice, NOW)
    assert view.stats is not None
    assert (view.pipeline, view.activity, view.recent_matches, view.follow_ups, view.skill_gaps) == ((),) * 5


def test_a_first_paint_summary_leaves_the_figures_out(services, alice):
    services.applications.seed_demo(alice, NOW)
    view = services.dashboard.summary(alice, NOW, only=())
    assert not view.figures and view.layout == DEFAULT_LAYOUT and view.profile.weekly_goal
    assert (view.stats, view.pipeline, view.activity, view.follow_ups_due) == (None, (), (), 0)


def test_a_widget_too_wide_for_the_rest_of_its_row_is_kept_wide_and_starts_the_next(services, alice):
    wide_last = DashboardLayout((WidgetSlot(WidgetKind.PROFILE), WidgetSlot(WidgetKind.QUICK_STATS),
                                 WidgetSlot(WidgetKind.PIPELINE, 2), WidgetSlot(WidgetKind.ACTIVITY)))
    saved = services.dashboard.save_layout(alice, wide_last)
    assert saved == wide_last == services.dashboard.layout(alice)
    assert saved.placements() == ((0, 0), (1, 0), (0, 1), (2, 1))  # (column, row): the third cell is left empty
    assert saved.blanks_before() == (0, 0, 1, 0)
