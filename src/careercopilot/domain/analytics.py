"""Analytics types and pure maths: metric definitions, percentiles, the forecast interval and recommendations."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from careercopilot.domain.stages import Stage
from careercopilot.domain.text import plural
from careercopilot.errors import BadInput

# Stages whose entry means the application was sent (the README's "Submitted").
SUBMITTED_STAGES = tuple(s for s in Stage if s is not Stage.SAVED)
# Entering one of these is a response whenever it happens; `rejected` counts only after `applied`.
POSITIVE_RESPONSE_STAGES = (Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED)
INTERVIEW_STAGES = (Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED)
OFFER_STAGES = (Stage.OFFER, Stage.ACCEPTED)
# Below this many applications a group's rates are noise; say so next to them.
SMALL_GROUP = 10
FORECAST_INTERVAL = 0.8

# Title clusters for market insight: the first cluster whose word appears in the lower-cased title wins.
TITLE_CLUSTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("data & ML", ("data", "machine learning", "ml ", "analytics", "scientist")),
    ("devops & cloud", ("devops", "sre", "site reliability", "cloud", "platform", "infrastructure")),
    ("security", ("security", "secops")),
    ("mobile", ("ios", "android", "mobile")),
    ("frontend", ("frontend", "front-end", "front end", "ui ")),
    ("design", ("design", "ux")),
    ("product", ("product manager", "product owner")),
    ("management", ("manager", "head of", "director", "lead")),
    ("qa & test", ("qa", "test", "quality")),
    ("software engineering", ("engineer", "developer", "programmer", "backend", "back-end", "full stack",
                              "fullstack")),
    ("sales & marketing", ("sales", "marketing", "account executive")),
    ("support", ("support", "customer success")),
)
OTHER_CLUSTER = "other"


def rate(numerator: int, denominator: int) -> float | None:
    """A fraction 0-1, or None when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def percentile_positions(count: int, fraction: float) -> tuple[int, int, float]:
    """0-based neighbours and weight for linear interpolation at `fraction` of `count` sorted values."""
    exact = fraction * (count - 1)
    lower = math.floor(exact)
    return lower, math.ceil(exact), exact - lower


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """Linear-interpolated percentile (numpy's default) of already sorted values; None when empty."""
    return percentile_of_picks(len(values), dict(enumerate(values)), fraction)


def percentile_of_picks(count: int, value_at: Mapping[int, float], fraction: float) -> float | None:
    """The percentile from only the sorted values it needs (`value_at` maps 0-based rank to value)."""
    if count == 0:
        return None
    lower, upper, weight = percentile_positions(count, fraction)
    return value_at[lower] + (value_at[upper] - value_at[lower]) * weight


def banded_percentile(bands: Sequence[tuple[float, int]], fraction: float) -> float | None:
    """The percentile of values known only as (band middle, how many), bands in ascending order."""
    count = sum(n for _, n in bands)
    if count == 0:
        return None
    lower, upper, _ = percentile_positions(count, fraction)
    value_at: dict[int, float] = {}
    seen = 0
    for middle, n in bands:
        for rank in (lower, upper):
            if seen <= rank < seen + n:
                value_at[rank] = middle
        seen += n
    return percentile_of_picks(count, value_at, fraction)


@dataclass(frozen=True, slots=True)
class DateRange:
    """Both ends inclusive, as whole UTC days; None leaves that end open."""

    since: date | None = None
    until: date | None = None

    @property
    def start(self) -> datetime | None:
        return datetime.combine(self.since, time(), UTC) if self.since else None

    @property
    def end(self) -> datetime | None:
        """The first instant after the range; None when it runs to the last day there is."""
        if self.until is None or self.until == date.max:
            return None
        return datetime.combine(self.until + timedelta(days=1), time(), UTC)

    @classmethod
    def parse(cls, since: str | None, until: str | None, names: tuple[str, str] = ("--since", "--until")
              ) -> DateRange:
        """A range typed as two YYYY-MM-DD days (blank leaves that end open); BadInput naming the field at fault."""
        days = [_typed_day(text, name) for text, name in zip((since, until), names, strict=True)]
        period = cls(*days)
        if period.since and period.until and period.since > period.until:
            raise BadInput(f"{names[0]} is after {names[1]}; swap them.")
        return period


def _typed_day(text: str | None, name: str) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(f"{name} takes a day as YYYY-MM-DD, not '{text.strip()}'.") from None


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class PipelineCounts:
    """What the SQL aggregation returns for one group of applications."""

    submitted: int = 0
    responded: int = 0
    interviewed: int = 0
    offered: int = 0
    accepted: int = 0
    ghosted: int = 0
    screened: int = 0  # reached screening or any later positive stage (the funnel's second step)
    rejected: int = 0  # ended rejected
    withdrawn: int = 0  # ended withdrawn


@dataclass(frozen=True, slots=True)
class Timing:
    median_days: float | None = None
    p75_days: float | None = None
    measured: int = 0  # applications with both ends of the interval


@dataclass(frozen=True, slots=True)
class PipelineMetrics:
    submitted: int
    responded: int
    interviewed: int
    offered: int
    accepted: int
    ghosted: int
    response_rate: float | None
    interview_rate: float | None
    offer_rate: float | None
    acceptance_rate: float | None
    ghosting_rate: float | None
    median_days_to_first_response: float | None
    p75_days_to_first_response: float | None
    median_days_to_interview: float | None
    p75_days_to_interview: float | None

    @classmethod
    def of(cls, counts: PipelineCounts, to_response: Timing = Timing(), to_interview: Timing = Timing()
           ) -> PipelineMetrics:
        n = counts.submitted
        return cls(
            submitted=n, responded=counts.responded, interviewed=counts.interviewed, offered=counts.offered,
            accepted=counts.accepted, ghosted=counts.ghosted,
            response_rate=rate(counts.responded, n), interview_rate=rate(counts.interviewed, n),
            offer_rate=rate(counts.offered, n), acceptance_rate=rate(counts.accepted, counts.offered),
            ghosting_rate=rate(counts.ghosted, n),
            median_days_to_first_response=to_response.median_days, p75_days_to_first_response=to_response.p75_days,
            median_days_to_interview=to_interview.median_days, p75_days_to_interview=to_interview.p75_days,
        )


@dataclass(frozen=True, slots=True)
class GroupMetrics:
    """Metrics of one source board, CV version or week; `warning` is set when the group is too small to trust."""

    key: str
    metrics: PipelineMetrics
    warning: str | None


def small_group_warning(key: str, submitted: int) -> str | None:
    if submitted >= SMALL_GROUP:
        return None
    return f"only {plural(submitted, 'application')} for {key or '(none)'}: below {SMALL_GROUP} the rates are noise"


@dataclass(frozen=True, slots=True)
class FunnelStep:
    stage: str
    count: int
    share: float | None  # of submitted


def funnel(counts: PipelineCounts) -> tuple[FunnelStep, ...]:
    """Reached each step (or a later one), then how the closed applications ended."""
    steps = (("applied", counts.submitted), ("screening", counts.screened), ("interviewing", counts.interviewed),
             ("offer", counts.offered), ("accepted", counts.accepted), ("rejected", counts.rejected),
             ("withdrawn", counts.withdrawn), ("ghosted", counts.ghosted))
    return tuple(FunnelStep(stage, count, rate(count, counts.submitted)) for stage, count in steps)


@dataclass(frozen=True, slots=True)
class WeekActivity:
    week_start: date  # Monday, UTC
    submitted: int
    goal: int

    @property
    def met(self) -> bool:
        return self.submitted >= self.goal


@dataclass(frozen=True, slots=True)
class Forecast:
    planned: int
    interview_rate: float | None
    expected_interviews: float | None
    low: int | None  # 80% interval
    high: int | None
    basis_submitted: int
    basis_interviewed: int
    explanation: str


def beta_binomial_interval(successes: int, trials: int, planned: int,
                           coverage: float = FORECAST_INTERVAL) -> tuple[int, int]:
    """Central interval of future successes in `planned` tries, given the past (Jeffreys prior, beta-binomial)."""
    a, b = successes + 0.5, trials - successes + 0.5
    log_beta_ab = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)

    def pmf(x: int) -> float:
        log_choose = math.lgamma(planned + 1) - math.lgamma(x + 1) - math.lgamma(planned - x + 1)
        log_beta = math.lgamma(x + a) + math.lgamma(planned - x + b) - math.lgamma(planned + a + b)
        return math.exp(log_choose + log_beta - log_beta_ab)

    tail = (1 - coverage) / 2
    cumulative, low, high = 0.0, None, planned
    for x in range(planned + 1):
        cumulative += pmf(x)
        if low is None and cumulative > tail:
            low = x
        if cumulative >= 1 - tail:
            high = x
            break
    return low or 0, high


def forecast(interviewed: int, submitted: int, planned: int) -> Forecast:
    if submitted == 0:
        return Forecast(planned, None, None, None, None, 0, 0,
                        "No submitted applications yet: there is no interview rate to project from.")
    observed = interviewed / submitted
    expected = observed * planned
    low, high = beta_binomial_interval(interviewed, submitted, planned)
    give = "gives" if planned == 1 else "give"  # the verb agrees with "N more applications"
    text = (f"At your current {observed:.0%} interview rate ({interviewed} of {plural(submitted, 'application')}), "
            f"{plural(planned, 'more application')} {give} about {plural(round(expected), 'interview')}; "
            f"{FORECAST_INTERVAL:.0%} interval {low}-{high}.")
    return Forecast(planned, observed, expected, low, high, submitted, interviewed, text)


@dataclass(frozen=True, slots=True)
class Benchmark:
    """The last seven days against the weekly average of the four weeks before them."""

    metric: str
    last_week: float | None
    trailing_four_weeks: float | None


@dataclass(frozen=True, slots=True)
class Recommendation:
    advice: str
    evidence: str


@dataclass(frozen=True, slots=True)
class SkillDemand:
    skill: str
    postings: int
    share: float | None  # of postings in the window
    trend: float | None  # change of share: second half of the window against the first


@dataclass(frozen=True, slots=True)
class SkillGap:
    skill: str
    postings: int  # matching postings that ask for it
    unlocks: int  # matching postings whose only skill the profile lacks is this one
    search: str  # the saved search, or "all searches"


@dataclass(frozen=True, slots=True)
class SalaryGroup:
    key: str
    postings: int
    median: float | None
    p75: float | None


@dataclass(frozen=True, slots=True)
class Count:
    key: str
    count: int


@dataclass(frozen=True, slots=True)
class MarketInsight:
    currency: str
    postings: int
    postings_by_week: tuple[Count, ...]
    salary_by_location: tuple[SalaryGroup, ...]
    salary_by_title_cluster: tuple[SalaryGroup, ...]
    salary_by_seniority: tuple[SalaryGroup, ...]
    companies: tuple[Count, ...]
    employment_types: tuple[Count, ...]
    remote_share: float | None
    top_skills: tuple[SkillDemand, ...]
    unconverted_salaries: int  # postings whose currency has no exchange rate: left out of salaries

    @classmethod
    def nothing(cls, currency: str = "") -> MarketInsight:
        return cls(currency, 0, (), (), (), (), (), (), None, (), 0)


def convert(amount: float, currency: str, wanted: str, rates: Mapping[str, float]) -> float | None:
    """An amount in another currency, or None without a rate for both."""
    if currency == wanted:
        return amount
    if currency in rates and wanted in rates:
        return amount * rates[currency] / rates[wanted]
    return None


def recommend(overall: PipelineMetrics, by_cv: Sequence[GroupMetrics], by_source: Sequence[GroupMetrics],
              last_week: WeekActivity | None, gaps: Sequence[SkillGap]) -> tuple[Recommendation, ...]:
    """Rule-based advice, each with the figures that triggered it."""
    found: list[Recommendation] = []
    if overall.submitted < SMALL_GROUP:
        found.append(Recommendation(
            "Keep logging applications before reading much into the rates.",
            f"{overall.submitted} submitted so far; below {SMALL_GROUP} one answer moves a rate by 10 points or more."))
    found += _compare_groups("CV version", by_cv)
    found += _compare_groups("source", by_source)
    if last_week is not None and not last_week.met:
        found.append(Recommendation(
            f"Plan {plural(last_week.goal - last_week.submitted, 'more application')} to meet your weekly goal.",
            f"Week of {last_week.week_start:%Y-%m-%d}: {last_week.submitted} submitted against a goal of "
            f"{last_week.goal}."))
    if overall.submitted >= SMALL_GROUP and (overall.ghosting_rate or 0) >= 0.3:
        found.append(Recommendation(
            "Follow up a week after applying: many applications end without an answer.",
            f"{overall.ghosted} of {overall.submitted} submitted ended ghosted ({overall.ghosting_rate:.0%})."))
    if overall.responded >= 5 and overall.interviewed / overall.responded < 0.3:
        found.append(Recommendation(
            "Prepare for screening calls: responses rarely turn into interviews.",
            f"{plural(overall.interviewed, 'interview')} from {plural(overall.responded, 'response')} "
            f"({overall.interviewed / overall.responded:.0%})."))
    if gaps and gaps[0].unlocks:
        top = gaps[0]
        found.append(Recommendation(
            f"Learn {top.skill}: it is the skill your matching postings most often miss.",
            f"{top.skill} is the only skill you lack for {plural(top.unlocks, 'posting')} from '{top.search}' "
            f"(asked for by {plural(top.postings, 'posting')} in all)."))
    return tuple(found)


def _compare_groups(kind: str, groups: Sequence[GroupMetrics]) -> list[Recommendation]:
    trusted = [g for g in groups if g.warning is None and g.metrics.response_rate is not None]
    if len(trusted) < 2:
        return []
    best = max(trusted, key=lambda g: g.metrics.response_rate or 0.0)
    worst = min(trusted, key=lambda g: g.metrics.response_rate or 0.0)
    best_rate, worst_rate = best.metrics.response_rate or 0.0, worst.metrics.response_rate or 0.0
    if best_rate == 0 or worst_rate > best_rate / 2:
        return []
    share = "none" if worst_rate == 0 else f"{worst_rate / best_rate:.0%}"
    return [Recommendation(
        f"Favour {kind} {best.key or '(none)'} over {worst.key or '(none)'}.",
        f"Response rate on {kind} {worst.key or '(none)'} is {share} of {best.key or '(none)'}'s "
        f"({worst_rate:.0%} of {worst.metrics.submitted} against {best_rate:.0%} of {best.metrics.submitted} "
        f"applications).")]
