"""interview, draft and llm commands as a user runs them, offline and against the local LLM server."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "llm"))
from fake_llm_server import FakeLLMServer, Reply, chat

STRONG = ("At Parcelwise our biggest customer moved their launch forward by two weeks, so the routing migration had "
          "to ship in ten days. My task was to get the new consumers live without losing orders. I split the work "
          "into three slices, I paired on the cut-over and I ran the new path in shadow mode for two days. We "
          "shipped on day nine with zero lost orders and p95 latency fell from 900 ms to 180 ms.")
LLM_EVALUATION = json.dumps({
    "score": 5, "summary": "Excellent.",
    "star": {p: {"present": True, "finding": "Clear."} for p in ("situation", "task", "action", "result")},
    "strengths": ["Measured result"], "improvements": ["Name the lesson.", "Shorter opening."],
})


@pytest.fixture
def llm_server():
    server = FakeLLMServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def online(isolated_home: Path, llm_server: FakeLLMServer) -> FakeLLMServer:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text(
        f'[llm]\nbase_url = "{llm_server.base_url}"\nmodel = "test-model"\napi_key_env = "CC_TEST_UNSET_KEY"\n'
        "timeout = 5\nmax_retries = 0\n", encoding="utf-8")
    return llm_server


@pytest.fixture
def answer_file(tmp_path: Path) -> Path:
    path = tmp_path / "answer.txt"
    path.write_text(STRONG, encoding="utf-8")
    return path


def test_questions_by_category_as_json(signed_in) -> None:
    result = signed_in("interview", "questions", "--category", "technical", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) >= 50 and {r["category"] for r in rows} == {"technical"}
    assert signed_in("interview", "questions", "-c", "astrology").exit_code == 2


def test_evaluate_prints_exactly_the_documented_json(signed_in, answer_file: Path) -> None:
    result = signed_in("interview", "evaluate", "--question", "Give an example of a time you had to meet a tight "
                       "deadline.", "--answer-file", str(answer_file), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"score", "star", "strengths", "improvements", "source", "note"}
    assert set(data["star"]) == {"situation", "task", "action", "result"}
    assert data["source"] == "offline" and data["score"] >= 4 and len(data["improvements"]) <= 2
    assert "no LLM endpoint" in data["note"]


def test_evaluate_shows_the_score_once(signed_in, answer_file: Path) -> None:
    result = signed_in("interview", "evaluate", "-q", "beh-04", "-f", str(answer_file))
    first = result.stdout.splitlines()[0]
    assert result.exit_code == 0 and first.startswith("Score ") and first.count("/5") == 1


def test_evaluate_without_a_time_limit_never_mentions_one(signed_in, answer_file: Path) -> None:
    def summary(*extra: str) -> str:
        result = signed_in("interview", "evaluate", "-q", "beh-04", "-f", str(answer_file), *extra)
        assert result.exit_code == 0, result.output
        return " ".join(result.stdout.split())

    assert "words, a good length for the time limit" in summary()
    untimed = summary("--time-limit", "0")
    assert "words, untimed" in untimed and "time limit" not in untimed


def test_evaluate_uses_the_configured_llm(online: FakeLLMServer, signed_in, answer_file: Path) -> None:
    online.script("chat/completions", chat(LLM_EVALUATION))
    result = signed_in("interview", "evaluate", "-q", "beh-04", "-f", str(answer_file), "--json")
    data = json.loads(result.stdout)
    assert (data["source"], data["score"], data["note"]) == ("llm", 5, "")
    readable = signed_in("interview", "evaluate", "-q", "beh-04", "-f", str(answer_file))  # served from the cache
    assert "Score 5/5" in readable.stdout and "Name the lesson." in readable.stdout
    assert len(online.seen("chat/completions")) == 1
    usage = json.loads(signed_in("llm", "usage", "--json").stdout)
    assert usage["total"] == 18 and usage["calls"] == 1


def test_evaluate_needs_exactly_one_answer_source(signed_in, answer_file: Path, tmp_path: Path) -> None:
    neither = signed_in("interview", "evaluate", "-q", "beh-04")
    assert neither.exit_code == 2 and "--answer-file, --audio or --record" in neither.stderr
    missing = signed_in("interview", "evaluate", "-q", "beh-04", "-f", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and "There is no file" in missing.stderr


def test_a_practice_session_in_the_terminal(signed_in, tmp_path: Path) -> None:
    answer = tmp_path / "second.txt"
    answer.write_text(STRONG, encoding="utf-8")
    typed = "We had a deadline and I worked hard and it went okay.\n\n" + f"@{answer}\n"
    result = signed_in("interview", "practice", "-c", "behavioral", "-n", "2", "--time-limit", "90", input=typed)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("of 90 s") == 2 and result.stdout.count("Situation") == 2
    assert "2 answers" in result.stdout
    sessions = json.loads(signed_in("interview", "sessions", "--json").stdout)
    assert len(sessions) == 1 and sessions[0]["answered"] == 2 and sessions[0]["time_limit_s"] == 90
    shown = signed_in("interview", "show", str(sessions[0]["id"]))
    assert "worked hard" in shown.stdout and "p95 latency" in shown.stdout
    assert "2 answers" in signed_in("interview", "progress").stdout
    assert signed_in("interview", "delete", str(sessions[0]["id"])).exit_code == 0
    assert json.loads(signed_in("interview", "sessions", "--json").stdout) == []


def test_due_lists_weak_answers_that_came_back(signed_in) -> None:
    from datetime import UTC, datetime, timedelta

    from careercopilot.config import load_settings
    from careercopilot.services import build_services

    services = build_services(load_settings())
    try:
        user = services.auth.resume()
        session = services.interview.start_session(user, category="behavioral", count=2)
        weak, strong = (q.id for q in session.questions)
        last_week = datetime.now(UTC) - timedelta(days=7)
        services.interview.submit_answer(user, session.id, weak, "I kind of did it, I think.", at=last_week)
        services.interview.submit_answer(user, session.id, strong, STRONG)
    finally:
        services.close()
    due = json.loads(signed_in("interview", "due", "--json").stdout)
    assert [(d["question_id"], d["last_score"]) for d in due] == [(weak, 1)]
    assert "interview practice --due" in signed_in("interview", "due").stdout


def test_q_ends_practice_early(signed_in) -> None:
    result = signed_in("interview", "practice", "-n", "3", input="q\n")
    assert result.exit_code == 0 and "0 answers, no answers" in result.stdout


def test_voice_practice_says_what_is_missing_offline(signed_in, tmp_path: Path) -> None:
    audio = tmp_path / "answer.wav"
    audio.write_bytes(b"RIFF")
    result = signed_in("interview", "practice", "-n", "1", "--audio", str(audio))
    assert result.exit_code == 2 and "/audio/transcriptions" in result.stderr


def test_voice_answer_is_transcribed_then_scored(online: FakeLLMServer, signed_in, tmp_path: Path) -> None:
    audio = tmp_path / "answer.mp3"
    audio.write_bytes(b"ID3 not really audio")
    online.script("audio/transcriptions", Reply(body={"text": STRONG}))
    online.script("chat/completions", chat(LLM_EVALUATION))
    result = signed_in("interview", "practice", "-n", "1", "--audio", str(audio))
    assert result.exit_code == 0, result.output
    assert "Transcript: At Parcelwise" in result.stdout and "Score 5/5" in result.stdout


def test_own_questions_and_stories(signed_in) -> None:
    added = signed_in("interview", "add-question", "Why logistics, and why now?", "-c", "culture-fit",
                      "--point", "a personal reason")
    assert added.exit_code == 0 and "mine-1" in added.stdout
    fits = json.loads(signed_in("interview", "questions", "-c", "culture-fit", "--json").stdout)
    assert fits[-1]["text"] == "Why logistics, and why now?"
    assert signed_in("interview", "remove-question", "beh-01").exit_code == 2
    assert signed_in("interview", "remove-question", "mine-1").exit_code == 0

    story = signed_in("interview", "stories", "add", "--title", "Outage", "--action", "Rolled back",
                      "--result", "Down 4 minutes", "--tag", "incident")
    assert story.exit_code == 0
    listed = json.loads(signed_in("interview", "stories", "list", "--json").stdout)
    assert [(s["title"], s["tags"]) for s in listed] == [("Outage", ["incident"])]
    assert signed_in("interview", "stories", "delete", str(listed[0]["id"])).exit_code == 0
    gone = signed_in("interview", "stories", "delete", str(listed[0]["id"]))
    assert gone.exit_code == 1 and "You have no story" in gone.stderr


def test_cover_letter_draft_is_shown_and_saved_for_review(signed_in, tmp_path: Path) -> None:
    from careercopilot.config import load_settings
    from careercopilot.services import build_services

    services = build_services(load_settings())
    try:
        user = services.auth.resume()
        services.jobs.seed_demo(user)
        job = services.jobs.feed(user)[0]
    finally:
        services.close()
    out = tmp_path / "letter.md"
    result = signed_in("draft", "cover-letter", str(job.id), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "nothing has been sent" in result.stdout and job.company in out.read_text(encoding="utf-8")
    bullets = json.loads(signed_in("draft", "cv-bullets", str(job.id), "--json").stdout)
    assert bullets["kind"] == "cv-bullets" and bullets["source"] == "offline"
    missing = signed_in("draft", "cover-letter", "999999")
    assert missing.exit_code == 1 and "There is no job 999999" in missing.stderr


def test_llm_key_is_stored_hidden_and_the_endpoint_checked(online: FakeLLMServer, signed_in, isolated_home) -> None:
    stored = signed_in("llm", "set-key", "--key-stdin", input="sk-secret-123\n")
    assert stored.exit_code == 0 and "sk-secret-123" not in stored.output
    assert "sk-secret-123" not in (isolated_home / "config.toml").read_text(encoding="utf-8")
    online.script("chat/completions", chat("OK"))
    checked = signed_in("llm", "test")
    assert checked.exit_code == 0 and "answered with model 'test-model'" in checked.stdout
    assert online.seen("models")[-1].headers["authorization"] == "Bearer sk-secret-123"


def test_llm_test_offline_names_the_missing_setting(signed_in) -> None:
    result = signed_in("llm", "test")
    assert result.exit_code == 1 and "llm.base_url" in result.stderr
    assert "offline" in signed_in("llm", "usage").stdout
