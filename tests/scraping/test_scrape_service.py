"""A whole scrape against the local fixture server: stored, deduplicated, scored, recorded and notified."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from board_server import FAST, Reply, json_reply
from sqlalchemy import select

from careercopilot.db.models import JobPosting, SavedSearch
from careercopilot.db.posting_rows import row_to_posting
from careercopilot.domain.jobs import JobFilters
from careercopilot.domain.matching import posting_skills
from careercopilot.domain.notifications import NotificationKind
from careercopilot.errors import BadInput
from careercopilot.scraping import worker

BOARDS = ("remotive", "arbeitnow", "greenhouse")


@pytest.fixture
def scraping(make_services, isolated_home, server):
    """Services whose boards point at the fixture server, with test-sized retry delays."""
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text(
        "".join(f'[boards.{name}]\nbase_url = "{server.url}"\nrequests_per_minute = 600\n' for name in BOARDS)
        + 'companies = ["acme"]\n',
        encoding="utf-8",
    )
    services = make_services()
    services.scrape.http_overrides.update(dataclasses.asdict(FAST))
    return services


def _serve_all(server) -> None:
    server.add("/api/remote-jobs", json_reply("remotive/jobs.json"))
    server.add("/api/job-board-api", json_reply("arbeitnow/page1.json"), query={"page": "1"})
    server.add("/api/job-board-api", json_reply("arbeitnow/page2.json"), query={"page": "2"})
    server.add("/v1/boards/acme/jobs", json_reply("greenhouse/acme.json"))


def test_scrape_stores_scores_and_notifies_once_per_user(scraping, server, alice):
    _serve_all(server)
    scraping.profiles.update(alice, skills="Python, Django, PostgreSQL", target_titles="Backend Engineer")
    report = scraping.scrape.run(BOARDS, query="")
    assert report.status == "ok" and report.exit_code == 0
    by_board = {b.board: b for b in report.boards}
    assert all(by_board[name].seen > 0 and by_board[name].new == by_board[name].seen for name in BOARDS)
    feed = scraping.jobs.feed(alice, JobFilters(limit=1000))
    assert feed and all(job.match_score is not None for job in feed)
    assert feed == sorted(feed, key=lambda j: -j.match_score)
    matches = scraping.notifications.list(alice, kind=NotificationKind.JOB_MATCH)
    assert len(matches) <= 1  # one summary, never one per posting
    again = scraping.scrape.run(BOARDS, query="")
    assert all(b.new == 0 for b in again.boards)  # re-scraping never duplicates
    assert len(scraping.jobs.feed(alice, JobFilters(limit=1000))) == len(feed)
    assert len(scraping.notifications.list(alice, kind=NotificationKind.JOB_MATCH)) == len(matches)


def test_work_the_fetching_process_does_ahead_is_stored_with_the_right_postings(scraping, server, alice,
                                                                              monkeypatch):
    # As when the storing side falls behind: the child works out keys, columns and skills of every batch.
    monkeypatch.setattr(worker, "scrape_boards", functools.partial(worker.scrape_boards, in_child=True, behind=-1))
    _serve_all(server)
    scraping.profiles.update(alice, skills="Python, Django, PostgreSQL", target_titles="Backend Engineer")
    assert scraping.scrape.run(BOARDS, query="").status == "ok"
    feed = scraping.jobs.feed(alice, JobFilters(limit=1000))
    assert len({job.match_score for job in feed}) > 1
    rescored = dict(scraping.matching.score([job.id for job in feed], [alice.user_id])[alice.user_id])
    assert {job.id: job.match_score for job in feed} == rescored
    with scraping.jobs.db.read() as s:
        rows = list(s.scalars(select(JobPosting)))
    assert rows and all(tuple(row.skills) == posting_skills(row_to_posting(row)) for row in rows)


def test_a_failing_board_is_recorded_and_the_run_is_partial(scraping, server, alice):
    _serve_all(server)
    server.add("/api/remote-jobs", Reply(status=500))
    report = scraping.scrape.run(BOARDS, query="")
    assert report.status == "partial" and report.exit_code == 4
    failed = next(b for b in report.boards if b.board == "remotive")
    assert failed.status == "failed" and 500 in failed.http_codes and failed.seen == 0
    health = {h.board: h for h in scraping.scrape.health()}
    assert health["remotive"].last_status == "failed"
    assert health["greenhouse"].last_status == "ok" and health["greenhouse"].last_seen > 0


def test_every_board_failing_is_a_failed_run(scraping, server):
    for path in ("/api/remote-jobs", "/api/job-board-api", "/v1/boards/acme/jobs"):
        server.add(path, Reply(status=503))
    report = scraping.scrape.run(BOARDS, query="")
    assert report.status == "failed" and report.exit_code == 1


def test_unknown_board_is_bad_input(scraping):
    with pytest.raises(BadInput, match="Unknown board 'monster'"):
        scraping.scrape.run(("monster",))


def test_saved_searches_drive_an_unattended_scrape(scraping, server, alice):
    _serve_all(server)
    scraping.searches.add(alice, "py", "python", boards=("remotive", "arbeitnow"), threshold=0)
    report = scraping.scrape.run(("remotive", "arbeitnow"))
    assert {b.board for b in report.boards} == {"remotive", "arbeitnow"}
    (summary,) = scraping.notifications.list(alice, kind=NotificationKind.JOB_MATCH)
    # The alert counts what the search itself finds: its query on its boards, not every posting scored.
    found = scraping.jobs.feed(alice, JobFilters(query="python", sources=("remotive", "arbeitnow"), limit=1000))
    everything = scraping.jobs.feed(alice, JobFilters(limit=1000))
    assert 0 < len(found) < len(everything)
    assert summary.title == f"{len(found)} new match{'es' if len(found) != 1 else ''} for 'py'"


def test_an_alert_names_only_postings_new_in_this_scrape(scraping, server, alice):
    _serve_all(server)
    scraping.profiles.update(alice, skills="Python, Django, PostgreSQL", target_titles="Backend Engineer")
    scraping.scrape.run(("remotive", "arbeitnow"))
    before = scraping.notifications.list(alice, kind=NotificationKind.JOB_MATCH)
    scraping.searches.add(alice, "engineers", "engineer", threshold=0)  # matches postings stored by the first run
    scraping.scrape.run(("remotive", "arbeitnow"))  # nothing new is found
    assert scraping.notifications.list(alice, kind=NotificationKind.JOB_MATCH) == before


def test_a_blank_profile_without_saved_searches_gets_no_match_alerts(scraping, server, alice, bob):
    _serve_all(server)
    scraping.profiles.update(alice, skills="Python", target_titles="Backend Engineer")
    scraping.profiles.update(bob, full_name="Bob")  # a profile that says nothing about the work wanted
    scraping.scrape.run(("remotive", "arbeitnow"))
    assert scraping.notifications.list(bob, kind=NotificationKind.JOB_MATCH) == []
    (alert,) = scraping.notifications.list(alice, kind=NotificationKind.JOB_MATCH)
    assert alert.title.endswith("scoring 70 or more")


def test_before_anyone_saves_a_search_every_board_asked_for_collects_its_latest(scraping, server, alice):
    # greenhouse has a company token, so it has its own plan; the other boards must not be left out for it.
    _serve_all(server)
    report = scraping.scrape.run(BOARDS)
    assert {b.board: b.status for b in report.boards} == dict.fromkeys(BOARDS, "ok")
    assert all(b.new > 0 for b in report.boards)


def test_saved_searches_on_other_or_removed_boards_leave_the_boards_asked_for_alone(scraping, server, alice,
                                                                                     caplog):
    _serve_all(server)
    scraping.searches.add(alice, "elsewhere", "python", boards=("remotive",))
    with scraping.db.begin() as s:  # a declarative board the search used was since removed from config.toml
        s.add(SavedSearch(user_id=alice.user_id, name="gone", query="python", boards=["mycompany"]))
    report = scraping.scrape.run(("arbeitnow",))
    assert [b.board for b in report.boards] == ["arbeitnow"] and report.boards[0].new > 0
    assert not server.hits_for("/api/remote-jobs")  # the remotive search did not widen to every board
    assert "'gone' names boards no longer configured: mycompany" in caplog.text


def test_a_scrape_announces_changed_skill_gaps_once(scraping, server, alice):
    _serve_all(server)
    scraping.profiles.update(alice, skills="Excel")
    scraping.searches.add(alice, "engineering", "engineer")
    report = scraping.scrape.run(BOARDS, query="")
    (gaps,) = scraping.notifications.list(alice, kind=NotificationKind.SKILL_GAP)
    assert gaps.title.startswith("Top skill gaps: ")
    assert report.analytics_notices == 1  # last week's figures wait: the account did not exist then

    again = scraping.scrape.run(BOARDS, query="")  # nothing changed: nothing announced again
    assert again.analytics_notices == 0
    assert len(scraping.notifications.list(alice, kind=NotificationKind.SKILL_GAP)) == 1


SCRAPER = """
from careercopilot.config import load_settings
from careercopilot.services import build_services
build_services(load_settings(), migrate=False).scrape.run(("remotive",), query="")
"""


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and f"\nPPid:\t{pid}\n" in (entry / "status").read_text():
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="finds the fetching process through /proc")
def test_a_scrape_killed_outright_takes_its_fetching_process_and_lock_with_it(scraping, server, database_url):
    # A board that answers slowly keeps the fetching process busy when its caller is killed with kill -9.
    server.add("/api/remote-jobs", json_reply("remotive/jobs.json", delay=30.0))
    env = {**os.environ, "CAREERCOPILOT_DATABASE_URL": database_url}
    caller = subprocess.Popen([sys.executable, "-c", SCRAPER], env=env)
    try:
        deadline = time.monotonic() + 30
        while not _children(caller.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        (child,) = _children(caller.pid)
        caller.kill()
        caller.wait()
        deadline = time.monotonic() + 10
        while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not Path(f"/proc/{child}").exists(), "the fetching process outlived its caller"
    finally:
        caller.kill()
    server.add("/api/remote-jobs", json_reply("remotive/jobs.json"))
    assert scraping.scrape.run(("remotive",), query="").status == "ok"  # the lock went with them
