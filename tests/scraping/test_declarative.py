"""Boards defined only in config.toml: JSON with a URL template and paths, and plain RSS feeds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from board_server import Reply, fixture, json_reply, make_board, run

from careercopilot.domain.postings import RemoteMode
from careercopilot.scraping.base import SearchQuery

FIELDS = {
    "id": "ref",
    "title": "headline",
    "company": "org.name",
    "url": "link",
    "location": "where",
    "remote": "wfh",
    "posted_at": "published",
    "salary": "pay",
    "employment_type": "kinds",
}


def json_board(server, **table):
    base = {"type": "json", "items": "result.items", "fields": FIELDS, **table}
    return make_board("nordjobs", server, **base)


def test_json_board_follows_a_cursor_and_maps_fields_by_path(server):
    server.add("/v2/jobs", json_reply("declarative/page1.json"), query={"q": "engineer"})
    server.add("/v2/jobs", json_reply("declarative/page2.json"), query={"q": "engineer", "after": "page-two"})
    board = json_board(
        server, url="https://api.nordjobs.example/v2/jobs?q={query}", paging="cursor", page_param="after", next="cursor"
    )
    (result,) = run(board, SearchQuery(query="engineer"))
    assert result.status == "ok", result.reason
    rust, go, kotlin = result.postings
    assert (rust.id, rust.source, rust.company) == ("nordjobs:d-1", "nordjobs", "Crab Co")
    assert rust.remote is RemoteMode.REMOTE and go.remote is RemoteMode.ONSITE
    assert (rust.salary.min, rust.salary.max, rust.salary.currency) == (800_000, 900_000, "NOK")
    assert go.posted_at == datetime(2026, 9, 1, 10, tzinfo=UTC)
    assert rust.location.country_code == "NO" and kotlin.company == "Fjord"


def test_json_board_with_page_numbers_stops_on_a_short_page(server):
    server.add("/jobs", json_reply("declarative/page1.json"), query={"p": "1"})
    server.add("/jobs", json_reply("declarative/page2.json"), query={"p": "2"})
    board = json_board(server, url="https://nordjobs.example/jobs?p={page}", paging="page", page_size=2)
    (result,) = run(board)
    assert len(result.postings) == 3 and result.pages_fetched == 2


def test_json_board_reports_where_it_expected_the_list(server):
    server.add("/jobs", Reply(body=b'{"result": {"rows": []}}'))
    (result,) = run(json_board(server, url="https://nordjobs.example/jobs"))
    assert result.status == "failed" and "result.items" in result.reason


def test_rss_board_reads_a_standard_feed(server):
    server.add("/feed.xml", Reply(body=fixture("weworkremotely/feed.rss")))
    board = make_board("myfeed", server, type="rss", url="https://jobs.example.net/feed.xml")
    (result,) = run(board)
    frontend = result.postings[0]
    assert (
        len(result.postings) == 2
        and frontend.source == "myfeed"
        and frontend.title == "Quillhouse: Senior Frontend Engineer"
    )
    assert frontend.posted_at == datetime(2026, 10, 5, 10, 15, tzinfo=UTC)


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Niche jobs</title>
  <id>urn:niche</id>
  <updated>2026-11-26T10:00:00Z</updated>
  <author><name>Niche Board</name></author>
  <link rel="self" href="https://niche.example/feed.xml"/>
  <entry>
    <title>Staff Go Engineer</title>
    <id>urn:niche:1</id>
    <link rel="edit" href="https://niche.example/admin/1"/>
    <link rel="alternate" type="text/html" href="https://niche.example/jobs/1"/>
    <updated>2026-11-26T09:00:00Z</updated>
    <author><name>Gopher Ltd</name></author>
    <category term="go"/><category term="kubernetes"/>
    <summary type="html">&lt;p&gt;Remote, Go &amp;amp; Kubernetes.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</summary>
  </entry>
  <entry>
    <title type="text">Senior Python Engineer</title>
    <id>https://niche.example/jobs/2</id>
    <link href="https://niche.example/jobs/2"/>
    <published>2026-11-25T09:00:00+02:00</published>
    <updated>2026-11-26T08:00:00Z</updated>
    <summary>Teaser only.</summary>
    <content type="text">Python role.

Remote worldwide.</content>
  </entry>
</feed>
"""


@pytest.mark.parametrize("board_type", ["rss", "atom"])
def test_feed_board_reads_an_atom_feed(server, board_type):
    """An Atom feed was refused: 'returned XML that is not an RSS feed (root <{…Atom}feed>)'."""
    server.add("/feed.xml", Reply(body=ATOM, headers={"Content-Type": "application/atom+xml"}))
    (result,) = run(make_board("niche-feed", server, type=board_type, url="https://niche.example/feed.xml"))
    assert result.status == "ok", result.reason
    go, python = result.postings
    assert (go.id, go.title, go.company, go.url) == (
        "niche-feed:urn:niche:1", "Staff Go Engineer", "Gopher Ltd", "https://niche.example/jobs/1"
    )
    assert go.posted_at == datetime(2026, 11, 26, 9, tzinfo=UTC) and go.tags == ("go", "kubernetes")
    assert go.description_html == "<p>Remote, Go &amp; Kubernetes.</p>" and go.description_text == (
        "Remote, Go & Kubernetes."
    )
    # No author of its own: the feed's; published wins over updated, and the whole content over the summary.
    assert (python.company, python.url) == ("Niche Board", "https://niche.example/jobs/2")
    assert python.posted_at == datetime(2026, 11, 25, 7, tzinfo=UTC)
    assert python.description_text == "Python role.\n\nRemote worldwide."


def test_rss_board_rejects_a_doctype(server):
    server.add("/feed.xml", Reply(body=b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "a">]><rss></rss>'))
    (result,) = run(make_board("myfeed", server, type="rss", url="https://jobs.example.net/feed.xml"))
    assert result.status == "failed" and "DOCTYPE" in result.reason
