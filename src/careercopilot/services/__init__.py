"""Business rules, one module per area; `build_services` wires them on one database.

Each service is built, and its module imported, on first use: a command that lists applications should not pay
for importing analytics, scraping and the LLM layer (together about half a second of start-up).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from careercopilot.config import Settings
from careercopilot.keystore import KeyStore

if TYPE_CHECKING:
    from careercopilot.db.engine import Database
    from careercopilot.services.analytics import AnalyticsService
    from careercopilot.services.applications import ApplicationService
    from careercopilot.services.auth import AuthService
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
    hasher: Any = None  # argon2 PasswordHasher; None means the default one

    # cached_property writes the instance __dict__ directly, so it works on a frozen dataclass.
    @cached_property
    def auth(self) -> AuthService:
        from careercopilot.services.auth import DEFAULT_HASHER, AuthService

        return AuthService(self.db, self.keystore, self.settings.auth.session_hours, self.hasher or DEFAULT_HASHER)

    @cached_property
    def matching(self) -> MatchingService:
        from careercopilot.services.matching import MatchingService

        return MatchingService(self.db, self.settings.scrape.exchange_rates)

    @cached_property
    def profiles(self) -> ProfileService:
        from careercopilot.services.profile import ProfileService

        # Rescoring needs the matching service only when a profile really changes.
        return ProfileService(self.db, on_change=lambda user: self.matching.rescore_user(user))

    @cached_property
    def notifications(self) -> NotificationService:
        from careercopilot.services.notifications import NotificationService

        return NotificationService(self.db, self.settings.notifications.desktop)

    @cached_property
    def jobs(self) -> JobService:
        from careercopilot.services.jobs import JobService

        return JobService(self.db, self.matching)

    @cached_property
    def searches(self) -> SearchService:
        from careercopilot.services.searches import SearchService

        return SearchService(self.db, frozenset(_board_names(self.settings)))

    @cached_property
    def llm(self) -> LlmService:
        from careercopilot.services.llm_store import LlmService

        return LlmService(self.db, self.settings.llm, self.keystore)

    @cached_property
    def applications(self) -> ApplicationService:
        from careercopilot.services.applications import ApplicationService

        return ApplicationService(self.db, self.notifications)

    @cached_property
    def followups(self) -> FollowUpService:
        from careercopilot.services.followups import FollowUpService

        return FollowUpService(self.db, self.notifications)

    @cached_property
    def analytics(self) -> AnalyticsService:
        from careercopilot.services.analytics import AnalyticsService

        return AnalyticsService(self.db, self.profiles, lambda: self.searches, lambda: self.jobs, self.notifications,
                                self.settings.scrape.exchange_rates)

    @cached_property
    def dashboard(self) -> DashboardService:
        from careercopilot.services.dashboard import DashboardService

        return DashboardService(self.db, self.profiles, self.notifications, self.applications, self.followups,
                                self.jobs, self.analytics)

    @cached_property
    def scrape(self) -> ScrapeService:
        from careercopilot.services.scrape import ScrapeService

        return ScrapeService(self.db, self.settings, self.jobs, self.matching, self.notifications, self.searches,
                             analytics=lambda: self.analytics)

    @cached_property
    def interview(self) -> InterviewService:
        from careercopilot.services.interview import InterviewService

        return InterviewService(self.db, self.llm, self.jobs, self.applications)

    @cached_property
    def drafts(self) -> DraftService:
        from careercopilot.services.drafts import DraftService

        return DraftService(self.profiles, self.jobs, self.llm)

    def warm(self, *names: str) -> None:
        """Build the named services now, or every one (the TUI does this in the background, off its UI loop)."""
        for name in names or _SERVICE_NAMES:
            getattr(self, name)

    def close(self) -> None:
        self.db.dispose()


_SERVICE_NAMES = tuple(name for name, value in vars(Services).items() if isinstance(value, cached_property))


def build_services(settings: Settings, *, hasher: Any = None, keystore: KeyStore | None = None,
                   migrate: bool = True) -> Services:
    """Open the database (migrating it to head unless told not to); services are wired on first use."""
    from careercopilot.db import migrate as migrations
    from careercopilot.db.engine import Database

    db = Database(settings.database_url)
    if migrate:
        migrations.upgrade(db)
    return Services(settings=settings, db=db, keystore=keystore or KeyStore(), hasher=hasher)


def _board_names(settings: Settings) -> list[str]:
    from careercopilot.scraping.settings import ATS, KEYED, KEYLESS

    return [*KEYLESS, *ATS, *KEYED, *settings.boards]
