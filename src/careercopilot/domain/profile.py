"""The job seeker's profile: what they look for and what they bring."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class RemotePreference(StrEnum):
    REMOTE = "remote"
    HYBRID = "hybrid"
    ONSITE = "onsite"
    ANY = "any"


class SalaryPeriod(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    HOUR = "hour"


@dataclass(frozen=True, slots=True)
class ProfileView:
    full_name: str
    target_titles: tuple[str, ...]
    skills: tuple[str, ...]
    locations: tuple[str, ...]
    remote_preference: RemotePreference
    salary_floor: int | None
    salary_currency: str
    salary_period: SalaryPeriod
    years_experience: float | None
    weekly_goal: int
    blocked_companies: tuple[str, ...]
    blocked_keywords: tuple[str, ...]
    needs_visa_sponsorship: bool
    cv_filename: str
    cv_text: str
    updated_at: datetime | None
