"""The [llm] config table and where the API key comes from."""

from __future__ import annotations

from dataclasses import fields

import keyring
import pytest
from keyring.backends import fail

from careercopilot.keystore import KeyStore
from careercopilot.llm.settings import (
    _VALIDATORS,
    LLMSettings,
    api_key_name,
    endpoint_warning,
    parse_llm_settings,
    resolve_api_key,
)


def test_empty_table_means_offline_defaults() -> None:
    settings = parse_llm_settings({})
    assert settings.offline
    assert (settings.timeout, settings.connect_timeout) == (60.0, 5.0)


def test_every_setting_can_be_configured() -> None:
    assert set(_VALIDATORS) == {field.name for field in fields(LLMSettings)}


def test_full_table() -> None:
    settings = parse_llm_settings(
        {
            "base_url": "http://127.0.0.1:11434/v1/",
            "model": "llama3.1",
            "api_key_env": "OLLAMA_KEY",
            "timeout": 240,
            "connect_timeout": 3,
            "max_retries": 0,
            "temperature": 0.7,
            "daily_token_budget": 50_000,
            "redact_contact": False,
            "transcription_model": "whisper-large-v3",
        }
    )
    assert settings.base_url == "http://127.0.0.1:11434/v1"
    assert settings.is_local and not settings.offline
    assert settings.timeout == 240.0 and settings.max_retries == 0 and settings.daily_token_budget == 50_000


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ({"modle": "x"}, "llm.modle"),
        ({"base_url": "localhost:11434"}, "llm.base_url"),
        ({"base_url": "ftp://example.com"}, "llm.base_url"),
        ({"timeout": "60"}, "llm.timeout"),
        ({"timeout": 0}, "llm.timeout"),
        ({"max_retries": -1}, "llm.max_retries"),
        ({"max_retries": True}, "llm.max_retries"),
        ({"temperature": 3}, "llm.temperature"),
        ({"redact_contact": "yes"}, "llm.redact_contact"),
        ({"model": "  "}, "llm.model"),
    ],
)
def test_bad_values_are_named_in_one_sentence(table: dict, named: str) -> None:
    with pytest.raises(ValueError, match=named) as caught:
        parse_llm_settings(table)
    assert str(caught.value).endswith(".")


def test_api_key_comes_from_the_project_keystore_first(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = LLMSettings(base_url="https://api.example.com/v1", api_key_env="CC_TEST_KEY")
    KeyStore().set(api_key_name("https://api.example.com/v1"), "from-keyring")
    monkeypatch.setenv("CC_TEST_KEY", "from-env")
    assert resolve_api_key(settings) == "from-keyring"


def test_api_key_falls_back_to_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = LLMSettings(base_url="https://api.example.com/v1", api_key_env="CC_TEST_KEY")
    assert resolve_api_key(settings) is None
    monkeypatch.setenv("CC_TEST_KEY", "from-env")
    assert resolve_api_key(settings) == "from-env"


def test_broken_keyring_is_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("CC_TEST_KEY", "from-env")
    settings = LLMSettings(base_url="https://api.example.com/v1", api_key_env="CC_TEST_KEY")
    assert resolve_api_key(settings) == "from-env"


def test_warns_about_plain_http_to_another_machine() -> None:
    assert endpoint_warning(LLMSettings(base_url="http://10.0.0.5:8000/v1")) is not None
    assert endpoint_warning(LLMSettings(base_url="http://localhost:8000/v1")) is None
    assert endpoint_warning(LLMSettings(base_url="https://api.groq.com/openai/v1")) is None
