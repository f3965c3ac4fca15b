"""The `[llm]` table of config.toml, validated, and where the API key comes from."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from careercopilot.keystore import KeyStore

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True, slots=True)
class LLMSettings:
    """No `base_url` means offline: the deterministic coach answers everything."""

    base_url: str | None = None
    model: str = "gpt-4o-mini"
    api_key_env: str = "CAREERCOPILOT_LLM_API_KEY"
    timeout: float = 60.0
    connect_timeout: float = 5.0
    max_retries: int = 2
    temperature: float = 0.2
    daily_token_budget: int = 0  # 0 means no limit
    redact_contact: bool = True
    transcription_model: str = "whisper-1"

    @property
    def offline(self) -> bool:
        return self.base_url is None

    @property
    def is_local(self) -> bool:
        return self.base_url is not None and is_local_endpoint(self.base_url)


def is_local_endpoint(base_url: str) -> bool:
    return (urlsplit(base_url).hostname or "").lower() in LOCAL_HOSTS


def endpoint_warning(settings: LLMSettings) -> str | None:
    """A sentence to show when prompts would travel unencrypted to another machine."""
    if settings.base_url and not settings.is_local and urlsplit(settings.base_url).scheme != "https":
        return (
            f"llm.base_url {settings.base_url} is not HTTPS and not on this machine: "
            "prompts and answers travel unencrypted."
        )
    return None


def _expect_url(key: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.hostname:
            return value.rstrip("/")
    raise ValueError(f"llm.{key} must be an http(s) URL such as http://127.0.0.1:11434/v1, got {value!r}.")


def _expect_text(key: str, value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ValueError(f"llm.{key} must be a non-empty string, got {value!r}.")


def _expect_number(key: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high:
        return float(value)
    raise ValueError(f"llm.{key} must be a number from {low:g} to {high:g}, got {value!r}.")


def _expect_count(key: str, value: Any, high: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= high:
        return value
    raise ValueError(f"llm.{key} must be a whole number from 0 to {high}, got {value!r}.")


def _expect_bool(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"llm.{key} must be true or false, got {value!r}.")


_VALIDATORS = {
    "base_url": _expect_url,
    "model": _expect_text,
    "api_key_env": _expect_text,
    "timeout": lambda k, v: _expect_number(k, v, 1, 3600),
    "connect_timeout": lambda k, v: _expect_number(k, v, 0.1, 120),
    "max_retries": lambda k, v: _expect_count(k, v, 10),
    "temperature": lambda k, v: _expect_number(k, v, 0, 2),
    "daily_token_budget": lambda k, v: _expect_count(k, v, 10**12),
    "redact_contact": _expect_bool,
    "transcription_model": _expect_text,
}


def parse_llm_settings(table: dict[str, Any]) -> LLMSettings:
    """Build settings from the `[llm]` table; raise ValueError with one sentence naming the bad key."""
    unknown = sorted(set(table) - set(_VALIDATORS))
    if unknown:
        raise ValueError(f"Unknown key llm.{unknown[0]}; expected one of: {', '.join(sorted(_VALIDATORS))}.")
    return LLMSettings(**{key: _VALIDATORS[key](key, value) for key, value in table.items()})


def api_key_name(base_url: str) -> str:
    """The project keystore entry that holds the key for one endpoint."""
    return f"llm:{base_url}"


def resolve_api_key(settings: LLMSettings, keystore: KeyStore | None = None) -> str | None:
    """The keystore entry for this endpoint first, then the environment variable; never the config file."""
    if settings.base_url:
        from careercopilot.keystore import KeyStore

        secret = (keystore or KeyStore()).get(api_key_name(settings.base_url))
        if secret:
            return secret
    return os.environ.get(settings.api_key_env) or None
