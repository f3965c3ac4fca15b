"""One snapshot per screen state that matters; the dashboard one is the README's product screenshot.

Deterministic: fixed data and timestamps, a fixed clock, a fixed terminal size and no cursor blink.
Update after an intended change with `pytest tests/tui --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from textual.pilot import Pilot
from textual.widgets import Input
from tui_support import FIXED_NOW, SIZE, make_app, shown, sign_in_stored, wait_for

from careercopilot.db.models import Notification
from careercopilot.domain.notifications import NotificationKind
from careercopilot.services import Services

SAMPLE_NOTIFICATIONS = (  # kind, title, link, minutes before FIXED_NOW, read
    (NotificationKind.JOB_MATCH, "92% match: Senior Python Developer at Northwind (Berlin, hybrid)", None, 4, False),
    (NotificationKind.INTERVIEW_REMINDER, "Interview with Contoso tomorrow at 10:00", None, 95, False),
    (NotificationKind.APPLICATION_STATUS, "Fabrikam moved your application to 'Interview'", None, 300, False),
    (NotificationKind.SKILL_GAP, "Kubernetes appears in 6 of your top 20 matches", "profile:me", 1500, True),
    (NotificationKind.ANALYTICS_UPDATE, "Weekly report: 4 of 5 applications sent", None, 4400, True),
)


def seed_dashboard(services: Services) -> None:
    user = sign_in_stored(services, "alice")
    services.profiles.update(
        user, full_name="Alice Moreau", target_titles="Senior Python Developer, Data Engineer",
        skills="python, sql, fastapi, postgresql, docker, aws", locations="Berlin, Lisbon, Remote (EU)",
        remote_preference="hybrid", salary_floor=75000, salary_currency="EUR", salary_period="year",
        years_experience=7, weekly_goal=5,
    )
    for kind, title, link, minutes, read in reversed(SAMPLE_NOTIFICATIONS):
        view = services.notifications.publish(user.user_id, kind, title, link=link)
        with services.db.begin() as s:
            s.execute(update(Notification).where(Notification.id == view.id)
                      .values(created_at=FIXED_NOW - timedelta(minutes=minutes)))
        if read:
            services.notifications.mark_read(user, view.id)


async def steady(pilot: Pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def test_login_screen(snap_compare, services: Services) -> None:
    app = make_app(services)

    async def ready(pilot: Pilot) -> None:
        await wait_for(pilot, lambda: app.services is not None and shown(app, "#login-message") == "")
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_dashboard(snap_compare, services: Services) -> None:
    seed_dashboard(services)
    app = make_app(services)

    async def ready(pilot: Pilot) -> None:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DashboardScreen")
        await wait_for(pilot, lambda: app.channel == "polling" and app.unread == 3)
        await wait_for(pilot, lambda: len(shown(app, "#recent-notifications").splitlines()) == 5)
        await wait_for(pilot, lambda: "Submitted" in shown(app, "#card-quick_stats .card-body"))  # figures come second
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)
