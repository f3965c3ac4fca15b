"""Structured JSON against the scripted server: tolerant parsing, one repair turn, mode downgrades, memory."""

from __future__ import annotations

import json

import pytest
from fake_llm_server import FakeLLMServer, Reply, chat, error

from careercopilot.llm.client import LLMClient
from careercopilot.llm.errors import LLMAuthFailed, LLMError
from careercopilot.llm.structured import (
    JsonMode,
    MemoryCapabilityStore,
    MemoryResponseCache,
    StructuredAsker,
    cache_key,
)

SCHEMA = {
    "type": "object",
    "properties": {
        "score": {"type": "integer", "minimum": 1, "maximum": 5},
        "tips": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
    },
    "required": ["score", "tips"],
    "additionalProperties": False,
}
ASK = [{"role": "user", "content": "Rate it"}]
GOOD = {"score": 4, "tips": ["Quantify the result"]}


def ask(client: LLMClient, capabilities: MemoryCapabilityStore, **kwargs: object) -> dict | None:
    return StructuredAsker(client, capabilities, **kwargs).ask(ASK, SCHEMA, name="rating")  # type: ignore[arg-type]


def formats(server: FakeLLMServer) -> list[str | None]:
    return [(r.json.get("response_format") or {}).get("type") for r in server.seen("chat/completions")]


@pytest.mark.parametrize(
    "reply",
    [
        json.dumps(GOOD),
        "```json\n" + json.dumps(GOOD, indent=2) + "\n```",
        "Sure! Here is my rating:\n" + json.dumps(GOOD) + "\nLet me know if you need more.",
        "{'score': 4, 'tips': ['Quantify the result',],}",
    ],
    ids=["plain", "fenced", "prose-around", "single-quotes-trailing-comma"],
)
def test_replies_in_many_shapes_give_the_same_answer(
    llm_server: FakeLLMServer, llm_client: LLMClient, capabilities: MemoryCapabilityStore, reply: str
) -> None:
    llm_server.script("chat/completions", chat(reply))

    assert ask(llm_client, capabilities) == GOOD
    assert formats(llm_server) == ["json_schema"]
    sent = llm_server.seen("chat/completions")[0].json["response_format"]["json_schema"]
    assert sent["strict"] is True and sent["schema"]["required"] == ["score", "tips"]
    # Range and length limits are checked here, not sent: strict servers refuse them.
    assert "maximum" not in json.dumps(sent["schema"]) and "maxItems" not in json.dumps(sent["schema"])


def test_invalid_reply_gets_one_repair_turn_with_the_errors(
    llm_server: FakeLLMServer, llm_client: LLMClient, capabilities: MemoryCapabilityStore
) -> None:
    llm_server.script("chat/completions", chat('{"score": 9, "tips": []}'), chat(json.dumps(GOOD)))

    assert ask(llm_client, capabilities) == GOOD
    repair = llm_server.seen("chat/completions")[1].json["messages"]
    assert any("$.score must be at most 5" in m["content"] for m in repair if m["role"] == "user")
    assert any(m["role"] == "assistant" and "9" in m["content"] for m in repair)


def test_invalid_twice_gives_up_with_none(
    llm_server: FakeLLMServer, llm_client: LLMClient, capabilities: MemoryCapabilityStore
) -> None:
    llm_server.script("chat/completions", chat("I'd rate it four!"), chat('{"score": "four"}'))

    assert ask(llm_client, capabilities) is None
    assert len(llm_server.seen("chat/completions")) == 2


@pytest.mark.parametrize("status", [400, 422, 500])
def test_refused_json_schema_downgrades_to_json_object_and_is_remembered(
    llm_server: FakeLLMServer, llm_client: LLMClient, capabilities: MemoryCapabilityStore, status: int
) -> None:
    # A 500 is retried once by the SDK before it counts as a refusal.
    refusals = [error(status, "response_format json_schema is not supported", **{"retry-after-ms": "5"})]
    llm_server.script("chat/completions", *refusals * (2 if status == 500 else 1), chat(json.dumps(GOOD)))

    assert ask(llm_client, capabilities) == GOOD
    assert capabilities.get(llm_client.endpoint) is JsonMode.OBJECT

    llm_server.script("chat/completions", chat(json.dumps(GOOD)))
    assert ask(llm_client, capabilities) == GOOD
    assert formats(llm_server)[-2:] == ["json_object", "json_object"]
    # Without server enforcement the schema travels in the prompt.
    assert '"maximum":5' in llm_server.seen("chat/completions")[-1].json["messages"][-1]["content"]


def test_server_refusing_every_response_format_gets_plain_instructions(
    llm_server: FakeLLMServer, llm_client: LLMClient, capabilities: MemoryCapabilityStore
) -> None:
    llm_server.script("chat/completions", error(400), error(400), chat("Here: " + json.dumps(GOOD)))

    assert ask(llm_client, capabilities) == GOOD
    assert formats(llm_server) == ["json_schema", "json_object", None]
    assert capabilities.get(llm_client.endpoint) is JsonMode.PROMPT


def test_transport_failures_are_not_mistaken_for_a_refusal(
    llm_server: FakeLLMServer, llm_client: LLMClient, capabilities: MemoryCapabilityStore
) -> None:
    llm_server.script("chat/completions", error(401))

    with pytest.raises(LLMAuthFailed):
        ask(llm_client, capabilities)
    assert capabilities.get(llm_client.endpoint) is None


def test_cached_answer_needs_no_request(
    llm_server: FakeLLMServer, llm_client: LLMClient, capabilities: MemoryCapabilityStore
) -> None:
    cache = MemoryResponseCache()
    key = cache_key("test-model", "rating-v1", {"answer": "text"})
    llm_server.script("chat/completions", chat(json.dumps(GOOD)))
    asker = StructuredAsker(llm_client, capabilities, cache)

    first = asker.ask(ASK, SCHEMA, name="rating", key=key)
    second = asker.ask(ASK, SCHEMA, name="rating", key=key)

    assert first == second == GOOD
    assert len(llm_server.seen("chat/completions")) == 1


def test_cache_key_changes_with_model_prompt_version_or_inputs() -> None:
    base = cache_key("m", "v1", {"answer": "a", "limit": 120})
    assert base == cache_key("m", "v1", {"limit": 120, "answer": "a"})
    assert (
        len(
            {
                base,
                cache_key("m2", "v1", {"answer": "a", "limit": 120}),
                cache_key("m", "v2", {"answer": "a", "limit": 120}),
                cache_key("m", "v1", {"answer": "b", "limit": 120}),
            }
        )
        == 4
    )


@pytest.mark.parametrize("body", ["not json at all", {"choices": "nonsense"}, []])
def test_a_reply_that_is_not_a_chat_completion_is_a_clear_error(
    llm_server: FakeLLMServer, llm_client: LLMClient, capabilities: MemoryCapabilityStore, body: object
) -> None:
    llm_server.script("chat/completions", Reply(body=body))

    with pytest.raises(LLMError, match="not a chat completion"):
        ask(llm_client, capabilities)
