"""The demo profile: a realistic account with sample data in every area that exists."""

from __future__ import annotations

from dataclasses import dataclass

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

DEMO_NOTIFICATIONS = (
    (NotificationKind.SYSTEM, "Welcome to Career Copilot",
     "This is a demo profile with sample data. Press ctrl+p to see every screen and action."),
    (NotificationKind.JOB_MATCH, "12 new matches above 70 for 'Senior Python Engineer'",
     "Best: Staff Backend Engineer at Northwind Logistics (Berlin, hybrid) - 91."),
    (NotificationKind.APPLICATION_STATUS, "Helix Health moved to interviewing",
     "Technical interview on Tuesday 14:00."),
    (NotificationKind.INTERVIEW_REMINDER, "Interview tomorrow: Helix Health, round 2",
     "Video call with the platform team, 60 minutes."),
    (NotificationKind.SKILL_GAP, "Kubernetes operators appear in 38% of your matches",
     "Adding it to your profile would unlock 9 more strong matches."),
    (NotificationKind.ANALYTICS_UPDATE, "Weekly figures: response rate 24% (+6 points)",
     "8 applications this week against a goal of 10."),
)


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
    for kind, title, body in DEMO_NOTIFICATIONS:
        services.notifications.publish(user.user_id, kind, title, body)  # type: ignore[attr-defined]
    for seeder in _area_seeders(services):
        seeder(user)
    return DemoAccount(DEMO_USERNAME, DEMO_PASSWORD, created=True)


def _area_seeders(services: object) -> list:
    """The areas with demo data, by name: services are built on first use, so none can be found by looking."""
    return [getattr(services, area).seed_demo for area in DEMO_AREAS]
