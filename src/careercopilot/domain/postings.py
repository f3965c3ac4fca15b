"""The normalized job posting every board adapter produces (schema: shared/reference/job_sources.md §E)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from operator import attrgetter


class RemoteMode(StrEnum):
    REMOTE = "remote"
    HYBRID = "hybrid"
    ONSITE = "onsite"
    UNKNOWN = "unknown"


class EmploymentType(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    CONTRACT = "contract"
    TEMPORARY = "temporary"
    INTERNSHIP = "internship"
    APPRENTICESHIP = "apprenticeship"
    VOLUNTEER = "volunteer"
    OTHER = "other"


class Seniority(StrEnum):
    INTERN = "intern"
    ENTRY = "entry"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"
    MANAGER = "manager"
    DIRECTOR = "director"
    EXECUTIVE = "executive"
    UNKNOWN = "unknown"


class SalaryInterval(StrEnum):
    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    HOUR = "hour"


@dataclass(frozen=True, slots=True)
class Location:
    raw: str = ""
    city: str | None = None
    region: str | None = None
    country_code: str | None = None  # ISO 3166-1 alpha-2, upper case
    additional: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Salary:
    min: float | None = None
    max: float | None = None
    currency: str | None = None  # ISO 4217
    interval: SalaryInterval | None = None
    is_estimate: bool = False
    raw: str = ""


@dataclass(frozen=True, slots=True)
class Attribution:
    text: str
    link: str


@dataclass(frozen=True, slots=True)
class Posting:
    """One job as one board showed it, cleaned: all text already passed through domain.text.clean_text."""

    source: str
    source_id: str
    title: str
    company: str
    url: str
    apply_url: str | None = None
    source_url: str | None = None
    company_url: str | None = None
    board_token: str | None = None
    location: Location = field(default_factory=Location)
    remote: RemoteMode = RemoteMode.UNKNOWN
    remote_scope: tuple[str, ...] = ()
    employment_types: tuple[EmploymentType, ...] = ()
    seniority: Seniority = Seniority.UNKNOWN
    department: str | None = None
    salary: Salary = field(default_factory=Salary)
    posted_at: datetime | None = None  # timezone-aware UTC
    expires_at: datetime | None = None  # timezone-aware UTC
    description_html: str = ""  # sanitized: no scripts, styles, event handlers
    description_text: str = ""
    description_is_partial: bool = False
    tags: tuple[str, ...] = ()
    category: str | None = None
    attribution: Attribution | None = None
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def id(self) -> str:
        return f"{self.source}:{self.source_id}"

    @property
    def content_hash(self) -> str:
        """Changes whenever what a user would read changes; drives update-in-place on re-scrape."""
        parts = (
            self.title,
            self.company,
            self.location.raw,
            self.remote.value,
            ",".join(self.employment_types),
            f"{self.salary.min}-{self.salary.max}{self.salary.currency}{self.salary.interval}",
            self.description_text,
            ",".join(self.tags),
            self.apply_url or "",
        )
        return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def _rebuild(cls: type, values: tuple) -> object:
    """Unpickle without __init__: the values came from an instance that was already valid."""
    instance = object.__new__(cls)
    setattr_ = object.__setattr__
    for name, value in zip(_FIELDS[cls][0], values, strict=True):
        setattr_(instance, name, value)
    return instance


def _reduce(self: object) -> tuple:
    # The scrape hands thousands of postings between processes; dataclass pickling is twice as slow.
    return _rebuild, (type(self), _FIELDS[type(self)][1](self))


_FIELDS: dict[type, tuple[tuple[str, ...], attrgetter]] = {}
for _cls in (Location, Salary, Attribution, Posting):
    _names = tuple(f.name for f in fields(_cls))
    _FIELDS[_cls] = (_names, attrgetter(*_names))
    _cls.__reduce__ = _reduce  # type: ignore[method-assign]
