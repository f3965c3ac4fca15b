"""The coach services call: the LLM when one is configured and answers well, the offline coach otherwise.

Importing this module does not import `openai`; the client loads on the first LLM call.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from careercopilot.domain.interview import (
    STAR_PARTS,
    Evaluation,
    EvaluationSource,
    PostingFacts,
    ProfileFacts,
    Question,
    QuestionCategory,
    Star,
    StarFinding,
)
from careercopilot.domain.text import clean_line, clean_text
from careercopilot.errors import CareerCopilotError
from careercopilot.llm import offline, offline_drafts, offline_questions, prompts
from careercopilot.llm.bank import QuestionBank, load_question_bank
from careercopilot.llm.settings import LLMSettings
from careercopilot.llm.structured import (
    PROCESS_CAPABILITIES,
    CapabilityStore,
    ResponseCache,
    StructuredAsker,
    cache_key,
)
from careercopilot.llm.usage import UsageRecorder

if TYPE_CHECKING:
    from careercopilot.llm.client import LLMClient

T = TypeVar("T")
NO_ENDPOINT = "Offline feedback: no LLM endpoint is configured (llm.base_url)."
UNREADABLE = "Offline feedback: the model's reply could not be read, even after one retry."


@dataclass(frozen=True, slots=True)
class Coached(Generic[T]):
    """A coach product with where it came from; `note` explains an offline fallback."""

    value: T
    source: EvaluationSource
    note: str = ""


def _offline_note(error: CareerCopilotError) -> str:
    return f"Offline feedback: {error.message}"


class Coach:
    def __init__(
        self,
        settings: LLMSettings,
        *,
        client: LLMClient | None = None,
        cache: ResponseCache | None = None,
        usage: UsageRecorder | None = None,
        capabilities: CapabilityStore = PROCESS_CAPABILITIES,
        bank: QuestionBank | None = None,
    ) -> None:
        self.settings = settings
        self._client = client
        self._cache = cache
        self._usage = usage
        self._capabilities = capabilities
        self._bank = bank

    @property
    def bank(self) -> QuestionBank:
        return self._bank or load_question_bank()

    def client(self) -> LLMClient:
        if self._client is None:
            from careercopilot.llm.client import LLMClient

            self._client = LLMClient(self.settings, usage=self._usage)
        return self._client

    def evaluate(
        self,
        question: Question,
        answer: str,
        time_limit_s: int = 120,
        *,
        email: str | None = None,
        phone: str | None = None,
    ) -> Evaluation:
        """LLM feedback, or the offline coach's with a note saying why; never raises on model output."""
        if self.settings.offline:
            return offline.evaluate_answer(question, answer, time_limit_s, note=NO_ENDPOINT)
        outbound = self._outbound(answer, email, phone)
        inputs = {
            "question": question.text,
            "category": question.category.value,
            "answer": outbound,
            "strong_answer": list(question.strong_answer),
            "time_limit_s": time_limit_s,
        }
        try:
            data = self._ask(
                prompts.evaluation_messages(question, outbound, time_limit_s),
                prompts.EVALUATION_SCHEMA,
                "answer_evaluation",
                cache_key(self.settings.model, prompts.EVALUATION_VERSION, inputs),
            )
        except CareerCopilotError as error:
            return offline.evaluate_answer(question, answer, time_limit_s, note=_offline_note(error))
        if data is None:
            return offline.evaluate_answer(question, answer, time_limit_s, note=UNREADABLE)
        return _evaluation_from(data)

    def questions_for(
        self, posting: PostingFacts, count: int = 8, known_skills: Sequence[str] = ()
    ) -> Coached[tuple[Question, ...]]:
        def fallback(note: str) -> Coached[tuple[Question, ...]]:
            picked = offline_questions.questions_for_posting(posting, self.bank, count, known_skills)
            return Coached(tuple(picked), "offline", note)

        if self.settings.offline:
            return fallback(NO_ENDPOINT)
        inputs = {
            "title": posting.title,
            "company": posting.company,
            "description": posting.description,
            "skills": list(posting.skills),
            "count": count,
        }
        try:
            data = self._ask(
                prompts.question_messages(posting, count),
                prompts.QUESTIONS_SCHEMA,
                "interview_questions",
                cache_key(self.settings.model, prompts.QUESTIONS_VERSION, inputs),
            )
        except CareerCopilotError as error:
            return fallback(_offline_note(error))
        if data is None:
            return fallback(UNREADABLE)
        return Coached(tuple(_question_from(item) for item in data["questions"][:count]), "llm")

    def cover_letter(
        self, profile: ProfileFacts, posting: PostingFacts, *, email: str | None = None, phone: str | None = None
    ) -> Coached[str]:
        if self.settings.offline:
            return Coached(offline_drafts.cover_letter(profile, posting), "offline", NO_ENDPOINT)
        messages = prompts.cover_letter_messages(self._outbound_profile(profile, email, phone), posting)
        key = cache_key(self.settings.model, prompts.COVER_LETTER_VERSION, {"messages": messages})
        cached = self._cache.get(key) if self._cache is not None else None
        if isinstance(cached, str) and cached:
            return Coached(cached, "llm")
        try:
            text = clean_text(self.client().complete(messages).text).strip()
        except CareerCopilotError as error:
            return Coached(offline_drafts.cover_letter(profile, posting), "offline", _offline_note(error))
        if not text:
            return Coached(offline_drafts.cover_letter(profile, posting), "offline", UNREADABLE)
        if self._cache is not None:
            self._cache.put(key, text)
        return Coached(text, "llm")

    def cv_bullets(
        self, profile: ProfileFacts, posting: PostingFacts, *, email: str | None = None, phone: str | None = None
    ) -> Coached[tuple[str, ...]]:
        def fallback(note: str) -> Coached[tuple[str, ...]]:
            return Coached(tuple(offline_drafts.cv_bullets(profile, posting)), "offline", note)

        if self.settings.offline:
            return fallback(NO_ENDPOINT)
        messages = prompts.cv_bullets_messages(self._outbound_profile(profile, email, phone), posting)
        try:
            data = self._ask(
                messages,
                prompts.CV_BULLETS_SCHEMA,
                "cv_bullets",
                cache_key(self.settings.model, prompts.CV_BULLETS_VERSION, {"messages": messages}),
            )
        except CareerCopilotError as error:
            return fallback(_offline_note(error))
        if data is None:
            return fallback(UNREADABLE)
        return Coached(tuple(clean_line(b) for b in data["bullets"] if clean_line(b)), "llm")

    def _ask(self, messages: list[dict[str, str]], schema: dict[str, Any], name: str, key: str) -> Any:
        asker = StructuredAsker(self.client(), self._capabilities, self._cache)
        return asker.ask(messages, schema, name=name, key=key)

    def _outbound(self, text: str, email: str | None, phone: str | None) -> str:
        """Contact details stay on this machine unless the endpoint is local or the user opted out."""
        if self.settings.redact_contact and not self.settings.is_local:
            return prompts.redact_contact(text, email, phone)
        return text

    def _outbound_profile(self, profile: ProfileFacts, email: str | None, phone: str | None) -> ProfileFacts:
        return ProfileFacts(
            name=profile.name,
            headline=self._outbound(profile.headline, email, phone),
            skills=profile.skills,
            achievements=tuple(self._outbound(a, email, phone) for a in profile.achievements),
            years_experience=profile.years_experience,
        )


def _evaluation_from(data: dict[str, Any]) -> Evaluation:
    """Schema-checked model output to domain types; every string is outside text and gets cleaned."""
    star = data["star"]
    return Evaluation(
        score=int(data["score"]),
        summary=clean_line(data["summary"]),
        star=Star(
            **{part: StarFinding(bool(star[part]["present"]), clean_line(star[part]["finding"])) for part in STAR_PARTS}
        ),
        strengths=tuple(clean_line(s) for s in data["strengths"] if clean_line(s)),
        improvements=tuple(clean_line(s) for s in data["improvements"] if clean_line(s))[:2],
        source="llm",
    )


def _question_from(item: dict[str, Any]) -> Question:
    text = clean_line(item["text"])
    return Question(
        id="llm-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12],
        category=QuestionCategory(item["category"]),
        text=text,
        tips=clean_line(item["tips"]),
        strong_answer=tuple(clean_line(p) for p in item["strong_answer"] if clean_line(p)),
        skill=clean_line(item["skill"]) or None,
    )
