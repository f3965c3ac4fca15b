"""Pipeline metrics on hand-built histories, on SQLite and PostgreSQL: every edge the README definitions name."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest

from careercopilot.domain.analytics import DateRange, week_start
from careercopilot.domain.applications import ApplicationDraft, Stage
from careercopilot.errors import AuthError

T = datetime.now(UTC).replace(microsecond=0) - timedelta(days=100)


def day(n: float) -> datetime:
    return T + timedelta(days=n)


def track(services, user, path, *, created=0.0, stage=Stage.SAVED, source="linkedin", cv="A", company="Acme"):
    """An application created in `stage` on day `created`, then moved along `path` of (stage, day)."""
    app = services.applications.add(user, ApplicationDraft(company=company, title="Engineer", stage=stage,
                                                           source=source, cv_version=cv), at=day(created))
    for to, when in path:
        services.applications.move(user, app.id, to, at=day(when))
    return app


@pytest.fixture
def pipeline(services, alice):
    """Ten applications covering each edge; the comments say how the README definitions count them."""
    s, a = services, alice
    track(s, a, [(Stage.APPLIED, 1), (Stage.REJECTED, 4)])  # A: responded by a rejection after 3 days
    track(s, a, [(Stage.APPLIED, 1), (Stage.SCREENING, 3), (Stage.INTERVIEWING, 6), (Stage.OFFER, 11),
                 (Stage.ACCEPTED, 13)])  # B: the whole way; response after 2 days, interview after 5
    track(s, a, [(Stage.INTERVIEWING, 6), (Stage.OFFER, 12), (Stage.INTERVIEWING, 14), (Stage.REJECTED, 20)],
          created=2, stage=Stage.APPLIED, source="indeed", cv="B")  # C: two interview rounds, counted once
    track(s, a, [(Stage.INTERVIEWING, 5)], source="indeed", cv="B")  # D: skipped applied: counted, not timed
    track(s, a, [(Stage.REJECTED, 3)], source="")  # E: rejected without any response after applying
    f = track(s, a, [(Stage.INTERVIEWING, 3)], created=1, stage=Stage.APPLIED, source="")  # F: interview undone
    s.applications.undo(a, f.id)
    g = track(s, a, [(Stage.APPLIED, 2)], source="")  # G: the application itself undone: not submitted
    s.applications.undo(a, g.id)
    track(s, a, [(Stage.GHOSTED, 31)], created=1, stage=Stage.APPLIED, source="")  # H: ghosted
    track(s, a, [(Stage.GHOSTED, 31), (Stage.SCREENING, 40)], created=1, stage=Stage.APPLIED,
          source="")  # I: ghosted, then they answered after 39 days: not ghosted in the end
    track(s, a, [])  # J: only saved
    return services


def test_summary_counts_each_edge_as_the_readme_defines(pipeline, alice):
    m = pipeline.analytics.summary(alice)
    assert (m.submitted, m.responded, m.interviewed, m.offered, m.accepted, m.ghosted) == (8, 5, 3, 2, 1, 1)
    assert m.response_rate == pytest.approx(5 / 8)
    assert m.interview_rate == pytest.approx(3 / 8)
    assert m.offer_rate == pytest.approx(2 / 8)
    assert m.acceptance_rate == pytest.approx(1 / 2)
    assert m.ghosting_rate == pytest.approx(1 / 8)
    # first responses after 2, 3, 4 and 39 days (D skipped `applied`, so it has no start to measure from)
    assert m.median_days_to_first_response == pytest.approx(3.5)
    assert m.p75_days_to_first_response == pytest.approx(12.75)
    assert m.median_days_to_interview == pytest.approx(4.5)
    assert m.p75_days_to_interview == pytest.approx(4.75)


def test_funnel_counts_reaching_a_step_or_a_later_one_then_how_applications_ended(pipeline, alice):
    steps = {step.stage: step.count for step in pipeline.analytics.funnel(alice)}
    assert steps == {"applied": 8, "screening": 4, "interviewing": 3, "offer": 2, "accepted": 1,
                     "rejected": 3, "withdrawn": 0, "ghosted": 1}


def test_a_date_range_keeps_applications_by_their_applied_date(pipeline, alice):
    m = pipeline.analytics.summary(alice, DateRange(day(2).date(), day(3).date()))
    assert (m.submitted, m.responded, m.interviewed) == (2, 1, 1)  # C (applied day 2) and E (rejected day 3)
    assert m.median_days_to_first_response == pytest.approx(4)


def test_empty_denominators_give_none_not_zero(services, alice):
    m = services.analytics.summary(alice)
    assert (m.submitted, m.response_rate, m.acceptance_rate, m.median_days_to_first_response) == (0, None, None, None)
    track(services, alice, [(Stage.APPLIED, 1)])
    m = services.analytics.summary(alice)
    assert (m.response_rate, m.acceptance_rate) == (0.0, None)  # no offers yet: acceptance is undefined


def test_groups_by_source_and_cv_version_warn_below_ten(pipeline, alice):
    by_source = {g.key: g for g in pipeline.analytics.by_source(alice)}
    assert {k: g.metrics.submitted for k, g in by_source.items()} == {"": 4, "linkedin": 2, "indeed": 2}
    assert by_source["indeed"].metrics.interview_rate == 1.0
    assert "only 2 applications" in by_source["linkedin"].warning
    for n in range(10):
        track(pipeline, alice, [(Stage.APPLIED, 50), (Stage.SCREENING, 52 + n % 2)], cv="C")
    by_cv = {g.key: g for g in pipeline.analytics.by_cv_version(alice)}
    assert by_cv["C"].warning is None and by_cv["C"].metrics.response_rate == 1.0
    assert by_cv["C"].metrics.median_days_to_first_response == pytest.approx(2.5)


def test_by_week_groups_on_the_monday_of_the_applied_date(pipeline, alice):
    weeks = {g.key: g.metrics.submitted for g in pipeline.analytics.by_week(alice)}
    expected: dict[str, int] = {}
    for applied in (1, 1, 2, 5, 3, 1, 1, 1):  # A B C D E F H I
        monday = str(week_start(day(applied).date()))
        expected[monday] = expected.get(monday, 0) + 1
    assert weeks == expected


def test_weekly_activity_meets_the_profile_goal(services, alice):
    services.profiles.update(alice, weekly_goal=2)
    now = datetime.now(UTC)
    for _ in range(2):
        services.applications.add(alice, ApplicationDraft(company="Acme", title="Dev", stage=Stage.APPLIED), at=now)
    weeks = services.analytics.activity(alice, now=now)
    assert len(weeks) == 12 and weeks[-1].week_start == week_start(now.date())
    assert (weeks[-1].submitted, weeks[-1].goal, weeks[-1].met) == (2, 2, True)
    assert not weeks[-2].met


def test_every_figure_is_per_user(pipeline, alice, bob):
    assert pipeline.analytics.summary(bob).submitted == 0
    track(pipeline, bob, [(Stage.APPLIED, 1), (Stage.SCREENING, 2)])
    assert pipeline.analytics.summary(bob).responded == 1
    assert pipeline.analytics.summary(alice).submitted == 8


def test_forecast_projects_the_interview_rate_with_an_interval(pipeline, alice):
    outlook = pipeline.analytics.outlook(alice, planned=24)
    f = outlook.forecast
    assert f.expected_interviews == pytest.approx(9)  # 3 of 8 interviewed
    assert f.low < 9 < f.high
    assert "24 more applications give about 9 interviews" in f.explanation
    assert {b.metric for b in outlook.benchmarks} == {"submitted per week", "response rate", "interview rate"}
    assert any("below 10" in r.evidence for r in outlook.recommendations)


def test_the_summary_sees_moves_made_by_another_process_and_undone_ones(services, make_services, alice):
    other = make_services()  # the CLI or cron beside an open TUI: same database, its own service objects
    app = track(services, alice, [(Stage.APPLIED, 1)])
    assert services.analytics.summary(alice).responded == 0
    other.applications.move(alice, app.id, Stage.SCREENING, at=day(3))
    assert services.analytics.summary(alice).responded == 1
    other.applications.undo(alice, app.id)
    assert services.analytics.summary(alice).responded == 0
    other.applications.remove(alice, app.id)
    assert services.analytics.summary(alice).submitted == 0


def test_undone_moves_are_never_hidden_by_another_application_moving(services, alice):
    """An undo sets the follow-up clock back to an older history row: figures must still see it as news."""
    x, _, y = (track(services, alice, [], created=1, stage=Stage.APPLIED) for _ in range(3))
    services.applications.move(alice, x.id, Stage.SCREENING, at=day(5))
    assert services.analytics.summary(alice).responded == 1
    # x goes back three rows, y on three: the same number of applications and the same sum of their rows.
    services.applications.undo(alice, x.id)
    services.applications.move(alice, y.id, Stage.INTERVIEWING, at=day(6))
    figures = services.analytics.summary(alice)
    assert (figures.responded, figures.interviewed, figures.median_days_to_interview) == (1, 1, pytest.approx(5))
    # Undone twice: the second undo puts y back in interviewing, now (README: an undo is itself an entry).
    services.applications.undo(alice, y.id)
    services.applications.undo(alice, y.id)
    figures = services.analytics.summary(alice)
    assert figures.interviewed == 1 and figures.median_days_to_interview == pytest.approx(99, abs=0.1)


def test_the_summary_answers_while_another_process_writes(services, make_services, alice, database_url):
    # A scrape holds the write lock while it stores a board: a fresh process (the CLI) reading figures whose
    # milestones are already derived must not queue behind it.
    track(services, alice, [(Stage.APPLIED, 1), (Stage.SCREENING, 3)])
    assert services.analytics.summary(alice).responded == 1  # derives the milestones
    answers = []
    with _writing(database_url):
        reader = threading.Thread(target=lambda: answers.append(make_services().analytics.summary(alice)))
        reader.start()
        reader.join(timeout=3)
        assert [m.responded for m in answers] == [1]
    reader.join()


@contextmanager
def _writing(database_url: str) -> Iterator[None]:
    """Another connection holding what a writer holds: SQLite's write lock, or PostgreSQL's lock on the table."""
    if database_url.startswith("sqlite"):
        connection = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
    else:
        import psycopg

        connection = psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://", 1))
        connection.execute("LOCK TABLE analytics_milestones IN EXCLUSIVE MODE")  # readers pass, writers wait
    try:
        yield
    finally:
        connection.rollback()
        connection.close()


def test_benchmarks_and_goal_advice_stay_inside_the_range(services, alice):
    services.profiles.update(alice, weekly_goal=3)
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)  # a Friday
    for applied in ((2026, 11, 2), (2026, 11, 3), (2026, 10, 20), (2026, 11, 24), (2026, 11, 25)):
        services.applications.add(alice, ApplicationDraft(company="Acme", title="Dev", stage=Stage.APPLIED),
                                  at=datetime(*applied, 9, tzinfo=UTC))
    period = DateRange(None, datetime(2026, 11, 10).date())
    outlook = services.analytics.outlook(alice, period=period, now=now)
    per_week = {b.metric: b for b in outlook.benchmarks}["submitted per week"]
    assert per_week.last_week == 0  # 4-10 Nov, the range's last seven days; 24-25 Nov are after the range
    assert per_week.trailing_four_weeks == pytest.approx(3 / 4)  # 7 Oct-3 Nov: 20 Oct, 2 and 3 Nov
    goal = [r.evidence for r in outlook.recommendations if "weekly goal" in r.advice]
    assert goal == ["Week of 2026-11-02: 2 submitted against a goal of 3."]  # the range's last finished week

    since = services.analytics.outlook(alice, period=DateRange(datetime(2026, 11, 1).date(), None), now=now)
    per_week = {b.metric: b for b in since.benchmarks}["submitted per week"]
    assert per_week.last_week == 2  # 21-27 Nov
    assert per_week.trailing_four_weeks == pytest.approx(2 / 2)  # 1-20 Nov is two whole weeks: 2 and 3 Nov


def test_one_board_written_in_two_cases_is_one_source_group(services, alice):
    track(services, alice, [(Stage.APPLIED, 1)], source="LinkedIn")  # as the LinkedIn import writes it
    track(services, alice, [(Stage.APPLIED, 1), (Stage.SCREENING, 3)], source="linkedin")  # as typed
    by_source = {g.key: g.metrics for g in services.analytics.by_source(alice)}
    assert list(by_source) == ["linkedin"] and by_source["linkedin"].submitted == 2
    assert by_source["linkedin"].response_rate == pytest.approx(1 / 2)


def test_the_quick_summary_gives_the_service_figures_for_every_range(pipeline, alice):
    """`analytics summary` reads the embedded database without SQLAlchemy: the same figures, whatever the range."""
    from careercopilot.services.quick_summary import quick_summary

    pipeline.auth.remember(pipeline.auth.login("alice", "tulip-harbour-42"))
    ranges = [DateRange(), DateRange(since=day(1).date()), DateRange(until=day(1).date()),
              DateRange(day(2).date(), day(2).date()), DateRange(since=day(60).date())]
    for period in ranges:
        expected = pipeline.analytics.summary(alice, period)
        quick = quick_summary(pipeline.settings, period, pipeline.keystore)
        # PostgreSQL is for shared deployments: it keeps to the full path.
        assert quick == (expected if pipeline.db.is_sqlite else None), period


def test_the_quick_summary_derives_moves_and_leaves_to_the_full_path_what_only_it_can_do(pipeline, alice, bob):
    import careercopilot.services.quick_summary as quick
    from careercopilot.db.plain_sql import moment

    if not pipeline.db.is_sqlite:
        pytest.skip("the quick summary reads only the embedded SQLite database")
    path = pipeline.db.url.removeprefix("sqlite:///")

    def summary():
        return quick.quick_summary(pipeline.settings, DateRange(), pipeline.keystore)

    assert summary() is None  # nobody signed in on this machine
    pipeline.auth.remember(pipeline.auth.login("alice", "tulip-harbour-42"))
    first = summary()  # the histories were never derived into milestones: derived here first
    assert first == pipeline.analytics.summary(alice) and first.submitted == 8
    moved = track(pipeline, alice, [(Stage.APPLIED, 50)])
    assert summary().submitted == 9
    pipeline.applications.move(alice, moved.id, Stage.SCREENING, at=day(52))
    undone = track(pipeline, alice, [(Stage.INTERVIEWING, 54)], created=53, stage=Stage.APPLIED)
    pipeline.applications.undo(alice, undone.id)
    assert summary() == pipeline.analytics.summary(alice)
    assert (summary().submitted, summary().responded, summary().interviewed) == (10, 6, 3)
    with sqlite3.connect(path) as db:  # a schema the full path must migrate first
        db.execute("UPDATE alembic_version SET version_num = '0007'")
    assert summary() is None
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = ?", (quick.HEAD_REVISION,))
    assert summary().responded == 6
    with sqlite3.connect(path) as db:  # an expired session is the full path's to explain
        db.execute("UPDATE auth_sessions SET expires_at = ?", (moment("sqlite", datetime.now(UTC)),))
    assert summary() is None
    pipeline.auth.remember(pipeline.auth.login("bob", "granite-lantern-77"))
    assert summary().submitted == 0  # bob's own figures, never alice's
    pipeline.auth.logout(pipeline.auth.stored_token())
    assert summary() is None
    with pytest.raises(AuthError):
        pipeline.auth.resume()
