"""Ingest throughput: postings/s for parse+normalize from bytes, and for fetch+parse through the polite client.

Generates synthetic postings in four board formats (Arbeitnow pages, Greenhouse boards, Lever pages,
We Work Remotely RSS), serves them from a local HTTP server on 127.0.0.1 and prints the figures.

    python bench/ingest_parse.py --count 20000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import time
from collections.abc import Callable
from dataclasses import replace
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import urlsplit

from careercopilot.scraping.base import SearchQuery
from careercopilot.scraping.http import HttpSettings, PoliteClient
from careercopilot.scraping.registry import build_board
from careercopilot.scraping.runner import run_boards
from careercopilot.scraping.settings import parse_board_settings

ARBEITNOW_PAGE = 250
LEVER_PAGE = 100
GREENHOUSE_BOARD = 500
LEVER_COMPANY = 500  # a big Lever customer lists a few hundred openings
# One in ten Arbeitnow postings re-lists a Greenhouse job, as aggregators do: dedup has real work.
RELISTED_EVERY = 10
ROLES = (
    "Backend Engineer", "Frontend Engineer", "Data Engineer", "Data Analyst", "Product Manager", "DevOps Engineer",
    "Site Reliability Engineer", "Machine Learning Engineer", "Account Executive", "Customer Success Manager",
    "Product Designer", "Software Engineer", "QA Engineer", "Financial Analyst", "Recruiter", "Marketing Manager",
    "Security Engineer", "iOS Developer", "Solutions Architect", "Technical Writer",
)  # fmt: skip
LEVELS = ("", "Senior ", "Junior ", "Staff ", "Lead ")
TEAMS = ("", ", Payments", " - Platform", ", Growth", " (Identity)", ", Search")
CITIES = ("Berlin, Germany", "London, UK", "San Francisco, CA", "New York, NY", "Amsterdam, Netherlands",
          "Munich, Germany", "Paris, France", "Toronto, Canada", "Dublin, Ireland", "Remote")
SKILLS = ("Python", "Django", "PostgreSQL", "Kubernetes", "AWS", "Terraform", "React", "TypeScript", "Go", "Java",
          "Kafka", "Spark", "Airflow", "dbt", "Snowflake", "Figma", "Salesforce", "SQL", "Docker", "GraphQL",
          "Rust", "Scala", "Tableau", "Excel", "Swift", "Kotlin", "Redis", "Elasticsearch", "Linux", "CI/CD")
WORKPLACES = ("Hybrid", "Remote", "On-site")


def title(n: int) -> str:
    """Each company's postings walk through roles, levels and teams: distinct jobs, as real boards list them."""
    role, rest = ROLES[n % len(ROLES)], n // len(ROLES)
    return f"{LEVELS[rest % len(LEVELS)]}{role}{TEAMS[rest // len(LEVELS) % len(TEAMS)]}"


def city(n: int) -> str:
    return CITIES[n // (len(ROLES) * len(LEVELS) * len(TEAMS)) % len(CITIES)]


def description(n: int) -> str:
    """A short description that differs per posting: its own skills, duties and (mostly) a pay range."""
    skills = ", ".join(SKILLS[(n * 7 + k * 11) % len(SKILLS)] for k in range(3 + n % 4))
    low = 60 + n % 90
    pay = f" The salary range is ${low},000 - ${low + 30},000 per year." if n % 5 else ""
    duties = "".join(f"<li>Own {SKILLS[(n + k) % len(SKILLS)]} work item {n % 13 + k} with the team</li>"
                     for k in range(6 + n % 4))
    return (f"<h2>About the role</h2><p>We are hiring a <strong>{escape(title(n))}</strong> to build tools for "
            f"teams &amp; their customers.{pay}</p><p>You know {skills}.</p><ul>{duties}</ul><p>Apply now.</p>")


def greenhouse_company(n: int) -> str:
    return f"Board {n // GREENHOUSE_BOARD}"


def arbeitnow_pages(count: int) -> dict[str, bytes]:
    pages, total = {}, -(-count // ARBEITNOW_PAGE)
    for page in range(1, total + 1):
        jobs = [
            {
                "slug": f"job-{n}",
                "company_name": greenhouse_company(n) if n % RELISTED_EVERY == 0 else f"Company {n % 397}",
                "title": title(n) if n % RELISTED_EVERY == 0 else title(n // 397),
                "description": escape(description(n)) if n % 2 else description(n),
                "remote": n % 3 == 0,
                "url": f"https://www.arbeitnow.com/jobs/companies/c/job-{n}",
                "tags": [SKILLS[n % len(SKILLS)], SKILLS[(n + 3) % len(SKILLS)]],
                "job_types": ["Full time"] if n % 4 else ["Part time", "Mid-level"],
                "location": city(n) if n % RELISTED_EVERY == 0 else city(n // 397),
                "created_at": 1788700000 - n * 60,
            }
            for n in range((page - 1) * ARBEITNOW_PAGE, min(page * ARBEITNOW_PAGE, count))
        ]
        next_link = f"https://www.arbeitnow.com/api/job-board-api?page={page + 1}" if page < total else None
        pages[f"/api/job-board-api?page={page}"] = json.dumps({"data": jobs, "links": {"next": next_link}}).encode()
    return pages


def greenhouse_tokens(count: int) -> list[str]:
    return [f"b{n}" for n in range(-(-count // GREENHOUSE_BOARD))]


def greenhouse_boards(count: int) -> dict[str, bytes]:
    boards = {}
    for board, token in enumerate(greenhouse_tokens(count)):
        jobs = [
            {
                "id": n,
                "title": title(n),
                "company_name": greenhouse_company(n),
                "absolute_url": f"https://job-boards.greenhouse.io/{token}/jobs/{n}?gh_src=x",
                "location": {"name": city(n)},
                "metadata": [{"name": "Workplace Type", "value": WORKPLACES[n % 3]}],
                "first_published": f"2026-07-{1 + n % 28:02d}T16:15:41-04:00",
                "content": escape(description(n)),
                "departments": [{"name": "Data"}],
                "offices": [],
            }
            for n in range(board * GREENHOUSE_BOARD, min((board + 1) * GREENHOUSE_BOARD, count))
        ]
        boards[f"/v1/boards/{token}/jobs?content=true"] = json.dumps({"jobs": jobs}).encode()
    return boards


def lever_tokens(count: int) -> list[str]:
    return [f"acme-{n}" for n in range(-(-count // LEVER_COMPANY))]


def lever_pages(count: int) -> dict[str, bytes]:
    pages = {}
    for company, token in enumerate(lever_tokens(count)):
        first, last = company * LEVER_COMPANY, min((company + 1) * LEVER_COMPANY, count)
        # Lever pages until a short page: a company with a multiple of the page size ends on an empty one.
        for page in range((last - first) // LEVER_PAGE + 1):
            postings = [
                {
                    "id": f"uuid-{n}",
                    "text": title(n),
                    "categories": {"commitment": "Permanent", "location": city(n), "team": "Core",
                                   "allLocations": []},
                    "createdAt": 1782821535482 + n,
                    "country": "GB",
                    "workplaceType": WORKPLACES[n % 3].lower(),
                    "description": description(n),
                    "lists": [{"text": "You will", "content": "<li>Ship</li>"}],
                    "salaryRange": {"min": 70000, "max": 90000, "currency": "GBP", "interval": "per-year-salary"},
                    "hostedUrl": f"https://jobs.lever.co/{token}/uuid-{n}",
                    "applyUrl": f"https://jobs.lever.co/{token}/uuid-{n}/apply",
                }
                for n in range(first + page * LEVER_PAGE, min(first + (page + 1) * LEVER_PAGE, last))
            ]
            pages[f"/v0/postings/{token}?mode=json&skip={page * LEVER_PAGE}&limit={LEVER_PAGE}"] = json.dumps(
                postings
            ).encode()
    return pages


def wwr_feed(count: int) -> dict[str, bytes]:
    items = "".join(
        f"<item><title>Studio {n % 1009}: {escape(title(n // 1009))}</title><region>Anywhere in the World</region>"
        f"<category>Design</category><description>{escape(description(n))}</description>"
        f"<pubDate>Fri, {1 + n % 28:02d} Sep 2026 07:30:48 +0000</pubDate>"
        f"<guid>https://weworkremotely.com/remote-jobs/job-{n}</guid>"
        f"<link>https://weworkremotely.com/remote-jobs/job-{n}</link></item>"
        for n in range(count)
    )
    return {"/remote-jobs.rss": f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()}


def company_tokens(count: int) -> dict[str, list[str]]:
    """The company tokens the ATS boards read, per board."""
    return {"greenhouse": greenhouse_tokens(count), "lever": lever_tokens(count)}


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.routes.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Length", str(len(body or b"")))
        if body is not None and self.path.endswith(".rss"):
            # WWR's feed carries an ETag (job_sources.md): the client stores the body for conditional requests.
            self.send_header("ETag", f'"{len(body):x}"')
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args: object) -> None:
        return None


def serve(routes: dict[str, bytes]) -> tuple[Callable[[], None], str]:
    """Serve the responses from a process of their own, as a board's server is: it takes no turns with ours.

    Returns a function that stops the server, and its base URL.
    """
    _Handler.routes = routes
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    # fork: the child starts with the routes and the bound socket, and this process keeps no thread of its own.
    child = multiprocessing.get_context("fork").Process(target=server.serve_forever, daemon=True)
    child.start()
    server.socket.close()

    def stop() -> None:
        child.terminate()
        child.join()

    return stop, f"http://127.0.0.1:{server.server_address[1]}"


def timed(label: str, count: int, action: Callable[[], int]) -> None:
    started, cpu_started = time.perf_counter(), time.process_time()
    produced = action()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # CPU seconds too: on a shared, noisy machine they move far less than wall time between runs.
    print(f"{label:<44} {produced:>7} postings  {elapsed:7.2f} s  {produced / elapsed:9.0f} postings/s"
          f"  (CPU {cpu:.2f} s = {produced / cpu:,.0f}/s)")
    if produced != count:
        print(f"  (expected {count})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000, help="postings in total, split over four formats")
    share = parser.parse_args().count // 4
    formats = {
        "arbeitnow": arbeitnow_pages(share),
        "greenhouse": greenhouse_boards(share),
        "lever": lever_pages(share),
        "weworkremotely": wwr_feed(share),
    }
    companies = company_tokens(share)
    size = sum(len(body) for routes in formats.values() for body in routes.values())
    print(f"{share * 4} postings in 4 formats, {size / 1e6:.1f} MB of responses\n")

    def settings_for(name: str, base_url: str | None = None) -> dict[str, object]:
        table: dict[str, object] = {"max_pages": 100, "requests_per_minute": 600}
        if name in companies:
            table["companies"] = companies[name]
        if base_url:
            table["base_url"] = base_url
        return table

    for name, routes in formats.items():
        board = build_board(parse_board_settings(name, settings_for(name), env={}))

        def parse_only(board=board, name=name, routes=routes) -> int:
            produced = 0
            for path, body in routes.items():
                if name == "weworkremotely":
                    produced += len(list(board.postings(body)))
                    continue
                data = json.loads(body)
                # ATS parsers take the company token: /v1/boards/<token>/jobs, /v0/postings/<token>.
                extra = (urlsplit(path).path.split("/")[3],) if name in companies else ()
                produced += len(list(board.postings(data, *extra)))
            return produced

        timed(f"parse+normalize from bytes: {name}", share, parse_only)

    stop_server, base_url = serve({path: body for routes in formats.values() for path, body in routes.items()})
    # Pacing would measure our own politeness, not the client: lift the limit for this run only.
    boards = [
        build_board(replace(parse_board_settings(name, settings_for(name, base_url), env={}), requests_per_minute=1e9))
        for name in formats
    ]
    http = HttpSettings(default_requests_per_minute=60_000)

    def fetch_and_parse() -> int:
        async def run() -> int:
            async with PoliteClient(http) as client:
                results = await run_boards(boards, SearchQuery(max_pages=100), client)
            for result in results:
                if not result.ok:
                    print(f"  {result.board} failed: {result.reason}")
            return sum(len(result.postings) for result in results)

        return asyncio.run(run())

    print()
    timed("fetch+parse, 4 boards concurrently, no pacing", share * 4, fetch_and_parse)
    stop_server()


if __name__ == "__main__":
    main()
