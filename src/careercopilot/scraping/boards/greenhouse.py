"""Greenhouse job board API: keyless, one call per company returns the whole board (content is escaped HTML)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Posting
from careercopilot.scraping.base import CompanyBoard, dig, expect

ENDPOINT = "https://boards-api.greenhouse.io/v1/boards/{slug}/jobs?content=true"
_WORKPLACE_KEYS = ("workplace type", "location type", "remote", "work type", "workplace")


class GreenhouseBoard(CompanyBoard):
    source = "greenhouse"
    company_endpoint = ENDPOINT

    def postings(self, data: Any, token: str) -> Iterator[Posting]:
        return self.parse_items(expect(data, "jobs", list, self.name), lambda item: parse_item(item, token))


def parse_item(item: dict[str, Any], token: str) -> RawPosting:
    metadata = {
        str(entry.get("name", "")).lower(): entry.get("value")
        for entry in item.get("metadata") or []
        if isinstance(entry, dict)
    }
    workplace = [value for key, value in metadata.items() if key in _WORKPLACE_KEYS and isinstance(value, str)]
    offices = [office.get("location") or office.get("name") for office in item.get("offices") or []]
    return RawPosting(
        source="greenhouse",
        source_id=item["id"],
        title=item["title"],
        company=item.get("company_name"),
        url=item.get("absolute_url"),
        board_token=token,
        location=dig(item, "location.name"),
        additional_locations=offices[1:],
        remote_hints=tuple(workplace),
        department=dig(item, "departments.0.name"),
        posted_at=item.get("first_published") or item.get("updated_at"),
        expires_at=item.get("application_deadline"),
        description=item.get("content"),
        extra={"requisition_id": item.get("requisition_id"), "language": item.get("language")},
    )
