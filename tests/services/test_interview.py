"""Interview practice offline: questions, sessions, scored answers, reviews, progress, stories, drafts, isolation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from careercopilot.domain.applications import ApplicationDraft
from careercopilot.domain.interview import QuestionCategory
from careercopilot.errors import BadInput, NotFound
from careercopilot.services.interview_demo import DEMO_ANSWERS

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STRONG = DEMO_ANSWERS[-1][2][0][1]  # the demo's measured, first-person deadline story
WEAK = "We had a deadline and I worked hard and we kind of made it in the end, I think it went okay."


def deadline_session(services, user, **options):
    session = services.interview.start_session(user, category="behavioral", count=20, **options)
    assert any(q.id == "beh-04" for q in session.questions)
    return session


def test_bank_and_own_questions_by_category_and_per_user(services, alice, bob) -> None:
    everything = services.interview.questions(alice)
    assert len(everything) >= 150
    assert {q.category for q in everything} == set(QuestionCategory)
    mine = services.interview.add_question(alice, "Why do you want to work in logistics?", "culture-fit",
                                           tips="Name one real reason.", strong_answer=["a personal reason"])
    fits = services.interview.questions(alice, "culture-fit")
    assert mine in fits and all(q.category is QuestionCategory.CULTURE_FIT for q in fits)
    assert mine not in services.interview.questions(bob)
    with pytest.raises(NotFound):
        services.interview.delete_question(bob, mine.id)
    with pytest.raises(BadInput, match="your own questions"):
        services.interview.delete_question(alice, "beh-01")
    services.interview.delete_question(alice, mine.id)
    assert mine not in services.interview.questions(alice)
    with pytest.raises(BadInput, match="Unknown category 'astrology'"):
        services.interview.questions(alice, "astrology")


def test_a_strong_answer_outscores_a_weak_one_and_both_are_kept_as_attempts(services, alice) -> None:
    session = deadline_session(services, alice)
    weak = services.interview.submit_answer(alice, session.id, "beh-04", WEAK, duration_s=20, at=NOW)
    strong = services.interview.submit_answer(alice, session.id, "beh-04", STRONG, duration_s=95, at=NOW)
    assert weak.score <= 2 < 4 <= strong.score
    assert strong.evaluation.source == "offline" and "no LLM endpoint" in strong.evaluation.note
    assert "not measured" in weak.evaluation.star.result.finding
    assert services.interview.answers(alice, session.id) == [strong, weak]  # STAR breakdown and all, newest first
    stored = services.interview.session(alice, session.id)
    assert stored.answered == 2 and stored.average_score == (weak.score + strong.score) / 2
    with pytest.raises(BadInput, match="empty"):
        services.interview.submit_answer(alice, session.id, "beh-04", "  \x1b[2J ")
    with pytest.raises(BadInput, match="not part of session"):
        services.interview.submit_answer(alice, session.id, "tech-python-01", STRONG)


def test_untimed_answers_are_not_judged_against_a_time_limit(services, alice) -> None:
    session = deadline_session(services, alice, time_limit_s=0)
    weak = services.interview.submit_answer(alice, session.id, "beh-04", WEAK, at=NOW).evaluation
    strong = services.interview.submit_answer(alice, session.id, "beh-04", STRONG * 3, at=NOW).evaluation
    for evaluation in (weak, strong):
        feedback = " ".join((evaluation.summary, *evaluation.strengths, *evaluation.improvements)).lower()
        assert "time limit" not in feedback and "timer" not in feedback, feedback
    assert "too short" in weak.summary  # a thin answer is still called thin
    assert "too long" not in strong.summary and not any(tip.startswith("Trim") for tip in strong.improvements)


def test_weak_answers_come_back_sooner_and_fill_todays_queue(services, alice) -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)  # start_session reads the real clock
    session = deadline_session(services, alice)
    services.interview.submit_answer(alice, session.id, "beh-04", WEAK, at=yesterday)
    services.interview.submit_answer(alice, session.id, "beh-03", STRONG.replace("Parcelwise", "Acme"), at=yesterday)
    assert services.interview.due(alice, now=yesterday - timedelta(days=1)) == []
    assert [d.question_id for d in services.interview.due(alice, now=yesterday + timedelta(days=2))] == ["beh-04"]
    assert services.interview.due(alice, now=yesterday + timedelta(days=30))[0].question_id == "beh-04"
    queue = services.interview.start_session(alice, due_only=True, count=5)
    assert queue.title == "Due today" and [q.id for q in queue.questions] == ["beh-04"]


def test_due_only_with_nothing_due_says_so(services, alice) -> None:
    with pytest.raises(BadInput, match="Nothing is due today"):
        services.interview.start_session(alice, due_only=True)


def test_new_sessions_prefer_due_then_unpractised_questions(services, alice) -> None:
    first = services.interview.start_session(alice, category="situational", count=3)
    due, *practised = [q.id for q in first.questions]
    services.interview.submit_answer(alice, first.id, due, WEAK, at=datetime.now(UTC) - timedelta(days=3))
    for question_id in practised:
        services.interview.submit_answer(alice, first.id, question_id, STRONG)
    second = [q.id for q in services.interview.start_session(alice, category="situational", count=3).questions]
    assert second[0] == due and not set(second) & set(practised)


def test_progress_shows_scores_per_category_weakest_area_and_streak(services, alice) -> None:
    session = services.interview.start_session(alice, count=20)
    technical = next(q for q in session.questions if q.category is QuestionCategory.TECHNICAL)
    for days_ago in (3, 2, 1, 0):
        services.interview.submit_answer(alice, session.id, "beh-01", STRONG, at=NOW - timedelta(days=days_ago))
    services.interview.submit_answer(alice, session.id, technical.id, "No idea.", at=NOW - timedelta(days=5))
    progress = services.interview.progress(alice, now=NOW)
    assert progress.answers == 5 and progress.streak_days == 4 and progress.practised_today
    assert progress.weakest[0] == "technical"
    behavioral = next(c for c in progress.categories if c.category == "behavioral")
    assert behavioral.answers == 4 and len(behavioral.days) == 4
    assert services.interview.progress(alice, now=NOW + timedelta(days=1)).streak_days == 4  # alive until missed
    assert services.interview.progress(alice, now=NOW + timedelta(days=2)).streak_days == 0


def test_sessions_answers_and_stories_are_private(services, alice, bob) -> None:
    session = deadline_session(services, alice)
    services.interview.submit_answer(alice, session.id, "beh-04", STRONG)
    story = services.interview.add_story(alice, "Migration", situation="Launch moved", result="Shipped early",
                                         tags=["deadline"])
    assert services.interview.sessions(bob) == [] and services.interview.answers(bob) == []
    assert services.interview.due(bob, now=NOW + timedelta(days=400)) == []
    assert services.interview.stories(bob) == []
    with pytest.raises(NotFound):
        services.interview.session(bob, session.id)
    with pytest.raises(NotFound):
        services.interview.submit_answer(bob, session.id, "beh-04", STRONG)
    with pytest.raises(NotFound):
        services.interview.delete_session(bob, session.id)
    with pytest.raises(NotFound):
        services.interview.delete_story(bob, story.id)
    assert services.interview.stories(alice) == [story]


def test_deleting_a_session_drops_its_answers_but_keeps_the_schedule(services, alice) -> None:
    session = deadline_session(services, alice)
    services.interview.submit_answer(alice, session.id, "beh-04", WEAK, at=NOW)
    services.interview.delete_session(alice, session.id)
    assert services.interview.sessions(alice) == [] and services.interview.answers(alice) == []
    assert [d.question_id for d in services.interview.due(alice, now=NOW + timedelta(days=2))] == ["beh-04"]


def test_a_session_for_a_tracked_application_is_tailored_to_its_role(services, alice) -> None:
    tracked = services.applications.add(alice, ApplicationDraft("Initech", "Senior Data Analyst"))
    session = services.interview.start_session(alice, application_id=tracked.id, count=6)
    assert session.title == "Senior Data Analyst at Initech" and session.application_id == tracked.id
    assert any(q.role == "Data analyst" for q in session.questions)
    assert "Offline feedback" in session.note
    with pytest.raises(NotFound):
        services.interview.start_session(alice, application_id=tracked.id + 100)


def test_a_session_for_a_posting_asks_about_its_skills(services, alice) -> None:
    services.jobs.seed_demo(alice)
    job = next(j for j in services.jobs.feed(alice) if "Python" in services.jobs.get(alice, j.id).skills)
    session = services.interview.start_session(alice, posting_id=job.id, count=8)
    assert session.posting_id == job.id
    assert any(q.skill == "Python" for q in session.questions)


def test_story_needs_a_title_and_some_content(services, alice) -> None:
    with pytest.raises(BadInput):
        services.interview.add_story(alice, "Empty story")
    story = services.interview.add_story(alice, "Outage", action="Rolled back \x1b]52;c;evil\x07in 4 minutes")
    assert story.action == "Rolled back in 4 minutes"
    services.interview.delete_story(alice, story.id)
    assert services.interview.stories(alice) == []


def test_demo_history_has_scored_sessions_over_past_days_and_stories(services, alice) -> None:
    assert services.interview.seed_demo(alice, now=NOW) == len(DEMO_ANSWERS)
    assert services.interview.seed_demo(alice, now=NOW) == 0
    sessions = services.interview.sessions(alice)
    assert len(sessions) == len(DEMO_ANSWERS) and all(s.answered == 2 for s in sessions)
    progress = services.interview.progress(alice, now=NOW)
    assert progress.streak_days == 1 and len(progress.days) == 3
    assert len(services.interview.stories(alice)) == 2
    assert services.interview.due(alice, now=NOW)  # the weak demo answers are due again


def test_offline_cover_letter_and_bullets_use_only_the_profile(services, alice) -> None:
    services.jobs.seed_demo(alice)
    services.profiles.update(alice, full_name="Ada Lovelace", skills=["Python", "SQL"], target_titles=["Analyst"])
    job = services.jobs.feed(alice)[0]
    letter = services.drafts.cover_letter(alice, job.id)
    assert letter.source == "offline" and "no LLM endpoint" in letter.note
    assert job.company in letter.text and letter.text.rstrip().endswith("Ada Lovelace")
    bullets = services.drafts.cv_bullets(alice, job.id)
    assert bullets.kind == "cv-bullets" and bullets.text == "\n".join(f"- {b}" for b in bullets.bullets)
    with pytest.raises(NotFound):
        services.drafts.cover_letter(alice, 10_000_000)
