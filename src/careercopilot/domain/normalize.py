"""Raw board fields -> the normalized Posting: one place where every board's values are cleaned alike."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from careercopilot.domain.dates import is_relative, parse_datetime
from careercopilot.domain.html import clean_field, describe
from careercopilot.domain.locations import detect_remote, parse_location, split_scope
from careercopilot.domain.postings import Attribution, EmploymentType, Posting, RemoteMode, Salary, Seniority
from careercopilot.domain.salary import find_salary, parse_salary
from careercopilot.domain.text import clean_line
from careercopilot.domain.urls import canonical_url, is_http_url

_EMPLOYMENT_PATTERNS = (
    (EmploymentType.INTERNSHIP, r"intern|werkstudent|working student|praktik|stage\b|trainee"),
    (EmploymentType.APPRENTICESHIP, r"apprentice|ausbildung|alternance"),
    (EmploymentType.PART_TIME, r"part[- _]?time|teilzeit|temps partiel|minijob"),
    (
        EmploymentType.FULL_TIME,
        r"full[- _]?time|permanent|vollzeit|festanstellung|\bcdi\b|regular|unbefristet",
    ),
    (EmploymentType.CONTRACT, r"contract|freelance|freiberuf|self[- ]employed|\b1099\b|consultant"),
    (EmploymentType.TEMPORARY, r"temporary|\btemp\b|fixed[- ]term|seasonal|befristet|\bcdd\b|interim"),
    (EmploymentType.VOLUNTEER, r"volunteer|ehrenamt|unpaid"),
)
_EMPLOYMENT = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _EMPLOYMENT_PATTERNS)
_SENIORITY_PATTERNS = (
    (Seniority.INTERN, r"\b(intern|internship|werkstudent\w*|working student|praktikant\w*|praktikum)\b"),
    (Seniority.EXECUTIVE, r"\b(chief|c[tefoi]o|ciso|vp|svp|evp|vice[- ]president|president|chief executive)\b"),
    (Seniority.DIRECTOR, r"\b(director|head of|leiter\w*|directeur|directrice)\b"),
    (
        Seniority.MANAGER,
        r"(?<!product )(?<!project )(?<!program )(?<!account )\b(manager|teamleiter)\b",
    ),
    (Seniority.LEAD, r"\b(lead|principal|staff|tech lead|team lead)\b"),
    (Seniority.SENIOR, r"\b(senior|sr\.?|snr|iii|iv|experienced|mid[- ]senior)\b"),
    (
        Seniority.ENTRY,
        r"\b(junior|jr\.?|entry[- ]?level|entry|graduate|grad|trainee|associate|new grad|beginner)\b"
        # "Android Engineer I - Payments": a trailing roman one is the first rung.
        r"|(?<=\w )I(?=\s*(?:[-–,(]|$))",
    ),
    (Seniority.MID, r"\b(mid|mid[- ]level|midweight|intermediate|ii)\b"),
)
_SENIORITY = tuple((level, re.compile(pattern, re.IGNORECASE)) for level, pattern in _SENIORITY_PATTERNS)
_MAX_TAGS = 30


@dataclass(slots=True)
class RawPosting:
    """What a board adapter read, before cleaning; any field may hold the board's own format."""

    source: str
    source_id: object
    title: object
    company: object
    url: object
    apply_url: object = None
    source_url: str | None = None
    company_url: object = None
    board_token: str | None = None
    location: object = None
    country: object = None
    additional_locations: Iterable[object] = ()
    remote: RemoteMode | None = None
    remote_hints: tuple[object, ...] = ()
    remote_scope: object = ()
    employment: object = ()
    seniority: object = None
    department: object = None
    salary: Salary | None = None
    salary_text: object = None
    posted_at: object = None
    expires_at: object = None
    description: object = None
    description_is_partial: bool = False
    tags: object = ()
    category: object = None
    attribution: Attribution | None = None
    extra: dict[str, object] = field(default_factory=dict)


def normalize(raw: RawPosting, *, now: datetime | None = None) -> Posting:
    """Clean every field; raises ValueError when the item lacks an id, a title or a web link."""
    source_id = clean_line(str(raw.source_id)) if raw.source_id not in (None, "") else ""
    title = clean_field(raw.title)[:300]
    url = canonical_url(raw.url)
    if not source_id or not title or not url:
        missing = "an id" if not source_id else "a title" if not title else "a web link"
        raise ValueError(f"{raw.source} item has no {missing}")
    description_html, description_text = describe(raw.description)
    location = parse_location(raw.location, country=_text(raw.country), additional=_strings(raw.additional_locations))
    remote = raw.remote or detect_remote(*raw.remote_hints, location.raw, title)
    extra = {key: clean_line(str(value))[:500] for key, value in raw.extra.items() if value not in (None, "", [])}
    if is_relative(raw.posted_at):
        # "3 days ago" is only as precise as its unit; dedup and sorting may want to know.
        extra["posted_at_precision"] = "relative"
    return Posting(
        source=raw.source,
        source_id=source_id[:200],
        title=title,
        company=clean_field(raw.company)[:200] or (raw.board_token or ""),
        url=url,
        apply_url=canonical_url(raw.apply_url) if is_http_url(raw.apply_url) else None,
        source_url=raw.source_url,
        company_url=canonical_url(raw.company_url) if is_http_url(raw.company_url) else None,
        board_token=raw.board_token,
        location=location,
        remote=remote,
        remote_scope=split_scope(raw.remote_scope),
        employment_types=employment_types(raw.employment),
        seniority=seniority(raw.seniority, title),
        department=clean_field(raw.department)[:200] or None,
        salary=_salary(raw, description_text),
        posted_at=parse_datetime(raw.posted_at, now=now),
        expires_at=parse_datetime(raw.expires_at, now=now),
        description_html=description_html,
        description_text=description_text,
        description_is_partial=raw.description_is_partial,
        tags=normalize_tags(raw.tags),
        category=clean_field(raw.category)[:200] or None,
        attribution=raw.attribution,
        extra=extra,
    )


def employment_types(values: object) -> tuple[EmploymentType, ...]:
    """Map labels such as "Full-time", "FullTime", "Permanent", "Contractor" to the enum, stably ordered."""
    found: set[EmploymentType] = set()
    for label in _strings(values):
        for kind, pattern in _EMPLOYMENT:
            if pattern.search(label):
                found.add(kind)
                break
    return tuple(kind for kind in EmploymentType if kind in found)


def seniority(label: object, title: object = None) -> Seniority:
    """A level from the title when it says one ("Senior …"), else from the board's label ("Mid Level")."""
    for text in (clean_field(title), *_strings(label)):
        # The Muse's level "Management"; inside a title the word names a field ("Risk Management").
        if text.casefold() == "management":
            return Seniority.MANAGER
        for level, pattern in _SENIORITY:
            if text and pattern.search(text):
                return level
    return Seniority.UNKNOWN


def normalize_tags(values: object) -> tuple[str, ...]:
    """Clean, short, de-duplicated (case-insensitively) tags in their first-seen order."""
    seen: dict[str, str] = {}
    for value in _strings(values):
        tag = value.strip(" #")[:50]
        if tag and tag.lower() not in seen:
            seen[tag.lower()] = tag
    return tuple(seen.values())[:_MAX_TAGS]


def _salary(raw: RawPosting, description_text: str) -> Salary:
    if raw.salary is not None and (raw.salary.min is not None or raw.salary.max is not None):
        return raw.salary
    if raw.salary_text:
        salary = parse_salary(raw.salary_text)
        if salary.min is not None or salary.max is not None or salary.raw:
            return salary
    # Greenhouse, WWR and others state pay only inside the description.
    return find_salary(description_text) or raw.salary or Salary()


def _strings(values: object) -> list[str]:
    if isinstance(values, str):
        values = re.split(r"[,;|]", values)
    if not isinstance(values, Iterable) or isinstance(values, bytes | dict):
        return []
    cleaned = (clean_field(_label(value)) for value in values)
    return [value for value in cleaned if value]


def _label(value: object) -> object:
    # Boards wrap labels in objects: {"name": …} (The Muse), {"label": …} (SmartRecruiters).
    if isinstance(value, dict):
        return value.get("name") or value.get("label") or value.get("text") or ""
    return value


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
