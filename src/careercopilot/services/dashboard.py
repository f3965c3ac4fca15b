"""What the dashboard shows at a glance, gathered in one call, and each user's own dashboard layout."""

from __future__ import annotations

from collections.abc import Callable, Collection
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select

from careercopilot.db.base import utcnow
from careercopilot.db.engine import Database
from careercopilot.db.models import Application, DashboardLayoutRow, Interview
from careercopilot.domain.accounts import UserContext
from careercopilot.domain.analytics import PipelineMetrics, SkillGap, WeekActivity
from careercopilot.domain.applications import DueFollowUp, InterviewView, Stage
from careercopilot.domain.dashboard import DEFAULT_LAYOUT, DashboardLayout, WidgetKind, layout_from_json
from careercopilot.domain.jobs import JobFilters, JobSort, JobView
from careercopilot.domain.notifications import NotificationView
from careercopilot.domain.profile import ProfileView
from careercopilot.errors import BadInput
from careercopilot.services.analytics import AnalyticsService
from careercopilot.services.applications import ApplicationService, interview_view
from careercopilot.services.followups import FollowUpService
from careercopilot.services.jobs import JobService
from careercopilot.services.notifications import NotificationService
from careercopilot.services.profile import ProfileService

LISTED = 5  # rows each list widget shows
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class UpcomingInterview:
    """An interview with the application it is for, so the dashboard can say where and for what."""

    interview: InterviewView
    company: str
    title: str


@dataclass(frozen=True, slots=True)
class DashboardView:
    """Everything the widgets of `layout` show; a widget not on the layout leaves its field empty."""

    username: str
    profile: ProfileView
    profile_completeness: int  # percent of the profile fields that matching uses
    unread: int
    recent_notifications: tuple[NotificationView, ...]
    layout: DashboardLayout = DEFAULT_LAYOUT
    figures: frozenset[WidgetKind] = frozenset()  # the widgets whose figures below this view carries
    pipeline: tuple[tuple[Stage, int], ...] = ()  # applications in each stage now, in stage order
    stats: PipelineMetrics | None = None
    activity: tuple[WeekActivity, ...] = ()  # oldest first; the last one is the current week
    recent_matches: tuple[JobView, ...] = ()
    recommended_jobs: tuple[JobView, ...] = ()
    upcoming_interviews: tuple[UpcomingInterview, ...] = ()
    follow_ups: tuple[DueFollowUp, ...] = ()
    follow_ups_due: int = 0
    skill_gaps: tuple[SkillGap, ...] = ()


class DashboardService:
    def __init__(self, db: Database, profiles: ProfileService, notifications: NotificationService,
                 applications: ApplicationService, followups: FollowUpService, jobs: JobService,
                 analytics: AnalyticsService) -> None:
        self.db = db
        self.profiles = profiles
        self.notifications = notifications
        self.applications = applications
        self.followups = followups
        self.jobs = jobs
        self.analytics = analytics

    def summary(self, user: UserContext, now: datetime | None = None, *,
                only: Collection[WidgetKind] = frozenset(WidgetKind)) -> DashboardView:
        """One call for every widget on the user's layout; widgets not shown cost nothing.

        Profile, notifications and layout always come (a few milliseconds); the figures only for widgets in
        `only`, so a screen can paint at once and fill the slow widgets in after.
        """
        now = now or utcnow()
        layout = self.layout(user)
        shown = set(layout.kinds) & set(only)
        # The slow parts run side by side: SQLite and psycopg let go of the GIL while they query.
        with ThreadPoolExecutor(max_workers=3, thread_name_prefix="dashboard") as pool:
            stats = _if_shown(pool, shown, {WidgetKind.QUICK_STATS}, self.analytics.summary, user)
            gaps = _if_shown(pool, shown, {WidgetKind.SKILL_GAPS}, self.analytics.skill_gaps, user, LISTED)
            due = _if_shown(pool, shown, {WidgetKind.FOLLOW_UPS}, self.followups.due, user, now)
            activity = _if_shown(pool, shown, {WidgetKind.ACTIVITY, WidgetKind.WEEKLY_GOAL},
                                 self.analytics.activity, user, now=now)
            profile = self.profiles.get(user)
            counts = self.applications.counts(user) if WidgetKind.PIPELINE in shown else {}
            interviews = self._upcoming(user, now) if WidgetKind.UPCOMING_INTERVIEWS in shown else ()
            view = DashboardView(
                username=user.username,
                profile=profile,
                profile_completeness=completeness(profile),
                unread=self.notifications.unread_count(user),
                recent_notifications=tuple(self.notifications.list(user, limit=8)),
                layout=layout,
                figures=frozenset(shown),
                pipeline=tuple(counts.items()),
                recent_matches=self._feed(user, JobSort.DATE) if WidgetKind.RECENT_MATCHES in shown else (),
                recommended_jobs=self._feed(user, JobSort.MATCH) if WidgetKind.RECOMMENDED_JOBS in shown else (),
                upcoming_interviews=interviews,
            )
            due_now = due.result() if due else []
            return replace(
                view, stats=stats.result() if stats else None, activity=activity.result() if activity else (),
                follow_ups=tuple(sorted(due_now, key=lambda d: d.due_at)[:LISTED]), follow_ups_due=len(due_now),
                skill_gaps=gaps.result() if gaps else ())

    def _upcoming(self, user: UserContext, now: datetime) -> tuple[UpcomingInterview, ...]:
        """The next interviews by start time, each with its application's company and title, in one query."""
        query = (select(Interview, Application.company, Application.title)
                 .join(Application, Application.id == Interview.application_id)
                 .where(Interview.user_id == user.user_id, Interview.starts_at >= now)
                 .order_by(Interview.starts_at, Interview.id).limit(LISTED))
        with self.db.read() as s:
            return tuple(UpcomingInterview(interview_view(row), company, title)
                         for row, company, title in s.execute(query))

    def _feed(self, user: UserContext, sort: JobSort) -> tuple[JobView, ...]:
        # Recommendations skip what the user has already opened; recent matches show everything new.
        return tuple(self.jobs.feed(user, JobFilters(sort=sort, limit=LISTED, hide_seen=sort is JobSort.MATCH)))

    # --- layout -----------------------------------------------------------------------------------------------

    def layout(self, user: UserContext) -> DashboardLayout:
        """The user's saved layout, or the default while they have saved none."""
        with self.db.read() as s:
            row = s.get(DashboardLayoutRow, user.user_id)
            stored = list(row.widgets) if row is not None else None
        if stored is None:
            return DEFAULT_LAYOUT
        try:
            return layout_from_json(stored)
        except BadInput:  # saved by a version that knew other widgets: start again from the default
            return DEFAULT_LAYOUT

    def save_layout(self, user: UserContext, layout: DashboardLayout) -> DashboardLayout:
        """Keep the user's layout after checking it: known widgets, once each, sizes within the grid."""
        checked = layout_from_json(layout.to_json())
        if not checked.widgets:
            raise BadInput("A dashboard layout needs at least one widget.")
        with self.db.begin() as s:
            row = s.get(DashboardLayoutRow, user.user_id)
            if row is None:
                s.add(DashboardLayoutRow(user_id=user.user_id, widgets=checked.to_json(), updated_at=utcnow()))
            else:
                row.widgets, row.updated_at = checked.to_json(), utcnow()
        return checked

    def reset_layout(self, user: UserContext) -> DashboardLayout:
        with self.db.begin() as s:
            row = s.get(DashboardLayoutRow, user.user_id)
            if row is not None:
                s.delete(row)
        return DEFAULT_LAYOUT


def _if_shown(pool: ThreadPoolExecutor, shown: Collection[WidgetKind], needed_by: set[WidgetKind],
              call: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T] | None:
    """Start `call` on the pool when a widget that needs it is on the layout."""
    return pool.submit(call, *args, **kwargs) if needed_by & set(shown) else None


def completeness(profile: ProfileView) -> int:
    filled = [
        bool(profile.target_titles),
        bool(profile.skills),
        bool(profile.locations),
        profile.salary_floor is not None,
        profile.years_experience is not None,
        bool(profile.cv_text),
    ]
    return round(100 * sum(filled) / len(filled))
