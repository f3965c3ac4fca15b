"""Workable widget API: keyless, one call per account with details=true; unknown accounts answer 404."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Posting, RemoteMode
from careercopilot.scraping.base import CompanyBoard, company_name_from_token, expect

ENDPOINT = "https://apply.workable.com/api/v1/widget/accounts/{slug}?details=true"


class WorkableBoard(CompanyBoard):
    source = "workable"
    company_endpoint = ENDPOINT

    def postings(self, data: Any, slug: str) -> Iterator[Posting]:
        company = data.get("name") if isinstance(data, dict) else None
        jobs = expect(data, "jobs", list, self.name)
        return self.parse_items(jobs, lambda item: parse_item(item, slug, company))


def parse_item(item: dict[str, Any], slug: str, company: str | None) -> RawPosting:
    places = [place for place in item.get("locations") or [] if isinstance(place, dict) and not place.get("hidden")]
    named = [", ".join(filter(None, (p.get("city"), p.get("region"), p.get("country")))) for p in places]
    first = ", ".join(filter(None, (item.get("city"), item.get("state"), item.get("country"))))
    return RawPosting(
        source="workable",
        source_id=item["shortcode"],
        title=item["title"],
        company=company or company_name_from_token(slug),
        url=item.get("url") or item.get("shortlink"),
        apply_url=item.get("application_url"),
        board_token=slug,
        location=first or (named[0] if named else None),
        country=places[0].get("countryCode") if places else None,
        additional_locations=named[1:],
        remote=RemoteMode.REMOTE if item.get("telecommuting") is True else None,
        employment=[item.get("employment_type") or ""],
        seniority=item.get("experience"),
        department=item.get("department"),
        posted_at=item.get("published_on") or item.get("created_at"),
        description=item.get("description"),
        category=item.get("function"),
        tags=[item.get("industry") or ""],
    )
