"""The Muse public jobs API: pages counted from 0 until page_count; api_key optional (raises the quota)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Posting
from careercopilot.scraping.base import BoardBase, SearchQuery, dig, expect

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

ENDPOINT = "https://www.themuse.com/api/public/jobs"


class TheMuseBoard(BoardBase):
    source = "themuse"
    newest_first = True

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        url = self.endpoint(ENDPOINT)
        for page in range(self.page_limit(query)):
            params: dict[str, str | int] = {"page": page, "descending": "true"}
            for name in ("category", "level", "company", "api_key"):
                if self.settings.param(name):
                    params[name] = self.settings.param(name)
            if query.location:
                params["location"] = query.location
            data = await self.get_json(client, url, params)
            for posting in self.postings(data):
                yield posting
            if page + 1 >= int(data.get("page_count") or 0):
                return

    def postings(self, data: Any) -> Iterator[Posting]:
        return self.parse_items(expect(data, "results", list, self.name), parse_item)


def parse_item(item: dict[str, Any]) -> RawPosting:
    places = [place.get("name", "") for place in item.get("locations") or [] if isinstance(place, dict)]
    return RawPosting(
        source="themuse",
        source_id=item["id"],
        title=item["name"],
        company=dig(item, "company.name"),
        url=dig(item, "refs.landing_page"),
        board_token=dig(item, "company.short_name"),
        location=places[0] if places else None,
        additional_locations=places[1:],
        remote_hints=tuple(places),
        seniority=item.get("levels") or (),
        posted_at=item.get("publication_date"),
        description=item.get("contents"),
        tags=[*(item.get("tags") or ()), *(item.get("categories") or ())],
        category=dig(item, "categories.0.name"),
    )
