"""TUI tests run on SQLite only (the feed's PostgreSQL path is covered by the service tests)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def database_url(isolated_home: Path) -> str:
    return f"sqlite:///{isolated_home / 'careercopilot.db'}"
