"""What the interview service hands out (frozen views) and how questions and evaluations are kept as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from careercopilot.db.models import PracticeAnswer, PracticeSession, Story
from careercopilot.domain.interview import (
    STAR_PARTS,
    Evaluation,
    Question,
    QuestionCategory,
    SpeakingPace,
    Star,
    StarFinding,
)


@dataclass(frozen=True, slots=True)
class SessionView:
    id: int
    title: str
    category: str | None
    application_id: int | None
    posting_id: int | None
    questions: tuple[Question, ...]
    time_limit_s: int  # 0: untimed
    note: str  # why the questions came from the offline bank, when they did
    created_at: datetime
    answered: int
    average_score: float | None


@dataclass(frozen=True, slots=True)
class AnswerView:
    id: int
    session_id: int | None
    question_id: str
    question_text: str
    category: str
    answer: str
    duration_s: float
    evaluation: Evaluation
    pace: SpeakingPace | None
    answered_at: datetime

    @property
    def score(self) -> int:
        return self.evaluation.score


@dataclass(frozen=True, slots=True)
class DueQuestion:
    question_id: str
    question_text: str
    category: str
    due_at: datetime
    last_score: int | None
    repetitions: int


@dataclass(frozen=True, slots=True)
class StoryView:
    id: int
    title: str
    situation: str
    task: str
    action: str
    result: str
    tags: tuple[str, ...]
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class DayScore:
    day: date
    average: float
    answers: int


@dataclass(frozen=True, slots=True)
class CategoryProgress:
    category: str
    answers: int
    average: float
    latest: int
    days: tuple[DayScore, ...]  # oldest first: the score per category over time


@dataclass(frozen=True, slots=True)
class Progress:
    answers: int
    average: float | None
    streak_days: int  # consecutive days with practice, ending today or yesterday
    practised_today: bool
    weakest: tuple[str, ...]  # categories averaging under 4, weakest first
    categories: tuple[CategoryProgress, ...]
    days: tuple[DayScore, ...]


def question_to_json(question: Question) -> dict[str, Any]:
    return {"id": question.id, "category": question.category.value, "text": question.text, "tips": question.tips,
            "strong_answer": list(question.strong_answer), "skill": question.skill, "role": question.role}


def question_from_json(data: dict[str, Any]) -> Question:
    return Question(id=str(data["id"]), category=QuestionCategory(data["category"]), text=str(data["text"]),
                    tips=str(data.get("tips") or ""), strong_answer=tuple(data.get("strong_answer") or ()),
                    skill=data.get("skill"), role=data.get("role"))


def evaluation_to_json(evaluation: Evaluation) -> dict[str, Any]:
    return asdict(evaluation)


def evaluation_from_json(data: dict[str, Any]) -> Evaluation:
    star = data["star"]
    return Evaluation(
        score=int(data["score"]),
        summary=str(data["summary"]),
        star=Star(**{n: StarFinding(bool(star[n]["present"]), str(star[n]["finding"])) for n in STAR_PARTS}),
        strengths=tuple(data["strengths"]),
        improvements=tuple(data["improvements"]),
        source=data["source"],
        note=str(data.get("note") or ""),
    )


def session_view(row: PracticeSession, answered: int = 0, average: float | None = None) -> SessionView:
    return SessionView(id=row.id, title=row.title, category=row.category, application_id=row.application_id,
                       posting_id=row.posting_id, questions=tuple(question_from_json(q) for q in row.questions),
                       time_limit_s=row.time_limit_s, note=row.note, created_at=row.created_at,
                       answered=answered, average_score=round(average, 2) if average is not None else None)


def answer_view(row: PracticeAnswer) -> AnswerView:
    return AnswerView(id=row.id, session_id=row.session_id, question_id=row.question_id,
                      question_text=row.question_text, category=row.category, answer=row.answer_text,
                      duration_s=row.duration_s, evaluation=evaluation_from_json(row.evaluation),
                      pace=SpeakingPace(**row.pace) if row.pace else None, answered_at=row.answered_at)


def story_view(row: Story) -> StoryView:
    return StoryView(id=row.id, title=row.title, situation=row.situation, task=row.task, action=row.action,
                     result=row.result, tags=tuple(row.tags or ()), updated_at=row.updated_at)
