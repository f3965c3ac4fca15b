"""The `openai` SDK against any OpenAI-compatible endpoint (OpenAI, Ollama, llama.cpp, vLLM, LM Studio, Groq).

Only the LLM path imports this module: `openai` loads here, never at CLI start.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openai

from careercopilot.domain.text import clean_line, clean_text
from careercopilot.errors import CareerCopilotError, ConfigError, require_file
from careercopilot.llm.errors import (
    LLMAuthFailed,
    LLMError,
    LLMFeatureMissing,
    LLMModelNotFound,
    LLMRateLimited,
    LLMRequestRejected,
    LLMServerError,
    LLMTimeout,
    LLMUnreachable,
)
from careercopilot.llm.settings import LLMSettings, resolve_api_key
from careercopilot.llm.usage import UsageRecorder, ensure_budget, estimate_tokens

Message = dict[str, str]
_SERVER_DETAIL_CHARS = 200
# What reading a 200 reply that is not really a chat completion raises inside the SDK's lazy models.
_MALFORMED = (AttributeError, TypeError, IndexError, KeyError, ValueError)
# Parameters some models refuse (OpenAI's reasoning models: o1, o3, gpt-5) and what to send instead, None for
# nothing; learned from the first refusal, which names the parameter, and kept for the client's life.
_ADAPTABLE: dict[str, str | None] = {"max_tokens": "max_completion_tokens", "temperature": None}


@dataclass(frozen=True, slots=True)
class Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int


@dataclass(frozen=True, slots=True)
class EndpointStatus:
    ok: bool
    message: str


class LLMClient:
    """One endpoint and model; every SDK error leaves as a CareerCopilotError with a user-facing sentence."""

    def __init__(
        self,
        settings: LLMSettings,
        api_key: str | None = None,
        usage: UsageRecorder | None = None,
    ) -> None:
        if settings.base_url is None:
            raise ConfigError("No LLM endpoint is configured; set llm.base_url in config.toml.")
        self.settings = settings
        self.usage = usage
        self._api_key = api_key or resolve_api_key(settings)
        self._sdk = openai.OpenAI(
            base_url=settings.base_url,
            # Local servers need no key, but the SDK insists on one.
            api_key=self._api_key or "unused",
            timeout=openai.Timeout(settings.timeout, connect=settings.connect_timeout),
            max_retries=settings.max_retries,
        )
        self._adapted: dict[str, str | None] = {}

    @property
    def endpoint(self) -> str:
        """Identifies the endpoint for capability memory: the same URL may serve several models."""
        return f"{self.settings.base_url}#{self.settings.model}"

    def complete(
        self,
        messages: list[Message],
        *,
        response_format: dict[str, Any] | None = None,
        max_tokens: int | None = None,
    ) -> Completion:
        ensure_budget(self.settings.daily_token_budget, self.usage)
        extra: dict[str, Any] = {}
        if response_format is not None:
            extra["response_format"] = response_format
        try:
            response = self._create(messages, max_tokens, **extra)
            text = _message_text(response.choices[0].message.content if response.choices else None)
            usage = response.usage
            prompt_tokens = getattr(usage, "prompt_tokens", None) or estimate_tokens(_joined(messages))
            completion_tokens = getattr(usage, "completion_tokens", None) or estimate_tokens(text)
        except openai.OpenAIError as exc:
            raise self._translate(exc) from exc
        except _MALFORMED as exc:
            raise self._not_a_completion() from exc
        self._record(prompt_tokens, completion_tokens)
        return Completion(text, prompt_tokens, completion_tokens)

    def stream(self, messages: list[Message], *, max_tokens: int | None = None) -> Iterator[str]:
        """Yield text chunks as the server sends them; a server that cannot stream gets one whole chunk."""
        ensure_budget(self.settings.daily_token_budget, self.usage)
        received: list[str] = []
        try:
            for chunk in self._create(messages, max_tokens, stream=True):
                piece = _message_text(chunk.choices[0].delta.content if chunk.choices else None)
                if piece:
                    received.append(piece)
                    yield piece
        except openai.BadRequestError as exc:
            if received:
                raise self._translate(exc) from exc
            # Some servers refuse stream=true: the whole answer as one chunk still serves the caller.
            yield self.complete(messages, max_tokens=max_tokens).text
        except openai.OpenAIError as exc:
            raise self._translate(exc) from exc
        except _MALFORMED as exc:
            raise self._not_a_completion() from exc
        finally:
            if received:
                self._record(estimate_tokens(_joined(messages)), estimate_tokens("".join(received)))

    def _chat_args(self, messages: list[Message], max_tokens: int | None) -> dict[str, Any]:
        args: dict[str, Any] = {
            "model": self.settings.model,
            "messages": messages,
            "temperature": self.settings.temperature,
        }
        if max_tokens is not None:
            args["max_tokens"] = max_tokens
        for name, instead in self._adapted.items():
            if name in args:
                value = args.pop(name)
                if instead is not None:
                    args[instead] = value
        return args

    def _create(self, messages: list[Message], max_tokens: int | None, **extra: Any) -> Any:
        """chat.completions.create; a parameter the model refuses is renamed or dropped once and the call repeated."""
        while True:  # each round adapts one more parameter: at most len(_ADAPTABLE) repeats
            args = self._chat_args(messages, max_tokens)
            try:
                return self._sdk.chat.completions.create(**args, **extra)
            except openai.BadRequestError as exc:
                refused = _refused_parameter(exc)
                if refused not in _ADAPTABLE or refused in self._adapted or refused not in args:
                    raise
                self._adapted[refused] = _ADAPTABLE[refused]

    def _not_a_completion(self) -> LLMError:
        return LLMError(
            f"The LLM endpoint at {self.settings.base_url} answered with something that is not a chat completion; "
            "check that llm.base_url points at an OpenAI-compatible /v1 API."
        )

    def transcribe(self, audio: Path) -> str:
        """Text of a spoken answer via /audio/transcriptions (Whisper and compatible servers)."""
        require_file(audio, "audio")
        ensure_budget(self.settings.daily_token_budget, self.usage)
        try:
            result = self._sdk.audio.transcriptions.create(
                model=self.settings.transcription_model, file=(audio.name, audio.read_bytes())
            )
        except openai.APIStatusError as exc:
            if exc.status_code in (404, 405, 501):
                raise LLMFeatureMissing(
                    f"The LLM endpoint at {self.settings.base_url} does not offer audio transcription "
                    "(/audio/transcriptions); type the answer or point llm.base_url at a server with Whisper.",
                    status=exc.status_code,
                ) from exc
            raise self._translate(exc) from exc
        except openai.OpenAIError as exc:
            raise self._translate(exc) from exc
        return clean_text(getattr(result, "text", "") or "")

    def list_models(self) -> list[str] | None:
        """Model ids the endpoint serves, or None when it has no /models route (some local servers)."""
        try:
            return [model.id for model in self._sdk.models.list()]
        except openai.NotFoundError:
            return None
        except openai.OpenAIError as exc:
            raise self._translate(exc) from exc

    def check_endpoint(self) -> EndpointStatus:
        """For `careercopilot llm test`: one sentence saying it works or what to fix."""
        model = self.settings.model
        try:
            ensure_budget(self.settings.daily_token_budget, self.usage)
            served = self.list_models()
            if served is not None and model not in served:
                offered = ", ".join(sorted(served)[:8]) or "no models"
                return EndpointStatus(
                    False,
                    f"The LLM endpoint at {self.settings.base_url} does not serve model '{model}'; "
                    f"it offers {clean_line(offered)}. Set llm.model to one of them.",
                )
            self.complete([{"role": "user", "content": "Reply with the single word OK."}], max_tokens=1)
        except CareerCopilotError as exc:
            return EndpointStatus(False, exc.message)
        return EndpointStatus(True, f"The LLM endpoint at {self.settings.base_url} answered with model '{model}'.")

    def _record(self, prompt_tokens: int, completion_tokens: int) -> None:
        if self.usage is not None:
            self.usage.record(self.settings.model, prompt_tokens, completion_tokens)

    def _translate(self, exc: openai.OpenAIError) -> CareerCopilotError:
        where = f"The LLM endpoint at {self.settings.base_url}"
        if isinstance(exc, openai.APITimeoutError):
            return LLMTimeout(
                f"{where} did not answer within {self.settings.timeout:g} s; "
                "raise llm.timeout for slow local models or try again."
            )
        if isinstance(exc, openai.APIConnectionError):
            return LLMUnreachable(
                f"Cannot reach the LLM endpoint at {self.settings.base_url}; "
                "check llm.base_url and that the server is running."
            )
        if not isinstance(exc, openai.APIStatusError):
            return LLMError(f"{where} failed: {self._detail(exc)}.")
        status = exc.status_code
        if status in (401, 403):
            return LLMAuthFailed(
                f"{where} rejected the API key ({status}); store a valid key in the keyring "
                f"or set ${self.settings.api_key_env}."
            )
        if status == 404:
            return LLMModelNotFound(
                f"{where} does not know model '{self.settings.model}' (404); set llm.model to a model it serves."
            )
        if status == 429:
            return LLMRateLimited(
                f"{where} is rate limiting requests (429) after {self.settings.max_retries} retries; "
                "wait a minute and try again.",
                status=status,
            )
        if status in (400, 422):
            return LLMRequestRejected(f"{where} rejected the request ({status}): {self._detail(exc)}.", status)
        if status >= 500:
            return LLMServerError(f"{where} failed with a server error ({status}); try again later.", status)
        return LLMError(f"{where} answered with HTTP {status}: {self._detail(exc)}.", status)

    def _detail(self, exc: openai.OpenAIError) -> str:
        """The server's own words, one line, short, and never the API key."""
        text = clean_line(getattr(exc, "message", None) or str(exc))
        if self._api_key:
            text = text.replace(self._api_key, "***")
        return text[:_SERVER_DETAIL_CHARS].rstrip(". ")


def _refused_parameter(exc: openai.BadRequestError) -> str | None:
    """The parameter a 400 names as unsupported: OpenAI says it in `param`, other servers only in the message."""
    if isinstance(exc.param, str):
        return exc.param
    message = str(getattr(exc, "message", "") or "")
    if "nsupported" in message:
        return next((name for name in _ADAPTABLE if f"'{name}'" in message), None)
    return None


def _message_text(content: object) -> str:
    if content is None:
        return ""
    if not isinstance(content, str):
        raise TypeError(f"message content is {type(content).__name__}, not text")
    return content


def _joined(messages: list[Message]) -> str:
    return "\n".join(message.get("content", "") for message in messages)
