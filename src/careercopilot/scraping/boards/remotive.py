"""Remotive remote-jobs API: keyless, one page with everything, strict 2 requests/minute."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Attribution, Posting, RemoteMode
from careercopilot.scraping.base import BoardBase, SearchQuery, expect

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

ENDPOINT = "https://remotive.com/api/remote-jobs"
ATTRIBUTION = Attribution("Jobs by Remotive", "https://remotive.com")


class RemotiveBoard(BoardBase):
    source = "remotive"
    searches_server_side = True

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        params = {"search": query.query} if query.query else {}
        category = self.settings.param("category")
        if category:
            params["category"] = category
        data = await self.get_json(client, self.endpoint(ENDPOINT), params)
        for posting in self.postings(data):
            yield posting

    def postings(self, data: Any) -> Iterator[Posting]:
        return self.parse_items(expect(data, "jobs", list, self.name), parse_item)


def parse_item(item: dict[str, Any]) -> RawPosting:
    return RawPosting(
        source="remotive",
        source_id=item["id"],
        title=item["title"],
        company=item.get("company_name"),
        url=item.get("url"),
        location=item.get("candidate_required_location"),
        remote=RemoteMode.REMOTE,
        remote_scope=item.get("candidate_required_location") or (),
        employment=[item.get("job_type") or ""],
        salary_text=item.get("salary"),
        posted_at=item.get("publication_date"),
        description=item.get("description"),
        tags=item.get("tags") or (),
        category=item.get("category"),
        attribution=ATTRIBUTION,
    )
