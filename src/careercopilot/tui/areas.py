"""The registry of top-level areas: each is an app MODE, a key, a palette command and a link target.

To add an area, append one `Area`; its screen module is imported on first visit only. The screen usually
subclasses `screens.base.AreaScreen` (header, footer, `reload()` on every visit, `notifications_arrived()`,
`open_item(id)` for notification links), calls services with `await self.app.call(...)`, shows errors with
`self.app.report(exc)`, and shows outside text only through `careercopilot.tui.safe`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class Area:
    mode: str  # the MODES name; also the binding id "area.<mode>"
    title: str
    key: str
    screen: str  # "module:Class", imported lazily so startup loads only the login screen
    help: str
    links: tuple[str, ...] = ()  # notification link prefixes this area opens ("application" in "application:12")

    def screen_class(self) -> type[Screen]:
        module, _, name = self.screen.partition(":")
        return getattr(import_module(module), name)

    def build(self) -> Screen:
        return self.screen_class()()


AREAS: tuple[Area, ...] = (
    Area("dashboard", "Dashboard", "d", "careercopilot.tui.screens.dashboard:DashboardScreen",
         "Your search at a glance in widgets you arrange: e edits the layout."),
    Area("notifications", "Notifications", "n", "careercopilot.tui.screens.notifications:NotificationsScreen",
         "Every notification: filter by kind, mark read, open what it links to.", links=("notification",)),
    Area("applications", "Applications", "a", "careercopilot.tui.screens.applications:ApplicationsScreen",
         "Your applications as a kanban board or a table; move, undo, notes, contacts, interviews.",
         links=("application",)),
    Area("jobs", "Jobs", "j", "careercopilot.tui.screens.jobs:JobsScreen",
         "Your job feed: search, filter, read the match, save, hide, track, scrape for more.", links=("jobs",)),
    Area("profile", "Profile", "p", "careercopilot.tui.screens.profile:ProfileScreen",
         "Edit what you look for and import your CV.", links=("profile",)),
    Area("interview", "Interview", "i", "careercopilot.tui.screens.interview:InterviewScreen",
         "Practise interview questions: timed answers, scored STAR feedback, history and progress."),
    Area("analytics", "Analytics", "y", "careercopilot.tui.screens.analytics:AnalyticsScreen",
         "Pipeline metrics, market insight, skill gaps and advice, with charts, for a range of dates.",
         links=("analytics",)),
    Area("settings", "Settings", "s", "careercopilot.tui.screens.settings:SettingsScreen",
         "Theme, where your data lives, and whether a secure keyring is used."),
)


def area_for_link(link: str) -> tuple[Area | None, str, str]:
    """Split "application:12" into the area that opens it (None when no screen exists yet), prefix and id."""
    prefix, _, item = link.partition(":")
    area = next((a for a in AREAS if prefix in a.links), None)
    return area, prefix, item
