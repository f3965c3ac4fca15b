"""The shipped question bank (data/questions.json), loaded once and filtered by category, skill or role."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from careercopilot.domain.interview import Question, QuestionCategory


def _fold(value: str | None) -> str:
    return (value or "").strip().casefold()


@dataclass(frozen=True, slots=True)
class QuestionBank:
    questions: tuple[Question, ...]

    def get(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def filter(
        self,
        category: QuestionCategory | str | None = None,
        skill: str | None = None,
        role: str | None = None,
    ) -> list[Question]:
        """Questions matching every filter given; names compare case-insensitively."""
        return [
            q
            for q in self.questions
            if (category is None or q.category == QuestionCategory(category))
            and (skill is None or _fold(q.skill) == _fold(skill))
            and (role is None or _fold(q.role) == _fold(role))
        ]

    @property
    def skills(self) -> list[str]:
        return sorted({q.skill for q in self.questions if q.skill})

    @property
    def roles(self) -> list[str]:
        return sorted({q.role for q in self.questions if q.role})


def parse_questions(raw: list[dict]) -> tuple[Question, ...]:
    return tuple(
        Question(
            id=item["id"],
            category=QuestionCategory(item["category"]),
            text=item["text"],
            tips=item.get("tips", ""),
            strong_answer=tuple(item.get("strong_answer", ())),
            skill=item.get("skill"),
            role=item.get("role"),
        )
        for item in raw
    )


@cache
def load_question_bank() -> QuestionBank:
    text = resources.files("careercopilot").joinpath("data", "questions.json").read_text(encoding="utf-8")
    return QuestionBank(parse_questions(json.loads(text)))
