"""Market insight from stored postings, skill gaps of saved searches, and the analytics notifications."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from careercopilot.domain.analytics import DateRange
from careercopilot.domain.applications import ApplicationDraft, Stage
from careercopilot.domain.notifications import NotificationKind
from careercopilot.domain.postings import EmploymentType, Location, Posting, RemoteMode, Salary, SalaryInterval

NOW = datetime.now(UTC).replace(microsecond=0)


def posting(source_id: str, text: str, *, city: str = "Berlin", country: str = "DE", pay: tuple[int, str] = (
        90000, "EUR"), days_ago: int = 3, title: str = "Python Engineer", remote: RemoteMode = RemoteMode.HYBRID,
            company: str = "Acme") -> Posting:
    amount, currency = pay
    return Posting(source="arbeitnow", source_id=source_id, title=title, company=company,
                   url=f"https://arbeitnow.example/jobs/{source_id}",
                   location=Location(raw=f"{city}, {country}", city=city, country_code=country), remote=remote,
                   posted_at=NOW - timedelta(days=days_ago), description_text=text,
                   salary=Salary(min=amount - 10000, max=amount, currency=currency, interval=SalaryInterval.YEAR),
                   employment_types=(EmploymentType.FULL_TIME,))


@pytest.fixture
def market(make_services, isolated_home, monkeypatch):
    """Services that know EUR and GBP rates (not USD), and a few postings around Python."""
    config = isolated_home.parent / "analytics-config.toml"
    config.write_text("[scrape]\nexchange_rates = { EUR = 1.0, GBP = 1.2 }\n")
    monkeypatch.setenv("CAREERCOPILOT_CONFIG", str(config))
    services = make_services()
    services.jobs.ingest([
        posting("1", "Build Python services on PostgreSQL and Kubernetes."),
        posting("2", "Python and PostgreSQL for our team.", pay=(70000, "EUR"), company="Globex"),
        posting("3", "Python and Terraform with Kubernetes.", city="London", country="GB", pay=(100000, "GBP"),
                remote=RemoteMode.REMOTE, title="Senior Data Engineer"),
        posting("4", "Python with Kubernetes in production.", city="Austin", country="US", pay=(150000, "USD")),
        posting("5", "Python and Kubernetes, long ago.", days_ago=200, company="Initech"),
    ], NOW)
    return services


@pytest.fixture
def carol(market):
    market.auth.register("carol", "carol@example.org", "velvet-compass-19")
    user = market.auth.login("carol", "velvet-compass-19").user
    market.profiles.update(user, skills=["Python", "PostgreSQL"], salary_currency="EUR")
    return user


def test_market_converts_salaries_to_the_users_currency_and_leaves_out_what_it_cannot(market, carol):
    m = market.analytics.market(carol, now=NOW)
    assert (m.postings, m.currency, m.unconverted_salaries) == (4, "EUR", 1)  # the USD one has no rate
    berlin = next(g for g in m.salary_by_location if g.key == "Berlin")
    assert (berlin.postings, berlin.median) == (2, pytest.approx(80000, abs=1000))  # exact to one 1,000 band
    london = next(g for g in m.salary_by_location if g.key == "London")
    assert london.median == pytest.approx(120000, abs=1000)  # 100,000 GBP at 1.2
    assert {g.key for g in m.salary_by_title_cluster} == {"data & ML", "software engineering"}
    assert m.remote_share == pytest.approx(1 / 4)
    assert [c.key for c in m.employment_types] == ["full_time"]
    assert m.companies[0] == type(m.companies[0])("Acme", 3)
    top = {s.skill: s.postings for s in m.top_skills}
    assert top["Python"] == 4 and top["Kubernetes"] == 3
    older = market.analytics.market(carol, DateRange(since=(NOW - timedelta(days=365)).date()), now=NOW)
    assert older.postings == 5


def test_skill_gaps_rank_skills_by_the_matches_they_unlock(market, carol):
    assert market.analytics.skill_gaps(carol) == ()  # no saved search yet
    market.searches.add(carol, "python", "python")
    gaps = market.analytics.skill_gaps(carol)
    assert [(g.skill, g.postings, g.unlocks) for g in gaps][:2] == [("Kubernetes", 4, 3), ("Terraform", 1, 0)]
    assert gaps[0].search == "python"


def test_a_skill_the_profile_names_by_a_synonym_is_no_gap(market, carol):
    market.profiles.update(carol, skills=["Python", "Postgres", "k8s"])
    market.searches.add(carol, "python", "python")
    gaps = {g.skill for g in market.analytics.skill_gaps(carol)}
    assert "Kubernetes" not in gaps and "PostgreSQL" not in gaps and "Terraform" in gaps


def test_changed_top_gaps_and_a_new_week_are_announced_once(market, carol):
    market.searches.add(carol, "python", "python")
    published = market.analytics.publish_updates(carol, NOW)
    assert len(published) == 1 and published[0].startswith("Top skill gaps: Kubernetes")  # no week before she joined
    next_week = NOW + timedelta(weeks=1)
    (week,) = market.analytics.publish_updates(carol, next_week)  # the week she joined in has ended
    assert week.startswith("Week of") and "goal" in week
    assert market.analytics.publish_updates(carol, next_week) == []
    market.jobs.ingest([posting(str(n), "Rust and Python.", company=f"Firm {n}") for n in range(10, 16)], NOW)
    assert market.analytics.publish_updates(carol, next_week) == ["Top skill gaps: Rust, Kubernetes, Terraform"]
    kinds = [n.kind for n in market.notifications.list(carol)]
    assert kinds.count(NotificationKind.SKILL_GAP) == 2 and kinds.count(NotificationKind.ANALYTICS_UPDATE) == 1


def test_market_figures_follow_new_postings(market, carol):
    assert market.analytics.market(carol, now=NOW).postings == 4
    market.jobs.ingest([posting("20", "Go and Python.", company="Hooli")], NOW)
    again = market.analytics.market(carol, now=NOW)
    assert again.postings == 5 and {s.skill for s in again.top_skills} >= {"Go"}


def test_market_insight_reads_the_market_index_not_the_postings(market, carol):
    """Market insight, charted or in full, is read from ix_postings_market alone: no pass over whole rows (with
    their descriptions), which took half a second each at 200,000 postings."""
    from sqlalchemy import event

    if not market.db.is_sqlite:
        pytest.skip("the plan is checked on SQLite; PostgreSQL decides index-only scans by its visibility map")
    statements: list[tuple[str, object]] = []

    def seen(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    event.listen(market.db.engine, "before_cursor_execute", seen)
    try:
        assert market.analytics.market(carol, now=NOW, detailed=False).postings == 4
        assert market.analytics.market(carol, now=NOW + timedelta(seconds=1)).companies  # the detailed tables too
    finally:
        event.remove(market.db.engine, "before_cursor_execute", seen)
    on_postings = [(sql, params) for sql, params in statements if "FROM postings" in sql]
    assert len(on_postings) >= 8
    with market.db.engine.connect() as conn:
        for sql, params in on_postings:
            plan = " ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))
            assert "COVERING INDEX ix_postings_market" in plan, (sql, plan)


def test_a_week_of_one_application_is_announced_in_the_singular(market, carol):
    app = market.applications.add(carol, ApplicationDraft(company="Acme", title="Dev", stage=Stage.APPLIED), at=NOW)
    market.applications.move(carol, app.id, Stage.SCREENING)
    (week,) = [t for t in market.analytics.publish_updates(carol, NOW + timedelta(weeks=1)) if t.startswith("Week")]
    assert week.endswith(": 1 application (goal 10), 1 response")
