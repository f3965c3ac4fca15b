"""Analytics: pipeline metrics from the stage history, market insight from postings, skill gaps, forecast.

Every figure is aggregated in SQL; Python only sees one row per group (and at most four ranks per group for
percentiles). The README section "Analytics metrics" defines each metric exactly.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Float, Integer, and_, case, func, literal_column, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from careercopilot.db.base import utcnow
from careercopilot.db.engine import Database, runner
from careercopilot.db.models import (
    AnalyticsState,
    Application,
    JobPosting,
    PracticeAnswer,
    User,
)
from careercopilot.domain.accounts import UserContext
from careercopilot.domain.analytics import (
    OTHER_CLUSTER,
    TITLE_CLUSTERS,
    Benchmark,
    Count,
    DateRange,
    Forecast,
    FunnelStep,
    GroupMetrics,
    MarketInsight,
    PipelineCounts,
    PipelineMetrics,
    Recommendation,
    SalaryGroup,
    SkillDemand,
    SkillGap,
    Timing,
    WeekActivity,
    banded_percentile,
    forecast,
    funnel,
    rate,
    recommend,
    small_group_warning,
    week_start,
)
from careercopilot.domain.applications import Stage
from careercopilot.domain.notifications import NotificationKind
from careercopilot.domain.skills import normalize_skills
from careercopilot.domain.text import plural
from careercopilot.services import pipeline_queries
from careercopilot.services.notifications import NotificationService
from careercopilot.services.pipeline_queries import CV_VERSION_KEY, NOTHING, SOURCE_KEY, group_name
from careercopilot.services.profile import ProfileService

if TYPE_CHECKING:
    from careercopilot.services.jobs import JobService
    from careercopilot.services.searches import SearchService

MARKET_DAYS = 90  # market insight looks at postings from this many days back unless a range is given
ACTIVITY_WEEKS = 12
TOP_GAPS_ANNOUNCED = 3
LOCATIONS_SHOWN = 12
SALARY_BAND = 1000  # salaries are counted in bands this wide (user's currency): medians are exact to one band


@dataclass(frozen=True, slots=True)
class WeekScore:
    week_start: date
    answers: int
    average_score: float


@dataclass(frozen=True, slots=True)
class Outlook:
    forecast: Forecast
    benchmarks: tuple[Benchmark, ...]
    recommendations: tuple[Recommendation, ...]


@dataclass(frozen=True, slots=True)
class AnalyticsReport:
    """Everything analytics knows for one user and range: what the screen, exports and reports show."""

    generated_at: datetime
    range: DateRange
    summary: PipelineMetrics
    funnel: tuple[FunnelStep, ...]
    by_source: tuple[GroupMetrics, ...]
    by_cv_version: tuple[GroupMetrics, ...]
    by_week: tuple[GroupMetrics, ...]
    activity: tuple[WeekActivity, ...]
    market: MarketInsight | None  # None when asked for without it (the screen loads it separately)
    skill_gaps: tuple[SkillGap, ...]
    outlook: Outlook
    interview_scores: tuple[WeekScore, ...]


class AnalyticsService:
    def __init__(self, db: Database, profiles: ProfileService, searches: Callable[[], SearchService],
                 jobs: Callable[[], JobService], notifications: NotificationService,
                 exchange_rates: Mapping[str, float] | None = None) -> None:
        self.db = db
        self.profiles = profiles
        # Searches and jobs are wanted only for skill gaps: a summary does not import the feed's machinery.
        self._searches = searches
        self._jobs = jobs
        self.notifications = notifications
        self.exchange_rates = {code.upper(): r for code, r in (exchange_rates or {}).items() if r > 0}
        # The last market insight and what it was computed on: postings change only when a scrape or split does.
        self._market_memo: tuple[tuple[Any, ...], MarketInsight] | None = None
        # Per user, the applications' stamp when their milestones were last brought up to date by this process.
        self._milestones_at: dict[int, tuple[int, int]] = {}
        self._milestones_lock = threading.Lock()

    # --- personal pipeline ----------------------------------------------------------------------------------

    def summary(self, user: UserContext, period: DateRange = DateRange()) -> PipelineMetrics:
        with self._pipeline_session(user) as s:
            return self._grouped(s, user, period, None)[0].metrics

    def funnel(self, user: UserContext, period: DateRange = DateRange()) -> tuple[FunnelStep, ...]:
        with self._pipeline_session(user) as s:
            return funnel(self._overall(s, user, period)[0])

    def by_source(self, user: UserContext, period: DateRange = DateRange()) -> tuple[GroupMetrics, ...]:
        with self._pipeline_session(user) as s:
            return self._grouped(s, user, period, SOURCE_KEY)

    def by_cv_version(self, user: UserContext, period: DateRange = DateRange()) -> tuple[GroupMetrics, ...]:
        with self._pipeline_session(user) as s:
            return self._grouped(s, user, period, CV_VERSION_KEY)

    def by_week(self, user: UserContext, period: DateRange = DateRange()) -> tuple[GroupMetrics, ...]:
        """Metrics of the applications submitted in each week (Monday, UTC), oldest first."""
        with self._pipeline_session(user) as s:
            return self._grouped(s, user, period, self._week_key)

    def activity(self, user: UserContext, period: DateRange = DateRange(), now: datetime | None = None
                 ) -> tuple[WeekActivity, ...]:
        """Applications submitted per week against the profile's weekly goal, every week present."""
        with self._pipeline_session(user) as s:
            return self._activity(s, user, period, now or utcnow())

    def interview_scores(self, user: UserContext, period: DateRange = DateRange()) -> tuple[WeekScore, ...]:
        """Average practice-answer score per week: how interview preparation is going."""
        answered = PracticeAnswer.answered_at
        week = self._week_of(answered)
        query = (select(week, func.count(), func.avg(PracticeAnswer.score))
                 .where(PracticeAnswer.user_id == user.user_id, *_within(answered, period))
                 .group_by(week).order_by(week))
        with self.db.read() as s:
            return tuple(WeekScore(_as_date(w), n, float(avg)) for w, n, avg in s.execute(query))

    # --- market -------------------------------------------------------------------------------------------

    def market(self, user: UserContext, period: DateRange = DateRange(), now: datetime | None = None, *,
               detailed: bool = True) -> MarketInsight:
        """Postings posted in the range (default: the last 90 days), primaries of each duplicate group.

        Not `detailed`: salaries by location, top skills and the totals only (what the screen charts), the
        title-cluster, seniority, company and employment-type tables left empty.
        """
        today = (now or utcnow()).date()
        # Nothing is posted after today: a range running on beyond it would only dilute the skill trends.
        window = DateRange(period.since or today - timedelta(days=MARKET_DAYS), min(period.until or today, today))
        currency = self.profiles.get(user).salary_currency.upper()
        p = JobPosting
        scope = [p.is_primary.is_(True), *_within(p.posted_at, window)]
        middle = window.start + (window.end - window.start) / 2  # type: ignore[operator]
        salary = p.salary_yearly * self._to_currency(p.salary_currency, currency)
        with self.db.read() as s:
            memo_key = (currency, window, detailed, *s.execute(select(
                func.max(p.id), func.max(p.last_seen_at), func.count()).where(p.is_primary.is_(True))).one())
            if self._market_memo is not None and self._market_memo[0] == memo_key:
                return self._market_memo[1]
            total, late, unconverted, remote = s.execute(select(
                func.count(), func.sum(case((p.posted_at >= middle, 1), else_=0)),
                func.sum(case((and_(p.salary_yearly.is_not(None), salary.is_(None)), 1), else_=0)),
                func.sum(case((p.remote == "remote", 1), else_=0))).where(*scope)).one()
            week = self._week_of(p.posted_at)
            by_week = tuple(Count(str(_as_date(w)), n) for w, n in s.execute(
                select(week, func.count()).where(*scope).group_by(week).order_by(week)))
            location = func.coalesce(func.nullif(p.city, ""), p.country_code, "unknown")
            keys = (("location", location), ("cluster", _title_cluster(p.title)), ("seniority", p.seniority))
            salaries = {name: self._salary_groups(s, key, salary, scope) if detailed or name == "location" else ()
                        for name, key in keys}
            companies = self._top_counts(s, select(p.company.label("key")).where(*scope), 15) if detailed else ()
            types = self._top_counts(s, self._json_values(p.employment_types, scope), 10) if detailed else ()
            skills = self._skill_demand(s, scope, middle, total or 0, late or 0)
        insight = MarketInsight(
            currency=currency, postings=total or 0, postings_by_week=by_week,
            salary_by_location=salaries["location"][:LOCATIONS_SHOWN],
            salary_by_title_cluster=salaries["cluster"], salary_by_seniority=salaries["seniority"],
            companies=companies, employment_types=types, remote_share=rate(remote or 0, total or 0),
            top_skills=skills, unconverted_salaries=unconverted or 0)
        self._market_memo = (memo_key, insight)
        return insight

    def skill_gaps(self, user: UserContext, limit: int = 10) -> tuple[SkillGap, ...]:
        """For each saved search, skills its matching postings ask for that the profile lacks, most unlocks first."""
        from careercopilot.domain.jobs import JobFilters

        # Postings store canonical names: "AWS" in a profile is the "Amazon Web Services" they ask for.
        have = [skill.casefold() for skill in normalize_skills(self.profiles.get(user).skills)]
        gaps: list[SkillGap] = []
        with self.db.read() as s:
            for search in self._searches().list(user):
                # The same filters the feed applies for this search; hidden postings still tell about the market.
                conditions = self._jobs().feed_conditions(JobFilters(query=search.query, location=search.location,
                                                              remote_only=search.remote, include_hidden=True))
                gaps += self._gaps_for(s, search.name, conditions, have, limit)
        return tuple(sorted(gaps, key=lambda g: (-g.unlocks, -g.postings, g.skill))[:limit])

    # --- forecast, benchmarks and advice ------------------------------------------------------------------

    def outlook(self, user: UserContext, planned: int = 25, period: DateRange = DateRange(),
                now: datetime | None = None, gaps: Sequence[SkillGap] | None = None) -> Outlook:
        """Forecast, benchmarks and advice; pass `gaps` when skill_gaps() was just asked for."""
        gaps = self.skill_gaps(user) if gaps is None else gaps
        with self._pipeline_session(user) as s:
            overall = PipelineMetrics.of(*self._overall(s, user, period))
            by_cv, by_source = (self._grouped(s, user, period, key) for key in (CV_VERSION_KEY, SOURCE_KEY))
            return self._outlook(s, user, planned, now or utcnow(), period, overall, by_cv, by_source, gaps)

    def benchmarks(self, user: UserContext, now: datetime | None = None, period: DateRange = DateRange()
                   ) -> tuple[Benchmark, ...]:
        """The range's last seven days against the four weeks before them (rates over those weeks, counts per
        week); a range that ends in the past is measured back from its end."""
        with self._pipeline_session(user) as s:
            return self._benchmarks(s, user, now or utcnow(), period)

    def report(self, user: UserContext, period: DateRange = DateRange(), now: datetime | None = None, *,
               complete: bool = True) -> AnalyticsReport:
        """Everything for one range, the pipeline in one session.

        Not `complete`: only what a first paint needs (summary, funnel, weeks, activity, forecast, benchmarks,
        practice scores); market, skill gaps, source and CV groups and recommendations are left empty, for
        market() and outlook() to fill in after.
        """
        now = now or utcnow()
        gaps = self.skill_gaps(user) if complete else ()
        with self._pipeline_session(user) as s:
            counts, *timings = self._overall(s, user, period)
            overall = PipelineMetrics.of(counts, *timings)
            by_source, by_cv = ((self._grouped(s, user, period, key) for key in (SOURCE_KEY, CV_VERSION_KEY))
                                if complete else ((), ()))
            outlook = self._outlook(s, user, 25, now, period, overall, by_cv, by_source, gaps)
            pipeline = {"summary": overall, "funnel": funnel(counts), "by_source": by_source, "by_cv_version": by_cv,
                        "by_week": self._grouped(s, user, period, self._week_key),
                        "activity": self._activity(s, user, period, now),
                        "outlook": outlook if complete else dataclasses.replace(outlook, recommendations=())}
        return AnalyticsReport(generated_at=now, range=period, **pipeline,
                               market=self.market(user, period, now) if complete else None,
                               skill_gaps=gaps, interview_scores=self.interview_scores(user, period))

    def _outlook(self, s: Session, user: UserContext, planned: int, now: datetime, period: DateRange,
                 overall: PipelineMetrics, by_cv: Sequence[GroupMetrics], by_source: Sequence[GroupMetrics],
                 gaps: Sequence[SkillGap]) -> Outlook:
        weeks = self._activity(s, user, period, now)
        # The goal advice reads the latest week that is over, within the range, if the user had started by its end.
        over = min(period.until or date.max, now.date() - timedelta(days=1))
        finished = [w for w in weeks if w.week_start + timedelta(days=6) <= over]
        last_week = finished[-1] if finished and self._was_tracking(s, user, finished[-1].week_start) else None
        return Outlook(forecast(overall.interviewed, overall.submitted, planned),
                       self._benchmarks(s, user, now, period),
                       recommend(overall, by_cv, by_source, last_week, gaps))

    def _benchmarks(self, s: Session, user: UserContext, now: datetime, period: DateRange) -> tuple[Benchmark, ...]:
        last = min(period.until or date.max, now.date())
        _, recent = self._window(s, user, period, last - timedelta(days=6), last)
        days, trailing = self._window(s, user, period, last - timedelta(days=34), last - timedelta(days=7))
        weeks = days // 7  # whole weeks the range leaves of the four
        return (
            Benchmark("submitted per week", recent.submitted, trailing.submitted / weeks if weeks else None),
            Benchmark("response rate", recent.response_rate, trailing.response_rate),
            Benchmark("interview rate", recent.interview_rate, trailing.interview_rate),
        )

    def _window(self, s: Session, user: UserContext, period: DateRange, first: date, last: date
                ) -> tuple[int, PipelineMetrics]:
        """How many of the days first..last fall inside `period`, and the metrics of those days."""
        first = max(first, period.since or first)
        days = max(0, (last - first).days + 1)
        return days, PipelineMetrics.of(*self._overall(s, user, DateRange(first, last)))

    def _activity(self, s: Session, user: UserContext, period: DateRange, now: datetime
                  ) -> tuple[WeekActivity, ...]:
        today = now.date()
        last = week_start(min(period.until or today, today))
        first = week_start(period.since) if period.since else last - timedelta(weeks=ACTIVITY_WEEKS - 1)
        found = {_as_date(w): n for w, n in pipeline_queries.weekly_submitted(
            runner(s), self._dialect, user.user_id, DateRange(first, max(period.until or today, today)))}
        goal = self.profiles.get(user).weekly_goal
        weeks = (first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1))
        return tuple(WeekActivity(w, found.get(w, 0), goal) for w in weeks)

    # --- notifications ------------------------------------------------------------------------------------

    def publish_updates(self, user: UserContext, now: datetime | None = None) -> list[str]:
        """Announce changed top skill gaps and last week's figures, each once; returns the titles published."""
        now = now or utcnow()
        gaps = [g.skill for g in self.skill_gaps(user, TOP_GAPS_ANNOUNCED) if g.postings]
        last_week = week_start(now.date()) - timedelta(weeks=1)
        with self.db.begin() as s:
            state = s.get(AnalyticsState, user.user_id)
            if state is None:
                state = AnalyticsState(user_id=user.user_id, top_skill_gaps=[], last_week_announced=None)
                s.add(state)
            gaps_changed = bool(gaps) and gaps != list(state.top_skill_gaps)
            week_is_new = state.last_week_announced != last_week and self._was_tracking(s, user, last_week)
            state.top_skill_gaps = gaps if gaps_changed else state.top_skill_gaps
            state.last_week_announced, state.updated_at = last_week, now
        published = []
        if gaps_changed:
            title = f"Top skill gaps: {', '.join(gaps)}"
            self.notifications.publish(user.user_id, NotificationKind.SKILL_GAP, title,
                                       "Skills your saved searches' postings ask for that your profile lacks.",
                                       link="analytics:skills")
            published.append(title)
        if week_is_new:
            published.append(self._announce_week(user, last_week))
        return published

    @staticmethod
    def _was_tracking(s: Session, user: UserContext, week: date) -> bool:
        """Whether the user had started (account or earliest tracked application) by the end of the week from Monday
        `week`: a week that ended before is neither news nor a measure of their weekly goal."""
        joined = s.scalar(select(User.created_at).where(User.id == user.user_id))
        first_tracked = s.scalar(select(func.min(Application.created_at)).where(Application.user_id == user.user_id))
        started = min(filter(None, (joined, first_tracked)), default=None)
        return started is None or started.date() <= week + timedelta(days=6)

    def _announce_week(self, user: UserContext, week: date) -> str:
        figures = self.summary(user, DateRange(week, week + timedelta(days=6)))
        goal = self.profiles.get(user).weekly_goal
        response = "no responses yet" if not figures.responded else plural(figures.responded, "response")
        title = f"Week of {week:%Y-%m-%d}: {plural(figures.submitted, 'application')} (goal {goal}), {response}"
        self.notifications.publish(user.user_id, NotificationKind.ANALYTICS_UPDATE, title,
                                   "Weekly figures are ready on the analytics screen.", link="analytics:week")
        return title

    # --- SQL building blocks ------------------------------------------------------------------------------

    @contextmanager
    def _pipeline_session(self, user: UserContext) -> Iterator[Session]:
        """A session on up-to-date milestones: those of applications that moved since are derived again first."""
        self._bring_milestones_up_to_date(user.user_id)
        with self.db.read() as s:
            yield s

    def _bring_milestones_up_to_date(self, user_id: int) -> None:
        stamp = self._stamp("applications", user_id)
        if self._milestones_at.get(user_id) == stamp:  # nothing moved since this process last looked
            return
        with self._milestones_lock:  # the dashboard asks from several threads at once: one of them derives
            if self._milestones_at.get(user_id) == stamp:
                return
            # Usually another process derived them already: a read says so, and no write lock is taken (nor
            # waited for while a scrape writes).
            if self._stamp("analytics_milestones", user_id) != stamp:
                with self.db.begin() as s:
                    self._refresh_milestones(s, user_id)
            self._milestones_at[user_id] = stamp

    def _stamp(self, table: str, user_id: int) -> tuple[int, int]:
        with self.db.read() as s:
            return pipeline_queries.stamp(runner(s), table, user_id)

    def _refresh_milestones(self, s: Session, user_id: int) -> None:
        pipeline_queries.refresh_milestones(runner(s), self._dialect, user_id)

    def _overall(self, s: Session, user: UserContext, period: DateRange) -> tuple[PipelineCounts, Timing, Timing]:
        return pipeline_queries.pipeline(runner(s), self._dialect, user.user_id, period).get("", NOTHING)

    def _grouped(self, s: Session, user: UserContext, period: DateRange, key: str | None
                 ) -> tuple[GroupMetrics, ...]:
        """Metrics per group (`key`, SQL over the applications), or one group "" for everything when key is None."""
        found = pipeline_queries.pipeline(runner(s), self._dialect, user.user_id, period, key)
        if key is None:
            return (GroupMetrics("", PipelineMetrics.of(*found.get("", NOTHING)), None),)
        by_week = key == self._week_key
        order = sorted(found) if by_week else sorted(found, key=lambda k: (-found[k][0].submitted, k))
        return tuple(GroupMetrics(k, PipelineMetrics.of(*found[k]),
                                  None if by_week else small_group_warning(k, found[k][0].submitted))
                     for k in order)

    @property
    def _week_key(self) -> str:
        return pipeline_queries.week_of(self._dialect, "apps.applied_on")

    @property
    def _dialect(self) -> str:
        return "sqlite" if self.db.is_sqlite else "postgresql"


    def _salary_groups(self, s: Session, key: ColumnElement[Any], salary: ColumnElement[Any],
                       scope: Sequence[ColumnElement[bool]]) -> tuple[SalaryGroup, ...]:
        """Median and p75 per key from counts per salary band: no sort of every posting, exact to a band."""
        band = self._floor(salary / SALARY_BAND)
        query = (select(key.label("key"), band.label("band"), func.count())
                 .where(*scope, salary.is_not(None)).group_by(key, band).order_by(key, band))
        bands: dict[str, list[tuple[float, int]]] = {}
        for group_key, lowest, n in s.execute(query):
            bands.setdefault(group_name(group_key), []).append(((int(lowest) + 0.5) * SALARY_BAND, n))
        groups = (SalaryGroup(k, sum(n for _, n in b), banded_percentile(b, 0.5), banded_percentile(b, 0.75))
                  for k, b in bands.items())
        return tuple(sorted(groups, key=lambda g: (-g.postings, g.key)))

    def _skill_demand(self, s: Session, scope: Sequence[ColumnElement[bool]], middle: datetime, total: int,
                      late: int) -> tuple[SkillDemand, ...]:
        skills = self._json_values(JobPosting.skills, scope, JobPosting.posted_at.label("posted_at")).subquery()
        query = (select(skills.c.key, func.count(), func.sum(case((skills.c.posted_at >= middle, 1), else_=0)))
                 .group_by(skills.c.key).order_by(func.count().desc(), skills.c.key).limit(15))
        early = total - late
        demand = []
        for skill, n, n_late in s.execute(query):
            trend = (n_late / late - (n - n_late) / early) if late and early else None
            demand.append(SkillDemand(skill, n, rate(n, total), trend))
        return tuple(demand)

    def _gaps_for(self, s: Session, search: str, conditions: Sequence[Any], have: Sequence[str],
                  limit: int) -> list[SkillGap]:
        lacking = self._json_values(JobPosting.skills, conditions, JobPosting.id.label("posting_id"))
        if have:
            lacking = lacking.where(func.lower(lacking.selected_columns["key"]).not_in(have))
        lacking = lacking.subquery()
        missing_per_posting = (select(lacking.c.posting_id, func.count().label("missing"))
                               .group_by(lacking.c.posting_id).subquery())
        unlocks = func.sum(case((missing_per_posting.c.missing == 1, 1), else_=0))
        query = (select(lacking.c.key, func.count(), unlocks)
                 .join(missing_per_posting, missing_per_posting.c.posting_id == lacking.c.posting_id)
                 .group_by(lacking.c.key).order_by(unlocks.desc(), func.count().desc(), lacking.c.key).limit(limit))
        return [SkillGap(skill, n, int(u or 0), search) for skill, n, u in s.execute(query)]

    def _json_values(self, column: Any, where: Iterable[ColumnElement[bool]], *extra: Any) -> Any:
        """One row per element of a JSON list column (as `key`), for the postings matching `where`."""
        if self.db.is_sqlite:
            values = func.json_each(column).table_valued("value")
        else:  # a set of scalars is named by a column alias list on PostgreSQL
            values = func.json_array_elements_text(column).table_valued("value").render_derived(name="elements")
        return (select(values.c.value.label("key"), *extra).select_from(JobPosting)
                .join(values, true()).where(*where))

    @staticmethod
    def _top_counts(s: Session, keys: Any, limit: int) -> tuple[Count, ...]:
        keyed = keys.subquery()
        query = select(keyed.c.key, func.count()).group_by(keyed.c.key).order_by(func.count().desc(), keyed.c.key)
        return tuple(Count(str(k), n) for k, n in s.execute(query.limit(limit)))

    def _to_currency(self, column: Any, wanted: str) -> ColumnElement[Any]:
        """A factor turning an amount in `column`'s currency into `wanted`; NULL where no rate allows it."""
        whens: list[tuple[Any, Any]] = [(column == wanted, 1.0)]
        if wanted in self.exchange_rates:
            whens += [(column == code, r / self.exchange_rates[wanted]) for code, r in self.exchange_rates.items()
                      if code != wanted]
        return case(*whens, else_=None).cast(Float)

    def _floor(self, value: Any) -> ColumnElement[Any]:
        # SQLite's floor() is optional at build time; CAST truncates, which is floor for the positive salaries here.
        return func.cast(value, Integer) if self.db.is_sqlite else func.floor(value)

    def _week_of(self, moment: Any) -> ColumnElement[Any]:
        """Monday (UTC) of the week `moment` (a mapped column) falls in."""
        column = moment.expression
        return literal_column(pipeline_queries.week_of(self._dialect, f"{column.table.name}.{column.name}"))


def _in(column: Any, stages: Iterable[Stage]) -> ColumnElement[bool]:
    return column.in_([stage.value for stage in stages])


def _within(moment: Any, period: DateRange) -> list[ColumnElement[bool]]:
    bounds = []
    if period.start is not None:
        bounds.append(moment >= period.start)
    if period.end is not None:
        bounds.append(moment < period.end)
    return bounds


def _title_cluster(title: Any) -> ColumnElement[str]:
    lowered = func.lower(title)
    return case(*((or_(*(lowered.like(f"%{word}%") for word in words)), name) for name, words in TITLE_CLUSTERS),
                else_=OTHER_CLUSTER)


def _as_date(value: Any) -> date:
    """SQLite hands back 'YYYY-MM-DD' text, PostgreSQL a date."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
