"""Real recorded board responses (shared/fixtures/real, never copied here) parse into the fields users see."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from board_server import Reply, make_board, run

from careercopilot.domain.postings import EmploymentType, RemoteMode, SalaryInterval, Seniority
from careercopilot.domain.text import clean_text
from careercopilot.scraping.base import SearchQuery
from careercopilot.scraping.registry import build_board
from careercopilot.scraping.settings import parse_board_settings

REAL = Path(__file__).parents[2] / ".." / "shared" / "fixtures" / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"real recordings not present at {REAL}")


def board(name: str):
    return build_board(parse_board_settings(name, {}, env={}))


def load(relative: str):
    return json.loads((REAL / relative).read_bytes())


def check_common(postings, source):
    assert postings, f"{source} parsed nothing"
    for posting in postings:
        assert posting.source == source and posting.source_id and posting.title
        assert posting.url.startswith("https://")
        assert posting.posted_at is None or posting.posted_at.tzinfo is UTC
        for text in (posting.title, posting.company, posting.description_text):
            assert clean_text(text) == text
        assert "<script" not in posting.description_html
    return postings


def test_arbeitnow():
    first, python, parity = check_common(
        list(board("arbeitnow").postings(load("arbeitnow/arbeitnow_job_board_api_page1.json"))), "arbeitnow"
    )
    assert first.id == "arbeitnow:werkstudent-customer-success-berlin-berlin-72879"
    assert first.company == "Doctolib" and first.seniority is Seniority.INTERN
    assert first.description_html.startswith("<h2>Gemeinsam gestalten") and "&lt;" not in first.description_html
    assert first.posted_at == datetime.fromtimestamp(1790412915, UTC)
    assert python.employment_types == (EmploymentType.FULL_TIME,) and python.seniority is Seniority.SENIOR
    assert parity.remote is RemoteMode.REMOTE


def test_arbeitnow_remote_false_is_left_out_of_a_remote_scrape(server):
    """`scrape -b arbeitnow --remote` stored "Werkstudent … Berlin", which the source marks "remote": false."""
    body = (REAL / "arbeitnow/arbeitnow_job_board_api_page1.json").read_bytes()
    server.add("/api/job-board-api", Reply(body=body, headers={"Content-Type": "application/json"}))
    (result,) = run(make_board("arbeitnow", server, max_pages=1), SearchQuery(remote=True))
    # Parity's flag is false too, but its location reads "Remote": the employer's words win.
    assert [posting.company for posting in result.postings] == ["Parity"]
    werkstudent, python, _ = board("arbeitnow").postings(load("arbeitnow/arbeitnow_job_board_api_page1.json"))
    assert werkstudent.remote is python.remote is RemoteMode.ONSITE


def test_remotive():
    postings = check_common(list(board("remotive").postings(load("remotive/remotive_jobs.json"))), "remotive")
    first = postings[0]
    assert (first.source_id, first.company) == ("2090989", "The Obesity Society")
    assert first.posted_at == datetime(2026, 7, 12, 6, 35, 18, tzinfo=UTC)
    assert all(posting.remote is RemoteMode.REMOTE for posting in postings)
    # The recording cuts descriptions mid-tag ('<span class="ejCXj" … style="overflow: hid'): no fragment is kept.
    assert not any("<span" in posting.description_text for posting in postings)
    assert first.description_text.endswith("performs accounting and c")
    hourly = next(posting for posting in postings if posting.source_id == "1919265")
    assert (hourly.salary.min, hourly.salary.max, hourly.salary.interval) == (90, 150, SalaryInterval.HOUR)


def test_remoteok():
    consultant, mechanic = check_common(
        list(board("remoteok").postings(load("remoteok/remoteok_api.json"))), "remoteok"
    )
    assert consultant.id == "remoteok:1137431" and consultant.company == "Mercier Consultancy Group"
    assert consultant.posted_at == datetime(2026, 9, 24, 16, 0, 6, tzinfo=UTC)
    assert mechanic.title == "Mecánico Automotriz Diagnóstico y Presupuestos"
    assert "Mecánico/a" in mechanic.description_text
    assert consultant.salary.min is None  # 0 means "not given"


def test_himalayas():
    evaluator, operations = check_common(
        list(board("himalayas").postings(load("himalayas/himalayas_jobs_api.json"))), "himalayas"
    )
    assert (evaluator.salary.min, evaluator.salary.max, evaluator.salary.interval) == (15, 30, SalaryInterval.HOUR)
    assert (operations.salary.min, operations.salary.max, operations.salary.currency) == (100000, 115000, "USD")
    assert operations.remote_scope == ("United States",) and operations.seniority is Seniority.MID
    assert evaluator.posted_at == datetime.fromtimestamp(1790401136, UTC)


def test_jobicy():
    oriole, phantom = check_common(list(board("jobicy").postings(load("jobicy/jobicy_v2_remote_jobs.json"))), "jobicy")
    assert oriole.id == "jobicy:154087" and oriole.company == "Supabase"
    assert oriole.remote_scope == ("LATAM", "Canada", "USA")
    assert phantom.seniority is Seniority.LEAD  # "Staff Engineer" outranks the board's "Senior"


def test_weworkremotely():
    body = (REAL / "weworkremotely" / "weworkremotely_programming.rss").read_bytes()
    fin, toptal = check_common(list(board("weworkremotely").postings(body)), "weworkremotely")
    assert (fin.company, fin.title) == ("Fin", "Solutions Architect -Spanish Speaking")
    assert fin.posted_at == datetime(2026, 9, 11, 7, 30, 48, tzinfo=UTC)
    assert (fin.salary.min, fin.salary.max, fin.salary.currency) == (190800, 227900, "USD")
    assert toptal.remote_scope == ("North America Only",)


def test_hackernews():
    modash, quill, neon = check_common(
        list(board("hackernews").postings(load("hackernews/hn_algolia_items_whoishiring_trimmed.json"))),
        "hackernews",
    )
    assert (modash.company, modash.title) == ("Modash.io", "Senior Product Engineer")
    assert modash.remote is RemoteMode.REMOTE and modash.remote_scope == ("Europe",)
    assert (modash.salary.min, modash.salary.max, modash.salary.currency) == (75000, 110000, "EUR")
    assert (quill.salary.min, quill.salary.max, quill.salary.currency) == (150000, 210000, "USD")
    assert quill.company_url == "https://quill.co/"
    assert neon.company == "Open Education Applications / Neon" and neon.remote is RemoteMode.HYBRID
    assert (neon.location.city, neon.location.country_code) == ("Utrecht", "NL")


def test_themuse():
    sales, guest = check_common(
        list(board("themuse").postings(load("themuse/themuse_public_jobs_page0.json"))), "themuse"
    )
    assert sales.id == "themuse:6747012" and sales.company == "Paychex"
    assert sales.location.additional == ("Stockton, CA",) and sales.location.country_code == "US"
    assert sales.seniority is Seniority.MID
    assert guest.posted_at == datetime(2021, 9, 24, 11, 38, 19, tzinfo=UTC)


def test_greenhouse():
    postings = check_common(
        list(board("greenhouse").postings(load("greenhouse/greenhouse_jobs.json"), "anthropic")), "greenhouse"
    )
    lead = postings[0]
    assert lead.id == "greenhouse:5311686008" and lead.company == "Anthropic"
    assert lead.posted_at == datetime(2026, 7, 10, 20, 15, 41, tzinfo=UTC)
    assert lead.remote is RemoteMode.REMOTE and lead.department == "Security"
    assert (lead.location.city, lead.location.country_code) == ("Sydney", "AU")
    assert lead.description_html.startswith("<div><h2><strong>About Anthropic")
    paid = [posting for posting in postings if posting.salary.min]
    assert paid and all(posting.salary.currency == "USD" for posting in paid)


def test_lever():
    postings = check_common(list(board("lever").postings(load("lever/lever_postings.json"), "spotify")), "lever")
    android = postings[0]
    assert android.id == "lever:b4ad9572-e20f-4185-a284-99d9740d04f0" and android.company == "Spotify"
    assert android.posted_at == datetime.fromtimestamp(1782821535.482, UTC)
    assert android.remote is RemoteMode.REMOTE and android.location.country_code == "GB"
    assert android.employment_types == (EmploymentType.FULL_TIME,)
    assert [p.salary.min for p in postings if p.salary.min] == [67172]


def test_ashby():
    postings = check_common(list(board("ashby").postings(load("ashby/ashby_jobs.json"), "ramp")), "ashby")
    consultant = postings[0]
    assert (consultant.salary.min, consultant.salary.max, consultant.salary.currency) == (151000, 231000, "USD")
    assert consultant.remote is RemoteMode.REMOTE and consultant.location.country_code == "US"
    assert consultant.posted_at == datetime(2026, 7, 7, 20, 47, 9, 753000, tzinfo=UTC)


def test_workable():
    (engineer,) = check_common(
        list(board("workable").postings(load("workable/workable_widget_accounts_details.json"), "huggingface")),
        "workable",
    )
    assert engineer.id == "workable:81B46579FE" and engineer.company == "Hugging Face"
    assert engineer.remote is RemoteMode.REMOTE and engineer.location.country_code == "FR"


def test_smartrecruiters_list_and_detail():
    sr = board("smartrecruiters")
    listed = check_common(
        list(sr.postings(load("smartrecruiters/smartrecruiters_postings_list.json")["content"], partial=True)),
        "smartrecruiters",
    )
    assert listed[0].company == "Ubisoft" and listed[0].description_is_partial
    assert listed[0].remote is RemoteMode.ONSITE  # "Work flexibility: Office-based"
    assert listed[1].employment_types == (EmploymentType.INTERNSHIP,)
    (detail,) = check_common(
        list(sr.postings([load("smartrecruiters/smartrecruiters_posting_detail_trimmed.json")])), "smartrecruiters"
    )
    assert detail.url == "https://jobs.smartrecruiters.com/BoschGroup/744000154502129-operator-2-2nd-shift-"
    assert (detail.location.city, detail.location.region, detail.location.country_code) == ("St. Joseph", "MI", "US")


def test_adzuna():
    postings = check_common(list(board("adzuna").postings(load("adzuna/adzuna_search.json"), "us")), "adzuna")
    first = postings[0]
    assert first.id == "adzuna:5801147013" and first.company == "SSG"
    assert first.url == "https://www.adzuna.com/details/5801147013"
    assert (first.salary.min, first.salary.currency, first.salary.is_estimate) == (85389, "USD", False)
    assert all(posting.description_is_partial for posting in postings)


def test_usajobs():
    inspector, *_ = check_common(list(board("usajobs").postings(load("usajobs/usajobs_jobs.json"))), "usajobs")
    assert inspector.id == "usajobs:PHMSA.PSRG-2026-0018"
    assert inspector.remote is RemoteMode.REMOTE and inspector.location.country_code == "US"
    assert (inspector.salary.min, inspector.salary.max, inspector.salary.interval) == (
        106437,
        158322,
        SalaryInterval.YEAR,
    )
    assert inspector.posted_at == datetime(2026, 7, 6, tzinfo=UTC)
