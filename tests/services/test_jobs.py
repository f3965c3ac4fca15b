"""Stored postings: no duplicates on re-scrape, updates in place, cross-board groups, search, flags, splits."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from careercopilot.db.models import JobPosting
from careercopilot.db.posting_rows import row_to_posting
from careercopilot.domain.jobs import JobFilters, JobSort
from careercopilot.domain.postings import (
    Attribution,
    EmploymentType,
    Location,
    Posting,
    RemoteMode,
    Salary,
    SalaryInterval,
)
from careercopilot.errors import BadInput, NotFound

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def posting(source: str, source_id: str, title: str = "Senior Python Engineer", company: str = "Acme GmbH",
            city: str = "Berlin", **changes: object) -> Posting:
    base = Posting(
        source=source, source_id=source_id, title=title, company=company,
        url=f"https://{source}.example/jobs/{source_id}",
        location=Location(raw=f"{city}, Germany", city=city, country_code="DE"),
        remote=RemoteMode.HYBRID, posted_at=NOW - timedelta(days=1),
        description_text="Build Python services on PostgreSQL and Kubernetes.",
        salary=Salary(min=70000, max=90000, currency="EUR", interval=SalaryInterval.YEAR),
        tags=("python", "postgresql"),
    )
    return replace(base, **changes)


def test_a_stored_posting_reads_back_as_it_was_scraped(services):
    # Column values (JSON, dates, flags) prepared apart from the insert and the update must read back intact.
    scraped = posting("arbeitnow", "1", expires_at=NOW + timedelta(days=30), description_html="<p>Build</p>",
                      employment_types=(EmploymentType.FULL_TIME, EmploymentType.CONTRACT), tags=("python", "k8s"),
                      salary=Salary(min=70000.5, max=None, currency="EUR", interval=SalaryInterval.YEAR,
                                    is_estimate=True, raw="from 70k"),
                      attribution=Attribution("Jobs by Arbeitnow", "https://www.arbeitnow.com"))
    changed = replace(scraped, tags=(), employment_types=(), posted_at=None, description_is_partial=True)
    for version, when in ((scraped, NOW), (changed, NOW + timedelta(hours=1))):
        (stored_id,) = services.jobs.ingest([version], when).changed_ids
        with services.jobs.db.read() as s:
            row = s.get(JobPosting, stored_id)
            assert row_to_posting(row) == version
            assert (row.is_primary, row.is_expired, row.first_seen_at, row.last_seen_at) == (True, False, NOW, when)
            assert sorted(row.skills) == ["Kubernetes", "PostgreSQL", "Python"] and row.salary_yearly == 70000.5


def test_a_big_board_is_stored_and_scored_in_full(services, alice):
    # More rows than one multi-row statement takes: every one is stored, grouped, scored, and found again.
    services.profiles.update(alice, skills="Python", target_titles="Python Engineer")
    board = [posting("arbeitnow", str(n), title=f"Python Engineer {n}", company=f"Firm {n}",
                     posted_at=NOW - timedelta(minutes=n)) for n in range(1800)]
    result = services.jobs.ingest(board, NOW)
    services.matching.score_stored(result.changed)
    assert (result.new, len(set(result.changed_ids))) == (1800, 1800)
    feed = services.jobs.feed(alice, JobFilters(sort=JobSort.DATE, limit=2000))
    assert [j.title for j in feed] == [p.title for p in board]
    assert all(j.match_score is not None and j.match_score > 0 for j in feed)
    again = services.jobs.ingest(board, NOW + timedelta(hours=1))
    assert (again.new, again.updated) == (0, 0)


def test_tags_in_any_script_are_found_by_search(services, alice):
    services.jobs.ingest([posting("arbeitnow", "1", title="Engineer", description_text="Build things.",
                                  tags=("Zürich", "東京"))], NOW)
    assert [j.tags for j in services.jobs.feed(alice, JobFilters(query="zürich"))] == [("Zürich", "東京")]


def test_rescraping_never_duplicates_and_a_change_updates_in_place(services, alice):
    first = services.jobs.ingest([posting("arbeitnow", "1"), posting("remotive", "9", title="Data Analyst",
                                                                     company="Globex")], NOW)
    assert (first.seen, first.new, first.updated) == (2, 2, 0)
    again = services.jobs.ingest([posting("arbeitnow", "1")], NOW + timedelta(hours=2))
    assert (again.new, again.updated, again.changed_ids) == (0, 0, ())
    changed = services.jobs.ingest([posting("arbeitnow", "1", title="Staff Python Engineer")], NOW + timedelta(days=1))
    assert (changed.new, changed.updated) == (0, 1)
    jobs = services.jobs.feed(alice, JobFilters(sort=JobSort.DATE))
    assert sorted(j.title for j in jobs) == ["Data Analyst", "Staff Python Engineer"]
    detail = services.jobs.get(alice, changed.changed_ids[0])
    assert detail.first_seen_at == NOW and detail.last_seen_at == NOW + timedelta(days=1)


def test_same_job_on_two_boards_is_one_row_with_also_on(services, alice):
    ats = posting("greenhouse", "acme:55", apply_url="https://job-boards.greenhouse.io/acme/jobs/55",
                  url="https://job-boards.greenhouse.io/acme/jobs/55")
    relisted = posting("arbeitnow", "senior-python-55", company="ACME",
                       apply_url="https://job-boards.greenhouse.io/acme/jobs/55?utm_source=arbeitnow&gh_src=x")
    services.jobs.ingest([relisted], NOW)
    services.jobs.ingest([ats], NOW)
    rows = services.jobs.feed(alice)
    assert len(rows) == 1
    assert rows[0].source == "greenhouse"  # the employer's own board is the best link
    assert [a.source for a in rows[0].also_on] == ["arbeitnow"]
    # The member's id is given, so the group can be split from it; the group is on both boards.
    assert services.jobs.get(alice, rows[0].also_on[0].id).job.source == "arbeitnow"
    for board in ("greenhouse", "arbeitnow"):
        assert [r.id for r in services.jobs.feed(alice, JobFilters(sources=(board,)))] == [rows[0].id], board
    assert services.jobs.feed(alice, JobFilters(sources=("remotive",))) == []


def test_different_city_or_seniority_is_not_merged(services, alice):
    services.jobs.ingest([posting("arbeitnow", "1"), posting("remotive", "2", city="Munich"),
                          posting("jobicy", "3", title="Junior Python Engineer")], NOW)
    assert len(services.jobs.feed(alice)) == 3


def test_a_split_is_remembered_across_rescrapes(services, alice):
    a, b = posting("arbeitnow", "1"), posting("himalayas", "2")
    services.jobs.ingest([a, b], NOW)
    (row,) = services.jobs.feed(alice)
    assert len(services.jobs.get(alice, row.id).group_members) == 1
    services.jobs.split(alice, row.id)
    assert len(services.jobs.feed(alice)) == 2
    services.jobs.ingest([replace(a, description_text="Updated text"), replace(b, description_text="New too")],
                         NOW + timedelta(days=1))
    assert len(services.jobs.feed(alice)) == 2
    with pytest.raises(BadInput, match="not grouped"):
        services.jobs.split(alice, row.id)


def test_full_text_search_and_filters(services, alice):
    services.jobs.ingest([
        posting("arbeitnow", "1"),
        posting("remotive", "2", title="Marketing Manager", company="Initech", city="London",
                location=Location(raw="London, UK", city="London", country_code="GB"), remote=RemoteMode.REMOTE,
                description_text="Own our brand campaigns.", tags=("marketing",),
                salary=Salary(min=40, max=50, currency="GBP", interval=SalaryInterval.HOUR)),
        posting("jobicy", "3", title="Rust Developer", company="Hooli", description_text="Résumé parsing in Rust.",
                tags=("rust",), salary=Salary()),
    ], NOW)
    titles = lambda f: sorted(j.title for j in services.jobs.feed(alice, f))  # noqa: E731
    assert titles(JobFilters(query="python")) == ["Senior Python Engineer"]
    assert titles(JobFilters(query="resume")) == ["Rust Developer"]  # diacritics folded
    assert titles(JobFilters(query='C++ [Remote] "OR')) == []  # query syntax never reaches the engine
    assert titles(JobFilters(remote_only=True)) == ["Marketing Manager"]
    assert titles(JobFilters(location="GB")) == ["Marketing Manager"]
    assert titles(JobFilters(location="berlin")) == ["Rust Developer", "Senior Python Engineer"]
    assert titles(JobFilters(salary_floor_yearly=85000)) == ["Marketing Manager", "Senior Python Engineer"]
    assert titles(JobFilters(sources=("jobicy",))) == ["Rust Developer"]
    assert services.jobs.feed(alice, JobFilters(sort=JobSort.SALARY))[0].title == "Marketing Manager"


def test_flags_are_per_user(services, alice, bob):
    services.jobs.ingest([posting("arbeitnow", "1"), posting("remotive", "2", title="Designer", company="Umbrella")],
                         NOW)
    job = services.jobs.feed(alice)[0]
    services.jobs.set_flags(alice, job.id, saved=True, hidden=False)
    other = services.jobs.feed(alice)[1]
    services.jobs.set_flags(alice, other.id, hidden=True)
    assert [j.id for j in services.jobs.feed(alice, JobFilters(saved_only=True))] == [job.id]
    assert other.id not in [j.id for j in services.jobs.feed(alice)]
    assert other.id in [j.id for j in services.jobs.feed(alice, JobFilters(include_hidden=True))]
    assert len(services.jobs.feed(bob)) == 2  # bob's view is untouched
    assert services.jobs.feed(bob, JobFilters(saved_only=True)) == []
    with pytest.raises(NotFound):
        services.jobs.set_flags(alice, 999_999, saved=True)


def test_postings_not_seen_for_n_days_expire(services, alice):
    services.jobs.ingest([posting("arbeitnow", "1"), posting("remotive", "2", title="Designer", company="Umbrella")],
                         NOW)
    services.jobs.ingest([posting("arbeitnow", "1")], NOW + timedelta(days=40))
    assert services.jobs.expire_stale(30, NOW + timedelta(days=40)) == 1
    assert [j.source for j in services.jobs.feed(alice)] == ["arbeitnow"]


def test_match_scores_are_stored_with_reasons_and_rank_the_feed(services, alice):
    services.profiles.update(alice, skills="Python, PostgreSQL, Kubernetes", target_titles="Python Engineer",
                             locations="Berlin", remote_preference="hybrid")
    result = services.jobs.ingest([posting("arbeitnow", "1"),
                                   posting("remotive", "2", title="Account Executive", company="Initech",
                                           description_text="Sell to enterprises.", tags=("sales",))], NOW)
    services.matching.score(list(result.changed_ids), now=NOW)
    ranked = services.jobs.feed(alice)
    assert ranked[0].title == "Senior Python Engineer" and ranked[0].match_score > ranked[1].match_score
    detail = services.jobs.get(alice, ranked[0].id)
    reasons = {c.name: c.reason for c in detail.breakdown}
    assert "Python" in reasons["skills"] and sum(c.points for c in detail.breakdown) == pytest.approx(
        ranked[0].match_score, abs=1)


def test_work_done_ahead_is_used_only_for_the_posting_it_was_done_for(services, alice):
    # A scrape prepares columns and scores while pages arrive; a newer copy of the posting must not get them.
    from careercopilot.services.jobs import prepare

    services.profiles.update(alice, skills="Python, PostgreSQL", blocked_companies="Initech")
    early = posting("arbeitnow", "1")
    later = posting("arbeitnow", "1", title="Account Executive", company="Initech", tags=(),
                    description_text="Sell to enterprises, cold calling and CRM.")
    scorer = services.matching.scorer(NOW)
    ready = prepare([early])
    scorer.score_ahead(early, ready[early.id].skills)
    stored = services.jobs.ingest([later], NOW, ready)
    services.matching.score_stored(stored.changed, scorer=scorer)
    detail = services.jobs.get(alice, stored.changed_ids[0])
    assert detail.job.title == "Account Executive" and detail.skills == ("Cold calling", "CRM")
    assert detail.job.match_score == 0 and detail.breakdown[0].name == "blocked"


def test_blocked_company_scores_zero_with_the_reason(services, alice):
    services.profiles.update(alice, skills="Python", blocked_companies="Acme")
    result = services.jobs.ingest([posting("arbeitnow", "1")], NOW)
    services.matching.score(list(result.changed_ids), now=NOW)
    detail = services.jobs.get(alice, result.changed_ids[0])
    assert detail.job.match_score == 0 and detail.breakdown[0].name == "blocked"


def test_scoring_reads_the_description_when_the_profile_needs_it(services, alice):
    # Scoring skips the description unless the profile has words to look for in it.
    services.profiles.update(alice, skills="Python, Haskellish", blocked_keywords="clearance")
    result = services.jobs.ingest([posting("arbeitnow", "1", description_text="Haskellish and Python daily."),
                                   posting("remotive", "2", company="Initech",
                                           description_text="Python work; security clearance required.")], NOW)
    services.matching.score(list(result.changed_ids), now=NOW)
    fits, blocked = (services.jobs.get(alice, pid) for pid in result.changed_ids)
    assert "Haskellish" in {c.name: c.reason for c in fits.breakdown}["skills"]
    assert blocked.job.match_score == 0 and "clearance" in blocked.breakdown[0].reason


def test_a_profile_change_rescores_stored_postings(services, alice):
    services.jobs.ingest([posting("arbeitnow", "1"), posting("remotive", "2", title="Account Executive",
                                                             company="Initech", description_text="Sell software.",
                                                             tags=("sales",))], NOW)
    services.profiles.update(alice, skills="Sales, Negotiation", target_titles="Account Executive")
    assert services.jobs.feed(alice)[0].title == "Account Executive"
    services.profiles.update(alice, skills="Python, PostgreSQL", target_titles="Python Engineer")
    assert services.jobs.feed(alice)[0].title == "Senior Python Engineer"


def test_common_words_walk_the_scores_and_give_the_same_page(services, alice, monkeypatch):
    """A word matching many postings is searched from the top scores down; the page must not change."""
    import careercopilot.services.jobs as jobs_module

    services.profiles.update(alice, skills="Python", target_titles="Python Engineer")
    result = services.jobs.ingest([posting("arbeitnow", str(n), title=f"Python Engineer {n}", company=f"Co {n}",
                                           description_text=f"Python and {'SQL' if n % 2 else 'Go'} work.")
                                   for n in range(12)], NOW)
    services.matching.score(list(result.changed_ids), now=NOW)
    sorted_matches = [j.id for j in services.jobs.feed(alice, JobFilters(query="sql python", limit=4))]
    monkeypatch.setattr(jobs_module, "BROAD_MATCHES", 1)
    assert [j.id for j in services.jobs.feed(alice, JobFilters(query="sql python", limit=4))] == sorted_matches
    assert len(sorted_matches) == 4


@pytest.mark.parametrize("sort", list(JobSort))
def test_keyset_pages_list_the_same_rows_as_the_whole_feed(services, alice, sort):
    """Paging after the last row gives the offset feed's rows in order: scored then unscored, values then NULLs."""
    services.profiles.update(alice, skills="Python", target_titles="Python Engineer")
    result = services.jobs.ingest([
        posting("arbeitnow", str(n), title=f"{'Python' if n % 3 else 'Sales'} Engineer {n}", company=f"Co {n}",
                posted_at=None if n % 5 == 0 else NOW - timedelta(days=n % 4),
                salary=Salary() if n % 4 == 0 else Salary(min=50000 + 1000 * (n % 3), currency="EUR",
                                                          interval=SalaryInterval.YEAR))
        for n in range(17)], NOW)
    services.matching.score(list(result.changed_ids[:11]), now=NOW)  # the rest stay unscored for alice
    whole = [j.id for j in services.jobs.feed(alice, JobFilters(sort=sort))]
    paged: list[int] = []
    page = services.jobs.feed(alice, JobFilters(sort=sort, limit=4))
    while page:
        paged += [j.id for j in page]
        page = services.jobs.feed(alice, JobFilters(sort=sort, limit=4, after_id=paged[-1]))
    assert len(whole) == 17
    assert paged == whole


def test_a_country_filter_reads_the_country_however_it_is_written(services, alice):
    services.jobs.ingest([
        posting("remotive", "1", title="Marketing Manager", company="Initech",
                location=Location(raw="London, UK", city="London", country_code="GB")),
        posting("jobicy", "2", title="Support Engineer", company="Hooli",
                location=Location(raw="LATAM, Canada, USA", country_code="US")),  # open to three places
        posting("lever", "3", title="Data Analyst", company="Umbrella",
                location=Location(raw="New York, NY", city="New York", region="NY", country_code="US")),
        posting("arbeitnow", "4", title="Sales Lead", company="Globex",
                location=Location(raw="Sunnyvale, California", city="Sunnyvale", country_code="US")),
    ], NOW)
    titles = lambda place: sorted(j.title for j in services.jobs.feed(alice, JobFilters(location=place)))  # noqa: E731
    for written in ("GB", "gb", "UK", "United Kingdom", "  Great Britain "):
        assert titles(written) == ["Marketing Manager"], written
    assert titles("USA") == titles("United States") == titles("US") == ["Data Analyst", "Sales Lead",
                                                                        "Support Engineer"]
    assert titles("Canada") == titles("CA") == ["Support Engineer"]  # named in a multi-country location
    assert titles("NY") == ["Data Analyst"]  # a state code, not the "ny" inside "Sunnyvale"
    assert titles("sunnyvale") == ["Sales Lead"]


def test_searching_a_skill_written_with_symbols_finds_that_skill_only(services, alice):
    services.jobs.ingest([
        posting("arbeitnow", "1", title="Firmware Engineer", description_text="Embedded C++ on microcontrollers."),
        posting("remotive", "2", title="Backend Engineer", company="Initech",
                description_text="Services in C# and .NET."),
        posting("jobicy", "3", title="Accounts Payable Clerk", company="Hooli",
                description_text="Schedule C forms and C•CURE badges."),
    ], NOW)
    titles = lambda query: sorted(j.title for j in services.jobs.feed(alice, JobFilters(query=query)))  # noqa: E731
    assert titles("c++") == ["Firmware Engineer"]
    assert titles("C#") == ["Backend Engineer"]
    assert titles("c++ embedded") == ["Firmware Engineer"]
    assert titles("c++ kotlin") == []
