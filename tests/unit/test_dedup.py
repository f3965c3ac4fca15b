"""Cross-board dedup: the same job on several boards is one group; look-alike jobs stay apart."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careercopilot.domain.dedup import (
    GroupedPosting,
    assign_groups,
    dedup_keys,
    normalize_company,
    same_job,
)
from careercopilot.domain.postings import Location, Posting

GREENHOUSE = Posting(
    source="greenhouse",
    source_id="5311686008",
    title="Senior Backend Engineer",
    company="Acme",
    url="https://job-boards.greenhouse.io/acme/jobs/5311686008",
    location=Location(raw="Berlin, Germany", city="Berlin", country_code="DE"),
)
# Arbeitnow re-lists the Greenhouse job on its own page, with its own title and company spelling.
ARBEITNOW = Posting(
    source="arbeitnow",
    source_id="senior-backend-engineer-acme-berlin-1234",
    title="Senior Backend Engineer (m/w/d)",
    company="ACME GmbH",
    url="https://www.arbeitnow.com/jobs/companies/acme/senior-backend-engineer-berlin-1234",
    location=Location(raw="Berlin", city="Berlin"),
)
# Remotive links to the ATS page through a tracking URL.
REMOTIVE = Posting(
    source="remotive",
    source_id="998877",
    title="Sr. Backend Engineer",
    company="Acme Inc.",
    url="https://remotive.com/remote-jobs/software-dev/senior-backend-engineer-998877",
    apply_url="https://boards.greenhouse.io/acme/jobs/5311686008?gh_src=remotive&utm_source=remotive&utm_medium=feed",
)


def groups_of(postings, **kwargs) -> list[set[str]]:
    assigned = assign_groups(postings, **kwargs)
    by_group: dict[str, set[str]] = {}
    for posting_id, group in assigned.items():
        by_group.setdefault(group, set()).add(posting_id)
    return sorted(by_group.values(), key=sorted)


def test_same_job_on_greenhouse_arbeitnow_and_remotive_is_one_group():
    assigned = assign_groups([GREENHOUSE, ARBEITNOW, REMOTIVE])

    assert set(assigned.values()) == {GREENHOUSE.id}


def test_shared_ats_link_with_tracking_parameters_merges_even_with_another_company_spelling():
    renamed = replace(REMOTIVE, company="Acme Software Solutions")

    assert same_job(dedup_keys(GREENHOUSE), dedup_keys(renamed))


def test_same_job_in_another_city_stays_apart():
    munich = replace(ARBEITNOW, source_id="2", location=Location(raw="München", city="München"))

    assert not same_job(dedup_keys(GREENHOUSE), dedup_keys(munich))
    assert len(groups_of([GREENHOUSE, munich])) == 2


def test_local_and_english_city_names_are_the_same_city():
    munich_en = replace(GREENHOUSE, location=Location(raw="Munich, Germany", city="Munich", country_code="DE"))
    munich_de = replace(ARBEITNOW, location=Location(raw="München", city="München"))

    assert same_job(dedup_keys(munich_en), dedup_keys(munich_de))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Senior Backend Engineer", "Junior Backend Engineer"),
        ("Software Engineer II", "Software Engineer III"),
        ("Software Engineer 2", "Software Engineer 3"),
        ("Staff Backend Engineer", "Senior Backend Engineer"),
        ("Backend Engineer", "Frontend Engineer"),
        ("Product Manager", "Product Marketing Manager"),
        ("Senior Backend Engineer", "Senior Backend Engineer, Payments"),
        ("Backend Engineer (Python)", "Backend Engineer (Java)"),
        ("Lead Customer Success Manager II", "Customer Success Manager II"),
        ("Support Engineer 4821", "Support Engineer 4822"),  # requisition numbers
        ("Software Engineering Intern 2025", "Software Engineering Intern 2026"),
    ],
)
def test_look_alike_titles_at_one_company_stay_apart(one, other):
    a = replace(GREENHOUSE, title=one)
    b = replace(ARBEITNOW, title=other)

    assert not same_job(dedup_keys(a), dedup_keys(b))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Senior Backend Engineer", "Sr. Backend Engineer"),
        ("Software Engineer II", "Software Engineer 2"),
        ("Full-Stack Developer", "Fullstack Developer (all genders)"),
        ("Backend Engineer - Berlin", "Backend Engineer"),
        ("Data Engineer, Remote", "Data Engineer"),
        ("Backend Engineer at Acme", "Backend Engineer (f/m/d) - Full-time"),
        ("Backend Engineer | ACME", "Backend Engineer*"),
    ],
)
def test_title_variations_of_one_job_merge(one, other):
    a = replace(GREENHOUSE, title=one)
    b = replace(ARBEITNOW, title=other)

    assert same_job(dedup_keys(a), dedup_keys(b))


def test_a_generic_careers_page_link_does_not_merge_different_jobs():
    careers = "https://acme.com/careers?utm_source=board"
    designer = replace(GREENHOUSE, title="Product Designer", apply_url=careers)
    engineer = replace(ARBEITNOW, title="Backend Engineer", apply_url=careers)

    assert not same_job(dedup_keys(designer), dedup_keys(engineer))


def test_a_link_shared_by_a_senior_and_a_junior_posting_does_not_merge_them():
    senior = replace(GREENHOUSE, apply_url="https://acme.com/jobs/apply/42")
    junior = replace(ARBEITNOW, title="Junior Backend Engineer", apply_url="https://acme.com/jobs/apply/42")

    assert not same_job(dedup_keys(senior), dedup_keys(junior))


@pytest.mark.parametrize(
    ("name", "normalized"),
    [
        ("ACME GmbH & Co. KG", "acme"),
        ("Acme, Inc.", "acme"),
        ("The Acme Company", "acme"),
        ("Acme S.A.", "acme"),
        ("Société Générale SA", "societe generale"),
        ("Johnson & Johnson", "johnson and johnson"),
        ("GmbH", "gmbh"),
    ],
)
def test_company_names_lose_legal_forms_case_and_accents(name, normalized):
    assert normalize_company(name) == normalized


def test_a_new_batch_joins_groups_already_stored():
    stored = [GroupedPosting(GREENHOUSE.id, dedup_keys(GREENHOUSE), "group-7")]

    assert assign_groups([ARBEITNOW, REMOTIVE], existing=stored) == {
        ARBEITNOW.id: "group-7",
        REMOTIVE.id: "group-7",
    }


def test_a_stored_posting_keeps_its_group_when_scraped_again():
    stored = [GroupedPosting(ARBEITNOW.id, dedup_keys(ARBEITNOW), "its-own-group")]

    assert assign_groups([GREENHOUSE, ARBEITNOW], existing=stored)[ARBEITNOW.id] == "its-own-group"


def test_a_split_is_remembered_across_runs():
    stored = [
        GroupedPosting(GREENHOUSE.id, dedup_keys(GREENHOUSE), GREENHOUSE.id),
        GroupedPosting(ARBEITNOW.id, dedup_keys(ARBEITNOW), GREENHOUSE.id),
    ]
    splits = {(ARBEITNOW.id, GREENHOUSE.id)}

    again = assign_groups([ARBEITNOW, REMOTIVE], existing=stored, splits=splits)

    assert again[ARBEITNOW.id] != GREENHOUSE.id
    assert again[REMOTIVE.id] == GREENHOUSE.id
    # From scratch, too: the user's split still holds.
    assert assign_groups([GREENHOUSE, ARBEITNOW], splits=splits)[ARBEITNOW.id] != GREENHOUSE.id


def test_the_first_posting_of_a_split_group_gets_a_new_key():
    splits = {(GREENHOUSE.id, GREENHOUSE.id)}
    stored = [GroupedPosting(ARBEITNOW.id, dedup_keys(ARBEITNOW), GREENHOUSE.id)]

    assert assign_groups([GREENHOUSE], existing=stored, splits=splits)[GREENHOUSE.id] != GREENHOUSE.id


def test_postings_without_a_company_are_only_merged_by_link():
    anonymous = replace(GREENHOUSE, company="", url="https://a.test/jobs/1")
    also_anonymous = replace(ARBEITNOW, company="", url="https://b.test/jobs/2")

    assert len(groups_of([anonymous, also_anonymous])) == 2


words = st.sampled_from(["Senior", "Junior", "Backend", "Engineer", "II", "III", "Data", "-", "(m/w/d)", "Sr."])
titles = st.lists(words, min_size=1, max_size=5).map(" ".join)
cities = st.sampled_from([None, "Berlin", "München", "Munich", "Paris"])


@given(titles, titles, cities, cities)
def test_same_job_is_symmetric_and_reflexive(title_a, title_b, city_a, city_b):
    a = dedup_keys(replace(GREENHOUSE, title=title_a, location=Location(raw=city_a or "", city=city_a)))
    b = dedup_keys(replace(ARBEITNOW, title=title_b, location=Location(raw=city_b or "", city=city_b)))

    assert same_job(a, b) == same_job(b, a)
    assert same_job(a, a)


@given(st.text(max_size=80), st.text(max_size=40), st.text(max_size=80), st.text(max_size=40))
def test_keys_are_computed_for_any_scraped_text(title, company, url, place):
    posting = replace(GREENHOUSE, title=title, company=company, url=url, apply_url=url, location=Location(raw=place))

    keys = dedup_keys(posting)

    assert same_job(keys, keys) == bool(keys.urls or (keys.company and keys.title))
