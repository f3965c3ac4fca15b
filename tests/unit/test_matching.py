"""The match score: each part moves the way a job seeker expects, and every point has a reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careercopilot.domain.matching import (
    WEIGHTS,
    MatchProfile,
    posting_skills,
    prepare,
    score_posting,
    yearly_amount,
)
from careercopilot.domain.postings import Location, Posting, RemoteMode, Salary, SalaryInterval, Seniority
from careercopilot.domain.profile import RemotePreference

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
PROFILE = MatchProfile(
    target_titles=("Data Engineer",),
    skills=("Python", "SQL", "Apache Airflow", "dbt", "Docker", "PostgreSQL"),
    locations=("Berlin",),
    remote_preference=RemotePreference.REMOTE,
    salary_floor_yearly=70_000,
    currency="EUR",
    years_experience=6,
)
POSTING = Posting(
    source="greenhouse",
    source_id="1",
    title="Senior Data Engineer",
    company="Acme GmbH",
    url="https://job-boards.greenhouse.io/acme/jobs/1",
    location=Location(raw="Berlin, Germany", city="Berlin", country_code="DE"),
    remote=RemoteMode.REMOTE,
    seniority=Seniority.SENIOR,
    salary=Salary(min=75_000, max=90_000, currency="EUR", interval=SalaryInterval.YEAR),
    posted_at=NOW - timedelta(days=1),
    description_text="You build pipelines in Python and SQL with Airflow and dbt, and run them on Kubernetes.",
    tags=("python", "kubernetes"),
)


def score(posting: Posting = POSTING, profile: MatchProfile = PROFILE):
    return score_posting(profile, posting, NOW)


def part(result, name):
    return next(component for component in result.components if component.name == name)


def test_a_well_fitting_posting_scores_high_and_explains_every_part():
    result = score()

    assert result.score >= 85
    assert result.blocked_reason is None
    assert result.matched_skills == ("Python", "SQL", "Apache Airflow", "dbt")
    assert result.missing_skills == ("Kubernetes",)
    assert part(result, "skills").reason == (
        "4 of 6 of your skills: Python, SQL, Apache Airflow, dbt; missing: Kubernetes"
    )
    assert 'target "Data Engineer"' in part(result, "title").reason
    assert "72k" not in part(result, "salary").reason and "75k–90k EUR a year" in part(result, "salary").reason
    assert len(result.reasons) == len(WEIGHTS)


def test_points_add_up_to_the_score_and_weights_to_100():
    result = score()

    assert sum(component.weight for component in result.components) == pytest.approx(100)
    assert result.score == round(sum(component.points for component in result.components))


def test_parts_the_profile_says_nothing_about_are_left_out_and_the_rest_rescaled():
    result = score(profile=replace(PROFILE, salary_floor_yearly=None, years_experience=None))

    assert part(result, "salary").weight == 0 and part(result, "seniority").weight == 0
    assert sum(component.weight for component in result.components) == pytest.approx(100)
    assert len(result.reasons) == len(WEIGHTS) - 2


def test_better_skill_overlap_scores_higher():
    few = replace(POSTING, description_text="You know Java, Scala, Spark and Kubernetes; SQL helps.", tags=())
    many = replace(POSTING, description_text="You know Python, SQL, Airflow, dbt, Docker and Kubernetes.", tags=())

    assert part(score(many), "skills").points > part(score(few), "skills").points
    assert score(many).score > score(few).score


def test_a_posting_naming_no_skills_gets_skill_credit_only_as_far_as_its_title_fits():
    silent = replace(POSTING, description_text="Join our friendly team.", tags=())
    mechanic = replace(silent, title="Mecánico Automotriz")
    wrong_stack = replace(POSTING, title="Data Engineer", description_text="You know Java and Scala.", tags=())

    assert part(score(silent), "skills").points > 0
    assert part(score(mechanic), "skills").points == 0
    assert score(mechanic).score < score(wrong_stack).score
    untitled = replace(PROFILE, target_titles=())
    assert part(score(mechanic, untitled), "skills").points == part(score(silent, untitled), "skills").points > 0


def test_profile_skills_outside_the_taxonomy_still_match():
    profile = replace(PROFILE, skills=(" Kdb+ ", "Python"))
    result = score(replace(POSTING, description_text="Python and kdb+ for tick data."), profile)

    assert "Kdb+" in result.matched_skills


def test_closer_title_scores_higher():
    unrelated = replace(POSTING, title="Senior Sales Manager")

    assert part(score(), "title").points > part(score(unrelated), "title").points


@pytest.mark.parametrize(
    ("company", "profile_entry"),
    [("Acme GmbH", "acme"), ("ACME Inc.", "Acme GmbH"), ("The Acme Company", "Acme")],
)
def test_blocked_company_scores_zero_with_the_reason(company, profile_entry):
    result = score(replace(POSTING, company=company), replace(PROFILE, blocked_companies=(profile_entry,)))

    assert result.score == 0
    assert result.blocked_reason == f'Company "{company}" is on your blocked list'
    assert result.reasons == (result.blocked_reason,)


def test_blocked_keyword_scores_zero_but_only_as_a_whole_word():
    profile = replace(PROFILE, blocked_keywords=("crypto", "gambling"))

    assert score(replace(POSTING, description_text="Our Crypto exchange needs SQL."), profile).blocked_reason == (
        'Mentions "crypto", one of your blocked keywords'
    )
    assert score(replace(POSTING, description_text="We use cryptography and SQL."), profile).score > 0


@pytest.mark.parametrize(
    "sentence",
    [
        "We are unable to offer visa sponsorship.",
        "No visa sponsorship is available for this role.",
        "Candidates must be authorized to work without sponsorship.",
        "We do not sponsor visas.",
        "Sponsorship is not available.",
    ],
)
def test_needing_a_visa_blocks_postings_that_refuse_sponsorship(sentence):
    refusing = replace(POSTING, description_text=f"Python and SQL. {sentence}")

    assert score(refusing, replace(PROFILE, needs_visa_sponsorship=True)).blocked_reason == (
        "Says it does not sponsor visas, and you need sponsorship"
    )
    assert score(refusing).blocked_reason is None


def test_visa_flag_from_the_board_decides_over_the_text():
    profile = replace(PROFILE, needs_visa_sponsorship=True)
    offering = replace(POSTING, description_text="No visa sponsorship.", extra={"visa_sponsorship": "true"})
    refusing = replace(POSTING, extra={"visa_sponsorship": "false"})

    assert score(offering, profile).blocked_reason is None
    assert score(refusing, profile).score == 0
    assert score(replace(POSTING, description_text="We offer visa sponsorship."), profile).score > 0


def test_remote_preference_mismatch_lowers_the_location_part():
    onsite_elsewhere = replace(POSTING, remote=RemoteMode.ONSITE, location=Location(raw="Paris", city="Paris"))
    onsite_here = replace(POSTING, remote=RemoteMode.ONSITE)

    assert part(score(), "location").points > part(score(onsite_here), "location").points
    assert part(score(onsite_here), "location").points > part(score(onsite_elsewhere), "location").points
    assert part(score(onsite_elsewhere), "location").reason == (
        "On-site in Paris, not one of your locations; you prefer remote"
    )


def test_onsite_seeker_prefers_their_city_and_understands_local_names():
    profile = replace(PROFILE, remote_preference=RemotePreference.ONSITE, locations=("Munich, Germany",))
    munich = replace(POSTING, remote=RemoteMode.ONSITE, location=Location(raw="München", city="München"))
    hamburg = replace(
        POSTING, remote=RemoteMode.ONSITE, location=Location(raw="Hamburg", city="Hamburg", country_code="DE")
    )

    assert part(score(munich, profile), "location").points == pytest.approx(WEIGHTS["location"])
    assert "another city in your country" in part(score(hamburg, profile), "location").reason
    assert part(score(munich, profile), "location").points > part(score(hamburg, profile), "location").points
    somewhere_in_germany = replace(hamburg, location=Location(raw="Germany", country_code="DE"))
    assert "in your country, city not stated" in part(score(somewhere_in_germany, profile), "location").reason


def test_remote_job_limited_to_other_countries_fits_poorly():
    us_only = replace(POSTING, remote_scope=("United States",))
    profile = replace(PROFILE, locations=("Berlin, Germany",))

    assert part(score(us_only, profile), "location").points < part(score(POSTING, profile), "location").points
    assert "Remote only for United States" in part(score(us_only, profile), "location").reason


def test_salary_below_the_floor_lowers_the_score():
    low = replace(POSTING, salary=Salary(min=40_000, max=50_000, currency="EUR", interval=SalaryInterval.YEAR))

    assert score(low).score < score().score
    assert part(score(low), "salary").points == 0
    assert part(score(low), "salary").reason == "Pays 40k–50k EUR a year, below your 70k floor"


def test_hourly_and_monthly_pay_are_compared_as_yearly():
    hourly = replace(POSTING, salary=Salary(min=40, max=40, currency="EUR", interval=SalaryInterval.HOUR))
    monthly = replace(POSTING, salary=Salary(min=5_500, max=6_500, currency="EUR", interval=SalaryInterval.MONTH))

    assert part(score(hourly), "salary").reason == "Pays 83k EUR a year, at or above your 70k floor"
    assert "reaching your 70k floor" in part(score(monthly), "salary").reason


@pytest.mark.parametrize(
    ("interval", "yearly"),
    [
        (SalaryInterval.HOUR, 2080),
        (SalaryInterval.DAY, 260),
        (SalaryInterval.WEEK, 52),
        (SalaryInterval.MONTH, 12),
        (SalaryInterval.YEAR, 1),
        (None, 1),
    ],
)
def test_yearly_amount(interval, yearly):
    assert yearly_amount(1, interval) == yearly


def test_other_currencies_need_a_rate_and_are_converted_with_one():
    in_usd = replace(POSTING, salary=Salary(min=72_000, max=72_000, currency="USD", interval=SalaryInterval.YEAR))

    assert part(score(in_usd), "salary").reason == "Paid in USD; no exchange rate to EUR"
    converted = score_posting(prepare(PROFILE, exchange_rates={"USD": 1.0, "EUR": 1.2}), in_usd, NOW)
    assert part(converted, "salary").reason == "Pays 60k EUR a year, below your 70k floor"


def test_missing_salary_is_neither_rewarded_nor_punished_fully():
    unknown = part(score(replace(POSTING, salary=Salary())), "salary")

    assert unknown.points == pytest.approx(unknown.weight / 2)
    assert unknown.reason == "No salary listed"


def test_level_far_from_your_experience_lowers_the_score():
    junior_profile = replace(PROFILE, years_experience=1)

    assert part(score(profile=junior_profile), "seniority").points < part(score(), "seniority").points
    assert part(score(profile=junior_profile), "seniority").reason == ("Senior level (usually 5–10 years); you have 1")


def test_level_is_read_from_the_title_when_the_board_gives_none():
    unlabelled = replace(POSTING, title="Junior Data Engineer", seniority=Seniority.UNKNOWN)

    assert part(score(unlabelled), "seniority").reason.startswith("Entry level")


def test_older_and_closed_postings_lose_freshness_points():
    old = replace(POSTING, posted_at=NOW - timedelta(days=40))
    closed = replace(POSTING, expires_at=NOW - timedelta(days=1))

    assert part(score(), "recency").points > part(score(old), "recency").points
    assert part(score(old), "recency").reason == "Posted 40 days ago"
    assert part(score(closed), "recency").points == 0
    assert part(score(closed), "recency").reason == "Closed on 2026-11-25"


def test_stored_skills_give_the_same_result_as_reading_the_posting():
    prepared = prepare(PROFILE)

    assert score_posting(prepared, POSTING, NOW, skills=posting_skills(POSTING)) == score()


def test_the_company_name_is_no_skill_but_the_same_word_elsewhere_is():
    named = replace(POSTING, company="Northwind Logistics GmbH", title="Northwind Logistics: Data Engineer",
                    description_text="At NORTHWIND LOGISTICS you write Python.", tags=())
    asked = replace(named, description_text=f"{named.description_text} You know logistics.")

    assert posting_skills(named) == ("Python",)
    assert posting_skills(asked) == ("Python", "Logistics")


@given(title=st.text(max_size=40), company=st.text(max_size=20), text=st.text(max_size=200))
def test_skills_are_found_in_any_text_next_to_any_company_name(title, company, text):
    found = posting_skills(replace(POSTING, title=title, company=company, description_text=text, tags=()))

    assert len(found) == len(set(found))


postings = st.builds(
    replace,
    st.just(POSTING),
    title=st.text(max_size=40),
    company=st.text(max_size=20),
    description_text=st.text(max_size=200),
    remote=st.sampled_from(list(RemoteMode)),
    seniority=st.sampled_from(list(Seniority)),
    salary=st.builds(
        Salary,
        min=st.none() | st.floats(0, 1e6),
        max=st.none() | st.floats(0, 1e6),
        currency=st.sampled_from([None, "EUR", "USD"]),
        interval=st.sampled_from([None, *SalaryInterval]),
    ),
    posted_at=st.none() | st.datetimes(timezones=st.just(UTC)),
)


@given(postings)
def test_score_is_always_between_0_and_100(posting):
    result = score(posting)

    assert 0 <= result.score <= 100
    assert all(0 <= component.points <= component.weight + 1e-9 for component in result.components)
