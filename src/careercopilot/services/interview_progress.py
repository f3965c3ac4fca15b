"""Progress from scored answers: score per category over time, weakest areas and the practice streak."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from careercopilot.services.interview_views import CategoryProgress, DayScore, Progress

STRONG_AVERAGE = 4.0  # categories below this are named as weak
WEAKEST_SHOWN = 3


def _days(scored: Iterable[tuple[date, int]]) -> tuple[DayScore, ...]:
    by_day: defaultdict[date, list[int]] = defaultdict(list)
    for day, score in scored:
        by_day[day].append(score)
    return tuple(DayScore(day, round(sum(s) / len(s), 2), len(s)) for day, s in sorted(by_day.items()))


def streak(days: set[date], today: date) -> int:
    """Consecutive practice days up to today; a streak still counts until a whole day is missed."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def progress(answers: list[tuple[str, int, datetime]], now: datetime) -> Progress:
    """`answers` are (category, score, answered_at) oldest first; days are UTC days."""
    if not answers:
        return Progress(0, None, 0, False, (), (), ())
    by_category: defaultdict[str, list[tuple[date, int]]] = defaultdict(list)
    for category, score, at in answers:
        by_category[category].append((at.date(), score))
    categories = tuple(
        CategoryProgress(category, len(scored), round(sum(s for _, s in scored) / len(scored), 2), scored[-1][1],
                         _days(scored))
        for category, scored in sorted(by_category.items())
    )
    weakest = tuple(c.category for c in sorted(categories, key=lambda c: (c.average, c.category))
                    if c.average < STRONG_AVERAGE)[:WEAKEST_SHOWN]
    practised = {at.date() for _, _, at in answers}
    today = now.date()
    return Progress(
        answers=len(answers),
        average=round(sum(score for _, score, _ in answers) / len(answers), 2),
        streak_days=streak(practised, today),
        practised_today=today in practised,
        weakest=weakest,
        categories=categories,
        days=_days((at.date(), score) for _, score, at in answers),
    )
