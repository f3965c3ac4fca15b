"""Ask for JSON that fits a schema on any server: json_schema, then json_object, then plain instructions.

What each endpoint accepts is remembered, so a refused mode costs one request per endpoint, not per call.
Model output is never trusted: it is parsed leniently, validated, repaired once, or given up on (None).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from careercopilot.llm.errors import LLMRequestRejected, LLMServerError
from careercopilot.llm.lenient_json import extract_json
from careercopilot.llm.schema import schema_errors, wire_schema

if TYPE_CHECKING:
    from careercopilot.llm.client import LLMClient, Message


class JsonMode(StrEnum):
    SCHEMA = "json_schema"
    OBJECT = "json_object"
    PROMPT = "prompt"


_MODES = list(JsonMode)


class CapabilityStore(Protocol):
    """Which JSON mode works per endpoint; the in-memory one below, a persisted one later."""

    def get(self, endpoint: str) -> JsonMode | None: ...

    def put(self, endpoint: str, mode: JsonMode) -> None: ...


class MemoryCapabilityStore:
    def __init__(self) -> None:
        self._modes: dict[str, JsonMode] = {}

    def get(self, endpoint: str) -> JsonMode | None:
        return self._modes.get(endpoint)

    def put(self, endpoint: str, mode: JsonMode) -> None:
        self._modes[endpoint] = mode


# Shared by every asker in the process unless a persisted store is passed in.
PROCESS_CAPABILITIES = MemoryCapabilityStore()


class ResponseCache(Protocol):
    """Validated JSON answers by cache_key(); the service backs it with the database."""

    def get(self, key: str) -> Any | None: ...

    def put(self, key: str, value: Any) -> None: ...


class MemoryResponseCache:
    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def get(self, key: str) -> Any | None:
        return self._values.get(key)

    def put(self, key: str, value: Any) -> None:
        self._values[key] = value


def cache_key(model: str, prompt_version: str, inputs: Mapping[str, Any]) -> str:
    """Same model, same prompt version and same inputs give the same key; anything else a new one."""
    payload = json.dumps([model, prompt_version, inputs], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _response_format(mode: JsonMode, name: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    if mode is JsonMode.SCHEMA:
        return {"type": "json_schema", "json_schema": {"name": name, "schema": wire_schema(schema), "strict": True}}
    if mode is JsonMode.OBJECT:
        return {"type": "json_object"}
    return None


def _with_schema_instruction(messages: list[Message], mode: JsonMode, schema: dict[str, Any]) -> list[Message]:
    """Without server-side enforcement the model must read the schema itself."""
    if mode is JsonMode.SCHEMA:
        return messages
    instruction = (
        "Reply with only one JSON object, no prose and no code fence, that matches this JSON Schema:\n"
        + json.dumps(schema, separators=(",", ":"))
    )
    return [*messages, {"role": "system", "content": instruction}]


def _is_refusal(error: LLMRequestRejected | LLMServerError) -> bool:
    """400/422 say the request shape is unsupported; some servers answer an unknown response_format with 500."""
    return isinstance(error, LLMRequestRejected) or error.status in (500, 501)


class StructuredAsker:
    """Turns a prompt and a schema into a validated dict, or None when the model cannot produce one."""

    def __init__(
        self,
        client: LLMClient,
        capabilities: CapabilityStore = PROCESS_CAPABILITIES,
        cache: ResponseCache | None = None,
    ) -> None:
        self.client = client
        self.capabilities = capabilities
        self.cache = cache

    def ask(
        self, messages: list[Message], schema: dict[str, Any], *, name: str, key: str | None = None
    ) -> dict[str, Any] | None:
        """Transport failures raise LLMError; output that never fits the schema returns None."""
        if key and self.cache is not None:
            cached = self.cache.get(key)
            if isinstance(cached, dict) and not schema_errors(cached, schema):
                return cached
        mode, reply = self._complete_in_best_mode(messages, schema, name)
        value, errors = self._parse(reply, schema)
        if errors:
            # One repair turn: show the model its reply and exactly what was wrong with it.
            repair = [
                *messages,
                {"role": "assistant", "content": reply[:4000]},
                {
                    "role": "user",
                    "content": "That reply was not valid: "
                    + "; ".join(errors)
                    + ". Reply again with only the corrected JSON object.",
                },
            ]
            reply = self._complete(repair, schema, name, mode)
            value, errors = self._parse(reply, schema)
        if errors or value is None:
            return None
        if key and self.cache is not None:
            self.cache.put(key, value)
        return value

    def _complete_in_best_mode(
        self, messages: list[Message], schema: dict[str, Any], name: str
    ) -> tuple[JsonMode, str]:
        endpoint = self.client.endpoint
        known = self.capabilities.get(endpoint)
        modes = _MODES[_MODES.index(known) if known else 0 :]
        for mode in modes[:-1]:
            try:
                reply = self._complete(messages, schema, name, mode)
            except (LLMRequestRejected, LLMServerError) as error:
                if not _is_refusal(error):
                    raise
                continue
            break
        else:
            # Plain instructions are the last resort: their failure is the endpoint's, not the mode's.
            mode = modes[-1]
            reply = self._complete(messages, schema, name, mode)
        if known is not mode:
            self.capabilities.put(endpoint, mode)
        return mode, reply

    def _complete(self, messages: list[Message], schema: dict[str, Any], name: str, mode: JsonMode) -> str:
        return self.client.complete(
            _with_schema_instruction(messages, mode, schema),
            response_format=_response_format(mode, name, schema),
        ).text

    @staticmethod
    def _parse(reply: str, schema: dict[str, Any]) -> tuple[dict[str, Any] | None, list[str]]:
        value = extract_json(reply)
        if not isinstance(value, dict):
            return None, ["the reply contained no JSON object"]
        return value, schema_errors(value, schema)
