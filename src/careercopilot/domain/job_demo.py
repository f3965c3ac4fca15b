"""The demo job feed: realistic fictional postings from several boards, some listed on two boards."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

from careercopilot.domain.normalize import RawPosting, normalize
from careercopilot.domain.postings import Posting, RemoteMode, Salary, SalaryInterval

_ROLES = (
    ("Senior Python Engineer", "Python, Django, PostgreSQL, Docker, AWS",
     "design and run the Python services behind our order platform", 80000, 100000),
    ("Staff Backend Engineer", "Python, Kafka, Kubernetes, PostgreSQL, gRPC",
     "lead the event-driven backend and mentor a team of six", 95000, 120000),
    ("Data Engineer", "Python, SQL, Airflow, dbt, Snowflake",
     "build reliable pipelines that feed analytics and machine learning", 70000, 90000),
    ("Platform Engineer", "Kubernetes, Terraform, AWS, Go, Prometheus",
     "own the internal developer platform and its golden paths", 80000, 105000),
    ("Backend Developer (Django)", "Python, Django, REST, Celery, Redis",
     "ship product features end to end in a small, senior team", 65000, 80000),
    ("Machine Learning Engineer", "Python, PyTorch, MLOps, SQL, Docker",
     "take models from notebooks to production with monitoring", 85000, 110000),
    ("Site Reliability Engineer", "Linux, Kubernetes, Terraform, Python, Grafana",
     "keep our payment systems at 99.99% and make on-call calm", 85000, 105000),
    ("Junior Python Developer", "Python, SQL, Git, Flask",
     "learn from experienced engineers while building internal tools", 45000, 55000),
    ("Engineering Manager, Payments", "People management, Python, Agile, Hiring",
     "lead two teams building card and bank payments", 110000, 135000),
    ("Product Data Analyst", "SQL, Python, Looker, A/B testing, Statistics",
     "answer product questions with data and design experiments", 60000, 75000),
)
_COMPANIES = (
    ("Northwind Logistics", "Berlin", "DE", RemoteMode.HYBRID), ("Helix Health", "Hamburg", "DE", RemoteMode.HYBRID),
    ("Parcelwise", "Remote (EU)", None, RemoteMode.REMOTE), ("Finlytic", "Amsterdam", "NL", RemoteMode.ONSITE),
    ("Brightlane", "Munich", "DE", RemoteMode.HYBRID), ("Copperleaf Energy", "Remote", None, RemoteMode.REMOTE),
    ("Orbit Retail", "London", "GB", RemoteMode.HYBRID), ("Quanta Bank", "Frankfurt", "DE", RemoteMode.ONSITE),
)
_BOARDS = ("greenhouse", "lever", "arbeitnow", "remotive", "himalayas", "weworkremotely", "hackernews", "themuse")


def demo_postings(now: datetime, count: int = 48) -> list[Posting]:
    """A fixed, seeded set: the demo looks the same every time it is rebuilt."""
    rng = random.Random(2026)
    postings: list[Posting] = []
    for n in range(count):
        title, skills, mission, low, high = _ROLES[n % len(_ROLES)]
        company, city, country, remote = _COMPANIES[(n * 3 + n // len(_ROLES)) % len(_COMPANIES)]
        board = _BOARDS[n % len(_BOARDS)]
        currency = "GBP" if country == "GB" else "EUR"
        description = (
            f"<p>At {company} you will {mission}.</p><h3>What you bring</h3><ul>"
            + "".join(f"<li>Hands-on experience with {skill.strip()}</li>" for skill in skills.split(","))
            + "</ul><p>We offer a learning budget, flexible hours and 30 days of holiday.</p>"
        )
        raw = RawPosting(
            source=board, source_id=f"demo-{n}", title=title, company=company,
            url=f"https://jobs.example.com/{board}/{n}", apply_url=f"https://careers.example.com/{company.split()[0].lower()}/{n}",
            location=city, country=country, remote=remote, employment=("full_time",),
            salary=Salary(min=low, max=high, currency=currency, interval=SalaryInterval.YEAR) if n % 3 else None,
            posted_at=now - timedelta(hours=rng.randint(2, 24 * 20)), description=description,
            tags=tuple(s.strip() for s in skills.split(",")),
        )
        postings.append(normalize(raw, now=now))
        if n % 6 == 0:  # the same job re-listed on an aggregator: shown once, with "also on"
            aggregator = "arbeitnow" if board != "arbeitnow" else "remotive"
            relisted = replace(raw, source=aggregator, source_id=f"demo-{n}-relisted",
                               url=f"https://jobs.example.com/{aggregator}/{n}-relisted")
            postings.append(normalize(relisted, now=now))
    return postings
