"""Interview practice against a real local OpenAI-compatible server: DB cache, token ledger, JSON-mode memory,
streaming, transcription, the API key in the keystore."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "llm"))
from fake_llm_server import FakeLLMServer, Reply, chat, error

from careercopilot.errors import BadInput, ConfigError
from careercopilot.llm.errors import LLMFeatureMissing
from careercopilot.llm.settings import api_key_name

ANSWER = "At Parcelwise I cut p95 latency from 900 ms to 180 ms by moving routing to Kafka consumers."


def evaluation_json(score: int = 4) -> str:
    finding = {"present": True, "finding": "Clear."}
    return json.dumps({"score": score, "summary": "Solid and measured.",
                       "star": {p: finding for p in ("situation", "task", "action", "result")},
                       "strengths": ["Measured result"], "improvements": ["Name your own task.", "Add a lesson."]})


def write_llm_config(home: Path, base_url: str, **extra: object) -> None:
    lines = [f'base_url = "{base_url}"', 'model = "test-model"', 'api_key_env = "CC_TEST_UNSET_KEY"',
             "timeout = 5", "max_retries = 0", *(f"{k} = {json.dumps(v)}" for k, v in extra.items())]
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[llm]\n" + "\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def llm_server():
    server = FakeLLMServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def online(make_services, llm_server, isolated_home):
    """Services whose [llm] points at the local server; `online()` builds another (a new process, in effect)."""
    write_llm_config(isolated_home, llm_server.base_url)
    return make_services


def sign_up(services, name: str = "alice"):
    services.auth.register(name, f"{name}@example.org", "tulip-harbour-42")
    return services.auth.login(name, "tulip-harbour-42").user


def test_the_same_evaluation_twice_costs_one_call_and_tokens_are_counted_per_user(online, llm_server) -> None:
    services = online()
    alice, bob = sign_up(services), sign_up(services, "bob")
    question = services.interview.find_question(alice, "beh-04")
    llm_server.script("chat/completions", chat(evaluation_json(), prompt_tokens=30, completion_tokens=12))

    first = services.interview.evaluate(alice, question, ANSWER)
    again = online().interview.evaluate(alice, question, ANSWER)  # a later run reads the database cache

    assert first == again and first.source == "llm" and first.score == 4
    assert len(llm_server.seen("chat/completions")) == 1
    usage = services.llm.usage_today(alice)
    assert (usage.prompt_tokens, usage.completion_tokens, usage.calls, usage.model) == (30, 12, 1, "test-model")
    assert services.llm.usage_today(bob).total == 0
    llm_server.script("chat/completions", chat(evaluation_json(2)))
    assert services.interview.evaluate(bob, question, ANSWER).score == 2  # bob never reads alice's cache


def test_a_refused_json_mode_is_remembered_across_runs(online, llm_server) -> None:
    services = online()
    alice = sign_up(services)
    question = services.interview.find_question(alice, "beh-04")
    llm_server.script("chat/completions", error(400, "response_format json_schema unsupported"),
                      chat(evaluation_json()))
    assert services.interview.evaluate(alice, question, ANSWER).source == "llm"

    llm_server.script("chat/completions", chat(evaluation_json(3)))
    assert online().interview.evaluate(alice, question, ANSWER + " Again.").score == 3
    formats = [r.json.get("response_format", {}).get("type") for r in llm_server.seen("chat/completions")]
    assert formats == ["json_schema", "json_object", "json_object"]


def test_a_spent_budget_falls_back_to_offline_feedback_with_the_reason(online, llm_server, isolated_home) -> None:
    write_llm_config(isolated_home, llm_server.base_url, daily_token_budget=40)
    services = online()
    alice = sign_up(services)
    session = services.interview.start_session(alice, category="behavioral", count=20)
    llm_server.script("chat/completions", chat(evaluation_json(), prompt_tokens=30, completion_tokens=12))
    assert services.interview.submit_answer(alice, session.id, "beh-04", ANSWER).evaluation.source == "llm"

    fallback = services.interview.submit_answer(alice, session.id, "beh-03", ANSWER).evaluation
    assert fallback.source == "offline" and "budget of 40 is spent" in fallback.note
    assert len(llm_server.seen("chat/completions")) == 1
    assert not services.llm.status(alice).ok


def test_tailored_questions_come_from_the_model_with_the_posting_as_data(online, llm_server) -> None:
    from careercopilot.domain.applications import ApplicationDraft

    services = online()
    alice = sign_up(services)
    tracked = services.applications.add(alice, ApplicationDraft("Initech", "Data Analyst"))
    questions = [{"category": "technical", "skill": "SQL", "text": "How would you find duplicate rows in SQL?",
                  "tips": "Name GROUP BY.", "strong_answer": ["GROUP BY with HAVING"]}]
    llm_server.script("chat/completions", chat(json.dumps({"questions": questions})))
    session = services.interview.start_session(alice, application_id=tracked.id, count=1)
    assert [q.text for q in session.questions] == ["How would you find duplicate rows in SQL?"]
    assert session.note == ""
    prompt = llm_server.seen("chat/completions")[0].json["messages"][-1]["content"]
    assert '<data name="job_title">\nData Analyst\n</data>' in prompt


def test_feedback_streams_in_pieces_and_the_email_is_redacted_for_remote_endpoints(online, llm_server) -> None:
    services = online()
    alice = sign_up(services)
    question = services.interview.find_question(alice, "beh-04")
    llm_server.script("chat/completions", Reply(stream=["**Score 4/5**", " - measured", "\x1b[31m result"]))
    pieces = list(services.interview.stream_feedback(alice, question, ANSWER + " Mail alice@example.org."))
    assert pieces == ["**Score 4/5**", " - measured", " result"]
    sent = llm_server.seen("chat/completions")[0].json
    assert sent["stream"] is True
    assert "alice@example.org" in sent["messages"][1]["content"]  # 127.0.0.1 is local: nothing is redacted


def test_offline_there_is_no_stream_and_voice_says_what_is_missing(make_services) -> None:
    services = make_services()
    alice = sign_up(services)
    question = services.interview.find_question(alice, "beh-04")
    assert list(services.interview.stream_feedback(alice, question, ANSWER)) == []
    with pytest.raises(ConfigError, match="/audio/transcriptions"):
        services.interview.transcribe(alice, Path("answer.wav"))


def test_voice_answers_are_transcribed_by_the_endpoint(online, llm_server, tmp_path) -> None:
    services = online()
    alice = sign_up(services)
    audio = tmp_path / "answer.wav"
    audio.write_bytes(b"RIFF fake wav")
    llm_server.script("audio/transcriptions", Reply(body={"text": "I led the migration and cut latency by 80%."}),
                      error(404, "no such route"), Reply(body={"text": "  "}))
    assert services.interview.transcribe(alice, audio) == "I led the migration and cut latency by 80%."
    with pytest.raises(LLMFeatureMissing, match="does not offer audio transcription"):
        services.interview.transcribe(alice, audio)
    with pytest.raises(BadInput, match="No speech was recognised"):
        services.interview.transcribe(alice, audio)


def test_the_api_key_lives_in_the_keystore_and_reaches_the_endpoint(online, llm_server) -> None:
    services = online()
    alice = sign_up(services)
    name = services.llm.set_key("sk-from-keystore")
    assert name == api_key_name(llm_server.base_url)
    assert services.keystore.get(name) == "sk-from-keystore"
    llm_server.script("chat/completions", chat("OK"))
    assert services.llm.status(alice).ok
    assert llm_server.seen("models")[0].headers["authorization"] == "Bearer sk-from-keystore"
    with pytest.raises(BadInput):
        services.llm.set_key("  ")


def test_status_names_what_is_wrong(online, llm_server, make_services, isolated_home) -> None:
    llm_server.script("models", error(401, "bad key"))
    assert "rejected the API key" in online().llm.status().message
    (isolated_home / "config.toml").unlink()
    offline = make_services().llm
    assert not offline.status().ok and "llm.base_url" in offline.status().message
    with pytest.raises(ConfigError):
        offline.set_key("sk-anything")


def test_usage_is_kept_per_utc_day(online, llm_server) -> None:
    services = online()
    alice = sign_up(services)
    question = services.interview.find_question(alice, "beh-04")
    llm_server.script("chat/completions", chat(evaluation_json(), prompt_tokens=5, completion_tokens=5))
    services.interview.evaluate(alice, question, ANSWER)
    assert services.llm.usage_today(alice).day == datetime.now(UTC).date()
    assert services.llm.usage_today(alice).total == 10
