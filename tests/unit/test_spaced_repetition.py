"""Spaced repetition: weak answers come back soon, strong ones later and later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careercopilot.domain.interview import MAX_INTERVAL_DAYS, MIN_EASE, ReviewState, schedule_review

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_weak_answers_come_back_sooner_than_strong_ones() -> None:
    due = {score: schedule_review(score, NOW).due_at for score in range(1, 6)}
    assert due[1] < due[2] < due[3] < due[4] < due[5]
    assert due[3] - NOW <= timedelta(days=2)
    assert due[4] - NOW >= timedelta(days=4)


def test_a_practised_question_scored_three_is_due_before_the_same_question_scored_four() -> None:
    practised = ReviewState(repetitions=3, interval_days=20, ease=2.5)
    assert schedule_review(3, NOW, practised).due_at < schedule_review(4, NOW, practised).due_at


def test_strong_answers_space_out_and_a_lapse_resets() -> None:
    state = schedule_review(5, NOW)
    intervals = [state.interval_days]
    for _ in range(4):
        state = schedule_review(5, state.due_at, state)
        intervals.append(state.interval_days)
    assert intervals == sorted(intervals) and intervals[-1] > 30
    lapsed = schedule_review(2, state.due_at, state)
    assert lapsed.repetitions == 0 and lapsed.interval_days == 1.0
    assert lapsed.ease < state.ease
    assert lapsed.history[-1] == 2


def test_score_outside_one_to_five_is_refused() -> None:
    with pytest.raises(ValueError, match="between 1 and 5"):
        schedule_review(6, NOW)


@settings(deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=40))
def test_any_history_keeps_sane_bounds(scores: list[int]) -> None:
    state, at = None, NOW
    for score in scores:
        state = schedule_review(score, at, state)
        assert state.due_at is not None and state.due_at > at
        assert 0 < state.interval_days <= MAX_INTERVAL_DAYS
        assert state.ease >= MIN_EASE
        at = state.due_at
