"""Interview practice: question bank and own questions, sessions, scored answers, reviews, stories, progress."""

from __future__ import annotations

import hashlib
import wave
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from careercopilot.db.base import utcnow
from careercopilot.db.engine import Database
from careercopilot.db.models import PracticeAnswer, PracticeSession, QuestionReview, Story, UserQuestion
from careercopilot.domain.accounts import UserContext
from careercopilot.domain.interview import (
    Evaluation,
    PostingFacts,
    Question,
    QuestionCategory,
    ReviewState,
    SpeakingPace,
    schedule_review,
)
from careercopilot.domain.text import clean_line, clean_text
from careercopilot.errors import BadInput, ConfigError, NotFound
from careercopilot.llm import offline, prompts
from careercopilot.llm.bank import load_question_bank
from careercopilot.services.applications import ApplicationService
from careercopilot.services.interview_demo import DEMO_ANSWERS, DEMO_STORIES
from careercopilot.services.interview_progress import progress
from careercopilot.services.interview_views import (
    AnswerView,
    DueQuestion,
    Progress,
    SessionView,
    StoryView,
    answer_view,
    evaluation_to_json,
    question_from_json,
    question_to_json,
    session_view,
    story_view,
)
from careercopilot.services.jobs import JobService
from careercopilot.services.llm_store import LlmService

DEFAULT_TIME_LIMIT_S = 120
MAX_QUESTIONS = 20
OWN_PREFIX = "mine-"
NO_TRANSCRIPTION = (
    "Voice answers need a transcription endpoint: set llm.base_url to a server that offers /audio/transcriptions "
    "(OpenAI, whisper.cpp server, LocalAI); until then type the answer or pass it as a text file."
)
# Streamed feedback is prose for the reader; the score and STAR breakdown come from the structured evaluation.
_STREAM_INSTRUCTION = (
    "Reply for the candidate in short Markdown, not JSON: one line with the score out of 5 and why, "
    "one line per STAR part, then the two most useful improvements as bullets."
)


def parse_category(value: str | None) -> QuestionCategory | None:
    if not value:
        return None
    try:
        return QuestionCategory(value.strip().lower())
    except ValueError:
        raise BadInput(f"Unknown category '{value}'; use one of {', '.join(QuestionCategory)}.") from None


def _interleaved(questions: Sequence[Question]) -> list[Question]:
    """Round-robin over categories, so a mixed set is not all behavioral questions."""
    pools: dict[QuestionCategory, list[Question]] = {}
    for q in questions:
        pools.setdefault(q.category, []).append(q)
    ordered: list[Question] = []
    for index in range(max((len(p) for p in pools.values()), default=0)):
        ordered += [pool[index] for pool in pools.values() if index < len(pool)]
    return ordered


def audio_seconds(path: Path) -> float | None:
    """Length of a WAV recording, for speaking pace; other formats have no cheap reader here."""
    try:
        with wave.open(str(path), "rb") as audio:
            return audio.getnframes() / float(audio.getframerate())
    except (wave.Error, EOFError, OSError, ZeroDivisionError):
        return None


class InterviewService:
    def __init__(self, db: Database, llm: LlmService, jobs: JobService, applications: ApplicationService,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.llm = llm
        self.jobs = jobs
        self.applications = applications
        self._clock = clock

    # --- questions ------------------------------------------------------------------------------------

    def questions(self, user: UserContext, category: str | None = None) -> list[Question]:
        """The shipped bank and the user's own questions, optionally of one category."""
        wanted = parse_category(category)
        bank = load_question_bank().filter(wanted)  # listing needs no LLM client
        with self.db.read() as s:
            query = select(UserQuestion).where(UserQuestion.user_id == user.user_id).order_by(UserQuestion.id)
            if wanted is not None:
                query = query.where(UserQuestion.category == wanted.value)
            own = [_own_question(row) for row in s.scalars(query)]
        return [*bank, *own]

    def add_question(self, user: UserContext, text: str, category: str = "behavioral", tips: str = "",
                     strong_answer: Sequence[str] = ()) -> Question:
        text = clean_line(text)
        if len(text) < 10:
            raise BadInput("A question needs at least 10 characters of text.")
        kind = parse_category(category) or QuestionCategory.BEHAVIORAL
        with self.db.begin() as s:
            row = UserQuestion(user_id=user.user_id, category=kind.value, text=text, tips=clean_text(tips).strip(),
                               strong_answer=[clean_line(p) for p in strong_answer if clean_line(p)],
                               created_at=utcnow())
            s.add(row)
            s.flush()
            return _own_question(row)

    def delete_question(self, user: UserContext, question_id: str) -> None:
        number = question_id.removeprefix(OWN_PREFIX)
        if not question_id.startswith(OWN_PREFIX) or not number.isdigit():
            raise BadInput(f"Only your own questions (ids starting with '{OWN_PREFIX}') can be deleted.")
        with self.db.begin() as s:
            deleted = s.execute(delete(UserQuestion).where(UserQuestion.id == int(number),
                                                           UserQuestion.user_id == user.user_id)).rowcount
        if not deleted:
            raise NotFound(f"You have no question {question_id}; 'careercopilot interview questions' lists them.")

    def find_question(self, user: UserContext, text: str, category: str | None = None) -> Question:
        """The bank or own question with this text or id, or an ad-hoc one so any question can be practised."""
        folded = clean_line(text).casefold()
        for question in self.questions(user):
            if question.id == clean_line(text) or question.text.casefold() == folded:
                return question
        if len(folded) < 10:
            raise BadInput("The question is too short; give its full text or a question id.")
        kind = parse_category(category) or QuestionCategory.BEHAVIORAL
        digest = hashlib.sha256(folded.encode("utf-8")).hexdigest()[:12]
        return Question(id=f"adhoc-{digest}", category=kind, text=clean_line(text))

    # --- sessions -------------------------------------------------------------------------------------

    def start_session(self, user: UserContext, *, category: str | None = None, posting_id: int | None = None,
                      application_id: int | None = None, count: int = 5, time_limit_s: int = DEFAULT_TIME_LIMIT_S,
                      due_only: bool = False) -> SessionView:
        """A practice set for a category, a tracked application or posting (tailored), or today's due queue."""
        if not 1 <= count <= MAX_QUESTIONS:
            raise BadInput(f"A session has 1 to {MAX_QUESTIONS} questions, not {count}.")
        if not 0 <= time_limit_s <= 3600:
            raise BadInput("The time limit is 0 (untimed) to 3600 seconds per question.")
        note = ""
        if posting_id is not None or application_id is not None:
            facts, posting_id = self._posting_facts(user, posting_id, application_id)
            coached = self.llm.coach_for(user).questions_for(facts, count)
            picked, note = list(coached.value), coached.note
            title = f"{facts.title} at {facts.company}" if facts.company else facts.title
        elif due_only:
            picked = self._due_questions(user, count)
            title = "Due today"
        else:
            picked = self._next_questions(user, category, count)
            title = f"{parse_category(category).value.capitalize()} practice" if category else "Mixed practice"
        if not picked:
            raise BadInput("Nothing is due today; start a session for a category instead." if due_only
                           else "No questions match; try another category.")
        with self.db.begin() as s:
            row = PracticeSession(user_id=user.user_id, title=clean_line(title)[:300],
                                  category=parse_category(category).value if category else None,
                                  application_id=application_id, posting_id=posting_id,
                                  questions=[question_to_json(q) for q in picked], time_limit_s=time_limit_s,
                                  note=note, created_at=self._clock())
            s.add(row)
            s.flush()
            return session_view(row)

    def _posting_facts(self, user: UserContext, posting_id: int | None,
                       application_id: int | None) -> tuple[PostingFacts, int | None]:
        title = company = ""
        if application_id is not None:
            tracked = self.applications.get(user, application_id)
            title, company = tracked.title, tracked.company
            if posting_id is None and tracked.job_id and tracked.job_id.isdigit():
                posting_id = int(tracked.job_id)
        if posting_id is not None:
            try:
                detail = self.jobs.get(user, posting_id)
            except NotFound:
                if application_id is None:
                    raise
                return PostingFacts(title, company), None  # the posting expired away: the tracked title still serves
            facts = PostingFacts(detail.job.title, detail.job.company, detail.description_text, detail.skills)
            return facts, posting_id
        return PostingFacts(title, company), None

    def _next_questions(self, user: UserContext, category: str | None, count: int) -> list[Question]:
        """Due questions first, then never practised ones, then the longest unseen."""
        pool = _interleaved(self.questions(user, category))
        now = self._clock()
        with self.db.read() as s:
            reviews = {r.question_id: r for r in s.scalars(select(QuestionReview)
                                                           .where(QuestionReview.user_id == user.user_id))}

        def rank(item: tuple[int, Question]) -> tuple[int, datetime, int]:
            index, question = item
            review = reviews.get(question.id)
            if review is None:
                return (1, now, index)
            return (0 if review.due_at <= now else 2, review.due_at, index)

        return [q for _, q in sorted(enumerate(pool), key=rank)[:count]]

    def _due_questions(self, user: UserContext, count: int) -> list[Question]:
        by_id = {q.id: q for q in self.questions(user)}
        picked = []
        for item in self.due(user)[:count]:
            question = by_id.get(item.question_id) or Question(
                id=item.question_id, category=QuestionCategory(item.category), text=item.question_text)
            picked.append(question)
        return picked

    def sessions(self, user: UserContext, limit: int = 100) -> list[SessionView]:
        """Newest first, with how many answers each has and their average score."""
        with self.db.read() as s:
            stats = (select(PracticeAnswer.session_id, func.count(), func.avg(PracticeAnswer.score))
                     .where(PracticeAnswer.user_id == user.user_id).group_by(PracticeAnswer.session_id).subquery())
            rows = s.execute(select(PracticeSession, stats.c[1], stats.c[2])
                             .outerjoin(stats, stats.c.session_id == PracticeSession.id)
                             .where(PracticeSession.user_id == user.user_id)
                             .order_by(PracticeSession.created_at.desc(), PracticeSession.id.desc()).limit(limit))
            return [session_view(row, answered or 0, float(avg) if avg is not None else None)
                    for row, answered, avg in rows]

    def session(self, user: UserContext, session_id: int) -> SessionView:
        with self.db.read() as s:
            row = self._owned_session(s, user, session_id)
            answered, avg = s.execute(select(func.count(), func.avg(PracticeAnswer.score))
                                      .where(PracticeAnswer.session_id == row.id,
                                             PracticeAnswer.user_id == user.user_id)).one()
            return session_view(row, answered, float(avg) if avg is not None else None)

    def delete_session(self, user: UserContext, session_id: int) -> None:
        """The session and its answers go; what the answers taught the review schedule stays."""
        with self.db.begin() as s:
            s.delete(self._owned_session(s, user, session_id))

    @staticmethod
    def _owned_session(s: Session, user: UserContext, session_id: int) -> PracticeSession:
        row = s.scalar(select(PracticeSession).where(PracticeSession.id == session_id,
                                                     PracticeSession.user_id == user.user_id))
        if row is None:
            raise NotFound(f"There is no practice session {session_id}; 'careercopilot interview sessions' "
                           "lists yours.")
        return row

    # --- answers --------------------------------------------------------------------------------------

    def evaluate(self, user: UserContext, question: Question, answer: str,
                 time_limit_s: int = DEFAULT_TIME_LIMIT_S) -> Evaluation:
        """Feedback on one answer without recording it (LLM, or offline with a note saying why); 0 s is untimed."""
        answer = _answer_text(answer)
        return self.llm.coach_for(user).evaluate(question, answer, time_limit_s, email=self.llm.contact_email(user))

    def submit_answer(self, user: UserContext, session_id: int, question_id: str, answer: str, *,
                      duration_s: float = 0.0, spoken_seconds: float | None = None,
                      at: datetime | None = None) -> AnswerView:
        """Evaluate and record an answer (a retry is another attempt) and reschedule its question."""
        answer = _answer_text(answer)
        session = self.session(user, session_id)
        question = next((q for q in session.questions if q.id == question_id), None)
        if question is None:
            raise BadInput(f"Question {question_id} is not part of session {session_id}.")
        evaluation = self.evaluate(user, question, answer, session.time_limit_s)
        pace = offline.speaking_pace(answer, spoken_seconds) if spoken_seconds else None
        return self._record(user, session_id, question, answer, evaluation, duration_s, pace, at or self._clock())

    def _record(self, user: UserContext, session_id: int | None, question: Question, answer: str,
                evaluation: Evaluation, duration_s: float, pace: SpeakingPace | None, at: datetime) -> AnswerView:
        with self.db.begin() as s:
            row = PracticeAnswer(user_id=user.user_id, session_id=session_id, question_id=question.id,
                                 question_text=question.text, category=question.category.value, answer_text=answer,
                                 duration_s=max(0.0, round(duration_s, 1)), evaluation=evaluation_to_json(evaluation),
                                 score=evaluation.score, source=evaluation.source,
                                 pace=asdict(pace) if pace else None, answered_at=at)
            s.add(row)
            self._reschedule(s, user, question, evaluation.score, at)
            s.flush()
            return answer_view(row)

    @staticmethod
    def _reschedule(s: Session, user: UserContext, question: Question, score: int, at: datetime) -> None:
        review = s.get(QuestionReview, (user.user_id, question.id))
        previous = None if review is None else ReviewState(review.repetitions, review.interval_days, review.ease,
                                                           review.due_at, tuple(review.history or ()))
        state = schedule_review(score, at, previous)
        if review is None:
            review = QuestionReview(user_id=user.user_id, question_id=question.id)
            s.add(review)
        review.question_text, review.category = question.text, question.category.value
        review.repetitions, review.interval_days, review.ease = state.repetitions, state.interval_days, state.ease
        review.due_at, review.history, review.reviewed_at = state.due_at, list(state.history), at

    def answers(self, user: UserContext, session_id: int | None = None, limit: int = 200) -> list[AnswerView]:
        """Newest first; one session's when given."""
        with self.db.read() as s:
            query = select(PracticeAnswer).where(PracticeAnswer.user_id == user.user_id)
            if session_id is not None:
                query = query.where(PracticeAnswer.session_id == session_id)
            rows = s.scalars(query.order_by(PracticeAnswer.answered_at.desc(), PracticeAnswer.id.desc()).limit(limit))
            return [answer_view(row) for row in rows]

    def stream_feedback(self, user: UserContext, question: Question, answer: str,
                        time_limit_s: int = DEFAULT_TIME_LIMIT_S) -> Iterator[str]:
        """Prose feedback as the server streams it; nothing offline (the offline coach answers at once)."""
        if self.llm.offline:
            return iter(())
        settings = self.llm.settings
        outbound = _answer_text(answer)
        if settings.redact_contact and not settings.is_local:
            outbound = prompts.redact_contact(outbound, self.llm.contact_email(user))
        messages = [*prompts.evaluation_messages(question, outbound, time_limit_s),
                    {"role": "system", "content": _STREAM_INSTRUCTION}]
        return (clean_text(piece) for piece in self.llm.coach_for(user).client().stream(messages))

    def transcription_check(self, user: UserContext) -> None:
        """Raise the reason a spoken answer could not be transcribed now (no endpoint configured)."""
        if self.llm.offline:
            raise ConfigError(NO_TRANSCRIPTION)

    def transcribe(self, user: UserContext, audio: Path) -> str:
        """The text of a spoken answer through the endpoint's /audio/transcriptions."""
        self.transcription_check(user)
        text = self.llm.coach_for(user).client().transcribe(audio)
        if not text.strip():
            raise BadInput(f"No speech was recognised in {audio.name}; record the answer again.")
        return text

    def record_answer(self, user: UserContext, seconds: float, on_recording: Callable[[], None] | None = None) -> str:
        """Record `seconds` from the microphone and transcribe it; nobody is asked to speak unless it can be."""
        import tempfile

        from careercopilot.voice import record_wav

        self.transcription_check(user)
        with tempfile.TemporaryDirectory(prefix="careercopilot-voice-") as folder:
            if on_recording is not None:
                on_recording()
            return self.transcribe(user, record_wav(Path(folder) / "answer.wav", seconds))

    # --- spaced repetition and progress ---------------------------------------------------------------

    def due(self, user: UserContext, now: datetime | None = None) -> list[DueQuestion]:
        """Today's queue: every question whose review falls before the end of today (UTC), oldest due first."""
        now = now or self._clock()
        end_of_day = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=now.tzinfo)
        with self.db.read() as s:
            rows = s.scalars(select(QuestionReview).where(QuestionReview.user_id == user.user_id,
                                                          QuestionReview.due_at < end_of_day)
                             .order_by(QuestionReview.due_at, QuestionReview.question_id))
            return [DueQuestion(r.question_id, r.question_text, r.category, r.due_at,
                                r.history[-1] if r.history else None, r.repetitions) for r in rows]

    def progress(self, user: UserContext, now: datetime | None = None) -> Progress:
        with self.db.read() as s:
            rows = s.execute(select(PracticeAnswer.category, PracticeAnswer.score, PracticeAnswer.answered_at)
                             .where(PracticeAnswer.user_id == user.user_id)
                             .order_by(PracticeAnswer.answered_at, PracticeAnswer.id)).all()
        return progress([tuple(r) for r in rows], now or self._clock())

    # --- story bank -----------------------------------------------------------------------------------

    def add_story(self, user: UserContext, title: str, *, situation: str = "", task: str = "", action: str = "",
                  result: str = "", tags: Sequence[str] = ()) -> StoryView:
        title = clean_line(title)[:200]
        parts = {name: clean_text(value).strip() for name, value in
                 (("situation", situation), ("task", task), ("action", action), ("result", result))}
        if not title or not any(parts.values()):
            raise BadInput("A story needs a title and at least one of situation, task, action or result.")
        now = utcnow()
        with self.db.begin() as s:
            row = Story(user_id=user.user_id, title=title, tags=[clean_line(t) for t in tags if clean_line(t)],
                        created_at=now, updated_at=now, **parts)
            s.add(row)
            s.flush()
            return story_view(row)

    def stories(self, user: UserContext) -> list[StoryView]:
        with self.db.read() as s:
            rows = s.scalars(select(Story).where(Story.user_id == user.user_id).order_by(Story.title, Story.id))
            return [story_view(row) for row in rows]

    def delete_story(self, user: UserContext, story_id: int) -> None:
        with self.db.begin() as s:
            deleted = s.execute(delete(Story).where(Story.id == story_id, Story.user_id == user.user_id)).rowcount
        if not deleted:
            raise NotFound(f"You have no story {story_id}; 'careercopilot interview stories list' shows them.")

    # --- demo -----------------------------------------------------------------------------------------

    def seed_demo(self, user: UserContext, now: datetime | None = None) -> int:
        """Three sessions of offline-scored answers over the past week and two stories; 0 if any exist."""
        now = now or self._clock()
        with self.db.read() as s:
            if s.scalar(select(func.count()).select_from(PracticeSession)
                        .where(PracticeSession.user_id == user.user_id)):
                return 0
        bank = load_question_bank()
        for days_ago, category, answers in DEMO_ANSWERS:
            at = now - timedelta(days=days_ago)
            questions = [bank.get(question_id) for question_id, _ in answers]
            with self.db.begin() as s:
                row = PracticeSession(user_id=user.user_id, title=f"{category.capitalize()} practice",
                                      category=category, questions=[question_to_json(q) for q in questions if q],
                                      time_limit_s=DEFAULT_TIME_LIMIT_S, note="", created_at=at)
                s.add(row)
                s.flush()
                session_id = row.id
            for offset, (question, (_, text)) in enumerate(zip(questions, answers, strict=True)):
                if question is not None:
                    evaluation = offline.evaluate_answer(question, text, DEFAULT_TIME_LIMIT_S)
                    self._record(user, session_id, question, text, evaluation, 70.0 + 10 * offset, None,
                                 at + timedelta(minutes=3 * offset))
        for story in DEMO_STORIES:
            self.add_story(user, **story)
        return len(DEMO_ANSWERS)


def _answer_text(answer: str) -> str:
    text = clean_text(answer).strip()
    if not text:
        raise BadInput("The answer is empty; type or record an answer first.")
    return text


def _own_question(row: UserQuestion) -> Question:
    return question_from_json({"id": f"{OWN_PREFIX}{row.id}", "category": row.category, "text": row.text,
                               "tips": row.tips, "strong_answer": row.strong_answer})
