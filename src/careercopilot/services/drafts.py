"""Cover letter and CV-bullet drafts for a posting, from the profile and CV: shown for review, never sent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from careercopilot.domain.accounts import UserContext
from careercopilot.domain.interview import EvaluationSource, PostingFacts, ProfileFacts
from careercopilot.domain.profile import ProfileView
from careercopilot.domain.text import clean_line
from careercopilot.services.jobs import JobService
from careercopilot.services.llm_store import LlmService
from careercopilot.services.profile import ProfileService

# CV lines that read as achievements: bullets of the experience section.
_BULLET = re.compile(r"^\s*(?:[-*•‣–]|\d+[.)])\s+(.{12,})$")


@dataclass(frozen=True, slots=True)
class Draft:
    kind: Literal["cover-letter", "cv-bullets"]
    job_id: int
    title: str
    company: str
    text: str  # the letter, or the bullets one per line with "- "
    bullets: tuple[str, ...]
    source: EvaluationSource
    note: str


def achievements(cv_text: str) -> tuple[str, ...]:
    return tuple(clean_line(m.group(1)) for line in cv_text.splitlines() if (m := _BULLET.match(line)))


def profile_facts(profile: ProfileView, username: str) -> ProfileFacts:
    return ProfileFacts(
        name=profile.full_name or username,
        headline=", ".join(profile.target_titles[:2]),
        skills=profile.skills,
        achievements=achievements(profile.cv_text),
        years_experience=int(profile.years_experience) if profile.years_experience else None,
    )


class DraftService:
    def __init__(self, profiles: ProfileService, jobs: JobService, llm: LlmService) -> None:
        self.profiles = profiles
        self.jobs = jobs
        self.llm = llm

    def cover_letter(self, user: UserContext, job_id: int) -> Draft:
        profile, posting = self._facts(user, job_id)
        coached = self.llm.coach_for(user).cover_letter(profile, posting, email=self.llm.contact_email(user))
        return Draft("cover-letter", job_id, posting.title, posting.company, coached.value, (), coached.source,
                     coached.note)

    def cv_bullets(self, user: UserContext, job_id: int) -> Draft:
        profile, posting = self._facts(user, job_id)
        coached = self.llm.coach_for(user).cv_bullets(profile, posting, email=self.llm.contact_email(user))
        text = "\n".join(f"- {bullet}" for bullet in coached.value)
        return Draft("cv-bullets", job_id, posting.title, posting.company, text, coached.value, coached.source,
                     coached.note)

    def _facts(self, user: UserContext, job_id: int) -> tuple[ProfileFacts, PostingFacts]:
        detail = self.jobs.get(user, job_id)
        posting = PostingFacts(detail.job.title, detail.job.company, detail.description_text, detail.skills)
        return profile_facts(self.profiles.get(user), user.username), posting
