"""End-to-end ingest: fetch from a local server, parse, normalize, dedup, store, score for one user.

Prints postings/s for the whole pipeline and for parse-only on the same responses (the issue asks for
>= 2,000 postings/s end to end, and within 2x of parse-only), plus where the time went.

    python bench/ingest_pipeline.py --count 20000
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent))
from ingest_parse import (
    RELISTED_EVERY,
    arbeitnow_pages,
    company_tokens,
    greenhouse_boards,
    lever_pages,
    serve,
    wwr_feed,
)

from careercopilot import heap
from careercopilot.config import Settings
from careercopilot.scraping.http import HttpSettings
from careercopilot.scraping.registry import build_board
from careercopilot.scraping.settings import parse_board_settings


def main() -> None:
    heap.for_commands()  # as `careercopilot scrape` runs
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    share = parser.parse_args().count // 4
    formats = {"arbeitnow": arbeitnow_pages(share), "greenhouse": greenhouse_boards(share),
               "lever": lever_pages(share), "weworkremotely": wwr_feed(share)}
    companies = company_tokens(share)
    stop_server, base_url = serve({path: body for routes in formats.values() for path, body in routes.items()})

    def table(name: str) -> dict[str, object]:
        values: dict[str, object] = {"base_url": base_url, "max_pages": 100,
                                     "enabled": True}
        if name in companies:
            values["companies"] = companies[name]
        return values

    # Pacing would measure our own politeness, not the pipeline: lift the limit for this run only.
    boards = {name: dataclasses.replace(parse_board_settings(name, table(name), env={}), requests_per_minute=1e9)
              for name in formats}
    parse_before = parse_only(formats, boards, companies)

    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST
    from sqlalchemy import text

    from careercopilot.config import DatabaseSettings
    from careercopilot.keystore import KeyStore
    from careercopilot.services import build_services

    home = Path(tempfile.mkdtemp())
    settings = Settings(database=DatabaseSettings(url=f"sqlite:///{home / 'bench.db'}"), boards=boards)
    services = build_services(settings, hasher=PasswordHasher.from_parameters(CHEAPEST),
                              keystore=KeyStore(home / "s.json"))
    services.auth.register("bench", "bench@example.org", "bench-password-1")
    user = services.auth.login("bench", "bench-password-1").user
    services.profiles.update(user, skills="Python, Django, SQL, Kubernetes", target_titles="Python Engineer",
                             locations="Berlin", remote_preference="any", salary_floor=60000)
    services.scrape.http_overrides.update(dataclasses.asdict(HttpSettings(default_requests_per_minute=1e9)))
    spent = instrument(services)
    started, cpu_started = time.perf_counter(), time.process_time()
    report = services.scrape.run(tuple(formats), query="")
    total, total_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    stored = sum(b.seen for b in report.boards)
    # CPU seconds too: on a shared, noisy machine they move far less than wall time between runs.
    print(f"end to end (fetch, parse, normalize, dedup, store, score): {stored} postings in {total:.2f} s "
          f"= {stored / total:,.0f} postings/s  (CPU {total_cpu:.2f} s = {stored / total_cpu:,.0f}/s)")
    # Parse-only runs before and after the pipeline: on a shared machine the speed drifts within a minute.
    parse_after = parse_only(formats, boards, companies)
    parse_seconds, parse_cpu = ((a + b) / 2 for a, b in zip(parse_before, parse_after, strict=True))
    print(f"parse+normalize only, same responses:                      {stored} postings in {parse_seconds:.2f} s "
          f"= {stored / parse_seconds:,.0f} postings/s  (CPU {parse_cpu:.2f} s = {stored / parse_cpu:,.0f}/s)")
    print(f"  (mean of {parse_before[0]:.2f} s before and {parse_after[0]:.2f} s after the pipeline)")
    print(f"end to end / parse-only time: {total / parse_seconds:.2f}x  (CPU {total_cpu / parse_cpu:.2f}x)")
    for name, (seconds, cpu) in spent.items():
        print(f"  of which {name}: {seconds:.2f} s (CPU {cpu:.2f} s)")
    with services.jobs.db.read() as s:
        groups = s.execute(text("SELECT count(DISTINCT group_key) FROM postings")).scalar()
    # Every generated job is distinct except the Arbeitnow re-listings of Greenhouse jobs.
    print(f"groups after dedup: {groups} (the generator made {stored - share // RELISTED_EVERY} distinct jobs)")
    stop_server()


def parse_only(formats: dict[str, dict[str, bytes]], boards: dict, companies: dict) -> tuple[float, float]:
    started, cpu_started = time.perf_counter(), time.process_time()
    for name, routes in formats.items():
        board = build_board(boards[name])
        for path, body in routes.items():
            if name == "weworkremotely":
                list(board.postings(body))
                continue
            extra = (urlsplit(path).path.split("/")[3],) if name in companies else ()
            list(board.postings(json.loads(body), *extra))
    return time.perf_counter() - started, time.process_time() - cpu_started


def instrument(services) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """Time the store and score steps by wrapping the service methods (the bench's own bookkeeping)."""
    spent: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    steps = (("store + dedup", services.jobs, "ingest"), ("score", services.matching, "score_stored"))
    for label, owner, name in steps:
        original = getattr(owner, name)

        def timed(*args, _original=original, _label=label, **kwargs):  # type: ignore[no-untyped-def]
            started, cpu_started = time.perf_counter(), time.thread_time()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_label][0] += time.perf_counter() - started
                spent[_label][1] += time.thread_time() - cpu_started

        setattr(owner, name, timed)
    return spent


if __name__ == "__main__":
    main()
