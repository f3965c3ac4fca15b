"""Hacker News "Ask HN: Who is hiring?" via Algolia: each top-level comment is one free-text post."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from careercopilot.domain.html import clean_field
from careercopilot.domain.locations import detect_remote
from careercopilot.domain.normalize import RawPosting, employment_types
from careercopilot.domain.postings import Posting, RemoteMode
from careercopilot.domain.salary import parse_salary
from careercopilot.scraping.base import BoardBase, SearchQuery, expect
from careercopilot.scraping.errors import MalformedResponse

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

THREADS = "https://hn.algolia.com/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=10"
ITEM = "https://hn.algolia.com/api/v1/items/{id}"
THREAD_TITLE = "ask hn: who is hiring?"
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+/\S*$", re.IGNORECASE)
_ROLE = re.compile(
    r"\b(engineer\w*|developer|dev|designer|scientist|manager|lead|architect|analyst|swe|sre|devops|founding|"
    r"head of|cto|intern\w*|research\w*|product|marketing|sales|recruiter|programmer|administrator|specialist|"
    r"consultant|writer|support|operations|director|vp|staff|principal|full[- ]?stack|front[- ]?end|back[- ]?end|"
    r"ml|ai|data|security|mobile|ios|android|qa|tester|technician|designer)\b",
    re.IGNORECASE,
)


class HackerNewsBoard(BoardBase):
    source = "hackernews"

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        thread = self.settings.param("thread") or await self._latest_thread(client)
        data = await self.get_json(client, self.endpoint(ITEM.format(id=thread)))
        for posting in self.postings(data):
            yield posting

    async def _latest_thread(self, client: PoliteClient) -> str:
        data = await self.get_json(client, self.endpoint(THREADS))
        hits = expect(data, "hits", list, self.name)
        # The sibling "Who wants to be hired?" thread is posted the same minute: match the title exactly.
        for hit in hits:
            if isinstance(hit, dict) and str(hit.get("title", "")).lower().startswith(THREAD_TITLE):
                return str(hit["objectID"])
        raise MalformedResponse("hn.algolia.com listed no 'Ask HN: Who is hiring?' thread by whoishiring.")

    def postings(self, data: Any) -> Iterator[Posting]:
        children = expect(data, "children", list, self.name)
        posts = [child for child in children if isinstance(child, dict) and child.get("text")]
        return self.parse_items(posts, parse_item)


def parse_item(item: dict[str, Any]) -> RawPosting:
    header = split_header(item["text"])
    return RawPosting(
        source="hackernews",
        source_id=item["id"],
        title=header["title"],
        company=header["company"],
        url=f"https://news.ycombinator.com/item?id={item['id']}",
        company_url=header.get("company_url"),
        location=header.get("location"),
        remote_hints=(header.get("remote", ""),),
        remote_scope=header.get("scope", ()),
        employment=header.get("employment", ()),
        salary_text=header.get("salary"),
        posted_at=item.get("created_at_i") or item.get("created_at"),
        description=item["text"],
        extra={"author": item.get("author")},
    )


def split_header(text: str) -> dict[str, Any]:
    """Read the "Company | Role | Location | REMOTE | salary | url" first line of a post, as far as it goes."""
    first_line = re.split(r"<p>|\n", text, maxsplit=1)[0]
    segments = [part.strip() for part in clean_field(first_line).split("|") if part.strip()]
    if len(segments) < 2:
        raise ValueError("post does not start with a 'Company | Role | …' line")
    header: dict[str, Any] = {"company": re.sub(r"\s*\(https?://[^)]*\)", "", segments[0])}
    unclassified = []
    for segment in segments[1:]:
        if _URL.match(segment):
            header.setdefault("company_url", segment if "://" in segment else f"https://{segment}")
        elif _is_salary(segment):
            header.setdefault("salary", segment)
        elif detect_remote(segment) is not RemoteMode.UNKNOWN:
            header.setdefault("remote", segment)
            places = re.findall(r"\(([^)]*)\)", segment)
            header.setdefault("scope", places[0] if places else ())
        elif employment_types(segment) and len(segment) < 40 and not _ROLE.search(segment):
            header.setdefault("employment", segment)
        elif "title" not in header and _ROLE.search(segment):
            header["title"] = segment
        else:
            unclassified.append(segment)
    if "title" not in header:
        header["title"] = unclassified.pop(0) if unclassified else segments[1]
    if unclassified:
        header["location"] = unclassified[0]
    elif "remote" in header:
        header["location"] = header["remote"]
    return header


def _is_salary(segment: str) -> bool:
    salary = parse_salary(segment)
    return salary.max is not None and (salary.currency is not None or bool(re.search(r"\d\s?[kK]\b", segment)))
