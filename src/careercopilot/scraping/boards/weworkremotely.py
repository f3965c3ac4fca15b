"""We Work Remotely RSS feeds: titles read "Company: Role"; no search and no paging."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Posting, RemoteMode
from careercopilot.scraping.base import BoardBase, SearchQuery
from careercopilot.scraping.rss import feed_items

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

ALL_JOBS = "https://weworkremotely.com/remote-jobs.rss"
CATEGORY = "https://weworkremotely.com/categories/remote-{category}-jobs.rss"


class WeWorkRemotelyBoard(BoardBase):
    source = "weworkremotely"

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        category = self.settings.param("category")
        url = self.endpoint(CATEGORY.format(category=category) if category else ALL_JOBS)
        response = await client.get(url, requests_per_minute=self.settings.requests_per_minute)
        for posting in self.postings(response.body, response.host):
            yield posting

    def postings(self, body: bytes, host: str = "weworkremotely.com") -> Iterator[Posting]:
        return self.parse_items(feed_items(body, host), parse_item)


def parse_item(item: dict[str, str]) -> RawPosting:
    company, _, role = item["title"].partition(": ")
    link = item.get("link") or item.get("guid")
    return RawPosting(
        source="weworkremotely",
        source_id=item.get("guid") or link,
        title=role or company,
        company=company if role else None,
        url=link,
        location=item.get("region") or item.get("country"),
        country=item.get("country"),
        remote=RemoteMode.REMOTE,
        remote_scope=item.get("region") or (),
        employment=item.get("type") or (),
        posted_at=item.get("pubDate"),
        expires_at=item.get("expires_at"),
        description=item.get("description"),
        tags=item.get("skills") or (),
        category=item.get("category"),
    )
