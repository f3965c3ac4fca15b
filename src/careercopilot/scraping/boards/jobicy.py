"""Jobicy remote-jobs API v2: keyless, one call of up to 100 jobs, poll at most hourly."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Attribution, Posting, RemoteMode
from careercopilot.domain.salary import salary_from_fields
from careercopilot.scraping.base import BoardBase, SearchQuery, expect

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

ENDPOINT = "https://jobicy.com/api/v2/remote-jobs"
ATTRIBUTION = Attribution("Jobs by Jobicy", "https://jobicy.com")


class JobicyBoard(BoardBase):
    source = "jobicy"
    searches_server_side = True

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        params: dict[str, str | int] = {"count": 100}
        if query.query:
            params["tag"] = query.query
        for name in ("geo", "industry"):
            if self.settings.param(name):
                params[name] = self.settings.param(name)
        data = await self.get_json(client, self.endpoint(ENDPOINT), params)
        for posting in self.postings(data):
            yield posting

    def postings(self, data: Any) -> Iterator[Posting]:
        return self.parse_items(expect(data, "jobs", list, self.name), parse_item)


def parse_item(item: dict[str, Any]) -> RawPosting:
    return RawPosting(
        source="jobicy",
        source_id=item["id"],
        title=item["jobTitle"],
        company=item.get("companyName"),
        url=item.get("url"),
        location=item.get("jobGeo"),
        remote=RemoteMode.REMOTE,
        remote_scope=item.get("jobGeo") or (),
        employment=item.get("jobType") or (),
        seniority=item.get("jobLevel"),
        salary=salary_from_fields(
            item.get("salaryMin"), item.get("salaryMax"), item.get("salaryCurrency"), item.get("salaryPeriod")
        ),
        posted_at=item.get("pubDate"),
        description=item.get("jobDescription") or item.get("jobExcerpt"),
        tags=item.get("jobIndustry") or (),
        category=(item.get("jobIndustry") or [None])[0],
        attribution=ATTRIBUTION,
    )
