"""Ashby posting API: keyless, one call per company, structured compensation tiers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from careercopilot.domain.normalize import RawPosting
from careercopilot.domain.postings import Posting, RemoteMode, Salary
from careercopilot.domain.salary import parse_salary, salary_from_fields
from careercopilot.scraping.base import CompanyBoard, company_name_from_token, dig, expect

ENDPOINT = "https://api.ashbyhq.com/posting-api/job-board/{slug}?includeCompensation=true"


class AshbyBoard(CompanyBoard):
    source = "ashby"
    company_endpoint = ENDPOINT

    def postings(self, data: Any, slug: str) -> Iterator[Posting]:
        # Unlisted jobs are drafts or internal roles the company did not publish.
        jobs = [job for job in expect(data, "jobs", list, self.name) if not _unlisted(job)]
        return self.parse_items(jobs, lambda item: parse_item(item, slug))


def parse_item(item: dict[str, Any], slug: str) -> RawPosting:
    secondary = [place.get("location") for place in item.get("secondaryLocations") or [] if isinstance(place, dict)]
    return RawPosting(
        source="ashby",
        source_id=item["id"],
        title=item["title"],
        company=company_name_from_token(slug),
        url=item.get("jobUrl"),
        apply_url=item.get("applyUrl"),
        board_token=slug,
        location=item.get("location"),
        country=dig(item, "address.postalAddress.addressCountry"),
        additional_locations=secondary,
        remote=RemoteMode.REMOTE if item.get("isRemote") is True and not item.get("workplaceType") else None,
        remote_hints=(item.get("workplaceType"),),
        employment=[item.get("employmentType") or ""],
        department=item.get("department"),
        salary=_salary(item.get("compensation") or {}),
        posted_at=item.get("publishedAt"),
        description=item.get("descriptionHtml") or item.get("descriptionPlain"),
        tags=[item.get("team") or ""],
        extra={"team": item.get("team"), "compensation": dig(item, "compensation.compensationTierSummary")},
    )


def _unlisted(job: Any) -> bool:
    return isinstance(job, dict) and job.get("isListed") is False


def _salary(compensation: dict[str, Any]) -> Salary:
    """The widest salary range over all tiers; the summary text when there are no numbers."""
    components = [
        component
        for tier in compensation.get("compensationTiers") or []
        for component in (tier.get("components") or [])
        if component.get("compensationType") == "Salary"
    ]
    lows = [c["minValue"] for c in components if isinstance(c.get("minValue"), int | float)]
    highs = [c["maxValue"] for c in components if isinstance(c.get("maxValue"), int | float)]
    summary = compensation.get("scrapeableCompensationSalarySummary") or ""
    if not lows and not highs:
        return parse_salary(summary)
    return salary_from_fields(
        min(lows) if lows else None,
        max(highs) if highs else None,
        components[0].get("currencyCode"),
        components[0].get("interval"),
        raw=summary,
    )
