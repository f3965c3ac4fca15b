"""Analytics over a large store: `analytics summary` and the TUI analytics screen.

    python bench/analytics_speed.py [--applications 10000] [--events 100000] [--postings 200000] [--runs 5]
                                    [--home DIR]

Rows are written straight into the tables (postings by bench/search_speed.py's populate; applications with
random stage walks, some undone, about ten history rows each); --home reuses a folder an earlier run filled.
Then, each in a fresh interpreter: `careercopilot analytics summary --json` end to end (target <= 300 ms), again
right after a move (`apps undo`: the moved application's milestones are derived again first), and `careercopilot whoami
--json` as the floor every command that loads SQLAlchemy pays; the summary service call alone and the full report
(exports); the TUI from pressing `y` on the dashboard until the pipeline figures and charts are on the screen
(target <= 1 s), and until the market charts and advice, loaded after them, are there too. Prints medians;
asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bytecode import compile_package

BENCH = Path(__file__).resolve().parent
USER, PASSWORD = "bench", "bench-password-1"
PIPELINE = ("saved", "applied", "screening", "interviewing", "offer", "accepted")
CLOSED = ("rejected", "withdrawn", "ghosted")


def build():  # type: ignore[no-untyped-def]
    """Services on $CAREERCOPILOT_HOME's default database with a cheap hasher."""
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from careercopilot.config import load_settings
    from careercopilot.services import build_services

    return build_services(load_settings(), hasher=PasswordHasher.from_parameters(CHEAPEST))


def walk(rng: random.Random) -> list[str]:
    """A plausible stage history: forward steps, a skipped stage now and then, an ending, sometimes an undo."""
    stages, position = ["saved"], 0
    while len(stages) < 14:
        roll = rng.random()
        if roll < 0.12:
            stages.append(rng.choice(CLOSED))
            break
        position = min(position + (2 if roll > 0.9 else 1), len(PIPELINE) - 1)
        stages.append(PIPELINE[position])
        if position == len(PIPELINE) - 1:
            break
    return stages


def populate_applications(services, user_id: int, applications: int, events: int) -> None:  # type: ignore[no-untyped-def]
    from careercopilot.db.models import Application, ApplicationEvent

    rng = random.Random(11)
    now = datetime.now(UTC)
    app_rows, event_rows, event_id = [], [], 0
    for app_id in range(1, applications + 1):
        start = now - timedelta(days=rng.uniform(5, 365))
        history = walk(rng)
        if len(history) == 1:
            history.append("applied")
        wanted = events * app_id // applications - events * (app_id - 1) // applications
        while len(history) < wanted:  # undone moves pad each history so the total meets --events
            history.append("undo")
        stage, last_from, at, applied_at = None, None, start, None
        for step in history:
            event_id += 1
            undo = step == "undo"
            to_stage = last_from if undo else step  # an undo goes back to where the last move came from
            event_rows.append({"id": event_id, "user_id": user_id, "application_id": app_id, "from_stage": stage,
                               "to_stage": to_stage, "at": at, "note": "",
                               "reverts_id": event_id - 1 if undo else None, "recorded_at": at})
            if to_stage == "applied" and applied_at is None:
                applied_at = at
            last_from, stage = stage, to_stage
            at += timedelta(days=rng.uniform(0.2, 9))
        app_rows.append({"id": app_id, "user_id": user_id, "company": f"Company {app_id % 900}",
                         "company_key": f"company {app_id % 900}", "title": "Engineer", "location": "",
                         "source": rng.choice(("linkedin", "indeed", "referral", "company site")), "url": "",
                         "stage": stage, "stage_changed_at": min(at, now), "stage_event_id": event_id,
                         "last_event_id": event_id,
                         "applied_at": applied_at, "cv_version": rng.choice(("A", "B", "C")), "tags": [],
                         "created_at": start, "updated_at": min(at, now)})
    with services.db.begin() as s:
        for table, rows in ((Application.__table__, app_rows), (ApplicationEvent.__table__, event_rows)):
            for first in range(0, len(rows), 5000):
                s.execute(table.insert(), rows[first:first + 5000])
    print(f"{len(app_rows):,} applications and {len(event_rows):,} history rows stored")


def prepare(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(BENCH))
    from search_speed import populate

    services = build()
    try:
        if not services.auth.active_user_ids():
            services.auth.register(USER, "bench@example.org", PASSWORD)
            user = services.auth.login(USER, PASSWORD).user
            started = time.perf_counter()
            populate(services, user.user_id, args.postings)
            populate_applications(services, user.user_id, args.applications, args.events)
            services.profiles.update(user, skills=["Python", "SQL"], salary_currency="USD")
            services.searches.add(user, "python", "python")
            services.searches.add(user, "data", "data", remote=True)
            if services.db.is_sqlite:
                with services.db.begin() as s:
                    s.connection().exec_driver_sql("ANALYZE")
            print(f"stored in {time.perf_counter() - started:.0f} s")
        services.auth.remember(services.auth.login(USER, PASSWORD))
    finally:
        services.close()


def measure_services() -> dict[str, float]:
    from careercopilot.domain.analytics import DateRange

    services = build()
    user = services.auth.resume()
    figures = {}
    for name, call in (("summary_service_s", lambda: services.analytics.summary(user)),
                       ("report_service_s", lambda: services.analytics.report(user, DateRange()))):
        started = time.perf_counter()
        call()
        figures[name] = time.perf_counter() - started
    services.close()
    return figures


async def measure_screen() -> dict[str, float]:
    from careercopilot.tui.app import CareerCopilotApp

    services = build()
    app = CareerCopilotApp(services=services)

    async def until(condition) -> None:  # type: ignore[no-untyped-def]
        while not condition():
            await asyncio.sleep(0.002)

    def summary_drawn() -> bool:
        found = app.screen.query("#analytics-summary")
        return bool(found) and "submitted" in found.first().render().plain

    def market_drawn() -> bool:
        return "Skill gaps" in app.screen.query_one("#analytics-gaps").render().plain

    async with app.run_test(size=(140, 45)) as pilot:
        await until(lambda: type(app.screen).__name__ == "DashboardScreen")
        await pilot.pause(0.5)
        started = time.perf_counter()
        # Not awaited first: the pilot's press waits for the whole screen to settle, market worker included.
        pressed = asyncio.create_task(pilot.press("y"))
        await until(summary_drawn)
        figures = {"screen_open_s": time.perf_counter() - started}
        await pressed
        await until(market_drawn)
        figures["screen_market_s"] = time.perf_counter() - started
    services.close()
    return figures


def store_parser(description: str, measures: tuple[str, ...]) -> argparse.ArgumentParser:
    """The options of the benches over the large store (this one and bench/dashboard_speed.py)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--postings", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--measure", choices=measures, help=argparse.SUPPRESS)  # in a child process
    return parser


def open_store(args: argparse.Namespace, prefix: str) -> dict[str, str]:
    """Fill (or reuse, with --home) the store; returns the environment the timed processes run in."""
    home = args.home or Path(tempfile.mkdtemp(prefix=prefix))
    env = {**os.environ, "CAREERCOPILOT_HOME": str(home)}
    os.environ.update(env)
    prepare(args)
    print(f"store: {home} (pass --home to reuse it)")
    return env


def child_figures(script: str, kind: str, env: dict[str, str], results: dict[str, list[float]]) -> None:
    """Run `script --measure kind` in a fresh interpreter and add the figures it prints to `results`."""
    child = subprocess.run([sys.executable, script, "--measure", kind], env=env, capture_output=True, text=True,
                           check=True)
    for name, value in json.loads(child.stdout.splitlines()[-1]).items():
        results.setdefault(name, []).append(value)


def report(results: dict[str, list[float]], targets: dict[str, float]) -> None:
    for name, values in results.items():
        target = f"  (target <= {targets[name]:g} s)" if name in targets else ""
        print(f"{name:24} median {statistics.median(values) * 1000:7.0f} ms  "
              f"min {min(values) * 1000:7.0f} ms{target}")


def main() -> None:
    compile_package()
    args = store_parser(__doc__.splitlines()[0], ("services", "screen")).parse_args()
    if args.measure:
        figures = measure_services() if args.measure == "services" else asyncio.run(measure_screen())
        print(json.dumps(figures))
        return
    env = open_store(args, "analytics-bench-")
    results: dict[str, list[float]] = {}
    command = [sys.executable, "-m", "careercopilot"]
    for _ in range(args.runs):
        started = time.perf_counter()
        done = subprocess.run([*command, "analytics", "summary", "--json"], env=env, capture_output=True, text=True,
                              check=True)
        results.setdefault("cli_summary_s", []).append(time.perf_counter() - started)
        submitted = json.loads(done.stdout)["submitted"]
        started = time.perf_counter()
        subprocess.run([*command, "whoami", "--json"], env=env, capture_output=True, check=True)
        results.setdefault("cli_whoami_floor_s", []).append(time.perf_counter() - started)
        # As after a move (an undo is one, and always possible): the moved application's milestones are derived
        # again first.
        subprocess.run([*command, "apps", "undo", "1"], env=env, capture_output=True, check=True)
        started = time.perf_counter()
        subprocess.run([*command, "analytics", "summary", "--json"], env=env, capture_output=True, check=True)
        results.setdefault("cli_summary_after_move_s", []).append(time.perf_counter() - started)
        for kind in ("services", "screen"):
            child_figures(__file__, kind, env, results)
    print(f"submitted applications in the summary: {submitted:,}")
    report(results, {"cli_summary_s": 0.3, "cli_summary_after_move_s": 0.3, "screen_open_s": 1.0})

if __name__ == "__main__":
    main()
