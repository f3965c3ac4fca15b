"""Adzuna search API: app_id + app_key in the query, page number in the path, 50 results a page at most."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Attribution, Posting
from careercopilot.domain.salary import salary_from_fields
from careercopilot.scraping.base import BoardBase, SearchQuery, dig, expect
from careercopilot.scraping.errors import NotConfigured

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

ENDPOINT = "https://api.adzuna.com/v1/api/jobs/{country}/search/{page}"
PAGE_SIZE = 50
ATTRIBUTION = Attribution("Jobs by Adzuna", "https://www.adzuna.com")
CURRENCIES = {
    "gb": "GBP", "us": "USD", "ca": "CAD", "au": "AUD", "nz": "NZD", "in": "INR", "ch": "CHF", "pl": "PLN",
    "br": "BRL", "mx": "MXN", "za": "ZAR", "sg": "SGD",
}  # fmt: skip


class AdzunaBoard(BoardBase):
    source = "adzuna"
    searches_server_side = True

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        app_key = self.require_key()
        if not self.settings.account:
            raise NotConfigured(
                f"adzuna needs an app id too; set the environment variable {self.settings.account_env}."
            )
        country = self.settings.param("country", "gb").lower()
        for page in range(1, self.page_limit(query) + 1):
            params: dict[str, str | int] = {
                "app_id": self.settings.account,
                "app_key": app_key,
                "results_per_page": PAGE_SIZE,
                "content-type": "application/json",
            }
            if query.query:
                params["what"] = query.query
            if query.location:
                params["where"] = query.location
            url = self.endpoint(ENDPOINT.format(country=country, page=page))
            data = await self.get_json(client, url, params)
            results = expect(data, "results", list, self.name)
            for posting in self.postings(data, country):
                yield posting
            if not results or page * PAGE_SIZE >= int(data.get("count") or 0):
                return

    def postings(self, data: Any, country: str) -> Iterator[Posting]:
        return self.parse_items(expect(data, "results", list, self.name), lambda item: parse_item(item, country))


def parse_item(item: dict[str, Any], country: str) -> RawPosting:
    area = dig(item, "location.area") or []
    return RawPosting(
        source="adzuna",
        source_id=item["id"],
        title=item["title"],
        company=dig(item, "company.display_name"),
        url=item.get("redirect_url"),
        location=dig(item, "location.display_name"),
        country=area[0] if area else country,
        employment=[item.get("contract_time") or "", item.get("contract_type") or ""],
        salary=salary_from_fields(
            item.get("salary_min"),
            item.get("salary_max"),
            CURRENCIES.get(country, "EUR"),
            "year",
            is_estimate=str(item.get("salary_is_predicted")) == "1",
        ),
        posted_at=item.get("created"),
        description=item.get("description"),
        description_is_partial=True,
        category=dig(item, "category.label"),
        attribution=ATTRIBUTION,
    )
