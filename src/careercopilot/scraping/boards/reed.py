"""Reed.co.uk official search API: the key is the basic-auth user; dates are DD/MM/YYYY; snippets only."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Posting
from careercopilot.domain.salary import salary_from_fields
from careercopilot.scraping.base import BoardBase, SearchQuery, expect

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

ENDPOINT = "https://www.reed.co.uk/api/1.0/search"
PAGE_SIZE = 100


class ReedBoard(BoardBase):
    source = "reed"
    searches_server_side = True

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        auth = (self.require_key(), "")
        url = self.endpoint(ENDPOINT)
        for page in range(self.page_limit(query)):
            params: dict[str, str | int] = {"resultsToTake": PAGE_SIZE, "resultsToSkip": page * PAGE_SIZE}
            if query.query:
                params["keywords"] = query.query
            if query.location:
                params["locationName"] = query.location
            data = await self.get_json(client, url, params, auth=auth)
            results = expect(data, "results", list, self.name)
            for posting in self.postings(data):
                yield posting
            if not results or (page + 1) * PAGE_SIZE >= int(data.get("totalResults") or 0):
                return

    def postings(self, data: Any) -> Iterator[Posting]:
        return self.parse_items(expect(data, "results", list, self.name), parse_item)


def parse_item(item: dict[str, Any]) -> RawPosting:
    return RawPosting(
        source="reed",
        source_id=item["jobId"],
        title=item["jobTitle"],
        company=item.get("employerName"),
        url=item.get("jobUrl") or f"https://www.reed.co.uk/jobs/{item['jobId']}",
        location=item.get("locationName"),
        country="GB",
        salary=salary_from_fields(item.get("minimumSalary"), item.get("maximumSalary"), item.get("currency") or "GBP"),
        posted_at=item.get("date"),
        expires_at=item.get("expirationDate"),
        description=item.get("jobDescription"),
        description_is_partial=True,
        extra={"applications": item.get("applications"), "employer_id": item.get("employerId")},
    )
