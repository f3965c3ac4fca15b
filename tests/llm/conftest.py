"""Fixtures for the LLM layer: a scripted OpenAI-compatible server on 127.0.0.1 and a client pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_llm_server import FakeLLMServer

from careercopilot.llm.client import LLMClient
from careercopilot.llm.settings import LLMSettings
from careercopilot.llm.structured import MemoryCapabilityStore
from careercopilot.llm.usage import MemoryUsageRecorder


@pytest.fixture
def llm_server() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def llm_settings(llm_server: FakeLLMServer) -> LLMSettings:
    # One retry keeps retry behaviour covered without slow tests; the env var is never set.
    return LLMSettings(
        base_url=llm_server.base_url,
        model="test-model",
        api_key_env="CAREERCOPILOT_TEST_UNSET_KEY",
        timeout=5,
        connect_timeout=2,
        max_retries=1,
    )


@pytest.fixture
def usage() -> MemoryUsageRecorder:
    return MemoryUsageRecorder()


@pytest.fixture
def llm_client(llm_settings: LLMSettings, usage: MemoryUsageRecorder) -> LLMClient:
    return LLMClient(llm_settings, api_key="sk-test-secret", usage=usage)


@pytest.fixture
def capabilities() -> MemoryCapabilityStore:
    return MemoryCapabilityStore()
