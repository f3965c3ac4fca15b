"""Business rules, one module per area; `build_services` wires them on one database."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher

from careercopilot.config import Settings
from careercopilot.db.engine import Database
from careercopilot.keystore import KeyStore
from careercopilot.services.analytics import AnalyticsService
from careercopilot.services.applications import ApplicationService
from careercopilot.services.auth import DEFAULT_HASHER, AuthService
from careercopilot.services.dashboard import DashboardService
from careercopilot.services.drafts import DraftService
from careercopilot.services.followups import FollowUpService
from careercopilot.services.interview import InterviewService
from careercopilot.services.jobs import JobService
from careercopilot.services.llm_store import LlmService
from careercopilot.services.matching import MatchingService
from careercopilot.services.notifications import NotificationService
from careercopilot.services.profile import ProfileService
from careercopilot.services.scrape import ScrapeService
from careercopilot.services.searches import SearchService


@dataclass(frozen=True)
class Services:
    settings: Settings
    db: Database
    keystore: KeyStore
    auth: AuthService
    profiles: ProfileService
    notifications: NotificationService
    dashboard: DashboardService
    applications: ApplicationService
    followups: FollowUpService
    jobs: JobService
    matching: MatchingService
    searches: SearchService
    scrape: ScrapeService
    llm: LlmService
    interview: InterviewService
    drafts: DraftService
    analytics: AnalyticsService

    def close(self) -> None:
        self.db.dispose()


def build_services(settings: Settings, *, hasher: PasswordHasher = DEFAULT_HASHER,
                   keystore: KeyStore | None = None, migrate: bool = True) -> Services:
    """Open the database (migrating it to head unless told not to) and wire every service on it."""
    from careercopilot.db import migrate as migrations

    db = Database(settings.database_url)
    if migrate:
        migrations.upgrade(db)
    keystore = keystore or KeyStore()
    matching = MatchingService(db, settings.scrape.exchange_rates)
    profiles = ProfileService(db, on_change=matching.rescore_user)
    notifications = NotificationService(db, settings.notifications.desktop)
    jobs = JobService(db, matching)
    searches = SearchService(db, frozenset(_board_names(settings)))
    llm = LlmService(db, settings.llm, keystore)
    applications = ApplicationService(db, notifications)
    followups = FollowUpService(db, notifications)
    analytics = AnalyticsService(db, profiles, searches, jobs, notifications, settings.scrape.exchange_rates)
    return Services(
        settings=settings,
        db=db,
        keystore=keystore,
        auth=AuthService(db, keystore, settings.auth.session_hours, hasher),
        profiles=profiles,
        notifications=notifications,
        dashboard=DashboardService(db, profiles, notifications, applications, followups, jobs, analytics),
        applications=applications,
        followups=followups,
        jobs=jobs,
        matching=matching,
        searches=searches,
        scrape=ScrapeService(db, settings, jobs, matching, notifications, searches),
        llm=llm,
        interview=InterviewService(db, llm, jobs, applications),
        drafts=DraftService(profiles, jobs, llm),
        analytics=analytics,
    )


def _board_names(settings: Settings) -> list[str]:
    from careercopilot.scraping.settings import ATS, KEYED, KEYLESS

    return [*KEYLESS, *ATS, *KEYED, *settings.boards]
