"""Every board against the fixture server: what a user would see in the postings list."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from board_server import Reply, fixture, json_reply, make_board, run

from careercopilot.domain.postings import EmploymentType, RemoteMode, SalaryInterval, Seniority
from careercopilot.scraping.base import SearchQuery


def only(results):
    (result,) = results
    assert result.status == "ok", result.reason
    return result


def test_arbeitnow_follows_pages_until_next_is_null_and_unescapes_descriptions(server):
    server.add("/api/job-board-api", json_reply("arbeitnow/page1.json"), query={"page": "1"})
    server.add("/api/job-board-api", json_reply("arbeitnow/page2.json"), query={"page": "2"})
    result = only(run(make_board("arbeitnow", server)))
    assert [p.source_id for p in result.postings] == [
        "backend-engineer-python-berlin-1001",
        "remote-data-analyst-1002",
        "werkstudent-it-hamburg-1003",
    ]
    assert result.pages_fetched == 2 and result.http_statuses == (200, 200)
    first = result.postings[0]
    assert first.description_html.startswith("<h2>Über uns</h2>")
    assert "script" not in first.description_html and "alert" not in first.description_text
    assert (first.salary.min, first.salary.max, first.salary.currency) == (60000, 75000, "EUR")
    assert first.posted_at == datetime.fromtimestamp(1788700000, UTC)
    assert first.location.country_code == "DE"
    assert result.postings[1].remote is RemoteMode.REMOTE
    assert "onclick" not in result.postings[1].description_html
    assert result.postings[2].seniority is Seniority.INTERN


def test_arbeitnow_stops_at_an_empty_page(server):
    server.add("/api/job-board-api", json_reply("arbeitnow/empty.json"))
    result = only(run(make_board("arbeitnow", server)))
    assert result.postings == () and result.pages_fetched == 1


def test_remotive_passes_the_search_and_reads_free_text_salaries(server):
    server.add("/api/remote-jobs", json_reply("remotive/jobs.json"))
    result = only(run(make_board("remotive", server), SearchQuery(query="engineer")))
    assert server.hits_for("/api/remote-jobs")[0].query == {"search": "engineer"}
    rust, designer = result.postings  # server-side search: no local keyword filter drops the designer
    assert rust.posted_at == datetime(2026, 10, 1, 9, 30, tzinfo=UTC)
    assert (rust.salary.min, rust.salary.max, rust.salary.currency) == (90000, 120000, "EUR")
    assert (designer.salary.interval, designer.salary.max) == (SalaryInterval.HOUR, 80)
    assert designer.employment_types == (EmploymentType.CONTRACT,)
    assert rust.attribution is not None and "Remotive" in rust.attribution.text


def test_remoteok_skips_the_legal_notice_and_repairs_mojibake(server):
    server.add("/api", json_reply("remoteok/api.json"))
    result = only(run(make_board("remoteok", server)))
    go, designer = result.postings
    assert go.url == "https://remoteok.com/remote-jobs/remote-senior-go-developer-acme-2000001"
    assert (go.salary.min, go.salary.currency, go.salary.interval) == (120000, "USD", SalaryInterval.YEAR)
    assert designer.title == "Diseñador Gráfico"
    assert designer.salary.min is None


def test_himalayas_passes_the_cursor_back(server):
    server.add("/jobs/api", json_reply("himalayas/page1.json"), query={"limit": "20"})
    server.add("/jobs/api", json_reply("himalayas/page2.json"), query={"limit": "20", "cursor": "Y3Vyc29yLTI"})
    result = only(run(make_board("himalayas", server)))
    assert [p.title for p in result.postings] == ["Platform Engineer", "Support Specialist", "Data Scientist"]
    support = result.postings[1]
    assert (support.salary.min, support.salary.max, support.salary.interval) == (25, 35, SalaryInterval.HOUR)
    assert support.remote_scope == ("United States", "Canada")
    assert support.expires_at is not None


def test_jobicy_reads_structured_salary_and_level(server):
    server.add("/api/v2/remote-jobs", json_reply("jobicy/jobs.json"))
    (job,) = only(run(make_board("jobicy", server))).postings
    assert (job.salary.min, job.salary.max, job.salary.currency) == (70000, 90000, "GBP")
    assert job.seniority is Seniority.SENIOR
    assert job.remote_scope == ("EMEA", "UK")


def test_weworkremotely_splits_company_from_role_and_finds_pay_in_the_text(server):
    server.add("/remote-jobs.rss", Reply(body=fixture("weworkremotely/feed.rss")))
    frontend, support = only(run(make_board("weworkremotely", server))).postings
    assert (frontend.company, frontend.title) == ("Quillhouse", "Senior Frontend Engineer")
    assert frontend.posted_at == datetime(2026, 10, 5, 10, 15, tzinfo=UTC)
    assert (frontend.salary.min, frontend.salary.max) == (110000, 140000)
    assert "Headquarters" in frontend.description_text
    assert support.location.country_code == "US"


def test_hackernews_picks_the_hiring_thread_and_reads_the_header_line(server):
    server.add("/api/v1/search_by_date", json_reply("hackernews/threads.json"))
    server.add("/api/v1/items/50100001", json_reply("hackernews/thread.json"))
    result = only(run(make_board("hackernews", server)))
    assert [hit.path for hit in server.hits] == ["/api/v1/search_by_date", "/api/v1/items/50100001"]
    lumen, paperplane = result.postings  # the deleted comment and the question are not postings
    assert (lumen.company, lumen.title) == ("Lumen Robotics", "Senior Embedded Engineer")
    assert (lumen.location.city, lumen.location.country_code) == ("Munich", "DE")
    assert lumen.remote is RemoteMode.ONSITE
    assert (lumen.salary.min, lumen.salary.max, lumen.salary.currency) == (85000, 105000, "EUR")
    assert lumen.company_url == "https://lumen.example/jobs"
    assert lumen.url == "https://news.ycombinator.com/item?id=50100011"
    assert paperplane.remote is RemoteMode.REMOTE and paperplane.remote_scope == ("US", "Canada")
    assert (paperplane.salary.min, paperplane.salary.max) == (140000, 170000)
    assert result.skipped_items == 1


def test_themuse_counts_pages_from_zero(server):
    server.add("/api/public/jobs", json_reply("themuse/page0.json"), query={"page": "0", "descending": "true"})
    server.add("/api/public/jobs", json_reply("themuse/page1.json"), query={"page": "1", "descending": "true"})
    result = only(run(make_board("themuse", server)))
    engineer, manager, intern = result.postings
    assert engineer.location.region == "TX" and engineer.seniority is Seniority.MID
    assert manager.remote is RemoteMode.REMOTE and manager.seniority is Seniority.MANAGER
    assert intern.seniority is Seniority.INTERN


def test_greenhouse_reads_each_company_and_strips_tracking_from_links(server):
    server.add("/v1/boards/acme/jobs", json_reply("greenhouse/acme.json"))
    result = only(run(make_board("greenhouse", server, companies=["acme"])))
    staff, coordinator = result.postings
    assert staff.url == "https://job-boards.greenhouse.io/acme/jobs/7001"
    assert staff.remote is RemoteMode.HYBRID and staff.department == "Machine Learning"
    assert (staff.salary.min, staff.salary.max, staff.salary.currency) == (180000, 220000, "CAD")
    assert staff.posted_at == datetime(2026, 9, 10, 13, 0, tzinfo=UTC)
    assert staff.board_token == "acme" and staff.seniority is Seniority.LEAD
    assert coordinator.remote is RemoteMode.REMOTE


def test_greenhouse_unknown_company_fails_the_board_with_a_reason_naming_the_fix(server):
    result = run(make_board("greenhouse", server, companies=["nope"]))[0]
    assert result.status == "failed" and result.http_statuses == (404,)
    assert "404" in result.reason and "company token" in result.reason


def test_lever_reads_salary_ranges_and_workplace_type_once_per_job(server):
    server.add("/v0/postings/acme", json_reply("lever/acme.json"))
    result = only(run(make_board("lever", server, companies=["acme", "eu:acme"])))
    assert result.pages_fetched == 2  # global and EU host both asked; the same jobs are kept once
    sre, qa = result.postings
    assert (sre.salary.min, sre.salary.max, sre.salary.currency, sre.salary.interval) == (
        80000,
        95000,
        "GBP",
        SalaryInterval.YEAR,
    )
    assert sre.remote is RemoteMode.HYBRID and sre.company == "Acme"
    assert sre.apply_url and "lever-source" not in sre.apply_url
    assert "Ship" in sre.description_text
    assert qa.remote is RemoteMode.ONSITE and qa.employment_types == (EmploymentType.CONTRACT,)
    assert qa.seniority is Seniority.ENTRY


def test_ashby_skips_unlisted_jobs_and_reads_compensation_tiers(server):
    server.add("/posting-api/job-board/acme", json_reply("ashby/acme.json"))
    (job,) = only(run(make_board("ashby", server, companies=["acme"]))).postings
    assert (job.salary.min, job.salary.max, job.salary.currency) == (150000, 190000, "USD")
    assert job.remote is RemoteMode.REMOTE and job.location.country_code == "US"
    assert job.location.additional == ("New York, NY",)


def test_workable_uses_the_account_name_as_company(server):
    server.add("/api/v1/widget/accounts/acme", json_reply("workable/acme.json"))
    (job,) = only(run(make_board("workable", server, companies=["acme"]))).postings
    assert (job.company, job.location.city, job.location.country_code) == ("Acme Analytics", "Amsterdam", "NL")
    assert job.posted_at == datetime(2026, 9, 18, tzinfo=UTC)


def test_workable_unknown_account_404_text_plain_fails_cleanly(server):
    server.add("/api/v1/widget/accounts/ghost", Reply(404, b"Not Found", {"Content-Type": "text/plain"}))
    result = run(make_board("workable", server, companies=["ghost"]))[0]
    assert result.status == "failed" and result.postings == ()


def test_smartrecruiters_completes_each_posting_from_its_detail(server):
    server.add("/v1/companies/AcmeGroup/postings", json_reply("smartrecruiters/list.json"))
    server.add("/v1/companies/AcmeGroup/postings/744000000001", json_reply("smartrecruiters/detail_1.json"))
    server.add("/v1/companies/AcmeGroup/postings/744000000002", json_reply("smartrecruiters/detail_2.json"))
    result = only(run(make_board("smartrecruiters", server, companies=["AcmeGroup"])))
    engineer, technician = result.postings
    assert result.pages_fetched == 3
    assert "Process Engineer duties" in engineer.description_text and not engineer.description_is_partial
    assert engineer.apply_url == "https://jobs.smartrecruiters.com/AcmeGroup/744000000001"
    assert (engineer.location.city, engineer.location.country_code) == ("Stuttgart", "DE")
    assert technician.remote is RemoteMode.REMOTE


def test_smartrecruiters_unknown_company_is_an_empty_board_not_a_failure(server):
    server.add("/v1/companies/Nobody/postings", json_reply("smartrecruiters/unknown.json"))
    result = only(run(make_board("smartrecruiters", server, companies=["Nobody"])))
    assert result.postings == ()


def test_reed_sends_the_key_as_basic_auth_user_and_reads_day_first_dates(server):
    server.add("/api/1.0/search", json_reply("reed/search.json"))
    board = make_board("reed", server, env={"REED_API_KEY": "k-123"})
    developer, carer = only(run(board, SearchQuery(query="developer", location="London"))).postings
    hit = server.hits_for("/api/1.0/search")[0]
    assert hit.headers["Authorization"] == "Basic " + base64.b64encode(b"k-123:").decode()
    assert hit.query["keywords"] == "developer" and hit.query["locationName"] == "London"
    assert developer.posted_at == datetime(2026, 10, 1, tzinfo=UTC)
    assert developer.expires_at == datetime(2026, 10, 30, tzinfo=UTC)
    assert developer.description_is_partial and "£70k" in developer.description_text
    assert carer.salary.max == 13.0


def test_reed_without_a_key_fails_with_the_variable_to_set(server):
    result = run(make_board("reed", server, enabled=True))[0]
    assert result.status == "failed" and "REED_API_KEY" in result.reason
    assert server.hits == []


def test_reed_rejected_key_is_reported_as_a_credentials_problem(server):
    server.add("/api/1.0/search", Reply(401, b"", {"WWW-Authenticate": "Basic"}))
    result = run(make_board("reed", server, env={"REED_API_KEY": "wrong"}))[0]
    assert result.status == "failed" and "credentials" in result.reason and result.http_statuses == (401,)


def test_adzuna_marks_predicted_salaries_as_estimates_and_keeps_keys_out_of_reasons(server):
    server.add("/v1/api/jobs/gb/search/1", json_reply("adzuna/page1.json"))
    env = {"ADZUNA_APP_KEY": "secret-key", "ADZUNA_APP_ID": "app-1"}
    (job,) = only(run(make_board("adzuna", server, env=env), SearchQuery(query="python"))).postings
    assert server.hits[0].query["app_key"] == "secret-key" and server.hits[0].query["what"] == "python"
    assert job.salary.is_estimate and job.salary.currency == "GBP"
    assert job.url == "https://www.adzuna.co.uk/jobs/details/4400000001"
    assert job.location.country_code == "GB" and job.description_is_partial
    server.reset()
    server.add("/v1/api/jobs/gb/search/1", Reply(503, b"<html>CloudFront</html>"))
    failed = run(make_board("adzuna", server, env=env))[0]
    assert failed.status == "failed" and "secret-key" not in failed.reason


def test_usajobs_sends_key_and_email_headers(server):
    server.add("/api/search", json_reply("usajobs/search.json"))
    env = {"USAJOBS_API_KEY": "gov-key", "USAJOBS_EMAIL": "me@example.org"}
    (job,) = only(run(make_board("usajobs", server, env=env))).postings
    headers = server.hits[0].headers
    assert headers["Authorization-Key"] == "gov-key" and headers["User-Agent"] == "me@example.org"
    assert job.url == "https://www.usajobs.gov/job/800100"
    assert (job.salary.min, job.salary.max, job.salary.interval) == (99000, 128000, SalaryInterval.YEAR)
    assert job.expires_at is not None and job.expires_at.tzinfo is UTC
