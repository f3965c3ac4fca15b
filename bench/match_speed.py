"""Prints how fast one profile scores 200,000 generated postings, and how fast posting skills are read.

Run: /work/venv/bin/python bench/match_speed.py [count]
Scoring uses skills stored per posting (posting_skills() runs once at ingestion), as the service does;
the second figure is that ingestion cost.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from datetime import UTC, datetime, timedelta

from careercopilot.domain.matching import MatchProfile, posting_skills, prepare, score_posting
from careercopilot.domain.postings import Location, Posting, RemoteMode, Salary, SalaryInterval, Seniority
from careercopilot.domain.profile import RemotePreference
from careercopilot.domain.skills import all_skills

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
TITLES = (
    "Software Engineer", "Senior Data Engineer", "Backend Developer", "Product Manager", "Data Scientist",
    "DevOps Engineer", "Frontend Engineer", "Staff Machine Learning Engineer", "Marketing Manager",
    "Account Executive", "Registered Nurse", "Financial Analyst", "UX Designer", "Platform Engineer II",
)  # fmt: skip
PLACES = (
    ("Berlin, Germany", "Berlin", "DE"), ("Munich, Germany", "Munich", "DE"), ("London, UK", "London", "GB"),
    ("New York, NY", "New York", "US"), ("Remote", None, None), ("Paris, France", "Paris", "FR"),
)  # fmt: skip
SENTENCES = (
    "You will design and run data pipelines with {0} and {1}.",
    "Our stack: {0}, {1} and {2}.",
    "Experience with {0} is a plus; we deploy with {1}.",
    "We offer a friendly team, growth and a learning budget.",
    "You collaborate with product and design to ship features every week.",
)


def generate(count: int, seed: int = 7) -> list[tuple[Posting, tuple[str, ...]]]:
    rng = random.Random(seed)
    names = list(all_skills())
    postings = []
    for number in range(count):
        raw, city, country = rng.choice(PLACES)
        wanted = tuple(rng.sample(names, rng.randint(3, 12)))
        text = " ".join(rng.choice(SENTENCES).format(*rng.sample(wanted, 3)) for _ in range(12))
        low = rng.randrange(30_000, 150_000, 5_000)
        posting = Posting(
            source="bench",
            source_id=str(number),
            title=rng.choice(TITLES),
            company=f"Company {rng.randrange(5_000)} GmbH",
            url=f"https://example.test/jobs/{number}",
            location=Location(raw=raw, city=city, country_code=country),
            remote=RemoteMode.REMOTE if city is None else rng.choice(list(RemoteMode)),
            seniority=rng.choice(list(Seniority)),
            salary=Salary(min=low, max=low + 20_000, currency=rng.choice(("EUR", "USD")), interval=SalaryInterval.YEAR)
            if rng.random() < 0.6
            else Salary(),
            posted_at=NOW - timedelta(days=rng.randrange(90)),
            description_text=text,
            tags=wanted[:3],
        )
        postings.append((posting, wanted))
    return postings


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    profile = MatchProfile(
        target_titles=("Data Engineer", "Backend Engineer"),
        skills=("Python", "SQL", "Kubernetes", "Apache Airflow", "dbt", "PostgreSQL", "Kdb+"),
        locations=("Berlin", "Germany"),
        remote_preference=RemotePreference.REMOTE,
        salary_floor_yearly=70_000,
        currency="EUR",
        years_experience=6,
        blocked_companies=("Company 13",),
        blocked_keywords=("crypto",),
    )
    print(f"generating {count:,} postings …", flush=True)
    postings = generate(count)
    prepared = prepare(profile, exchange_rates={"EUR": 1.08, "USD": 1.0})
    # The generated postings stay alive throughout; keep the collector from rescanning them while scoring.
    gc.freeze()

    started, cpu_started = time.perf_counter(), time.process_time()
    scores = [score_posting(prepared, posting, NOW, skills=skills).score for posting, skills in postings]
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # CPU time too: on a shared machine the wall clock also counts other programs' turns.
    print(f"scored {count:,} postings in {elapsed:.2f} s wall, {cpu:.2f} s CPU: {count / cpu:,.0f} postings/CPU-s")
    print(f"  mean score {sum(scores) / len(scores):.1f}, blocked {scores.count(0):,}")

    sample = [posting for posting, _ in postings[:2_000]]
    started = time.perf_counter()
    for posting in sample:
        posting_skills(posting)
    elapsed = time.perf_counter() - started
    average = sum(len(p.description_text) for p in sample) / len(sample)
    print(f"posting_skills (ingestion, {average:,.0f}-char descriptions): {len(sample) / elapsed:,.0f} postings/s")


if __name__ == "__main__":
    main()
