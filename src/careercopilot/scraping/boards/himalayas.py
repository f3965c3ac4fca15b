"""Himalayas jobs API: keyless, cursor pagination (nextCursor passed back as ?cursor=)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Posting, RemoteMode
from careercopilot.domain.salary import salary_from_fields
from careercopilot.scraping.base import BoardBase, SearchQuery, expect

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

ENDPOINT = "https://himalayas.app/jobs/api"
PAGE_SIZE = 20


class HimalayasBoard(BoardBase):
    source = "himalayas"
    newest_first = True

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        url = self.endpoint(ENDPOINT)
        params: dict[str, str | int] = {"limit": PAGE_SIZE}
        for _ in range(self.page_limit(query)):
            data = await self.get_json(client, url, params)
            for posting in self.postings(data):
                yield posting
            cursor = data.get("nextCursor")
            if not cursor or not data.get("jobs"):
                return
            params = {"limit": PAGE_SIZE, "cursor": str(cursor)}

    def postings(self, data: Any) -> Iterator[Posting]:
        return self.parse_items(expect(data, "jobs", list, self.name), parse_item)


def parse_item(item: dict[str, Any]) -> RawPosting:
    link = item.get("applicationLink") or item.get("guid")
    return RawPosting(
        source="himalayas",
        source_id=item.get("guid") or link,
        title=item["title"],
        company=item.get("companyName"),
        url=item.get("guid") or link,
        apply_url=link,
        board_token=item.get("companySlug"),
        location=", ".join(item.get("locationRestrictions") or []),
        remote=RemoteMode.REMOTE,
        remote_scope=item.get("locationRestrictions") or (),
        employment=[item.get("employmentType") or ""],
        seniority=item.get("seniority") or (),
        salary=salary_from_fields(
            item.get("minSalary"), item.get("maxSalary"), item.get("currency"), item.get("salaryPeriod")
        ),
        posted_at=item.get("pubDate"),
        expires_at=item.get("expiryDate"),
        description=item.get("description") or item.get("excerpt"),
        tags=item.get("categories") or (),
        category=(item.get("parentCategories") or [None])[0],
    )
