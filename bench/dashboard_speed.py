"""The dashboard over a large store: its one summary call, and the TUI dashboard with every widget filled.

    python bench/dashboard_speed.py [--applications 10000] [--events 100000] [--postings 200000] [--runs 5]
                                    [--home DIR]

The store is filled as bench/analytics_speed.py fills it (and --home reuses a folder either bench filled). Then,
each run in a fresh interpreter: `DashboardService.summary` for the default layout (every widget in one call);
and the TUI opening on a remembered session, from the dashboard's first paint (profile and notifications) until
the figures are drawn (target <= 0.5 s) and until the skill gaps, loaded last, are too; and from the app's start.
Prints medians; asserts nothing.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

from bytecode import compile_package

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from analytics_speed import build, child_figures, open_store, report, store_parser  # noqa: E402  (a sibling script, found through sys.path)

TARGETS = {"dashboard_open_s": 0.5}


def measure_service() -> dict[str, float]:
    services = build()
    user = services.auth.resume()
    started = time.perf_counter()
    view = services.dashboard.summary(user)
    figures = {"summary_service_s": time.perf_counter() - started}
    assert view.stats is not None
    services.close()
    return figures


async def measure_screen() -> dict[str, float]:
    started = time.perf_counter()
    from careercopilot.tui.app import CareerCopilotApp

    services = build()
    # As the app's own start does, off its UI loop, before it shows the dashboard (CareerCopilotApp._build_services).
    services.warm("dashboard")
    app = CareerCopilotApp(services=services)

    async def until(condition) -> None:  # type: ignore[no-untyped-def]
        while not condition():
            await asyncio.sleep(0.002)

    def filled(selector: str) -> bool:
        found = app.screen.query(f"{selector} .card-body")
        return bool(found) and bool(found.first().render().plain.strip())

    async with app.run_test(size=(140, 45)):
        await until(lambda: type(app.screen).__name__ == "DashboardScreen")
        painted = time.perf_counter()
        await until(lambda: filled("#card-quick_stats"))
        figures = time.perf_counter()
        await until(lambda: filled("#card-skill_gaps"))
        gaps = time.perf_counter()
    services.close()
    return {"dashboard_open_s": figures - painted, "skill_gaps_filled_s": gaps - painted,
            "start_to_filled_s": figures - started}


def main() -> None:
    compile_package()
    args = store_parser(__doc__.splitlines()[0], ("service", "screen")).parse_args()
    if args.measure:
        figures = measure_service() if args.measure == "service" else asyncio.run(measure_screen())
        print(json.dumps(figures))
        return
    env = open_store(args, "dashboard-bench-")
    results: dict[str, list[float]] = {}
    for _ in range(args.runs):
        for kind in ("service", "screen"):
            child_figures(__file__, kind, env, results)
    print(f"load average: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    report(results, TARGETS)

if __name__ == "__main__":
    main()
