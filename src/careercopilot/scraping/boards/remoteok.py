"""Remote OK API: keyless JSON array whose first element is the legal notice, not a job."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Attribution, Posting, RemoteMode
from careercopilot.domain.salary import salary_from_fields
from careercopilot.scraping.base import BoardBase, SearchQuery
from careercopilot.scraping.errors import MalformedResponse

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

ENDPOINT = "https://remoteok.com/api"
ATTRIBUTION = Attribution("Jobs by Remote OK", "https://remoteok.com")


class RemoteOkBoard(BoardBase):
    source = "remoteok"

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        tag = self.settings.param("tag")
        data = await self.get_json(client, self.endpoint(ENDPOINT), {"tag": tag} if tag else None)
        for posting in self.postings(data):
            yield posting

    def postings(self, data: Any) -> Iterator[Posting]:
        if not isinstance(data, list):
            raise MalformedResponse("remoteok returned JSON that is not a list of jobs; its API may have changed.")
        jobs = [item for item in data if isinstance(item, dict) and "legal" not in item]
        return self.parse_items(jobs, parse_item)


def parse_item(item: dict[str, Any]) -> RawPosting:
    return RawPosting(
        source="remoteok",
        source_id=item["id"],
        title=item["position"],
        company=item.get("company"),
        url=item.get("url"),
        apply_url=item.get("apply_url"),
        location=item.get("location"),
        remote=RemoteMode.REMOTE,
        remote_scope=item.get("location") or (),
        # Remote OK states salaries in US dollars per year; 0 means not given.
        salary=salary_from_fields(item.get("salary_min"), item.get("salary_max"), "USD", "year"),
        posted_at=item.get("epoch") or item.get("date"),
        description=item.get("description"),
        tags=item.get("tags") or (),
        attribution=ATTRIBUTION,
    )
