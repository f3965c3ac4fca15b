"""Opening the TUI job feed over a large store, and the TUI's memory at that size.

    python bench/job_feed_speed.py [--postings 200000] [--runs 5] [--database PATH]

Rows are written straight into the tables (bench/search_speed.py's populate); --database reuses a file an earlier
run filled (it is kept and its path printed). Each run is a fresh interpreter that signs in with a remembered
session, waits on the dashboard, then presses `j` and times until the first page of the feed is drawn
(target <= 1 s), until the filter bar is usable, then the next page as the user scrolls to the end, and a search.
It reports its RSS with the feed open (target <= 250 MB). Last, one page far down the feed, straight from the
service. Prints medians; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_package

BENCH = Path(__file__).resolve().parent
COLUMNS, ROWS = 110, 34
USER, PASSWORD = "bench", "bench-password-1"


def build(database: Path, home: Path):  # type: ignore[no-untyped-def]
    """Services on the bench database with a cheap hasher and a file keystore (the session is remembered there)."""
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from careercopilot.config import DatabaseSettings, Settings
    from careercopilot.keystore import KeyStore
    from careercopilot.services import build_services

    return build_services(Settings(database=DatabaseSettings(url=f"sqlite:///{database}")),
                          hasher=PasswordHasher.from_parameters(CHEAPEST), keystore=KeyStore(home / "keys.json"))


def prepare(database: Path, home: Path, postings: int) -> None:
    sys.path.insert(0, str(BENCH))
    from search_speed import populate

    services = build(database, home)
    try:
        if not services.auth.active_user_ids():
            services.auth.register(USER, "bench@example.org", PASSWORD)
            started = time.perf_counter()
            populate(services, services.auth.login(USER, PASSWORD).user.user_id, postings)
            print(f"{postings:,} postings stored in {time.perf_counter() - started:.0f} s")
        services.auth.remember(services.auth.login(USER, PASSWORD))
    finally:
        services.close()


def deep_pages(database: Path, home: Path) -> list[tuple[int, float, float]]:
    """How long one page takes far down the feed: by offset (the service walks past every earlier row), and by
    keyset (after the last row of the page before, as the TUI asks)."""
    from careercopilot.domain.jobs import JobFilters

    services = build(database, home)
    try:
        user = services.auth.login(USER, PASSWORD).user
        timings = []
        for offset in (0, 1_000, 10_000, 50_000):
            started = time.perf_counter()
            services.jobs.feed(user, JobFilters(limit=100, offset=offset))
            by_offset = time.perf_counter() - started
            before = services.jobs.feed(user, JobFilters(limit=1, offset=offset - 1)) if offset else []
            started = time.perf_counter()
            services.jobs.feed(user, JobFilters(limit=100, after_id=before[-1].id if before else None))
            timings.append((offset, by_offset, time.perf_counter() - started))
        return timings
    finally:
        services.close()


def rss_mib() -> tuple[float, float]:
    """This process's resident memory now and at its peak."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


async def measure(database: Path, home: Path) -> dict[str, float]:
    """One run in this process: the figures of one fresh TUI."""
    from textual.widgets import Input

    from careercopilot.tui.app import CareerCopilotApp
    from careercopilot.tui.widgets.job_table import JobTable

    services = build(database, home)
    app = CareerCopilotApp(services=services)

    async def until(condition) -> float:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        while not condition():
            await asyncio.sleep(0.002)
        await pilot.pause()  # the frame with the new rows is composed before the clock stops
        return time.perf_counter() - started

    def table() -> JobTable | None:
        tables = app.screen.query(JobTable)
        return tables.first() if tables else None

    drawn: list[tuple[float, float]] = []  # wall and CPU clocks when the table first drew a line with rows in it
    draw = JobTable.render_lines

    def render_lines(self: JobTable, crop):  # type: ignore[no-untyped-def]
        if self.row_count and not drawn:
            drawn.append((time.perf_counter(), time.process_time()))
        return draw(self, crop)

    JobTable.render_lines = render_lines  # type: ignore[method-assign]
    figures: dict[str, float] = {}
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        await until(lambda: type(app.screen).__name__ == "DashboardScreen")
        await pilot.pause(0.5)  # the dashboard's own loads settle first
        started, cpu = time.perf_counter(), time.process_time()
        await pilot.press("j")
        await until(lambda: bool(drawn))
        figures["open_s"], figures["open_cpu_s"] = drawn[0][0] - started, drawn[0][1] - cpu
        await until(lambda: bool(app.screen.query("#job-search")))
        figures["controls_s"] = time.perf_counter() - started
        figures["rss_mib"], figures["peak_mib"] = rss_mib()
        feed = table()
        assert feed is not None
        first_page = feed.row_count
        feed.focus()
        await pilot.press("end")
        figures["next_page_s"] = await until(lambda: feed.row_count > first_page)
        scrolled = feed.row_count
        search = app.screen.query_one("#job-search", Input)
        search.value = "kubernetes terraform"
        search.focus()
        await pilot.press("enter")  # skips the typing pause: times the query and the redraw, not the debounce
        figures["search_s"] = await until(lambda: feed.row_count != scrolled)  # one page of results replaces two
        figures["rows_after_search"] = feed.row_count
    services.close()
    return figures


def main() -> None:
    compile_package()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # one run, in a child process
    args = parser.parse_args()
    database = args.database or Path(tempfile.mkdtemp()) / "feed.db"
    home = database.parent
    if args.measure:
        print(json.dumps(asyncio.run(measure(database, home))))
        return
    prepare(database, home, args.postings)
    print(f"database: {database}")
    load_before = os.getloadavg()[0]
    runs = []
    for _ in range(args.runs):
        child = subprocess.run([sys.executable, __file__, "--measure", "--database", str(database)],
                               capture_output=True, text=True, check=True,
                               env={**os.environ, "CAREERCOPILOT_HOME": str(home)})
        runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(f"open the job feed -> first page drawn: {median['open_s'] * 1000:7.0f} ms   (target <= 1000 ms; "
          f"CPU {median['open_cpu_s'] * 1000:.0f} ms)")
    print(f"open the job feed -> filters usable:   {median['controls_s'] * 1000:7.0f} ms")
    print(f"scroll to the end -> next page drawn:  {median['next_page_s'] * 1000:7.0f} ms")
    print(f"search -> results drawn:               {median['search_s'] * 1000:7.0f} ms "
          f"({median['rows_after_search']:.0f} rows)")
    print(f"TUI memory with the feed open: RSS {median['rss_mib']:.0f} MiB, peak {median['peak_mib']:.0f} MiB "
          f"(target <= 250 MB)")
    for offset, by_offset, by_key in deep_pages(database, home):
        print(f"a page {offset:>6,} rows down the feed (service call): {by_offset * 1000:5.0f} ms by offset, "
              f"{by_key * 1000:5.0f} ms after the row before")
    # Wall times stretch when other work shares the CPUs; the CPU figure does not.
    print(f"medians of {args.runs} runs; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
          f"{os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
