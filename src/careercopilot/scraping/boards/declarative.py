"""Boards defined only in config.toml: `type = "json"` (URL template, paging rule, JSON paths) or `"rss"` (RSS/Atom)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode, urlsplit

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Posting, RemoteMode
from careercopilot.domain.salary import salary_from_fields
from careercopilot.scraping.base import BoardBase, SearchQuery, dig
from careercopilot.scraping.errors import MalformedResponse
from careercopilot.scraping.rss import feed_items

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient


class JsonBoard(BoardBase):
    """A JSON API described by settings.url, paging, items, next and fields."""

    source = "json"

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        settings = self.settings
        cursor = ""
        next_url = ""
        for index in range(self.page_limit(query)):
            url = next_url or self.page_url(index, cursor, query)
            data = await self.get_json(client, url)
            items = self.items(data)
            for posting in self.postings(data):
                yield posting
            if settings.paging == "none" or not items:
                return
            if settings.page_size and len(items) < settings.page_size:
                return
            if settings.paging in ("cursor", "next"):
                found = dig(data, settings.next)
                if not found:
                    return
                cursor = str(found)
                next_url = self.endpoint(cursor) if settings.paging == "next" else ""

    def page_url(self, index: int, cursor: str, query: SearchQuery) -> str:
        settings = self.settings
        values = {
            "query": quote(query.query),
            "location": quote(query.location),
            "page": str(settings.page_start + index),
            "offset": str(index * settings.page_size),
            "cursor": quote(cursor),
            "size": str(settings.page_size),
        }
        url = self.endpoint(settings.url or "").format(**values)
        paged = {"page": values["page"], "offset": values["offset"], "cursor": cursor}.get(settings.paging)
        # The page value goes into the query string when the template has no placeholder for it.
        if paged and "{" + settings.paging + "}" not in (settings.url or ""):
            separator = "&" if urlsplit(url).query else "?"
            url = f"{url}{separator}{urlencode({settings.page_param: paged})}"
        return url

    def items(self, data: Any) -> list[Any]:
        found = dig(data, self.settings.items)
        if not isinstance(found, list):
            where = f"at '{self.settings.items}'" if self.settings.items else "at the top level"
            raise MalformedResponse(f"{self.name} returned JSON without a list of jobs {where}.")
        return found

    def postings(self, data: Any) -> Iterator[Posting]:
        jobs = [item for item in self.items(data) if isinstance(item, dict)]
        return self.parse_items(jobs, self.parse_item)

    def parse_item(self, item: dict[str, Any]) -> RawPosting:
        paths = self.settings.field_paths

        def field(name: str) -> Any:
            return dig(item, paths[name]) if name in paths else None

        remote = field("remote")
        return RawPosting(
            source=self.name,
            source_id=field("id"),
            title=field("title"),
            company=field("company"),
            url=field("url"),
            apply_url=field("apply_url"),
            company_url=field("company_url"),
            location=field("location"),
            remote=RemoteMode.REMOTE if remote is True else RemoteMode.ONSITE if remote is False else None,
            remote_hints=(remote,),
            employment=field("employment_type") or (),
            seniority=field("seniority"),
            department=field("department"),
            salary=salary_from_fields(
                field("salary_min"), field("salary_max"), field("salary_currency"), field("salary_interval")
            ),
            salary_text=field("salary"),
            posted_at=field("posted_at"),
            expires_at=field("expires_at"),
            description=field("description"),
            tags=field("tags") or (),
            category=field("category"),
        )


class RssBoard(BoardBase):
    """Any RSS 2.0 or Atom 1.0 job feed: title, link, guid, pubDate, description, category (or their Atom twins)."""

    source = "rss"

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        response = await client.get(
            self.endpoint(self.settings.url or ""), requests_per_minute=self.settings.requests_per_minute
        )
        for posting in self.postings(response.body, response.host):
            yield posting

    def postings(self, body: bytes, host: str) -> Iterator[Posting]:
        return self.parse_items(feed_items(body, host), self.parse_item)

    def parse_item(self, item: dict[str, str]) -> RawPosting:
        link = item.get("link") or item.get("guid")
        return RawPosting(
            source=self.name,
            source_id=item.get("guid") or link,
            title=item.get("title"),
            company=item.get("creator") or item.get("author"),
            url=link,
            location=item.get("location") or item.get("region"),
            posted_at=item.get("pubDate") or item.get("date"),
            description=item.get("description") or item.get("encoded"),
            tags=item.get("category") or (),
            category=item.get("category"),
        )
