"""Arbeitnow job board API: keyless, paged with ?page=N, stops at an empty page or links.next = null."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from careercopilot.domain.locations import detect_remote
from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Attribution, Posting, RemoteMode
from careercopilot.scraping.base import BoardBase, SearchQuery, dig, expect

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

ENDPOINT = "https://www.arbeitnow.com/api/job-board-api"
ATTRIBUTION = Attribution("Jobs by Arbeitnow", "https://www.arbeitnow.com")


class ArbeitnowBoard(BoardBase):
    source = "arbeitnow"
    newest_first = True

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        url = self.endpoint(ENDPOINT)
        for page in range(1, self.page_limit(query) + 1):
            data = await self.get_json(client, url, {"page": page})
            items = expect(data, "data", list, self.name)
            for posting in self.postings(data):
                yield posting
            if not items or not dig(data, "links.next"):
                return

    def postings(self, data: Any) -> Iterator[Posting]:
        return self.parse_items(expect(data, "data", list, self.name), parse_item)


def parse_item(item: dict[str, Any]) -> RawPosting:
    return RawPosting(
        source="arbeitnow",
        source_id=item["slug"],
        title=item["title"],
        company=item.get("company_name"),
        url=item.get("url"),
        location=item.get("location"),
        remote=_remote_mode(item),
        employment=item.get("job_types") or (),
        seniority=item.get("job_types") or (),
        posted_at=item.get("created_at"),
        description=item.get("description"),
        tags=item.get("tags") or (),
        attribution=ATTRIBUTION,
    )


def _remote_mode(item: dict[str, Any]) -> RemoteMode | None:
    """Arbeitnow's `remote` flag is explicit: false means on site, unless the location or title says otherwise."""
    flag = item.get("remote")
    if flag is True:
        return RemoteMode.REMOTE
    if flag is not False:
        return None
    # Some employers leave the flag false and write "Remote" as the location; their words win.
    stated = detect_remote(item.get("location"), item.get("title"))
    return stated if stated is not RemoteMode.UNKNOWN else RemoteMode.ONSITE
