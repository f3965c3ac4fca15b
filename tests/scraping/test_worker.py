"""Fetching and parsing in a child process: postings arrive a page at a time, and a lost child loses no data."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
import signal
import time
from datetime import UTC, datetime

import pytest
from board_server import FAST, Reply, fixture, json_reply

from careercopilot.db.models import HttpCacheEntry
from careercopilot.domain.jobs import JobFilters
from careercopilot.domain.matching import posting_skills
from careercopilot.domain.postings import (
    Attribution,
    EmploymentType,
    Location,
    Posting,
    RemoteMode,
    Salary,
    SalaryInterval,
    Seniority,
)
from careercopilot.scraping import runner
from careercopilot.scraping.base import SearchQuery
from careercopilot.scraping.settings import parse_board_settings
from careercopilot.scraping.worker import Found, scrape_boards


def _settings(server, **tables: dict[str, object]) -> dict:
    return {name: parse_board_settings(name, {"base_url": server.url, "requests_per_minute": 600, **table}, {})
            for name, table in tables.items()}


def _child() -> multiprocessing.Process | None:
    return next((p for p in multiprocessing.active_children() if p.name == "careercopilot-scrape"), None)


def _two_pages(server) -> None:
    server.add("/api/job-board-api", json_reply("arbeitnow/page1.json"), query={"page": "1"})
    server.add("/api/job-board-api", json_reply("arbeitnow/page2.json"), query={"page": "2"})


@pytest.mark.parametrize("in_child", [True, False], ids=["child process", "thread"])
def test_postings_arrive_a_page_at_a_time_before_the_board_ends(server, in_child):
    _two_pages(server)
    events = list(scrape_boards(_settings(server, arbeitnow={}), ["arbeitnow"], SearchQuery(""), FAST, None,
                                in_child))
    batches = [e for e in events if isinstance(e, Found)]
    finished = [e for e in events if not isinstance(e, Found) and e.kind == "board_finished"]
    assert len(batches) == 2 and events.index(finished[0]) > events.index(batches[-1])
    assert finished[0].result.ok and finished[0].postings == sum(len(b.postings) for b in batches)


@pytest.mark.parametrize("in_child", [True, False], ids=["child process", "thread"])
def test_a_big_page_is_handed_over_in_batches_before_it_is_read_to_its_end(server, in_child, monkeypatch):
    # A whole RSS feed is one page: the storing side should not wait for its last item to start on the first.
    monkeypatch.setattr(runner, "HAND_OVER_EVERY", 1)
    server.add("/api/job-board-api", json_reply("arbeitnow/page1.json"), query={"page": "1"})
    events = list(scrape_boards(_settings(server, arbeitnow={"max_pages": 1}), ["arbeitnow"], SearchQuery(""), FAST,
                                None, in_child))
    batches = [e.postings for e in events if isinstance(e, Found)]
    assert len(batches) == 2 and all(len(batch) == 1 for batch in batches)
    assert batches[0][0].id != batches[1][0].id


def test_the_child_does_the_callers_work_ahead_only_while_the_caller_is_behind(server):
    _two_pages(server)
    # The fixture pages hold two postings each: the caller counts as behind from one posting on.
    events = scrape_boards(_settings(server, arbeitnow={}), ["arbeitnow"], SearchQuery(""), FAST, None, True,
                           behind=0, ahead=lambda postings: {p.id: (p, posting_skills(p)) for p in postings})
    first = next(e for e in events if isinstance(e, Found))
    # The caller stays on the first page (as when storing a big board) until the child has parsed the second.
    deadline = time.monotonic() + 10
    while not any(hit.query.get("page") == "2" for hit in server.hits) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    second = next(e for e in events if isinstance(e, Found))
    assert first.ahead is None  # the caller had taken in everything before it: it does the work itself
    assert set(second.ahead) == {p.id for p in second.postings}
    for posting in second.postings:
        same, skills = second.ahead[posting.id]
        assert same is posting  # one object on this side too: ingest knows the work is for this very posting
        assert skills == posting_skills(posting)
    events.close()


def test_a_board_failing_after_its_first_page_stores_nothing_from_it(make_services, isolated_home, server, alice):
    isolated_home.mkdir(parents=True, exist_ok=True)
    table = f'base_url = "{server.url}"\nrequests_per_minute = 600\n'  # pacing has tests of its own
    (isolated_home / "config.toml").write_text(f"[boards.arbeitnow]\n{table}[boards.remotive]\n{table}")
    services = make_services()
    services.scrape.http_overrides.update(dataclasses.asdict(FAST))
    server.add("/api/job-board-api", json_reply("arbeitnow/page1.json"), query={"page": "1"})
    server.add("/api/job-board-api", Reply(503), query={"page": "2"})
    server.add("/api/remote-jobs", json_reply("remotive/jobs.json"))
    report = services.scrape.run(("arbeitnow", "remotive"), query="")
    by_board = {b.board: b for b in report.boards}
    assert by_board["arbeitnow"].status == "failed" and by_board["arbeitnow"].seen == 0
    assert by_board["remotive"].status == "ok" and by_board["remotive"].new > 0
    sources = {job.source for job in services.jobs.feed(alice, JobFilters(limit=1000))}
    assert sources == {"remotive"}  # page 1 of arbeitnow reached this process, and was dropped with its board


def test_a_child_that_dies_fails_the_boards_it_had_not_finished(server):
    server.add("/api/job-board-api", json_reply("arbeitnow/page1.json"), query={"page": "1"})
    server.add("/api/job-board-api", json_reply("arbeitnow/page2.json"), query={"page": "2"})
    server.add("/api/remote-jobs", json_reply("remotive/jobs.json", delay=3.0))  # still waiting when the child dies
    slow = dataclasses.replace(FAST, timeout=10.0)
    finished = {}
    for event in scrape_boards(_settings(server, arbeitnow={}, remotive={}), ["arbeitnow", "remotive"],
                               SearchQuery(""), slow, None, in_child=True):
        if not isinstance(event, Found) and event.kind == "board_finished":
            finished[event.board] = event.result
            if event.board == "arbeitnow":
                os.kill(_child().pid, signal.SIGKILL)
    assert finished["arbeitnow"].ok
    assert finished["remotive"].status == "failed" and finished["remotive"].postings == ()
    assert "stopped (exit code -9) before remotive finished" in finished["remotive"].reason


@pytest.mark.parametrize("in_child", [True, False], ids=["child process", "thread"])
def test_a_caller_that_gives_up_stops_the_fetching(server, in_child):
    # Every page links to a next one: the board would fetch all 50 if nobody stopped it.
    server.add("/api/job-board-api", json_reply("arbeitnow/page1.json", delay=0.1))
    events = scrape_boards(_settings(server, arbeitnow={"max_pages": 50}), ["arbeitnow"], SearchQuery(""), FAST,
                           None, in_child)
    next(event for event in events if isinstance(event, Found))
    events.close()  # as on Ctrl-C, or an error while storing
    assert _child() is None
    time.sleep(0.3)  # a thread finishes the page it was on
    fetched = len(server.hits_for("/api/job-board-api"))
    time.sleep(0.5)
    assert len(server.hits_for("/api/job-board-api")) == fetched < 50


def test_the_child_keeps_conditional_request_validators_in_the_database(services, server):
    # The next cron run asks "changed since?" with what this one stored, though it ran in another process.
    server.add("/api/remote-jobs", Reply(body=fixture("remotive/jobs.json"),
                                         headers={"Content-Type": "application/json", "ETag": '"v7"'}))
    events = list(scrape_boards(_settings(server, remotive={}), ["remotive"], SearchQuery(""), FAST,
                                services.db.url, in_child=True))
    assert events[-1].result.ok
    with services.db.read() as s:
        assert [entry.etag for entry in s.query(HttpCacheEntry)] == ['"v7"']


def test_postings_survive_the_trip_between_processes_whole():
    posting = Posting(
        source="greenhouse", source_id="42", title="Staff Engineer", company="Acme", url="https://acme.example/42",
        apply_url="https://acme.example/42/apply", board_token="acme",
        location=Location("Berlin, Germany", "Berlin", "Berlin", "DE", ("Munich",)), remote=RemoteMode.HYBRID,
        remote_scope=("EU",), employment_types=(EmploymentType.FULL_TIME,), seniority=Seniority.LEAD,
        department="Platform", salary=Salary(90_000, 120_000, "EUR", SalaryInterval.YEAR, False, "€90k–120k"),
        posted_at=datetime(2026, 11, 1, 9, 30, tzinfo=UTC), description_html="<p>Go &amp; Rust</p>",
        description_text="Go & Rust", tags=("go", "rust"), attribution=Attribution("Jobs by Acme", "https://a.example"),
        extra={"team": "core"},
    )
    back = pickle.loads(pickle.dumps(posting, pickle.HIGHEST_PROTOCOL))
    assert back == posting and back.extra == posting.extra and back.content_hash == posting.content_hash
    assert type(back.location) is Location and type(back.salary.interval) is SalaryInterval
