"""The interview area: a timed session end to end, streamed LLM feedback, history and progress."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import ContentSwitcher, DataTable, Input, Markdown, Select, TextArea
from textual.widgets.select import InvalidSelectValueError
from tui_support import make_app, run, screen_name, shown, sign_in_stored, toasts, wait_for

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "llm"))
from fake_llm_server import FakeLLMServer, Reply, chat

from careercopilot.domain.applications import ApplicationDraft
from careercopilot.services import Services
from careercopilot.tui.app import CareerCopilotApp
from careercopilot.tui.widgets.interview_chart import ProgressChart

pytestmark = pytest.mark.asyncio

STORY = (" At Parcelwise our launch moved forward two weeks. My task was to ship the routing migration. I split the "
         "work into slices, I paired on the cut-over and I ran shadow mode. We shipped on day nine with zero lost "
         "orders and p95 latency fell from 900 ms to 180 ms.")


async def open_interview(pilot, app: CareerCopilotApp) -> None:
    await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
    await pilot.press("i")
    await wait_for(pilot, lambda: screen_name(app) == "InterviewScreen")


async def start(pilot, app: CareerCopilotApp, *, count: str, seconds: str) -> None:
    screen = app.screen
    screen.query_one("#interview-category", Select).value = "behavioral"
    screen.query_one("#interview-count", Input).value = count
    screen.query_one("#interview-limit", Input).value = seconds
    await pilot.click("#interview-start")
    await wait_for(pilot, lambda: shown(app, "#interview-question") != "")


def choose(picker: Select, value: object) -> bool:
    try:
        picker.value = value
    except InvalidSelectValueError:
        return False
    return True


def table_rows(app: CareerCopilotApp, selector: str) -> int:
    """Rows in a table, or -1 while its tab has not been built yet."""
    tables = app.screen.query(selector)
    return tables.first(DataTable).row_count if tables else -1


def answer_box(app: CareerCopilotApp) -> TextArea:
    return app.screen.query_one("#interview-answer", TextArea)


async def test_a_timed_session_end_to_end(services: Services) -> None:
    user = sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await open_interview(pilot, app)
        await start(pilot, app, count="2", seconds="6")
        assert shown(app, "#interview-status").startswith("Question 1 of 2 · behavioral")
        assert re.fullmatch(r"⏱ 0:0[56] left of 0:06", shown(app, "#interview-countdown"))
        await wait_for(pilot, lambda: re.fullmatch(r"⏱ 0:0[1-4] left of 0:06", shown(app, "#interview-countdown")))

        assert app.focused is answer_box(app)
        await pilot.press(*"I led it.")
        answer_box(app).insert(STORY)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: shown(app, "#feedback-score").startswith("Score "))
        assert "Situation" in shown(app, "#feedback-star") and "Offline feedback" in shown(app, "#feedback-note")
        first_score = int(shown(app, "#feedback-score")[6])
        assert shown(app, "#interview-countdown").startswith("Answered in 0:0")
        assert first_score >= 4 and "ctrl+n next question" in shown(app, "#interview-status")

        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: shown(app, "#interview-status").startswith("Question 2 of 2"))
        assert answer_box(app).text == "" and shown(app, "#feedback-score") == ""
        await pilot.press(*"We kind of made it I think.")
        # The countdown runs out and the typed answer is evaluated without a key press.
        await wait_for(pilot, lambda: shown(app, "#feedback-score").startswith("Score "), timeout=12)
        assert any("Time is up: evaluating what you have" in t for t in toasts(app))
        assert re.fullmatch(r"Answered in 0:(0[6-9]|1\d) of 0:06", shown(app, "#interview-countdown"))

        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: shown(app, "#interview-status").startswith("Session done: 2 answers"))

        sessions = services.interview.sessions(user)
        assert len(sessions) == 1 and sessions[0].answered == 2 and sessions[0].time_limit_s == 6
        assert [a.score for a in services.interview.answers(user)][-1] == first_score

        await wait_for(pilot, lambda: shown(app, "#interview-summary").startswith("2 answers · average"))
        await pilot.press("f4")
        await wait_for(pilot, lambda: table_rows(app, "#interview-sessions") == 1)
        await wait_for(pilot, lambda: table_rows(app, "#interview-answers") == 2)  # the highlighted session's
        await pilot.press("f5")
        await wait_for(pilot, lambda: app.screen.query(ProgressChart))
        assert shown(app, "#interview-views") == "Practice (f3)  History (f4)  Progress (f5)"
        await pilot.click("#interview-views", offset=(3, 0))  # the view names are clickable tabs too
        await wait_for(pilot, lambda: app.screen.query_one(ContentSwitcher).current == "view-practice")


async def test_the_stats_line_refreshes_as_soon_as_an_answer_is_scored(services: Services) -> None:
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await open_interview(pilot, app)
        await wait_for(pilot, lambda: shown(app, "#interview-summary").startswith("No answers yet"))
        await start(pilot, app, count="2", seconds="0")
        answer_box(app).insert(STORY)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: shown(app, "#feedback-score").startswith("Score "))
        # No key press after scoring: the stats line (answers, average) catches up by itself.
        await wait_for(pilot, lambda: shown(app, "#interview-summary").startswith("1 answer · average"))
        assert "streak 1 day ·" in shown(app, "#interview-summary")


async def test_evaluate_needs_a_session_and_an_answer(services: Services) -> None:
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await open_interview(pilot, app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("Start a session first" in t for t in toasts(app)))
        await pilot.click("#interview-due")
        await wait_for(pilot, lambda: shown(app, "#interview-status").startswith("Nothing is due today"))
        await start(pilot, app, count="1", seconds="0")
        assert shown(app, "#interview-countdown") == "Untimed"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("Type your answer first" in t for t in toasts(app)))


async def test_a_session_tailored_to_a_tracked_application(services: Services) -> None:
    user = sign_in_stored(services)
    tracked = services.applications.add(user, ApplicationDraft("Initech", "Senior Data Analyst"))
    app = make_app(services)
    async with run(app) as pilot:
        await open_interview(pilot, app)
        picker = app.screen.query_one("#interview-application", Select)
        await wait_for(pilot, lambda: choose(picker, tracked.id))  # choosable once the applications loaded
        await pilot.click("#interview-start")
        await wait_for(pilot, lambda: "Senior Data Analyst at Initech" in shown(app, "#interview-status"))
        assert picker.value == tracked.id  # the reload after starting keeps the choice
        assert services.interview.sessions(user)[0].application_id == tracked.id


@pytest.fixture
def llm_server(isolated_home: Path) -> Iterator[FakeLLMServer]:
    """A local OpenAI-compatible server, and a config.toml that points the app at it."""
    server = FakeLLMServer()
    server.start()
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text(
        f'[llm]\nbase_url = "{server.base_url}"\nmodel = "test-model"\napi_key_env = "CC_TEST_UNSET_KEY"\n'
        "timeout = 5\nmax_retries = 0\n", encoding="utf-8")
    yield server
    server.stop()


async def test_llm_feedback_streams_in_before_the_score(llm_server: FakeLLMServer, make_services) -> None:
    finding = {"present": True, "finding": "Clear [b]markup[/b] stays literal."}
    evaluation = {"score": 4, "summary": "Strong story.", "strengths": ["Numbers"],
                  "star": {p: finding for p in ("situation", "task", "action", "result")},
                  "improvements": ["Say what you learned."]}
    llm_server.script("chat/completions", Reply(stream=["**Score 4/5**", " - a measured", " result."]),
                      chat(json.dumps(evaluation)))
    services = make_services()
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await open_interview(pilot, app)
        await start(pilot, app, count="1", seconds="0")
        answer_box(app).insert(STORY)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: shown(app, "#feedback-score").startswith("Score 4/5"))
        streamed = app.screen.query_one("#feedback-stream", Markdown).source
        assert streamed == "**Score 4/5** - a measured result."
        assert "Clear [b]markup[/b] stays literal." in shown(app, "#feedback-star")
        assert shown(app, "#feedback-note") == "LLM feedback"


async def test_ctrl_t_records_the_answer_and_puts_the_transcript_in_the_box(
        llm_server: FakeLLMServer, make_services, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
    from fake_sounddevice import fake_sounddevice

    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice())
    llm_server.script("audio/transcriptions", Reply(body={"text": STORY.strip()}))
    services = make_services()
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await open_interview(pilot, app)
        await start(pilot, app, count="1", seconds="2")
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: answer_box(app).text == STORY.strip(), timeout=8)
        assert shown(app, "#interview-status").startswith("Transcribed: read it over")
        upload = llm_server.seen("audio/transcriptions")[0].body
        assert b"RIFF" in upload and b"WAVE" in upload


async def test_ctrl_t_without_a_transcription_endpoint_says_so_and_records_nothing(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = []
    monkeypatch.setattr("careercopilot.voice.record_wav", lambda *args: recorded.append(args))
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await open_interview(pilot, app)
        await start(pilot, app, count="1", seconds="0")
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: any("/audio/transcriptions" in t for t in toasts(app)))
        assert recorded == [] and answer_box(app).text == ""
