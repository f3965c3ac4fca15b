"""What the job feed shows and how it can be narrowed: plain types shared by services, CLI and TUI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from careercopilot.domain.postings import EmploymentType, Posting, Seniority
from careercopilot.errors import BadInput

# Sources that are the employer's own applicant tracking system: their row is the best one of a group.
ATS_SOURCES = frozenset({"greenhouse", "lever", "ashby", "workable", "smartrecruiters"})


def _level(label: str) -> tuple[Seniority, ...]:
    from careercopilot.domain.normalize import seniority

    found = seniority(label)
    return () if found is Seniority.UNKNOWN else (found,)


def _stored_value(typed: str | None, what: str, kind: type[StrEnum],
                  read: Callable[[str], tuple[StrEnum, ...]]) -> str | None:
    """A typed filter value as stored: the value itself, or what the normalizer reads in it."""
    if typed is None or not typed.strip():
        return None
    if typed.strip().lower() in kind.__members__.values():
        return typed.strip().lower()
    found = read(typed)
    if len(found) != 1:
        raise BadInput(f"Unknown {what} '{typed}'; use one of: {', '.join(kind.__members__.values())}.")
    return found[0].value


class JobSort(StrEnum):
    MATCH = "match"
    DATE = "date"
    SALARY = "salary"


@dataclass(frozen=True, slots=True)
class JobFilters:
    query: str = ""
    remote_only: bool = False
    location: str = ""  # a city, region or country name, or a 2-letter country code
    salary_floor_yearly: float | None = None
    posted_since: datetime | None = None
    sources: tuple[str, ...] = ()
    employment_type: str | None = None
    seniority: str | None = None
    hide_seen: bool = False
    include_hidden: bool = False
    saved_only: bool = False
    sort: JobSort = JobSort.MATCH
    limit: int = 200
    offset: int = 0
    after_id: int | None = None  # keyset paging: the page starts after this posting, the last of the one before

    def understood(self) -> JobFilters:
        """The same filters in stored values ("Full-time" is full_time, "Senior" senior, "Remotive" remotive);
        BadInput for an employment type or level no posting can have, instead of an empty feed."""
        from careercopilot.domain.normalize import employment_types  # its patterns cost 60 ms to import

        return replace(self, employment_type=_stored_value(self.employment_type, "employment type",
                                                           EmploymentType, employment_types),
                       seniority=_stored_value(self.seniority, "seniority", Seniority, _level),
                       sources=tuple(dict.fromkeys(s.strip().lower() for s in self.sources if s.strip())))


@dataclass(frozen=True, slots=True)
class AlsoOn:
    source: str
    url: str
    id: int  # the member's own job id: what 'jobs split' takes to part it from the group


@dataclass(frozen=True, slots=True)
class JobView:
    """One row of the feed: a posting, or the best posting of a group of duplicates."""

    id: int
    source: str
    source_id: str
    title: str
    company: str
    location: str
    country_code: str | None
    remote: str
    employment_type: tuple[str, ...]
    seniority: str
    salary_min: float | None
    salary_max: float | None
    salary_currency: str | None
    salary_interval: str | None
    posted_at: datetime | None
    url: str
    apply_url: str | None
    tags: tuple[str, ...]
    also_on: tuple[AlsoOn, ...]
    match_score: int | None
    saved: bool = False
    hidden: bool = False
    seen: bool = False


@dataclass(frozen=True, slots=True)
class ScoreComponent:
    name: str
    points: float
    max_points: float
    reason: str


@dataclass(frozen=True, slots=True)
class JobDetail:
    job: JobView
    description_text: str
    description_html: str
    skills: tuple[str, ...]
    department: str | None
    salary_raw: str
    salary_is_estimate: bool
    expires_at: datetime | None
    first_seen_at: datetime
    last_seen_at: datetime
    is_expired: bool
    attribution: str | None
    breakdown: tuple[ScoreComponent, ...] = field(default=())
    group_members: tuple[AlsoOn, ...] = ()


@dataclass(frozen=True, slots=True)
class StoredPosting:
    """A posting as ingest just stored it: scoring it needs no read back."""

    id: int
    posting: Posting
    skills: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IngestResult:
    seen: int
    new: int
    updated: int
    changed_ids: tuple[int, ...]  # new or changed postings, to be scored
    changed: tuple[StoredPosting, ...] = field(default=(), repr=False, compare=False)  # the same, as stored


def search_terms(query: str) -> tuple[list[str], list[str]]:
    """The query's words for full-text search, and the skills it names with symbols ("c++", "c#"): the text
    index drops '+' and '#', so "c++" would find every "C"; a posting's extracted skills keep them."""
    from careercopilot.domain.skills import canonical_skill  # loaded on the first search, not with the feed

    words, skills = [], []
    for word in fts_terms(query):
        skill = canonical_skill(word) if "+" in word or "#" in word else None
        if skill:
            skills.append(skill)
        else:
            words.append(word)
    return words, skills


def fts_terms(query: str) -> list[str]:
    """Words of a free-text query, safe to quote for FTS5 or tsquery (no operators reach the engine)."""
    words = []
    for raw in query.split():
        word = "".join(ch for ch in raw if ch.isalnum() or ch in "+#.-_").strip(".-_")
        if word:
            words.append(word.lower())
    return words
