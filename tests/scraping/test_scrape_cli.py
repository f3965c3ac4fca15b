"""`careercopilot scrape` as cron runs it: exit codes, JSON report, log lines, and the overlap lock."""

from __future__ import annotations

import fcntl
import json

import pytest
from board_server import Reply, json_reply
from typer.testing import CliRunner

BOARDS = ("remotive", "arbeitnow")


@pytest.fixture
def scrape_cli(isolated_home, server, monkeypatch):
    from careercopilot.cli import app
    from careercopilot.cli.common import state
    from careercopilot.services.scrape import ScrapeService

    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text(
        "".join(f'[boards.{name}]\nbase_url = "{server.url}"\nrequests_per_minute = 600\n' for name in BOARDS),
        encoding="utf-8")
    fast = {"max_retries": 1, "backoff_base": 0.01, "backoff_cap": 0.02, "timeout": 2.0}
    original_init = ScrapeService.__init__

    def init(self, *args, **kwargs):  # keep the test-sized delays across the fresh services of each command
        original_init(self, *args, **kwargs)
        self.http_overrides = dict(fast)

    monkeypatch.setattr(ScrapeService, "__init__", init)

    def invoke(*args: str):
        state.services = None
        return CliRunner().invoke(app, list(args))

    yield invoke
    if state.services is not None:
        state.services.close()
        state.services = None


def _board_args() -> list[str]:
    return [arg for name in BOARDS for arg in ("--board", name)]


def test_scrape_needs_no_login_and_reports_json(scrape_cli, server):
    server.add("/api/remote-jobs", json_reply("remotive/jobs.json"))
    server.add("/api/job-board-api", json_reply("arbeitnow/page1.json"), query={"page": "1"})
    server.add("/api/job-board-api", json_reply("arbeitnow/page2.json"), query={"page": "2"})
    result = scrape_cli("scrape", *_board_args(), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["status"] == "ok" and {b["board"] for b in report["boards"]} == set(BOARDS)
    assert all(b["new"] > 0 for b in report["boards"])


def test_some_boards_failing_exits_4_and_all_failing_exits_1(scrape_cli, server):
    server.add("/api/remote-jobs", Reply(status=500))
    server.add("/api/job-board-api", json_reply("arbeitnow/page1.json"), query={"page": "1"})
    server.add("/api/job-board-api", json_reply("arbeitnow/page2.json"), query={"page": "2"})
    partial = scrape_cli("scrape", *_board_args())
    assert partial.exit_code == 4
    assert "remotive: failed" in partial.stderr  # not a terminal: plain log lines
    server.reset()
    server.add("/api/remote-jobs", Reply(status=500))
    server.add("/api/job-board-api", Reply(status=503))
    assert scrape_cli("scrape", *_board_args()).exit_code == 1
    doctor = scrape_cli("boards", "doctor")
    assert doctor.exit_code == 1 and "remotive: last run failed" in doctor.stdout


def test_an_overlapping_scrape_is_refused(scrape_cli, isolated_home):
    scrape_cli("db", "upgrade")
    with open(isolated_home / "scrape.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        result = scrape_cli("scrape", *_board_args())
    assert result.exit_code == 1 and "Another scrape is still running" in result.stderr


def test_an_unknown_board_is_a_usage_error(scrape_cli):
    result = scrape_cli("scrape", "--board", "monster")
    assert result.exit_code == 2 and "Unknown board 'monster'" in result.stderr
