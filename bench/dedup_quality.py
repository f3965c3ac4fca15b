"""Prints pairwise precision and recall of cross-board dedup on a generated, labelled set of postings.

Run: /work/venv/bin/python bench/dedup_quality.py [seed]
Each job is re-listed on several boards the way boards really differ (title punctuation and gender tags,
company legal forms, location formats, tracking links); hard negatives are same-company jobs in another
city, at another level or with a similar title. Targets: precision >= 0.98, recall >= 0.95.
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from careercopilot.domain.dedup import GroupedPosting, assign_groups, dedup_keys
from careercopilot.domain.locations import parse_location
from careercopilot.domain.postings import Posting

COMPANIES = (
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Pied Piper",
    "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Wonka", "Gringotts", "Oscorp", "Aperture Science",
    "Black Mesa", "Monsters", "Dunder Mifflin", "Prestige Worldwide", "Sterling Cooper", "Bluth", "Massive Dynamic",
)  # fmt: skip
LEGAL_FORMS = ("", " GmbH", " Inc.", ", Inc.", " Ltd", " AG", " SE", " B.V.", " LLC", " GmbH & Co. KG")
ROLES = (
    "Backend Engineer", "Frontend Engineer", "Data Engineer", "Data Analyst", "Product Manager",
    "Product Marketing Manager", "DevOps Engineer", "Site Reliability Engineer", "Machine Learning Engineer",
    "Account Executive", "Customer Success Manager", "UX Designer", "Software Engineer", "QA Engineer",
    "Financial Analyst", "Recruiter", "Marketing Manager", "Security Engineer", "Mobile Developer (iOS)",
)  # fmt: skip
TEAMS = ("Payments", "Identity", "Growth", "Platform", "Search", "Checkout")
LEVELS = ("", "Senior ", "Junior ", "Staff ", "Lead ", "Principal ")
NUMBERED = ("", " I", " II", " III")
# City as one board writes it, and how others write the same place.
CITIES = (
    ("Berlin", ("Berlin", "Berlin, Germany", "Berlin, DE", "Berlin, Berlin, Germany")),
    ("Munich", ("Munich, Germany", "München", "Munich", "München, Bayern, Deutschland")),
    ("London", ("London, UK", "London", "London, England, United Kingdom")),
    ("New York", ("New York, NY", "New York City", "New York, NY, United States")),
    ("Amsterdam", ("Amsterdam, Netherlands", "Amsterdam", "Amsterdam, NL")),
    ("Paris", ("Paris, France", "Paris", "Paris, Île-de-France, France")),
)
BOARDS = ("greenhouse", "lever", "arbeitnow", "remotive", "himalayas", "linkedin", "adzuna", "jobicy")
# Boards that link to the employer's ATS page (with their own tracking) rather than only their own page.
LINKS_TO_ATS = frozenset({"greenhouse", "lever", "remotive", "himalayas", "jobicy"})
TRACKING = ("", "?gh_src=board", "?utm_source=remotive&utm_medium=feed", "?lever-source=LinkedIn", "?ref=himalayas")


@dataclass(frozen=True, slots=True)
class Job:
    number: int
    company: str
    title: str
    city: str


def title_variant(title: str, company: str, city: str, rng: random.Random) -> str:
    variants = (
        title,
        f"{title} (m/w/d)",
        f"{title} (all genders)",
        f"{title} - {city}",
        f"{title}, Remote",
        title.replace("Senior ", "Sr. ").replace("Junior ", "Jr. "),
        title.replace("Engineer", "Engineer ").replace("  ", " ").upper(),
        title.replace("Backend", "Back-End").replace("Frontend", "Front-end"),
        re.sub(r" II$", " 2", re.sub(r" III$", " 3", title)),
        f"{title} – {city}",
        f"{title} | {company}",
        f"{title} (f/m/d) - Full-time",
        f"{title}*",
        f"{title} (Remote, EU)",
        f"{title} at {company}",
        title.replace("Senior ", "Snr ").replace("Engineer", "Enginer"),
        title.replace(" and ", " & ").replace("Developer", "Developer"),
    )
    return rng.choice(variants)


def jobs(rng: random.Random, companies: tuple[str, ...] = COMPANIES) -> Iterator[Job]:
    seen: set[tuple[str, str, str]] = set()
    for company in companies:
        home = rng.choice(CITIES)[0]
        for role in rng.sample(ROLES, 3):
            base = f"{rng.choice(LEVELS)}{role}{rng.choice(NUMBERED)}"
            candidates = [(base, home)]
            # Hard negatives at the same company: another city, another level, another numbered level.
            if rng.random() < 0.5:
                candidates.append((base, rng.choice([city for city, _ in CITIES if city != home])))
            if rng.random() < 0.5:
                candidates.append((f"{rng.choice(LEVELS)}{role}", home))
            if rng.random() < 0.3:
                candidates.append((f"{role} {rng.choice(('II', 'III'))}", home))
            # Sibling teams hiring for the same role in the same office are different jobs.
            if rng.random() < 0.3:
                candidates += [(f"{base}, {team}", home) for team in rng.sample(TEAMS, 2)]
            for title, city in candidates:
                if (company, title, city) not in seen:
                    seen.add((company, title, city))
                    yield Job(len(seen), company, title, city)


def listings(job: Job, rng: random.Random) -> Iterator[Posting]:
    ats_url = f"https://job-boards.greenhouse.io/{job.company.lower().replace(' ', '')}/jobs/{4_000_000 + job.number}"
    spellings = dict(CITIES)[job.city]
    for board in rng.sample(BOARDS, rng.randint(1, 4)):
        raw_location = rng.choice(spellings)
        yield Posting(
            source=board,
            source_id=f"{job.number}-{rng.randrange(10**9)}",
            title=title_variant(job.title, job.company, job.city, rng),
            company=job.company + rng.choice(LEGAL_FORMS),
            url=ats_url if board == "greenhouse" else f"https://{board}.example/jobs/{rng.randrange(10**9)}",
            apply_url=ats_url + rng.choice(TRACKING) if board in LINKS_TO_ATS and rng.random() < 0.7 else None,
            location=parse_location(raw_location),
        )


def pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    members: dict[str, list[str]] = {}
    for posting_id, group in groups.items():
        members.setdefault(group, []).append(posting_id)
    return {tuple(sorted(pair)) for ids in members.values() for pair in combinations(ids, 2)}


def report(name: str, truth: set[tuple[str, str]], found: set[tuple[str, str]]) -> None:
    right = len(truth & found)
    precision = right / len(found) if found else 1.0
    recall = right / len(truth) if truth else 1.0
    print(f"{name:12} precision {precision:.3f}  recall {recall:.3f}  ({right} of {len(truth)} true pairs, "
          f"{len(found) - right} false)")  # fmt: skip


def main() -> None:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    rng = random.Random(seed)
    labelled = [(posting, job.number) for job in jobs(rng) for posting in listings(job, rng)]
    postings = [posting for posting, _ in labelled]
    truth = pairs({posting.id: str(job) for posting, job in labelled})
    print(f"{len(postings)} postings of {len({job for _, job in labelled})} jobs, {len(truth)} duplicate pairs")

    started = time.perf_counter()
    at_once = assign_groups(postings)
    elapsed = time.perf_counter() - started
    report("one batch", truth, pairs(at_once))

    # The service's way: one batch per board, each against the rows stored so far.
    stored: list[GroupedPosting] = []
    incremental: dict[str, str] = {}
    for board in BOARDS:
        batch = [posting for posting in postings if posting.source == board]
        assigned = assign_groups(batch, existing=stored)
        incremental.update(assigned)
        stored += [GroupedPosting(p.id, dedup_keys(p), assigned[p.id]) for p in batch]
    report("per board", truth, pairs(incremental))
    print(f"grouping took {elapsed * 1000:.0f} ms ({len(postings) / elapsed:,.0f} postings/s)")

    # Scale: 200 times the companies; blocking by company keeps title comparisons inside each company.
    many = tuple(f"{company} {number}" for number in range(200) for company in COMPANIES)
    big = [posting for job in jobs(rng, many) for posting in listings(job, rng)]
    started = time.perf_counter()
    assign_groups(big)
    elapsed = time.perf_counter() - started
    print(f"scale: {len(big):,} postings grouped in {elapsed:.2f} s ({len(big) / elapsed:,.0f} postings/s)")


if __name__ == "__main__":
    main()
