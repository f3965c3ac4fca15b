"""Interview practice types and the spaced-repetition rule: pure data, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal

_SCORE_PREFIX = re.compile(r"^\s*score\s*\d\s*/\s*5\s*[:.-]?\s*", re.IGNORECASE)

EvaluationSource = Literal["llm", "offline"]
STAR_PARTS = ("situation", "task", "action", "result")
WORDS_PER_MINUTE = 130  # a calm interview speaking pace


def words_for(time_limit_s: int) -> int | None:
    """About how many spoken words fit the time limit; None when the answer is untimed (0 seconds)."""
    return round(time_limit_s / 60 * WORDS_PER_MINUTE) if time_limit_s > 0 else None


class QuestionCategory(StrEnum):
    BEHAVIORAL = "behavioral"
    TECHNICAL = "technical"
    SITUATIONAL = "situational"
    ROLE_SPECIFIC = "role-specific"
    CULTURE_FIT = "culture-fit"


@dataclass(frozen=True, slots=True)
class Question:
    """One practice question; `strong_answer` lists what a strong answer contains."""

    id: str
    category: QuestionCategory
    text: str
    tips: str = ""
    strong_answer: tuple[str, ...] = ()
    skill: str | None = None
    role: str | None = None

    @property
    def expects_story(self) -> bool:
        """Behavioral questions are answered with a STAR story; the rest with reasoning and an example."""
        return self.category is QuestionCategory.BEHAVIORAL


@dataclass(frozen=True, slots=True)
class StarFinding:
    present: bool
    finding: str


@dataclass(frozen=True, slots=True)
class Star:
    situation: StarFinding
    task: StarFinding
    action: StarFinding
    result: StarFinding

    def parts(self) -> dict[str, StarFinding]:
        return {name: getattr(self, name) for name in STAR_PARTS}


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Feedback on one answer; `note` tells the user where it came from when that matters."""

    score: int  # 1..5
    summary: str
    star: Star
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    source: EvaluationSource
    note: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.score <= 5:
            raise ValueError(f"score must be between 1 and 5, got {self.score}")

    @property
    def summary_after_score(self) -> str:
        """The summary for a line that already shows the score: the offline coach starts it with "Score 3/5:"."""
        return _SCORE_PREFIX.sub("", self.summary)


@dataclass(frozen=True, slots=True)
class SpeakingPace:
    """How a spoken answer sounded: pace against ~130 words per minute and filler words per 100 words."""

    words: int
    seconds: float
    words_per_minute: float
    fillers: int
    fillers_per_100_words: float
    verdict: str


@dataclass(frozen=True, slots=True)
class PostingFacts:
    """The few posting fields the coach needs; `description` is untrusted scraped text."""

    title: str
    company: str = ""
    description: str = ""
    skills: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProfileFacts:
    """The few profile fields a cover letter or CV bullets need: no contact details on purpose."""

    name: str
    headline: str = ""
    skills: tuple[str, ...] = ()
    achievements: tuple[str, ...] = ()
    years_experience: int | None = None


@dataclass(frozen=True, slots=True)
class ReviewState:
    """Where a question stands in the practice rotation."""

    repetitions: int = 0
    interval_days: float = 0.0
    ease: float = 2.5
    due_at: datetime | None = None
    history: tuple[int, ...] = ()  # the last 20 scores, oldest first


MIN_EASE = 1.3
MAX_INTERVAL_DAYS = 180.0
# A score of 3 is "passable but not yet solid": it returns in two days, before any strong answer does.
_RELEARN_DAYS = {1: 1 / 24 * 4, 2: 1.0, 3: 2.0}
_FIRST_STRONG_DAYS = {4: 4.0, 5: 6.0}


def schedule_review(score: int, reviewed_at: datetime, previous: ReviewState | None = None) -> ReviewState:
    """SM-2 style: weak answers (<= 3) come back within days, strong ones at growing intervals."""
    if not 1 <= score <= 5:
        raise ValueError(f"score must be between 1 and 5, got {score}")
    state = previous or ReviewState()
    # SM-2 ease update, with the 1..5 score read as SM-2's quality grade.
    ease = max(MIN_EASE, state.ease + 0.1 - (5 - score) * (0.08 + (5 - score) * 0.02))
    if score <= 3:
        repetitions, interval = 0, _RELEARN_DAYS[score]
    elif state.repetitions == 0:
        repetitions, interval = 1, _FIRST_STRONG_DAYS[score]
    else:
        repetitions = state.repetitions + 1
        interval = max(_FIRST_STRONG_DAYS[score], state.interval_days * ease)
    interval = min(interval, MAX_INTERVAL_DAYS)
    return ReviewState(
        repetitions=repetitions,
        interval_days=interval,
        ease=ease,
        due_at=reviewed_at + timedelta(days=interval),
        history=(*state.history, score)[-20:],
    )
