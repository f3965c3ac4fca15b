"""USAJOBS search API: Authorization-Key header plus the registered email as User-Agent."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Posting, RemoteMode
from careercopilot.domain.salary import salary_from_fields
from careercopilot.scraping.base import BoardBase, SearchQuery, dig, expect
from careercopilot.scraping.errors import NotConfigured

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

ENDPOINT = "https://data.usajobs.gov/api/search"
PAGE_SIZE = 500


class UsaJobsBoard(BoardBase):
    source = "usajobs"
    searches_server_side = True

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        key = self.require_key()
        if not self.settings.account:
            raise NotConfigured(f"usajobs needs the email registered with the key; set {self.settings.account_env}.")
        headers = {"Authorization-Key": key, "User-Agent": self.settings.account}
        for page in range(1, self.page_limit(query) + 1):
            params: dict[str, str | int] = {"ResultsPerPage": PAGE_SIZE, "Page": page}
            if query.query:
                params["Keyword"] = query.query
            if query.location:
                params["LocationName"] = query.location
            if query.remote:
                params["RemoteIndicator"] = "True"
            data = await self.get_json(client, self.endpoint(ENDPOINT), params, headers=headers)
            result = expect(data, "SearchResult", dict, self.name)
            for posting in self.postings(data):
                yield posting
            pages = int(dig(result, "UserArea.NumberOfPages") or 1)
            if not result.get("SearchResultItems") or page >= pages:
                return

    def postings(self, data: Any) -> Iterator[Posting]:
        items = expect(expect(data, "SearchResult", dict, self.name), "SearchResultItems", list, self.name)
        return self.parse_items(items, parse_item)


def parse_item(item: dict[str, Any]) -> RawPosting:
    job = item["MatchedObjectDescriptor"]
    pay = dig(job, "PositionRemuneration.0") or {}
    remote_flag = dig(job, "UserArea.Details.RemoteIndicator")
    return RawPosting(
        source="usajobs",
        source_id=item.get("MatchedObjectId") or job["PositionID"],
        title=job["PositionTitle"],
        company=job.get("OrganizationName") or job.get("DepartmentName"),
        url=job.get("PositionURI"),
        apply_url=dig(job, "ApplyURI.0"),
        location=job.get("PositionLocationDisplay"),
        country="US",
        remote=RemoteMode.REMOTE if remote_flag is True else None,
        employment=[entry.get("Name", "") for entry in job.get("PositionSchedule") or [] if isinstance(entry, dict)],
        department=job.get("DepartmentName"),
        salary=salary_from_fields(pay.get("MinimumRange"), pay.get("MaximumRange"), "USD", pay.get("RateIntervalCode")),
        posted_at=job.get("PublicationStartDate"),
        expires_at=job.get("ApplicationCloseDate"),
        description=dig(job, "UserArea.Details.JobSummary") or job.get("QualificationSummary"),
        description_is_partial=True,
    )
