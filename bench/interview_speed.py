"""Interview practice speed through the real services: offline evaluation and recording per answer, a cached LLM
evaluation (the local fake server answers once, the database cache after that), and opening the practice screen.

Targets from issue 5: offline evaluation <= 50 ms per answer; cached LLM evaluation <= 20 ms; screen <= 0.5 s.
Run: /work/venv/bin/python bench/interview_speed.py [rounds]
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bytecode import compile_package

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from careercopilot.config import Settings
    from careercopilot.domain.accounts import UserContext
    from careercopilot.services import Services

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "llm" / "labelled_answers.json"
PASSWORD = "tulip-harbour-42"
EVALUATION = json.dumps({
    "score": 4, "summary": "Solid.", "strengths": ["Measured"], "improvements": ["Name the task.", "Add a lesson."],
    "star": {p: {"present": True, "finding": "Clear."} for p in ("situation", "task", "action", "result")},
})


def figures(label: str, timings_ms: list[float], target_ms: float) -> None:
    timings_ms = sorted(timings_ms)
    p95 = timings_ms[min(len(timings_ms) - 1, round(0.95 * len(timings_ms)))]
    verdict = "ok" if p95 <= target_ms else "OVER TARGET"
    print(f"{label:<40} n={len(timings_ms):<5} median {statistics.median(timings_ms):7.2f} ms  "
          f"p95 {p95:7.2f} ms  max {timings_ms[-1]:7.2f} ms  (target {target_ms:g} ms: {verdict})")


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def build(settings: Settings) -> Services:
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from careercopilot.keystore import KeyStore
    from careercopilot.paths import data_dir
    from careercopilot.services import build_services

    return build_services(settings, hasher=PasswordHasher.from_parameters(CHEAPEST),
                          keystore=KeyStore(data_dir() / "secrets.json"))


def offline_answers(services: Services, user: UserContext, rounds: int) -> None:
    from careercopilot.llm.bank import load_question_bank

    bank = load_question_bank()
    items = [(bank.get(a["question_id"]), a) for a in json.loads(LABELLED.read_text(encoding="utf-8"))]
    interview = services.interview
    interview.evaluate(user, items[0][0], items[0][1]["answer"])  # warm regexes and the connection pool
    figures("offline evaluation per answer", [
        timed(lambda q=q, a=a: interview.evaluate(user, q, a["answer"], a["time_limit_s"]))
        for _ in range(rounds) for q, a in items], 50)
    session = interview.start_session(user, count=20)
    answers = [a["answer"] for _, a in items]
    figures("evaluate + record + reschedule", [
        timed(lambda q=q, i=i: interview.submit_answer(user, session.id, q.id, answers[i % len(answers)]))
        for i, q in enumerate(session.questions)], 50)


def cached_llm(settings: Settings, user: UserContext, rounds: int) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "llm"))
    from fake_llm_server import FakeLLMServer, chat

    from careercopilot.llm.settings import LLMSettings

    server = FakeLLMServer()
    server.start()
    try:
        online = build(dataclasses.replace(settings, llm=LLMSettings(base_url=server.base_url, model="test-model",
                                                                     api_key_env="CC_BENCH_UNSET", max_retries=0)))
        question = online.interview.find_question(user, "beh-04")
        answer = "At Parcelwise I cut p95 latency from 900 ms to 180 ms by moving routing to Kafka consumers."
        server.script("chat/completions", chat(EVALUATION))
        first = timed(lambda: online.interview.evaluate(user, question, answer))
        print(f"{'LLM evaluation, first (uncached)':<40} {first:7.2f} ms over a local HTTP server")
        figures("LLM evaluation, cached", [timed(lambda: online.interview.evaluate(user, question, answer))
                                           for _ in range(rounds * 5)], 20)
        assert len(server.seen("chat/completions")) == 1, "the cache did not answer"
        online.close()
    finally:
        server.stop()


SCREENS = {"i": ("practice screen", "InterviewScreen", "#interview-summary"),
           "s": ("settings screen (floor)", "SettingsScreen", "#settings-places")}


async def open_screen(services: Services, rounds: int) -> None:
    """Key press -> screen drawn with its data loaded; the settings area is timed alike as this machine's floor.

    First opens each get a fresh app (one screen per app, so neither pays for the other's first-use CSS) and are
    timed from a settled dashboard; the first of them also imports the screen's modules;
    later opens alternate the two screens with the dashboard in one app."""
    from textual.widgets import Static

    from careercopilot.tui.app import CareerCopilotApp

    async def until(pilot: Pilot, condition: Callable[[], bool]) -> None:
        while not condition():
            await pilot.pause(0.005)

    async def press_and_time(app: CareerCopilotApp, pilot: Pilot, key: str) -> float:
        _, name, selector = SCREENS[key]

        def ready() -> bool:
            screen = app.screen
            return type(screen).__name__ == name and bool(screen.query_one(selector, Static).render().plain)

        start = time.perf_counter()
        await pilot.press(key)
        await until(pilot, ready)
        return (time.perf_counter() - start) * 1000

    def dashboard_settled(app: CareerCopilotApp) -> bool:
        """Its figures drawn: opening an area is timed from there, the dashboard's loading has its own bench."""
        return getattr(app.screen, "board", None) is not None and not any(
            w.group == "dashboard" and not w.is_finished for w in app.workers)

    first: dict[str, list[float]] = {key: [] for key in SCREENS}
    later: dict[str, list[float]] = {key: [] for key in SCREENS}
    for _ in range(max(1, min(rounds, 5))):
        for key in SCREENS:
            app = CareerCopilotApp(services=services)
            async with app.run_test(size=(110, 34)) as pilot:
                await until(pilot, lambda app=app: type(app.screen).__name__ == "DashboardScreen")
                await until(pilot, lambda app=app: dashboard_settled(app))
                first[key].append(await press_and_time(app, pilot, key))
    app = CareerCopilotApp(services=services)
    async with app.run_test(size=(110, 34)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "DashboardScreen")
        for _ in range(rounds + 1):
            for key in SCREENS:
                later[key].append(await press_and_time(app, pilot, key))
                await pilot.press("d")
                await until(pilot, lambda: type(app.screen).__name__ == "DashboardScreen")
    for key, (label, _, _) in SCREENS.items():
        figures(f"{label}, first open", first[key], 500)
        figures(f"{label}, later opens", later[key][1:], 500)
    print(f"load average while measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")


def main(rounds: int = 10) -> None:
    compile_package()
    with tempfile.TemporaryDirectory() as home:
        os.environ["CAREERCOPILOT_HOME"] = home
        os.environ.pop("CAREERCOPILOT_CONFIG", None)
        from careercopilot.config import load_settings

        settings = load_settings()
        services = build(settings)
        services.auth.register("bench", "bench@example.org", PASSWORD)
        signed_in = services.auth.login("bench", PASSWORD)
        services.auth.remember(signed_in)
        user = signed_in.user
        services.interview.seed_demo(user)
        offline_answers(services, user, rounds)
        cached_llm(settings, user, rounds)
        asyncio.run(open_screen(services, rounds))
        services.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
