"""The pure maths under analytics: percentiles from picked ranks, the forecast interval, the advice rules."""

from __future__ import annotations

import statistics
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careercopilot.domain.analytics import (
    GroupMetrics,
    PipelineCounts,
    PipelineMetrics,
    SkillGap,
    WeekActivity,
    beta_binomial_interval,
    forecast,
    percentile,
    percentile_of_picks,
    percentile_positions,
    recommend,
    small_group_warning,
)


@given(st.lists(st.floats(min_value=0, max_value=1000, allow_nan=False), min_size=1, max_size=40))
def test_percentiles_from_the_ranks_sql_picks_match_the_whole_list(values):
    ordered = sorted(values)
    n, last = len(ordered), len(ordered) - 1
    picked = {r: ordered[r] for r in (last // 2, (last + 1) // 2, (3 * last) // 4, (3 * last + 3) // 4)}
    for fraction in (0.5, 0.75):
        lower, upper, _ = percentile_positions(n, fraction)
        assert {lower, upper} <= set(picked)
        assert percentile_of_picks(n, picked, fraction) == pytest.approx(percentile(ordered, fraction))
    if n > 1:
        assert percentile(ordered, 0.5) == pytest.approx(statistics.median(ordered))
        assert percentile(ordered, 0.75) == pytest.approx(statistics.quantiles(ordered, n=4, method="inclusive")[2])


def test_the_forecast_interval_holds_the_expectation_and_narrows_with_more_history():
    low, high = beta_binomial_interval(3, 25, 25)
    assert low <= 3 <= high
    wide, narrow = beta_binomial_interval(1, 10, 100), beta_binomial_interval(100, 1000, 100)
    assert wide[1] - wide[0] > narrow[1] - narrow[0]
    assert forecast(0, 0, 25).expected_interviews is None
    assert "12% interview rate" in forecast(3, 25, 25).explanation


def group(key: str, submitted: int, responded: int) -> GroupMetrics:
    return GroupMetrics(key, PipelineMetrics.of(PipelineCounts(submitted=submitted, responded=responded)),
                        small_group_warning(key, submitted))


def test_advice_compares_trusted_groups_and_shows_its_evidence():
    overall = PipelineMetrics.of(PipelineCounts(submitted=40, responded=9))
    advice = recommend(overall, [group("A", 20, 6), group("B", 20, 3), group("C", 4, 0)], [], None, [])
    (cv,) = [r for r in advice if "CV version" in r.advice]
    assert cv.advice == "Favour CV version A over B."
    assert cv.evidence == "Response rate on CV version B is 50% of A's (15% of 20 against 30% of 20 applications)."
    close = recommend(overall, [group("A", 20, 6), group("B", 20, 4)], [], None, [])
    assert not [r for r in close if "CV version" in r.advice]  # B is not down to half of A: no advice


def test_a_count_of_one_reads_in_the_singular():
    assert small_group_warning("referral", 1) == "only 1 application for referral: below 10 the rates are noise"
    assert "(1 of 1 application), 1 more application gives about 1 interview;" in forecast(1, 1, 1).explanation
    overall = PipelineMetrics.of(PipelineCounts(submitted=20, responded=6, interviewed=1))
    week = WeekActivity(date(2026, 11, 16), submitted=9, goal=10)
    gap = SkillGap("Rust", postings=1, unlocks=1, search="backend")
    advice = {r.advice: r.evidence for r in recommend(overall, [], [], week, [gap])}
    assert "Plan 1 more application to meet your weekly goal." in advice
    assert "1 interview from 6 responses (17%)." in advice.values()
    assert advice["Learn Rust: it is the skill your matching postings most often miss."] == (
        "Rust is the only skill you lack for 1 posting from 'backend' (asked for by 1 posting in all).")
