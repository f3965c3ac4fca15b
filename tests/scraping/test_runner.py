"""The runner: failures stay inside their board, partial runs keep nothing, progress is reported."""

from __future__ import annotations

from datetime import UTC, datetime

from board_server import FAST, Reply, fast, fixture, json_reply, make_board, run

from careercopilot.scraping.base import SearchQuery
from careercopilot.scraping.runner import run_boards_sync


def test_a_failing_board_never_stops_the_others(server):
    server.add("/api/remote-jobs", Reply(body=fixture("errors/block_page.html"), headers={"Content-Type": "text/html"}))
    server.add("/api", json_reply("remoteok/api.json"))
    server.add("/api/v2/remote-jobs", Reply(body=fixture("errors/truncated.json")))
    server.add("/v1/boards/acme/jobs", Reply(500))
    remotive, remoteok, jobicy, greenhouse = run(
        [
            make_board("remotive", server),
            make_board("remoteok", server),
            make_board("jobicy", server),
            make_board("greenhouse", server, companies=["acme"]),
        ]
    )
    assert remoteok.status == "ok" and len(remoteok.postings) == 2
    assert remotive.status == "failed" and "HTML page where JSON was expected" in remotive.reason
    assert jobicy.status == "failed" and "truncated JSON" in jobicy.reason
    assert greenhouse.status == "failed" and greenhouse.http_statuses == (500, 500, 500)
    assert all(result.postings == () for result in (remotive, jobicy, greenhouse))


def test_a_board_failing_halfway_stores_nothing(server):
    server.add("/api/job-board-api", json_reply("arbeitnow/page1.json"), query={"page": "1"})
    server.add("/api/job-board-api", Reply(503), query={"page": "2"})
    (result,) = run(make_board("arbeitnow", server))
    assert result.status == "failed" and result.postings == ()
    assert result.pages_fetched == 1 and result.http_statuses[0] == 200 and 503 in result.http_statuses


def test_a_changed_schema_fails_with_a_sentence_saying_so(server):
    server.add("/api/remote-jobs", Reply(body=b'{"results": []}'))
    server.add("/api/v2/remote-jobs", Reply(body=b'{"jobs": [{"unexpected": 1}, {"also": 2}]}'))
    remotive, jobicy = run([make_board("remotive", server), make_board("jobicy", server)])
    assert remotive.status == "failed" and "'jobs'" in remotive.reason and "changed" in remotive.reason
    assert jobicy.status == "failed" and "unexpected shape" in jobicy.reason


def test_keyword_and_date_filters_apply_to_boards_that_cannot_search(server):
    server.add("/api/job-board-api", json_reply("arbeitnow/page1.json"), query={"page": "1"})
    server.add("/api/job-board-api", json_reply("arbeitnow/page2.json"), query={"page": "2"})
    (by_word,) = run(make_board("arbeitnow", server), SearchQuery(query="django"))
    (by_date,) = run(make_board("arbeitnow", server), SearchQuery(since=datetime.fromtimestamp(1788650000, UTC)))
    assert [p.source_id for p in by_word.postings] == ["backend-engineer-python-berlin-1001"]
    assert [p.source_id for p in by_date.postings] == ["backend-engineer-python-berlin-1001"]
    assert by_date.pages_fetched == 1  # newest first: page 2 can only hold older jobs, so it is not fetched


def test_fill_rates_show_which_fields_a_board_filled(server):
    server.add("/api/remote-jobs", json_reply("remotive/jobs.json"))
    (result,) = run(make_board("remotive", server))
    assert result.filled["salary"] == 1.0 and result.filled["department"] == 0.0
    assert result.filled["posted_at"] == 1.0


def test_sync_wrapper_reports_progress_in_order(server):
    server.add("/jobs/api", json_reply("himalayas/page1.json"), query={"limit": "20"})
    server.add("/jobs/api", json_reply("himalayas/page2.json"), query={"limit": "20", "cursor": "Y3Vyc29yLTI"})
    events = []
    (result,) = run_boards_sync([make_board("himalayas", server)], SearchQuery(), FAST, on_progress=events.append)
    assert [event.kind for event in events] == ["board_started", "page_fetched", "page_fetched", "board_finished"]
    assert events[-1].result == result and events[-1].postings == 3
    assert result.duration > 0


def test_an_empty_body_and_a_crashing_adapter_fail_only_their_own_board(server, monkeypatch):
    server.add("/api", Reply(body=b""))
    server.add("/api/v2/remote-jobs", json_reply("jobicy/jobs.json"))
    server.add("/api/remote-jobs", json_reply("remotive/jobs.json"))
    remotive = make_board("remotive", server)

    def explode(data):
        raise RuntimeError("adapter bug")

    monkeypatch.setattr(remotive, "postings", explode)
    remoteok, jobicy, broken = run([make_board("remoteok", server), make_board("jobicy", server), remotive])
    assert remoteok.status == "failed" and "empty body" in remoteok.reason
    assert jobicy.status == "ok" and len(jobicy.postings) == 1
    assert broken.status == "failed" and "adapter bug" in broken.reason


def test_a_board_that_trickles_past_the_board_timeout_is_stopped(server):
    server.add("/api/remote-jobs", json_reply("remotive/jobs.json", delay=1.0))
    server.add("/api", json_reply("remoteok/api.json"))
    slow, quick = run_boards_sync(
        [make_board("remotive", server), make_board("remoteok", server)],
        SearchQuery(),
        fast(timeout=5.0),
        board_timeout=0.3,
    )
    assert slow.status == "failed" and "longer than 0.3 s" in slow.reason
    assert quick.status == "ok"
