"""Lever postings API: keyless, a bare array per company paged with skip/limit; "eu:site" uses the EU host."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Posting
from careercopilot.domain.salary import salary_from_fields
from careercopilot.scraping.base import CompanyBoard, SearchQuery, company_name_from_token
from careercopilot.scraping.errors import MalformedResponse

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

HOSTS = {"": "https://api.lever.co", "eu": "https://api.eu.lever.co"}
PATH = "/v0/postings/{site}"
PAGE_SIZE = 100


class LeverBoard(CompanyBoard):
    source = "lever"

    async def company_postings(
        self, slug: str, region: str, query: SearchQuery, client: PoliteClient
    ) -> AsyncIterator[Posting]:
        if region not in HOSTS:
            raise MalformedResponse(f"lever company '{region}:{slug}' names an unknown region; use 'eu:' or none.")
        url = self.endpoint(HOSTS[region] + PATH.format(site=slug))
        for page in range(self.page_limit(query)):
            params = {"mode": "json", "skip": page * PAGE_SIZE, "limit": PAGE_SIZE}
            data = await self.get_json(client, url, params)
            for posting in self.postings(data, slug):
                yield posting
            if len(data) < PAGE_SIZE:
                return

    def postings(self, data: Any, site: str) -> Iterator[Posting]:
        if not isinstance(data, list):
            raise MalformedResponse("lever returned JSON that is not a list of postings; its API may have changed.")
        return self.parse_items(data, lambda item: parse_item(item, site))


def parse_item(item: dict[str, Any], site: str) -> RawPosting:
    categories = item.get("categories") or {}
    salary_range = item.get("salaryRange") or {}
    sections = "".join(
        f"<h3>{section.get('text', '')}</h3><ul>{section.get('content', '')}</ul>"
        for section in item.get("lists") or []
        if isinstance(section, dict)
    )
    description = f"{item.get('description') or ''}{sections}{item.get('additional') or ''}"
    return RawPosting(
        source="lever",
        source_id=item["id"],
        title=item["text"],
        # Lever never names the company; the site token is all we have.
        company=company_name_from_token(site),
        url=item.get("hostedUrl"),
        apply_url=item.get("applyUrl"),
        board_token=site,
        location=categories.get("location"),
        country=item.get("country"),
        additional_locations=categories.get("allLocations") or (),
        remote_hints=(item.get("workplaceType"),),
        employment=[categories.get("commitment") or ""],
        department=categories.get("department") or categories.get("team"),
        salary=salary_from_fields(
            salary_range.get("min"),
            salary_range.get("max"),
            salary_range.get("currency"),
            salary_range.get("interval"),
            raw=item.get("salaryDescriptionPlain") or "",
        ),
        posted_at=item.get("createdAt"),
        description=description or item.get("descriptionPlain"),
        tags=[categories.get("team") or ""],
        extra={"team": categories.get("team"), "workplace_type": item.get("workplaceType")},
    )
