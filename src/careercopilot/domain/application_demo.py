"""The demo tracker: about 25 applications spread over every stage, with history, notes, contacts, interviews."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from careercopilot.domain.applications import (
    ApplicationDraft,
    ContactDraft,
    InterviewDraft,
    InterviewKind,
    InterviewOutcome,
    Priority,
    Stage,
)

# (company, title, location, source, final stage); fictional companies.
_DEMO = (
    ("Northwind Labs", "Senior Python Developer", "Berlin", "LinkedIn", Stage.INTERVIEWING),
    ("Globex", "Backend Engineer", "Remote (EU)", "Company site", Stage.APPLIED),
    ("Initech", "Platform Engineer", "Munich", "Indeed", Stage.REJECTED),
    ("Umbrella Health", "Data Engineer", "Hamburg", "Referral", Stage.OFFER),
    ("Stark Analytics", "Python Engineer, Analytics", "Remote", "Arbeitnow", Stage.SCREENING),
    ("Wayne Logistics", "Software Engineer II", "Frankfurt", "LinkedIn", Stage.GHOSTED),
    ("Hooli", "Site Reliability Engineer", "Zurich", "Company site", Stage.APPLIED),
    ("Pied Piper", "Backend Developer (Django)", "Remote", "Remotive", Stage.INTERVIEWING),
    ("Aperture Robotics", "Automation Engineer", "Vienna", "Indeed", Stage.SAVED),
    ("Tyrell Data", "Machine Learning Engineer", "Amsterdam", "LinkedIn", Stage.WITHDRAWN),
    ("Cyberdyne Cloud", "Cloud Engineer", "Remote (EU)", "We Work Remotely", Stage.APPLIED),
    ("Wonka Digital", "Full-Stack Developer", "Cologne", "Referral", Stage.ACCEPTED),
    ("Acme Fintech", "Senior Backend Engineer", "Berlin", "Company site", Stage.SCREENING),
    ("Vandelay Imports", "Integration Developer", "Leipzig", "Indeed", Stage.REJECTED),
    ("Massive Dynamic", "Research Software Engineer", "Remote", "Hacker News", Stage.SAVED),
    ("Oscorp Bio", "Bioinformatics Developer", "Heidelberg", "LinkedIn", Stage.APPLIED),
    ("Gringotts Pay", "Payments Engineer", "London", "Company site", Stage.INTERVIEWING),
    ("Monarch Media", "Python Developer", "Remote", "Remotive", Stage.GHOSTED),
    ("Blue Sun Energy", "Data Platform Engineer", "Copenhagen", "Arbeitnow", Stage.APPLIED),
    ("Dunder Tech", "Junior-to-Mid Backend Developer", "Stuttgart", "Indeed", Stage.REJECTED),
    ("Sterling Digital", "API Engineer", "Remote (EU)", "LinkedIn", Stage.SAVED),
    ("Prestige Worldwide", "DevOps Engineer", "Dublin", "Company site", Stage.SCREENING),
    ("Bluth Homes", "Software Engineer", "Lisbon", "Referral", Stage.APPLIED),
    ("Nakatomi Trading", "Quant Developer (Python)", "Frankfurt", "LinkedIn", Stage.OFFER),
    ("Northwind Labs", "Staff Engineer, Data", "Berlin", "Referral", Stage.SAVED),
)
_PIPELINE = (Stage.SAVED, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED)
# Where a closed application left the pipeline.
_LEFT_FROM = {Stage.REJECTED: Stage.SCREENING, Stage.WITHDRAWN: Stage.INTERVIEWING, Stage.GHOSTED: Stage.APPLIED}
_NOTES = {
    Stage.SCREENING: "Recruiter call went well; they want **two references** next week.",
    Stage.INTERVIEWING: "Prep: system design (queues, idempotency), and the *why us* story.",
    Stage.OFFER: "Offer is below my floor; counter with the market data from the salary report.",
    Stage.REJECTED: "Feedback: strong coding, wanted more Kubernetes in production.",
}
_RECRUITERS = ("Maya Fischer", "Tom Becker", "Lena Okafor", "Jonas Weber", "Priya Raman", "Elena Rossi")


@dataclass(frozen=True, slots=True)
class DemoApplication:
    draft: ApplicationDraft
    created_at: datetime
    moves: tuple[tuple[Stage, datetime, str], ...]  # (to, at, note) after creation in `draft.stage`
    notes: tuple[str, ...]
    contact: ContactDraft | None
    interviews: tuple[InterviewDraft, ...]


def demo_applications(now: datetime) -> list[DemoApplication]:
    """The same realistic tracker every time (seeded randomness), dated relative to `now`."""
    rng = random.Random(20261126)
    plans = []
    for number, (company, title, location, source, final) in enumerate(_DEMO):
        path = _path_to(final)
        start = now - timedelta(days=rng.randint(4, 8) * len(path) + rng.randint(0, 3))
        times = [start]
        for _ in path[1:]:
            times.append(min(times[-1] + timedelta(days=rng.randint(2, 9), hours=rng.randint(0, 8)),
                             now - timedelta(hours=1)))
        moves = tuple((stage, at, "Offer call with the hiring manager" if stage is Stage.OFFER else "")
                      for stage, at in zip(path[1:], times[1:], strict=True))
        draft = ApplicationDraft(
            company=company, title=title, stage=path[0], location=location, source=source,
            url=f"https://careers.example.com/{company.lower().replace(' ', '-')}/{number + 100}",
            cv_version=rng.choice(("v3-backend", "v3-data", "v2-general")),
            priority=rng.choice(tuple(Priority)), tags=tuple(rng.sample(("python", "remote", "dream", "fintech",
                                                                         "data", "startup"), 2)),
            salary_asked=rng.choice(("", "EUR 75k", "EUR 82k", "EUR 90k")),
            salary_offered="EUR 85k" if final in (Stage.OFFER, Stage.ACCEPTED) else "",
            next_action=_next_action(final), next_action_due=now + timedelta(days=rng.randint(1, 6))
            if _next_action(final) else None,
        )
        reached = {stage for stage, _, _ in moves} | {final}
        notes = tuple(text for stage, text in _NOTES.items() if stage in reached)
        contact = ContactDraft(_RECRUITERS[number % len(_RECRUITERS)], "Recruiter",
                               f"talent@{company.lower().replace(' ', '')}.example.com") if len(path) > 2 else None
        plans.append(DemoApplication(draft, start, moves, notes, contact, _interviews(final, moves, now, rng, number)))
    return plans


def _path_to(final: Stage) -> tuple[Stage, ...]:
    last_active = _LEFT_FROM.get(final, final)
    path = _PIPELINE[: _PIPELINE.index(last_active) + 1]
    return (*path, final) if final in _LEFT_FROM else path


def _next_action(final: Stage) -> str:
    return {Stage.SAVED: "Tailor CV and apply", Stage.APPLIED: "", Stage.SCREENING: "Send references",
            Stage.INTERVIEWING: "Prepare system design round", Stage.OFFER: "Reply to the offer"}.get(final, "")


def _interviews(final: Stage, moves: tuple[tuple[Stage, datetime, str], ...], now: datetime,
                rng: random.Random, number: int) -> tuple[InterviewDraft, ...]:
    reached = {stage: at for stage, at, _ in moves}
    if Stage.INTERVIEWING not in reached:
        return ()
    first = reached[Stage.INTERVIEWING] + timedelta(days=2)
    past = InterviewDraft("Technical interview", InterviewKind.TECHNICAL, first.replace(minute=0, second=0,
                          microsecond=0), "Europe/Berlin", 90, "https://meet.example.com/tech",
                          ("Sam Lee", "Ana Costa"), InterviewOutcome.PASSED if final is not Stage.WITHDRAWN
                          else InterviewOutcome.CANCELLED)
    if final is not Stage.INTERVIEWING:
        return (past,)
    upcoming = InterviewDraft("Final round", rng.choice((InterviewKind.ONSITE, InterviewKind.VIDEO)),
                              # Each application its own hour: two final rounds on one day never overlap.
                              (now + timedelta(days=rng.randint(2, 9))).replace(hour=8 + 2 * (number % 5),
                                                                               minute=30, second=0, microsecond=0),
                              "Europe/Berlin", 120, "HQ, 3rd floor", ("Head of Engineering",))
    return (past, upcoming)
