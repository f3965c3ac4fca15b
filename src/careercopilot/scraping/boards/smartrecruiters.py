"""SmartRecruiters postings API: keyless list (offset paging, no description) plus one detail call each."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Posting, RemoteMode
from careercopilot.scraping.base import CompanyBoard, SearchQuery, dig, expect

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

LIST = "https://api.smartrecruiters.com/v1/companies/{company}/postings"
DETAIL = "https://api.smartrecruiters.com/v1/companies/{company}/postings/{id}"
PAGE_SIZE = 100
_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


class SmartRecruitersBoard(CompanyBoard):
    source = "smartrecruiters"

    async def company_postings(
        self, slug: str, region: str, query: SearchQuery, client: PoliteClient
    ) -> AsyncIterator[Posting]:
        url = self.endpoint(LIST.format(company=slug))
        with_details = self.settings.param("details", "true") == "true"
        for page in range(self.page_limit(query)):
            data = await self.get_json(client, url, {"limit": PAGE_SIZE, "offset": page * PAGE_SIZE})
            summaries = expect(data, "content", list, self.name)
            if with_details:
                # The list has no description: each posting is completed from its detail call.
                details = [
                    await self.get_json(client, self.endpoint(DETAIL.format(company=slug, id=summary["id"])))
                    for summary in summaries
                    if isinstance(summary, dict) and summary.get("id")
                ]
            else:
                details = summaries
            for posting in self.postings(details, partial=not with_details):
                yield posting
            if not summaries or (page + 1) * PAGE_SIZE >= int(data.get("totalFound") or 0):
                return

    def postings(self, data: Any, slug: str = "", *, partial: bool = False) -> Iterator[Posting]:
        """Postings from detail (or, with partial=True, list) items."""
        return self.parse_items(data, lambda item: parse_item(item, partial=partial))


def parse_item(item: dict[str, Any], *, partial: bool = False) -> RawPosting:
    company = dig(item, "company.identifier") or ""
    sections = dig(item, "jobAd.sections") or {}
    description = "".join(
        f"<h3>{sections[name].get('title', '')}</h3>{sections[name].get('text', '')}"
        for name in _SECTIONS
        if isinstance(sections.get(name), dict)
    )
    location = item.get("location") or {}
    remote = RemoteMode.REMOTE if location.get("remote") else RemoteMode.HYBRID if location.get("hybrid") else None
    posting_url = item.get("postingUrl") or f"https://jobs.smartrecruiters.com/{company}/{item['id']}"
    custom = {str(field.get("fieldLabel")): field.get("valueLabel") for field in item.get("customField") or []}
    return RawPosting(
        source="smartrecruiters",
        source_id=item["id"],
        title=item["name"],
        company=dig(item, "company.name"),
        url=posting_url,
        apply_url=item.get("applyUrl"),
        board_token=company,
        location=location.get("fullLocation")
        or ", ".join(filter(None, (location.get("city"), location.get("region")))),
        country=location.get("country"),
        remote=remote,
        remote_hints=(custom.get("Work flexibility"),),
        employment=[dig(item, "typeOfEmployment.label") or ""],
        seniority=dig(item, "experienceLevel.label"),
        department=dig(item, "function.label") or dig(item, "department.label"),
        posted_at=item.get("releasedDate"),
        description=description,
        description_is_partial=partial or not description,
        category=dig(item, "industry.label"),
        extra={"ref_number": item.get("refNumber"), "language": dig(item, "language.code")},
    )
