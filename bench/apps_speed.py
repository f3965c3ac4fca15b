"""Tracker speed with 5,000 applications and 50,000 history rows (SQLite file, like a real install).

    python bench/apps_speed.py [--apps 5000] [--events-per-app 10] [--runs 5]

1. kanban opens: pressing the area key on a settled dashboard -> every column filled (target <= 0.5 s), headless.
2. a move reflects on screen: shift+right -> the card drawn in the next column (target <= 100 ms); the save follows.
3. `careercopilot apps list --json` as a new process, interpreter start included (target <= 1 s).
Prints medians; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bytecode import compile_package

PASSWORD = "bench-lantern-4711"
CAREERCOPILOT = str(Path(sys.executable).with_name("careercopilot"))


def seed(services, user_id: int, apps: int, events_per_app: int) -> None:
    """Bulk rows straight through the models: the service would take minutes for 50,000 history rows."""
    from sqlalchemy import insert, update

    from careercopilot.db.models import Application, ApplicationEvent
    from careercopilot.domain.applications import Stage, company_key

    rng = random.Random(5000)
    stages = list(Stage)
    now = datetime.now(UTC)
    with services.db.begin() as s:
        rows = []
        for number in range(apps):
            company = f"Company {number % 900}"
            at = now - timedelta(days=rng.randint(1, 400))
            rows.append(dict(user_id=user_id, company=company, company_key=company_key(company),
                             title=f"Engineer {number}", stage=rng.choice(stages).value, stage_changed_at=at,
                             applied_at=at, created_at=at, updated_at=at, source="bench", tags=["bench"]))
        s.execute(insert(Application), rows)
        ids = [i for (i,) in s.execute(Application.__table__.select().with_only_columns(Application.id)
                                       .where(Application.user_id == user_id))]
        stage_of = dict(s.execute(Application.__table__.select()
                                  .with_only_columns(Application.id, Application.stage)).all())
        events = []
        for app_id in ids:
            path = [rng.choice(stages).value for _ in range(events_per_app - 1)] + [stage_of[app_id]]
            previous = None
            for step, stage in enumerate(path):
                events.append(dict(user_id=user_id, application_id=app_id, from_stage=previous, to_stage=stage,
                                   at=now - timedelta(days=events_per_app - step), note="", recorded_at=now))
                previous = stage
        s.execute(insert(ApplicationEvent), events)
        s.execute(update(Application).where(Application.user_id == user_id).values(stage_event_id=Application.id))


class Stopwatch:
    """Wall and CPU (this process, every thread) time of one step: CPU still means something on a busy box."""

    def __enter__(self) -> Stopwatch:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


async def timed_move(app, target, moving_id: int) -> Stopwatch:  # type: ignore[no-untyped-def]
    """shift+right as the terminal delivers it, until the compositor draws the card's first line in `target`.

    The pilot's press would also wait for the save that follows the move on screen.
    """
    from textual import events

    from careercopilot.tui.widgets.application_board import CardColumn

    drawn = asyncio.Event()
    draw_line = CardColumn.render_line

    def spy(column: CardColumn, y: int) -> object:
        if column is target and column.cards and column.cards[0].id == moving_id and y + column.scroll_offset.y == 0:
            drawn.set()
        return draw_line(column, y)

    CardColumn.render_line = spy  # type: ignore[method-assign]
    try:
        with Stopwatch() as watch:
            app.post_message(events.Key("shift+right", None))
            await drawn.wait()
    finally:
        CardColumn.render_line = draw_line  # type: ignore[method-assign]
    return watch


async def kanban_figures(services, runs: int) -> dict[str, list[Stopwatch]]:
    from careercopilot.domain.applications import Stage
    from careercopilot.tui.app import CareerCopilotApp
    from careercopilot.tui.widgets.application_board import ApplicationBoard, CardColumn

    figures: dict[str, list[Stopwatch]] = {"first open": [], "re-open": [], "move": []}
    for _ in range(runs):
        app = CareerCopilotApp(services=services)
        async with app.run_test(size=(160, 45)) as pilot:
            while type(app.screen).__name__ != "DashboardScreen":
                await pilot.pause(0.02)
            # From a settled dashboard: its own loading is timed by bench/dashboard_speed.py, not counted here.
            while not any(w.group == "dashboard" for w in app.screen.workers) and app.screen.board is None:
                await pilot.pause(0.02)
            while any(w.group == "dashboard" and not w.is_finished for w in app.screen.workers):
                await pilot.pause(0.02)
            await pilot.pause(0.3)
            for name in ("first open", "re-open"):
                with Stopwatch() as watch:
                    await pilot.press("a")
                    while not (type(app.screen).__name__ == "ApplicationsScreen"
                               and sum(len(c.cards) for c in app.screen.query(CardColumn)) > 0):
                        await pilot.pause(0)
                figures[name].append(watch)
                if name == "first open":  # back to the dashboard; the area keeps its screen, as in real use
                    await pilot.pause(0.5)
                    await pilot.press("d")
                    await pilot.pause(0.2)
            board = app.screen.query_one(ApplicationBoard)
            board.active = Stage.SAVED
            board.focus()
            await pilot.pause()
            moving, target = board.current, board.columns[Stage.APPLIED]
            watch = await timed_move(app, target, moving.id)
            figures["move"].append(watch)
            link = f"application:{moving.id}"
            while all(n.link != link for n in services.notifications.list(app.user, limit=5)):
                await pilot.pause(0.01)  # the save and its notification land before the app closes
    return figures


def list_json_figures(home: Path, runs: int, command: list[str]) -> list[Stopwatch]:
    env = {**os.environ, "CAREERCOPILOT_HOME": str(home)}
    watches = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        watch = Stopwatch()
        with watch:
            subprocess.run([CAREERCOPILOT, *command], env=env, capture_output=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        watch.cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        watches.append(watch)
    return watches


def import_figures(exported: Path) -> list[Stopwatch]:
    """The export read back into a fresh database by a new account, as a move to another machine would."""
    fresh = Path(tempfile.mkdtemp(prefix="cc-apps-import-"))
    env = {**os.environ, "CAREERCOPILOT_HOME": str(fresh)}
    for command in (["user", "register", "-u", "mover", "-e", "mover@example.org", "--password-stdin"],
                    ["login", "-u", "mover", "--password-stdin"]):
        subprocess.run([CAREERCOPILOT, *command], env=env, input=f"{PASSWORD}\n", text=True, capture_output=True,
                       check=True)
    return list_json_figures(fresh, 1, ["apps", "import", str(exported)])


def report(name: str, watches: list[Stopwatch], target: str) -> None:
    wall = 1000 * statistics.median(w.wall for w in watches)
    cpu = 1000 * statistics.median(w.cpu for w in watches)
    print(f"{name:34} wall {wall:7.1f} ms   cpu {cpu:7.1f} ms   {target}")


def main() -> None:
    compile_package()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=5000)
    parser.add_argument("--events-per-app", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="cc-apps-bench-"))
    os.environ["CAREERCOPILOT_HOME"] = str(home)
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")  # session file in home

    from careercopilot.config import load_settings
    from careercopilot.services import build_services

    services = build_services(load_settings())
    services.auth.register("bench", "bench@example.org", PASSWORD)
    signed_in = services.auth.login("bench", PASSWORD)
    services.auth.remember(signed_in)
    start = time.perf_counter()
    seed(services, signed_in.user.user_id, args.apps, args.events_per_app)
    print(f"seeded {args.apps} applications and {args.apps * args.events_per_app} history rows "
          f"in {time.perf_counter() - start:.1f} s ({home})")

    start = time.perf_counter()
    raised = services.followups.raise_due(signed_in.user)
    print(f"follow-up backlog raised:    {1000 * (time.perf_counter() - start):7.1f} ms for {len(raised)} "
          f"(one digest notification); the app's own check then finds none new")
    start = time.perf_counter()
    listed = services.applications.list(signed_in.user)
    print(f"service list():              {1000 * (time.perf_counter() - start):7.1f} ms for {len(listed)} rows")
    figures = asyncio.run(kanban_figures(services, args.runs))
    services.close()
    print(f"medians of {args.runs} runs; machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    report("kanban opens (first visit)", figures["first open"], "target <= 500 ms")
    report("kanban opens (again)", figures["re-open"], "target <= 500 ms")
    report("move reflects on screen", figures["move"], "target <= 100 ms")
    report("apps list --json (new process)", list_json_figures(home, args.runs, ["apps", "list", "--json"]),
           "target <= 1000 ms")
    report("  floor: whoami --json (new process)", list_json_figures(home, args.runs, ["whoami", "--json"]),
           "start-up, config, database and session, without the tracker")
    exported = home / "export.json"
    report("apps export --format json (process)",
           list_json_figures(home, 1, ["apps", "export", "--format", "json", "--out", str(exported)]),
           f"no target ({exported.stat().st_size / 1e6:.1f} MB)" if exported.exists() else "no target")
    report("apps import of that export (process)", import_figures(exported), "no target; into an empty database")


if __name__ == "__main__":
    main()
