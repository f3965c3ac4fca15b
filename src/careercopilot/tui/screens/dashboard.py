"""The dashboard: profile at a glance, unread and recent notifications, room for other areas' cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Static

from careercopilot.errors import CareerCopilotError
from careercopilot.tui.areas import AREAS
from careercopilot.tui.safe import safe_line
from careercopilot.tui.screens.base import AreaScreen
from careercopilot.tui.widgets.recent_notifications import RecentNotifications

if TYPE_CHECKING:
    from careercopilot.domain.notifications import NotificationView
    from careercopilot.services.dashboard import DashboardView

EMPTY = Content.styled("—", "dim")
BAR_CELLS = 20
FACTS = (("titles", "Looking for"), ("skills", "Skills"), ("locations", "Locations"), ("remote", "Remote"),
         ("salary", "Salary floor"), ("experience", "Experience"), ("goal", "Weekly goal"), ("cv", "CV"))


def _listing(values: tuple[str, ...]) -> Content:
    return safe_line(", ".join(values)) if values else EMPTY


def profile_facts(summary: DashboardView) -> dict[str, Content]:
    """The profile card's values by FACTS key; outside text goes through safe_line."""
    p = summary.profile
    return {
        "titles": _listing(p.target_titles),
        "skills": _listing(p.skills),
        "locations": _listing(p.locations),
        "remote": Content(p.remote_preference.value),
        "salary": (Content(f"{p.salary_floor:,} {p.salary_currency} / {p.salary_period.value}")
                   if p.salary_floor is not None else EMPTY),
        "experience": Content(f"{p.years_experience:g} years") if p.years_experience is not None else EMPTY,
        "goal": Content(f"{p.weekly_goal} applications"),
        "cv": safe_line(p.cv_filename) if p.cv_filename else Content.styled("not imported yet", "dim"),
    }


def completeness_bar(percent: int) -> Content:
    filled = round(BAR_CELLS * percent / 100)
    return Content.assemble(("━" * filled, "$success"), ("━" * (BAR_CELLS - filled), "$panel-lighten-2"),
                            (f" {percent}%", "bold"))


def areas_guide() -> Content:
    """One line per area from the registry, so a new area shows up here by itself."""
    lines = [Content.assemble((f" {area.key} ", "bold reverse"), (f" {area.title:<15}", "bold"),
                              (area.help, "$text-muted"))
             for area in AREAS if area.mode != "dashboard"]
    return Content("\n").join([*lines, Content.styled("ctrl+p searches every screen and action", "$text-muted")])


class DashboardScreen(AreaScreen):
    TITLE = "Dashboard"

    def compose_body(self) -> ComposeResult:
        with Grid(id="dashboard-cards"):
            with Vertical(id="profile-card", classes="card"):
                yield Static(id="profile-name")
                for key, label in (*FACTS, ("completeness", "Complete")):
                    with Horizontal(classes="fact", id=f"row-{key}"):
                        yield Label(label, classes="fact-label")
                        yield Static(id=f"fact-{key}", classes="fact-value")
            with Vertical(id="inbox-card", classes="card"):
                yield Static(id="inbox-summary")
                yield RecentNotifications(id="recent-notifications")
            with Vertical(id="areas-card", classes="card"):
                yield Static(areas_guide(), id="areas-guide")

    def on_mount(self) -> None:
        super().on_mount()
        for card_id, title in (("#profile-card", "Profile"), ("#inbox-card", "Notifications"),
                               ("#areas-card", "Go to")):
            self.query_one(card_id).border_title = title

    @work(exclusive=True, group="dashboard", exit_on_error=False)
    async def reload(self) -> None:
        user, services = self.app.user, self.app.services
        if user is None or services is None:
            return
        try:
            summary = await self.app.call(services.dashboard.summary, user)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        self.show(summary)

    def show(self, summary: DashboardView) -> None:
        name = summary.profile.full_name or summary.username
        self.query_one("#profile-name", Static).update(Content.assemble(safe_line(name).stylize("bold")))
        for key, value in profile_facts(summary).items():
            self.query_one(f"#fact-{key}", Static).update(value)
        self.query_one("#fact-completeness", Static).update(completeness_bar(summary.profile_completeness))
        self.query_one("#inbox-summary", Static).update(self._inbox_line(summary))
        self.query_one("#recent-notifications", RecentNotifications).show(summary.recent_notifications,
                                                                          self.app.clock())

    @staticmethod
    def _inbox_line(summary: DashboardView) -> Content:
        if not summary.recent_notifications:
            return Content.styled("No notifications yet.", "$text-muted")
        unread = Content.styled(f"{summary.unread} unread", "bold $warning" if summary.unread else "$success")
        return Content.assemble(unread, ("  ·  n opens the notification center", "$text-muted"))

    def notifications_arrived(self, notifications: list[NotificationView]) -> None:
        self.reload()
