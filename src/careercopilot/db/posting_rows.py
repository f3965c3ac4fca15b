"""Between the domain's Posting and the postings table: one mapping, used by ingest, dedup and export."""

from __future__ import annotations

from typing import Any

from careercopilot.db.models import JobPosting
from careercopilot.domain.dedup import DedupKeys, dedup_keys, normalize_company
from careercopilot.domain.matching import yearly_amount
from careercopilot.domain.postings import (
    Attribution,
    EmploymentType,
    Location,
    Posting,
    RemoteMode,
    Salary,
    SalaryInterval,
    Seniority,
)


def posting_columns(posting: Posting, keys: DedupKeys | None = None) -> dict[str, Any]:
    """Column values a scrape may change (not ids, group, skills or timestamps)."""
    salary, location = posting.salary, posting.location
    top = salary.max if salary.max is not None else salary.min
    links = sorted((keys or dedup_keys(posting)).urls)  # dedup's own link form, so candidates match by equality
    return {
        "title": posting.title[:500],
        "company": posting.company[:300],
        "company_key": normalize_company(posting.company)[:300],
        "url": posting.url[:2000],
        "apply_url": posting.apply_url[:2000] if posting.apply_url else None,
        "canonical_url": links[0][:2000] if links else None,
        "location_raw": location.raw[:500],
        "city": location.city,
        "region": location.region,
        "country_code": location.country_code,
        "remote": posting.remote.value,
        "employment_types": [t.value for t in posting.employment_types],
        "seniority": posting.seniority.value,
        "department": posting.department,
        "category": posting.category,
        "salary_min": salary.min,
        "salary_max": salary.max,
        "salary_currency": salary.currency,
        "salary_interval": salary.interval.value if salary.interval else None,
        "salary_is_estimate": salary.is_estimate,
        "salary_raw": salary.raw[:300],
        "salary_yearly": yearly_amount(top, salary.interval) if top is not None else None,
        "posted_at": posting.posted_at,
        "expires_at": posting.expires_at,
        "description_html": posting.description_html,
        "description_text": posting.description_text,
        "description_is_partial": posting.description_is_partial,
        "tags": list(posting.tags),
        "attribution_text": posting.attribution.text if posting.attribution else None,
        "attribution_link": posting.attribution.link if posting.attribution else None,
        "content_hash": posting.content_hash,
    }


# What row_to_posting reads: a query that rebuilds postings selects these, not bookkeeping such as seen-at times.
POSTING_COLUMNS = tuple(
    JobPosting.__table__.c[name]
    for name in ("source", "source_id", "title", "company", "url", "apply_url", "location_raw", "city", "region",
                 "country_code", "remote", "employment_types", "seniority", "department", "category", "salary_min",
                 "salary_max", "salary_currency", "salary_interval", "salary_is_estimate", "salary_raw", "posted_at",
                 "expires_at", "description_html", "description_text", "description_is_partial", "tags",
                 "attribution_text", "attribution_link")
)


def row_to_posting(row: JobPosting) -> Posting:
    """Rebuild the domain posting from a stored row (dedup keys and match scores are computed on it)."""
    return Posting(
        source=row.source,
        source_id=row.source_id,
        title=row.title,
        company=row.company,
        url=row.url,
        apply_url=row.apply_url,
        location=Location(raw=row.location_raw, city=row.city, region=row.region, country_code=row.country_code),
        remote=RemoteMode(row.remote),
        employment_types=tuple(EmploymentType(t) for t in row.employment_types or ()),
        seniority=Seniority(row.seniority),
        department=row.department,
        category=row.category,
        salary=Salary(
            min=row.salary_min,
            max=row.salary_max,
            currency=row.salary_currency,
            interval=SalaryInterval(row.salary_interval) if row.salary_interval else None,
            is_estimate=row.salary_is_estimate,
            raw=row.salary_raw,
        ),
        posted_at=row.posted_at,
        expires_at=row.expires_at,
        description_html=row.description_html,
        description_text=row.description_text,
        description_is_partial=row.description_is_partial,
        tags=tuple(row.tags or ()),
        attribution=Attribution(row.attribution_text, row.attribution_link or "") if row.attribution_text else None,
    )
