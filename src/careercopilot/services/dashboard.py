"""What the dashboard shows at a glance, gathered in one call."""

from __future__ import annotations

from dataclasses import dataclass

from careercopilot.domain.accounts import UserContext
from careercopilot.domain.notifications import NotificationView
from careercopilot.domain.profile import ProfileView
from careercopilot.services.notifications import NotificationService
from careercopilot.services.profile import ProfileService


@dataclass(frozen=True, slots=True)
class DashboardView:
    username: str
    profile: ProfileView
    profile_completeness: int  # percent of the profile fields that matching uses
    unread: int
    recent_notifications: tuple[NotificationView, ...]


class DashboardService:
    def __init__(self, profiles: ProfileService, notifications: NotificationService) -> None:
        self.profiles = profiles
        self.notifications = notifications

    def summary(self, user: UserContext) -> DashboardView:
        profile = self.profiles.get(user)
        return DashboardView(
            username=user.username,
            profile=profile,
            profile_completeness=completeness(profile),
            unread=self.notifications.unread_count(user),
            recent_notifications=tuple(self.notifications.list(user, limit=8)),
        )


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
