"""Search and filter over a large stored feed: p50/p95 per query shape (target: p95 <= 50 ms at 200,000).

Rows are written straight into the tables (ingest has its own bench), with FTS kept by the triggers.

    python bench/search_speed.py --postings 200000 [--database-url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from careercopilot.config import DatabaseSettings, Settings
from careercopilot.db.models import JobPosting, UserPosting
from careercopilot.domain.jobs import JobFilters, JobSort

WORDS = ("python", "java", "react", "kubernetes", "sql", "marketing", "sales", "design", "finance", "data",
         "rust", "go", "aws", "terraform", "excel", "nursing", "teacher", "logistics", "support", "security")
TITLES = ("Engineer", "Developer", "Manager", "Analyst", "Designer", "Specialist", "Consultant", "Lead")
CITIES = (("Berlin", "DE"), ("London", "GB"), ("Paris", "FR"), ("New York", "US"), ("Austin", "US"),
          ("Toronto", "CA"), ("Amsterdam", "NL"), ("Madrid", "ES"), ("Remote", None), ("Munich", "DE"))
SOURCES = ("arbeitnow", "remotive", "greenhouse", "lever", "himalayas", "jobicy", "themuse", "hackernews")


def populate(services, user_id: int, count: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    now = datetime.now(UTC)
    table, scores = JobPosting.__table__, UserPosting.__table__
    batch = 5000
    for start in range(0, count, batch):
        rows, marks = [], []
        for n in range(start, min(start + batch, count)):
            skill, other = rng.choice(WORDS), rng.choice(WORDS)
            city, country = rng.choice(CITIES)
            top = rng.choice((None, rng.randint(30, 200) * 1000))
            rows.append({
                "id": n + 1, "source": rng.choice(SOURCES), "source_id": str(n), "group_key": f"g{n}",
                "is_primary": True, "title": f"{skill.title()} {rng.choice(TITLES)} {n}",
                "company": f"Company {n % 5000}",
                "company_key": f"company {n % 5000}", "url": f"https://example.com/{n}", "apply_url": None,
                "canonical_url": f"example.com/{n}", "location_raw": city, "city": city, "region": None,
                "country_code": country, "remote": "remote" if country is None else rng.choice(("onsite", "hybrid")),
                "employment_types": ["full_time"], "seniority": rng.choice(("entry", "mid", "senior", "unknown")),
                "department": None, "category": None, "salary_min": top and top * 0.8, "salary_max": top,
                "salary_currency": "USD" if top else None, "salary_interval": "year" if top else None,
                "salary_is_estimate": False, "salary_raw": "", "salary_yearly": top,
                "posted_at": now - timedelta(minutes=rng.randint(0, 60 * 24 * 60)), "expires_at": None,
                "description_html": "", "description_is_partial": False,
                "description_text": f"We need {skill} and {other} experience. " * 20,
                "tags": [skill, other], "skills": [skill], "attribution_text": None, "attribution_link": None,
                "content_hash": "x", "first_seen_at": now, "last_seen_at": now, "changed_at": now,
                "is_expired": False,
            })
            marks.append({"user_id": user_id, "posting_id": n + 1, "score": rng.randint(0, 100), "breakdown": [],
                          "saved": rng.random() < 0.01, "hidden": rng.random() < 0.01, "seen": rng.random() < 0.1,
                          "notified": True, "scored_at": now})
        with services.db.begin() as s:
            s.execute(table.insert(), rows)
            s.execute(scores.insert(), marks)
    if services.db.is_sqlite:
        with services.db.begin() as s:
            s.connection().exec_driver_sql("ANALYZE")


SHAPES = {
    "feed, sorted by match": JobFilters(),
    "feed, sorted by date": JobFilters(sort=JobSort.DATE),
    "search 'python'": JobFilters(query="python"),
    "search 'kubernetes terraform'": JobFilters(query="kubernetes terraform"),
    "search 'python' + remote": JobFilters(query="python", remote_only=True),
    "country DE + salary >= 100k": JobFilters(location="DE", salary_floor_yearly=100_000),
    "search 'data', by salary": JobFilters(query="data", sort=JobSort.SALARY),
    "city 'berlin', hide seen": JobFilters(location="berlin", hide_seen=True),
    "posted last 7 days + source": JobFilters(posted_since=datetime.now(UTC) - timedelta(days=7),
                                              sources=("greenhouse", "lever")),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from careercopilot.keystore import KeyStore
    from careercopilot.services import build_services

    home = Path(tempfile.mkdtemp())
    url = args.database_url or f"sqlite:///{home / 'search.db'}"
    services = build_services(Settings(database=DatabaseSettings(url=url)),
                              hasher=PasswordHasher.from_parameters(CHEAPEST), keystore=KeyStore(home / "k.json"))
    services.auth.register("bench", "bench@example.org", "bench-password-1")
    user = services.auth.login("bench", "bench-password-1").user
    started = time.perf_counter()
    populate(services, user.user_id, args.postings)
    backend = services.db.engine.dialect.name
    print(f"{args.postings:,} postings stored in {time.perf_counter() - started:.0f} s ({backend})")
    print(f"{'query':<34} {'p50 ms':>8} {'p95 ms':>8} {'rows':>6}")
    worst = 0.0
    for label, filters in SHAPES.items():
        times, rows = [], 0
        for _ in range(args.runs):
            t = time.perf_counter()
            rows = len(services.jobs.feed(user, filters))
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        worst = max(worst, p95)
        print(f"{label:<34} {statistics.median(times):8.1f} {p95:8.1f} {rows:>6}")
    print(f"worst p95: {worst:.1f} ms")


if __name__ == "__main__":
    main()
