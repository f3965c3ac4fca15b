"""The offline coach: scores land in the right band, feedback names what a user should change, nothing crashes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careercopilot.domain.interview import PostingFacts, ProfileFacts, Question, QuestionCategory
from careercopilot.llm.bank import load_question_bank
from careercopilot.llm.offline import evaluate_answer, speaking_pace
from careercopilot.llm.offline_drafts import cover_letter, cv_bullets
from careercopilot.llm.offline_questions import questions_for_posting, skills_in_text

LABELLED = json.loads((Path(__file__).parents[1] / "llm" / "labelled_answers.json").read_text(encoding="utf-8"))
BANDS = {"strong": (4, 5), "middling": (2, 4), "weak": (1, 2), "off-topic": (1, 2)}
BANK = load_question_bank()
CONFLICT = BANK.get("beh-01")
STRONG = next(a["answer"] for a in LABELLED if a["question_id"] == "beh-12" and a["band"] == "strong")


def test_labelled_set_covers_every_band() -> None:
    assert len(LABELLED) >= 30
    assert {a["band"] for a in LABELLED} == set(BANDS)


@pytest.mark.parametrize("item", LABELLED, ids=[f"{a['id']}-{a['band']}" for a in LABELLED])
def test_labelled_answer_scores_in_its_band(item: dict) -> None:
    evaluation = evaluate_answer(BANK.get(item["question_id"]), item["answer"], item["time_limit_s"])
    low, high = BANDS[item["band"]]
    assert low <= evaluation.score <= high, evaluation.summary
    assert evaluation.source == "offline"
    assert len(evaluation.improvements) == 2
    assert evaluation.summary.startswith(f"Score {evaluation.score}/5")


def test_off_topic_answer_is_told_to_answer_the_question() -> None:
    evaluation = evaluate_answer(CONFLICT, "My cat likes to sleep in the sun on the balcony all afternoon.")
    assert evaluation.score == 1
    assert "does not address the question" in evaluation.summary
    assert evaluation.improvements[0].startswith("Answer the question")


def test_strong_story_finds_all_star_parts_and_quotes_the_user() -> None:
    evaluation = evaluate_answer(BANK.get("beh-12"), STRONG)
    assert all(finding.present for finding in evaluation.star.parts().values())
    assert "At my last company" in evaluation.star.situation.finding
    assert "90%" in evaluation.star.result.finding
    assert any("Measured impact" in s for s in evaluation.strengths)


def test_we_instead_of_i_is_flagged() -> None:
    answer = (
        "At my last job our team was behind on a release. We needed to ship in two weeks. "
        "We split the work, we reviewed every change together and we fixed the failing tests. "
        "As a result we shipped on time and the client renewed for another year."
    )
    evaluation = evaluate_answer(CONFLICT, answer)
    assert not evaluation.star.action.present
    assert "“we”" in evaluation.star.action.finding
    assert any("Say what you did yourself" in tip for tip in evaluation.improvements)


def test_result_without_numbers_is_asked_to_be_quantified() -> None:
    answer = STRONG.replace("three days to four hours, errors fell by 90%", "days to hours, errors fell a lot")
    answer = answer.replace("about 40 errors a month", "many errors").replace("three days", "days")
    evaluation = evaluate_answer(BANK.get("beh-12"), answer)
    assert "not measured" in evaluation.star.result.finding
    assert any("Quantify the result" in tip for tip in evaluation.improvements)


def test_fillers_and_hedges_cost_points() -> None:
    noisy = STRONG.replace("I interviewed", "Um, I think I basically interviewed").replace(
        "I wrote", "I guess, like, you know, I maybe wrote"
    )
    noisy = noisy.replace("I added", "um, I sort of added").replace("I ran", "uh, I probably ran")
    assert evaluate_answer(BANK.get("beh-12"), noisy).score < evaluate_answer(BANK.get("beh-12"), STRONG).score


def test_length_is_judged_against_the_time_limit() -> None:
    short_limit = evaluate_answer(BANK.get("beh-12"), STRONG, time_limit_s=30)
    assert "too long" in short_limit.summary
    assert any(tip.startswith("Trim to about 65 words") for tip in short_limit.improvements)
    long_limit = evaluate_answer(BANK.get("beh-12"), STRONG, time_limit_s=600)
    assert "too short" in long_limit.summary


def test_untimed_length_is_never_measured_against_a_clock() -> None:
    untimed = evaluate_answer(BANK.get("beh-12"), STRONG * 4, time_limit_s=0)
    assert "too long" not in untimed.summary and "time limit" not in untimed.summary
    assert "Fits the time limit." not in untimed.strengths
    thin = evaluate_answer(BANK.get("beh-12"), "At my last job I automated the weekly report.", time_limit_s=0)
    assert "too short for a full answer" in thin.summary


def test_technical_answer_is_judged_on_key_points_not_star() -> None:
    question = BANK.get("tech-python-01")
    thin = evaluate_answer(question, "A list is mutable. I use lists a lot in my work for many things.")
    assert "key points" in thin.summary
    assert any("Cover what a strong answer has" in tip for tip in thin.improvements)


def test_situational_plans_count_as_actions() -> None:
    answer = (
        "First I would confirm with the engineers what is missing. Then I would tell the product owner the same "
        "day and I would propose shipping behind a feature flag, because the rest of the release still helps users."
    )
    evaluation = evaluate_answer(BANK.get("sit-01"), answer)
    assert evaluation.star.action.present


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600), st.integers(min_value=-5, max_value=3600))
def test_never_crashes_on_arbitrary_text(answer: str, limit: int) -> None:
    evaluation = evaluate_answer(CONFLICT, answer, limit)
    assert 1 <= evaluation.score <= 5
    assert len(evaluation.improvements) == 2


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_speaking_pace_never_crashes(transcript: str, seconds: float) -> None:
    pace = speaking_pace(transcript, seconds)
    assert pace.words_per_minute >= 0 and pace.verdict


def test_speaking_pace_and_fillers() -> None:
    fast = speaking_pace(STRONG, 30)
    assert fast.verdict.startswith("Fast")
    good = speaking_pace(STRONG, 60)
    assert good.verdict.startswith("Good pace") and good.fillers == 0
    umms = speaking_pace("Um so I, uh, built the, um, pipeline and, you know, it worked", 10)
    assert umms.fillers == 4 and umms.fillers_per_100_words > 20


def test_skills_are_found_as_whole_words() -> None:
    text = "We use Python 3, PostgreSQL and C++; Java experience (not JavaScript) helps. SQL is a must."
    found = skills_in_text(text, ["Python", "SQL", "C++", "Java", "JavaScript", "Go", "R"])
    assert found == ["Python", "SQL", "C++", "Java", "JavaScript"]


def test_questions_for_a_posting_follow_its_skills_and_role() -> None:
    posting = PostingFacts(
        title="Senior Data Analyst",
        company="Acme",
        description="You will write SQL every day and build Python notebooks for the product team.",
    )
    picked = questions_for_posting(posting, BANK, count=8)
    assert len(picked) == 8 and len({q.id for q in picked}) == 8
    assert {q.skill for q in picked} >= {"SQL", "Python"}
    assert any(q.role == "Data analyst" for q in picked)
    assert {QuestionCategory.BEHAVIORAL, QuestionCategory.SITUATIONAL} <= {q.category for q in picked}
    assert questions_for_posting(posting, BANK, count=8) == picked


PROFILE = ProfileFacts(
    name="Ada Lovelace",
    headline="Backend engineer focused on data platforms",
    skills=("Python", "SQL", "Kubernetes"),
    achievements=("Cut nightly batch time from 6 hours to 40 minutes with Python", "I mentored two juniors"),
    years_experience=7,
)
POSTING = PostingFacts(
    title="Data Engineer", company="Initech", description="Python and SQL pipelines", skills=("SQL",)
)


def test_cover_letter_uses_only_profile_facts() -> None:
    letter = cover_letter(PROFILE, POSTING)
    assert letter.startswith("Dear Initech hiring team,")
    assert "Data Engineer role at Initech" in letter and "7 years of experience in Python and SQL" in letter
    assert "6 hours to 40 minutes" in letter
    assert "Kubernetes" not in letter  # not asked for by the posting
    assert letter.rstrip().endswith("Ada Lovelace")


def test_a_skill_the_profile_names_by_a_synonym_counts_as_asked_for() -> None:
    posting = PostingFacts(title="Platform Engineer", company="Initech", description="Our platform team.",
                           skills=("Amazon Web Services", "Kubernetes"))
    letter = cover_letter(replace(PROFILE, skills=("AWS", "k8s", "Go")), posting)
    assert "in AWS and k8s, I match" in letter and "Go" not in letter


def test_cv_bullets_put_relevant_measured_work_first() -> None:
    bullets = cv_bullets(PROFILE, POSTING)
    assert bullets[0].startswith("Cut nightly batch time")
    assert "Mentored two juniors" in bullets
    assert bullets[-1] == "Skills this role asks for: Python and SQL"


def test_question_without_bank_entry_still_gets_feedback() -> None:
    custom = Question(id="x", category=QuestionCategory.TECHNICAL, text="How does HTTP caching work?")
    evaluation = evaluate_answer(custom, "Caching uses Cache-Control and ETag headers so the browser can reuse it.")
    assert 1 <= evaluation.score <= 5


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80), st.lists(st.text(max_size=60), max_size=4), st.text(max_size=200))
def test_drafts_never_crash_on_odd_profile_text(name: str, achievements: list[str], description: str) -> None:
    profile = ProfileFacts(name=name, headline=name, skills=("SQL", name), achievements=tuple(achievements))
    posting = PostingFacts(title=name, company=name, description=description)
    assert cover_letter(profile, posting).startswith("Dear ")
    assert isinstance(cv_bullets(profile, posting), list)
    assert len(questions_for_posting(posting, BANK, count=5)) == 5


def test_role_names_match_whole_words_only() -> None:
    picked = questions_for_posting(PostingFacts(title="Salesforce Developer"), BANK, count=12)
    assert all(q.role != "Sales" for q in picked)
