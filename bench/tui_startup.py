"""Start-up speed and idle memory of careercopilot's TUI against a minimal Textual app, and login -> dashboard.

    python bench/tui_startup.py [--runs 7] [--idle 4]

1. process start -> login screen ready for input, `careercopilot` vs bench/floor_textual_app.py, both in a
   pseudo-terminal; each app appends the time of its first ready frame to CAREERCOPILOT_BENCH_EXIT_ON_READY's
   file and exits (issue target: ratio <= 1.5).
2. idle RSS after --idle seconds on the first screen (services built, nobody signed in) (target: ratio <= 1.5).
3. login -> dashboard drawn, in-process and headless, with the real argon2 cost on a real SQLite file
   (target: <= 0.5 s).
Prints medians; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

from bytecode import compile_package

BENCH = Path(__file__).resolve().parent
FLOOR = [sys.executable, str(BENCH / "floor_textual_app.py")]
CAREERCOPILOT = [str(Path(sys.executable).with_name("careercopilot"))]
# The TUI alone, without the Typer CLI in front: shows how much of the start-up is the CLI's.
RUN_TUI = [sys.executable, "-c",
           "from careercopilot.config import load_settings; from careercopilot.tui.app import run_tui; "
           "run_tui(load_settings())"]
READY_ENV = "CAREERCOPILOT_BENCH_EXIT_ON_READY"
COLUMNS, ROWS = 110, 34
PASSWORD = "bench-lantern-4711"


def spawn(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    """Start command on a pseudo-terminal of a fixed size, draining its output so it never blocks."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    threading.Thread(target=_drain, args=(master,), daemon=True).start()
    return process


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:  # EIO once the child has gone
        pass
    finally:
        os.close(fd)


def time_to_ready(command: list[str], env: dict[str, str]) -> float:
    with tempfile.NamedTemporaryFile("r", suffix=".ready") as ready:
        started = time.time()
        process = spawn(command, {**env, READY_ENV: ready.name})
        process.wait(timeout=60)
        stamp = ready.read().strip()
    if not stamp:
        raise RuntimeError(f"{command[-1]} exited with {process.returncode} before its first screen was ready")
    return float(stamp) - started


def idle_rss_mib(command: list[str], env: dict[str, str], idle: float) -> float:
    process = spawn(command, env)
    try:
        time.sleep(idle)
        status = Path(f"/proc/{process.pid}/status").read_text()
        rss_kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    finally:
        process.terminate()
        process.wait(timeout=10)
    return rss_kib / 1024


async def login_to_dashboard(runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds per run; CPU time is what this process spent, so it is steadier on a busy machine."""
    from textual.widgets import Input, Static

    from careercopilot.config import load_settings
    from careercopilot.services import build_services
    from careercopilot.tui.app import CareerCopilotApp

    services = build_services(load_settings())
    services.auth.register("bench", "bench@example.org", PASSWORD)
    services.profiles.update(services.auth.login("bench", PASSWORD).user, full_name="Bench Mark",
                             skills="python, sql", target_titles="Data Engineer")
    wall, cpu = [], []
    for _ in range(runs):
        services.auth.forget()  # otherwise the next app resumes the session and skips the login screen
        app = CareerCopilotApp(services=services)
        async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
            await app.wait_for_services()
            await pilot.pause()
            app.screen.query_one("#signin-identifier", Input).value = "bench"
            password = app.screen.query_one("#signin-password", Input)
            password.value = PASSWORD
            password.focus()
            await pilot.pause()
            started, cpu_started = time.perf_counter(), time.process_time()
            # pilot.press returns only when the app is idle again, which includes the dashboard's figure queries
            # that run after it is drawn; so the key is pressed in a task and the screen is watched meanwhile.
            pressing = asyncio.create_task(pilot.press("enter"))
            while not (type(app.screen).__name__ == "DashboardScreen"
                       and app.screen.query("#profile-name")
                       and app.screen.query_one("#profile-name", Static).render().plain):
                await asyncio.sleep(0.002)
            await asyncio.sleep(1 / 60)  # the frame that shows it: Textual draws at most 60 times a second
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            await pressing
    services.close()
    return wall, cpu


def main() -> None:
    compile_package()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--idle", type=float, default=4.0, help="seconds on the first screen before reading RSS")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        os.environ["CAREERCOPILOT_HOME"] = home
        env = {**os.environ, "TERM": "xterm-256color", "CAREERCOPILOT_HOME": home}
        commands = {"floor Textual app": FLOOR, "careercopilot (login)": CAREERCOPILOT, "run_tui() alone": RUN_TUI}
        for command in commands.values():  # warm-up: bytecode caches, the database file and its migrations
            time_to_ready(command, env)
        ready: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so machine noise hits all alike
            for name, command in commands.items():
                ready[name].append(time_to_ready(command, env))
        floor_s = statistics.median(ready["floor Textual app"])
        print(f"start -> first screen ready (median of {args.runs}; target ratio <= 1.5):")
        for name, times in ready.items():
            median = statistics.median(times)
            print(f"  {name:<22} {median * 1000:7.0f} ms   ratio {median / floor_s:.2f}")

        floor_rss = statistics.median(idle_rss_mib(FLOOR, env, args.idle) for _ in range(3))
        app_rss = statistics.median(idle_rss_mib(CAREERCOPILOT, env, args.idle) for _ in range(3))
        print(f"idle RSS after {args.idle:g} s (median of 3):")
        print(f"  floor Textual app      {floor_rss:7.1f} MiB")
        print(f"  careercopilot (login)  {app_rss:7.1f} MiB   ratio {app_rss / floor_rss:.2f}  (target <= 1.5)")

        wall, cpu = asyncio.run(login_to_dashboard(args.runs))
        print(f"login -> dashboard drawn, headless (real argon2, SQLite), {args.runs} runs (target <= 500 ms):")
        print(f"  wall: first {wall[0] * 1000:.0f} ms, median {statistics.median(wall) * 1000:.0f} ms, "
              f"max {max(wall) * 1000:.0f} ms")
        print(f"  CPU of this process: median {statistics.median(cpu) * 1000:.0f} ms")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
