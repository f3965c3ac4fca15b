"""The real client against the scripted local server: answers, retries, errors a user can act on."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fake_llm_server import FakeLLMServer, Reply, chat, error, free_port

from careercopilot.errors import BadInput
from careercopilot.llm.client import LLMClient
from careercopilot.llm.errors import (
    LLMAuthFailed,
    LLMBudgetSpent,
    LLMFeatureMissing,
    LLMModelNotFound,
    LLMRateLimited,
    LLMRequestRejected,
    LLMServerError,
    LLMTimeout,
    LLMUnreachable,
)
from careercopilot.llm.settings import LLMSettings
from careercopilot.llm.usage import MemoryUsageRecorder

HELLO = [{"role": "user", "content": "Say hello"}]


def test_completion_returns_text_sends_key_and_records_tokens(
    llm_server: FakeLLMServer, llm_client: LLMClient, usage: MemoryUsageRecorder
) -> None:
    llm_server.script("chat/completions", chat("Hello there", prompt_tokens=12, completion_tokens=3))

    completion = llm_client.complete(HELLO)

    assert completion.text == "Hello there"
    request = llm_server.seen("chat/completions")[0]
    assert request.headers["authorization"] == "Bearer sk-test-secret"
    assert request.json["model"] == "test-model"
    assert usage.tokens_today() == 15


def test_rate_limit_is_retried_then_succeeds(llm_server: FakeLLMServer, llm_client: LLMClient) -> None:
    llm_server.script("chat/completions", error(429, **{"retry-after-ms": "10"}), chat("after the wait"))

    assert llm_client.complete(HELLO).text == "after the wait"
    assert len(llm_server.seen("chat/completions")) == 2


def test_rate_limit_that_persists_says_so(llm_server: FakeLLMServer, llm_client: LLMClient) -> None:
    llm_server.script("chat/completions", *[error(429, **{"retry-after-ms": "10"})] * 2)

    with pytest.raises(LLMRateLimited, match="429"):
        llm_client.complete(HELLO)


def test_server_error_after_retries(llm_server: FakeLLMServer, llm_client: LLMClient) -> None:
    llm_server.script("chat/completions", *[error(500, **{"retry-after-ms": "10"})] * 2)

    with pytest.raises(LLMServerError, match="server error") as caught:
        llm_client.complete(HELLO)
    assert caught.value.exit_code == 1


def test_bad_key_is_an_auth_error_naming_where_the_key_comes_from(
    llm_server: FakeLLMServer, llm_client: LLMClient
) -> None:
    llm_server.script("chat/completions", error(401, "Incorrect API key provided: sk-test-secret"))

    with pytest.raises(LLMAuthFailed) as caught:
        llm_client.complete(HELLO)
    assert caught.value.exit_code == 3
    assert "CAREERCOPILOT_TEST_UNSET_KEY" in caught.value.message
    assert "sk-test-secret" not in caught.value.message


def test_server_detail_in_a_rejection_never_shows_the_key(llm_server: FakeLLMServer, llm_client: LLMClient) -> None:
    llm_server.script("chat/completions", error(400, "bad request from key sk-test-secret\x1b]52;c;evil\x07"))

    with pytest.raises(LLMRequestRejected) as caught:
        llm_client.complete(HELLO)
    assert "sk-test-secret" not in caught.value.message
    assert "***" in caught.value.message
    assert "\x1b" not in caught.value.message


def test_unknown_model_points_at_the_setting(llm_server: FakeLLMServer, llm_client: LLMClient) -> None:
    llm_server.script("chat/completions", error(404, "model not found"))

    with pytest.raises(LLMModelNotFound, match=r"llm\.model"):
        llm_client.complete(HELLO)


def test_slow_server_times_out_with_advice(llm_server: FakeLLMServer, llm_settings: LLMSettings) -> None:
    settings = dataclasses.replace(llm_settings, timeout=0.3, max_retries=0)
    llm_server.script("chat/completions", dataclasses.replace(chat("too late"), delay=1.5))

    with pytest.raises(LLMTimeout, match=r"llm\.timeout"):
        LLMClient(settings, api_key="k").complete(HELLO)


def test_no_server_listening_is_unreachable(llm_settings: LLMSettings) -> None:
    settings = dataclasses.replace(llm_settings, base_url=f"http://127.0.0.1:{free_port()}/v1", max_retries=0)

    with pytest.raises(LLMUnreachable, match="Cannot reach"):
        LLMClient(settings, api_key="k").complete(HELLO)


def test_streaming_yields_chunks_as_sent(llm_server: FakeLLMServer, llm_client: LLMClient) -> None:
    llm_server.script("chat/completions", Reply(stream=["Dear ", "hiring ", "team"]))

    assert list(llm_client.stream(HELLO)) == ["Dear ", "hiring ", "team"]
    assert llm_server.seen("chat/completions")[0].json["stream"] is True


def test_server_that_refuses_streaming_gets_one_whole_answer(llm_server: FakeLLMServer, llm_client: LLMClient) -> None:
    llm_server.script("chat/completions", error(400, "stream not supported"), chat("whole letter"))

    assert list(llm_client.stream(HELLO)) == ["whole letter"]


def test_transcription_returns_clean_text(llm_server: FakeLLMServer, llm_client: LLMClient, tmp_path: Path) -> None:
    audio = tmp_path / "answer.wav"
    audio.write_bytes(b"RIFF\x00\x00\x00\x00WAVEfmt ")
    llm_server.script("audio/transcriptions", Reply(body={"text": "I led the \x1b[2Jmigration."}))

    assert llm_client.transcribe(audio) == "I led the migration."
    request = llm_server.seen("audio/transcriptions")[0]
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert b"answer.wav" in request.body


def test_endpoint_without_transcription_says_so(
    llm_server: FakeLLMServer, llm_client: LLMClient, tmp_path: Path
) -> None:
    audio = tmp_path / "answer.wav"
    audio.write_bytes(b"RIFF")
    llm_server.script("audio/transcriptions", error(404, "Not Found"))

    with pytest.raises(LLMFeatureMissing, match="/audio/transcriptions"):
        llm_client.transcribe(audio)


def test_missing_audio_file_is_bad_input(llm_client: LLMClient, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"There is no file .*nope\.wav for the audio"):
        llm_client.transcribe(tmp_path / "nope.wav")


def test_check_endpoint_ok(llm_server: FakeLLMServer, llm_client: LLMClient) -> None:
    llm_server.script("chat/completions", chat("OK"))

    status = llm_client.check_endpoint()

    assert status.ok
    assert "test-model" in status.message


def test_check_endpoint_names_an_unknown_model_and_the_ones_served(
    llm_server: FakeLLMServer, llm_settings: LLMSettings
) -> None:
    client = LLMClient(dataclasses.replace(llm_settings, model="gpt-imaginary"), api_key="k")

    status = client.check_endpoint()

    assert not status.ok
    assert "gpt-imaginary" in status.message and "test-model" in status.message
    assert llm_server.seen("chat/completions") == []


def test_check_endpoint_without_models_route_still_tries_the_model(
    llm_server: FakeLLMServer, llm_client: LLMClient
) -> None:
    llm_server.script("models", error(404))
    llm_server.script("chat/completions", chat("OK"))

    assert llm_client.check_endpoint().ok


def test_check_endpoint_bad_key(llm_server: FakeLLMServer, llm_client: LLMClient) -> None:
    llm_server.script("models", error(401, "invalid key"))

    status = llm_client.check_endpoint()

    assert not status.ok
    assert "rejected the API key" in status.message


def test_check_endpoint_unreachable(llm_settings: LLMSettings) -> None:
    settings = dataclasses.replace(llm_settings, base_url=f"http://127.0.0.1:{free_port()}/v1", max_retries=0)

    status = LLMClient(settings, api_key="k").check_endpoint()

    assert not status.ok
    assert "Cannot reach" in status.message


def test_spent_budget_stops_calls_before_they_leave(llm_server: FakeLLMServer, llm_settings: LLMSettings) -> None:
    usage = MemoryUsageRecorder()
    usage.record("test-model", 900, 100)
    client = LLMClient(dataclasses.replace(llm_settings, daily_token_budget=1000), api_key="k", usage=usage)

    assert "budget" in client.check_endpoint().message
    with pytest.raises(LLMBudgetSpent, match=r"llm\.daily_token_budget"):
        client.complete(HELLO)
    assert llm_server.requests == []


def _unsupported(param: str, message: str, code: str) -> Reply:
    """OpenAI's own 400 body for a parameter a reasoning model refuses."""
    return Reply(status=400, body={"error": {"message": message, "type": "invalid_request_error", "param": param,
                                             "code": code}})


def test_a_reasoning_model_gets_max_completion_tokens_and_no_temperature_after_refusing_them(
        llm_server: FakeLLMServer, llm_client: LLMClient) -> None:
    llm_server.script(
        "chat/completions",
        _unsupported("max_tokens", "Unsupported parameter: 'max_tokens' is not supported with this model. "
                     "Use 'max_completion_tokens' instead.", "unsupported_parameter"),
        _unsupported("temperature", "Unsupported value: 'temperature' does not support 0.2 with this model. "
                     "Only the default (1) value is supported.", "unsupported_value"),
        chat("OK"),
        chat("second answer"),
    )

    assert llm_client.check_endpoint().ok
    assert llm_client.complete([{"role": "user", "content": "again"}], max_tokens=50).text == "second answer"

    sent = [r.json for r in llm_server.seen("chat/completions")]
    assert len(sent) == 4  # two refusals, then every call adapted at once
    assert ("max_tokens" in sent[0], "temperature" in sent[0]) == (True, True)
    assert sent[2].get("max_completion_tokens") == 1 and "max_tokens" not in sent[2] and "temperature" not in sent[2]
    assert sent[3].get("max_completion_tokens") == 50 and "temperature" not in sent[3]


def test_another_refused_parameter_is_reported_not_retried(llm_server: FakeLLMServer, llm_client: LLMClient) -> None:
    llm_server.script("chat/completions", _unsupported("messages", "Unsupported value: 'messages' is empty.",
                                                       "unsupported_value"))

    with pytest.raises(LLMRequestRejected, match="rejected the request \\(400\\)"):
        llm_client.complete([{"role": "user", "content": "hi"}])
    assert len(llm_server.seen("chat/completions")) == 1
