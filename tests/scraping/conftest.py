"""Fixtures for the scraping tests: one fixture server per test module, emptied before each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from board_server import FixtureServer


@pytest.fixture(scope="module")
def module_server() -> Iterator[FixtureServer]:
    server = FixtureServer()
    yield server
    server.close()


@pytest.fixture()
def server(module_server: FixtureServer) -> FixtureServer:
    module_server.reset()
    return module_server
