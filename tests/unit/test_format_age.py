"""Ages in TUI tables: minutes, hours and days for the last week, then the date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from careercopilot.tui.formatting import format_age

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("ago", "shown"), [
    (timedelta(seconds=30), "just now"),
    (timedelta(minutes=5), "5m ago"),
    (timedelta(hours=3, minutes=59), "3h ago"),
    (timedelta(days=6, hours=23), "6d ago"),
    (timedelta(days=13, hours=8), "2026-11-13"),  # was "320h ago"
    (timedelta(days=400), "2025-10-22"),
    (-timedelta(minutes=5), "just now"),  # a clock a little ahead is not the future
])
def test_an_age_reads_in_the_largest_unit_then_as_a_date(ago: timedelta, shown: str) -> None:
    assert format_age(NOW - ago, NOW) == shown
