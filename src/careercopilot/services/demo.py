"""The demo profile: a realistic account with sample data in every area that exists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from careercopilot.db.base import utcnow
from careercopilot.domain.applications import Stage
from careercopilot.domain.notifications import NotificationKind
from careercopilot.errors import BadInput

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "copilot-demo-2026"  # a throwaway account in its own database, printed to the user anyway

DEMO_CV = """Jordan Rivera - Senior Backend Engineer
Berlin, Germany - jordan.rivera@example.com

Summary: Backend engineer with 7 years building Python services and data pipelines.

Experience
- Staff-level work at Parcelwise (2021-now): led the move of order routing to event-driven services on
  Kubernetes; cut p95 latency from 900 ms to 180 ms; mentored four engineers.
- Backend engineer at Finlytic (2018-2021): built PostgreSQL-backed reconciliation that saved 30 hours a week.

Skills: Python, FastAPI, PostgreSQL, Kafka, Kubernetes, AWS, Terraform, SQL, Docker
"""

WELCOME = ("Welcome to Career Copilot",
           "This is a demo profile with sample data. Press ctrl+p to see every screen and action.")
# The saved search the demo's match alert and skill gaps come from.
DEMO_SEARCH = {"name": "Python backend", "query": "python", "threshold": 70}


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    password: str
    created: bool


# The job feed first: the tracker and interview practice do not need it, but a demo reads in this order.
DEMO_AREAS = ("jobs", "applications", "interview")


def seed_demo(services: object) -> DemoAccount:
    """Create the demo account and its data once; running it again changes nothing."""
    auth = services.auth  # type: ignore[attr-defined]
    try:
        auth.register(DEMO_USERNAME, "demo@example.com", DEMO_PASSWORD)
    except BadInput:
        return DemoAccount(DEMO_USERNAME, DEMO_PASSWORD, created=False)
    user = auth.login(DEMO_USERNAME, DEMO_PASSWORD).user
    services.profiles.update(  # type: ignore[attr-defined]
        user,
        full_name="Jordan Rivera",
        target_titles=["Senior Backend Engineer", "Staff Software Engineer", "Python Developer"],
        skills=["Python", "FastAPI", "PostgreSQL", "Kafka", "Kubernetes", "AWS", "Terraform", "SQL", "Docker"],
        locations=["Berlin", "Remote (EU)"],
        remote_preference="hybrid",
        salary_floor=85000,
        salary_currency="EUR",
        salary_period="year",
        years_experience=7,
        weekly_goal=10,
    )
    from careercopilot.db.models import Profile

    with services.db.begin() as s:  # type: ignore[attr-defined]
        s.get(Profile, user.user_id).cv_text = DEMO_CV
        s.get(Profile, user.user_id).cv_filename = "jordan-rivera-cv.md"
    services.notifications.publish(user.user_id, NotificationKind.SYSTEM, *WELCOME)  # type: ignore[attr-defined]
    for seeder in _area_seeders(services):
        seeder(user)
    _announce(services, user)
    return DemoAccount(DEMO_USERNAME, DEMO_PASSWORD, created=True)


def _announce(services: Any, user: Any) -> None:
    """The demo's notifications, made the way real ones are from the data just seeded, so none contradicts it."""
    services.searches.add(user, **DEMO_SEARCH)
    services.scrape.notify_matches()
    services.analytics.publish_updates(user)
    interviewing = [a for a in services.applications.list(user) if a.stage is Stage.INTERVIEWING]
    if interviewing:
        moved = interviewing[0]
        services.notifications.publish(user.user_id, NotificationKind.APPLICATION_STATUS,
                                       f"{moved.company} moved to interviewing", moved.title)
    upcoming = services.applications.interviews(user, since=utcnow())
    if upcoming:
        first = upcoming[0]
        company = services.applications.get(user, first.application_id).company
        when = first.starts_at.astimezone(ZoneInfo(first.timezone))
        services.notifications.publish(user.user_id, NotificationKind.INTERVIEW_REMINDER,
                                       f"Interview {when:%a %d %b, %H:%M}: {company}, {first.round_name}",
                                       f"{first.kind.value.replace('_', ' ')}, {first.duration_minutes} minutes")


def _area_seeders(services: object) -> list:
    """The areas with demo data, by name: services are built on first use, so none can be found by looking."""
    return [getattr(services, area).seed_demo for area in DEMO_AREAS]
