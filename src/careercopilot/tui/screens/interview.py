"""Interview practice: timed questions with a countdown, an answer editor, streamed feedback, history, progress."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, ContentSwitcher, DataTable, Input, Label, Select, Static, TextArea

from careercopilot.domain.applications import ApplicationFilter, Stage
from careercopilot.domain.interview import QuestionCategory
from careercopilot.domain.text import plural
from careercopilot.errors import CareerCopilotError
from careercopilot.services.interview_views import Progress, SessionView
from careercopilot.services.llm_store import UsageView
from careercopilot.tui.safe import safe_cell, safe_line, toast
from careercopilot.tui.screens.base import AreaScreen
from careercopilot.tui.widgets.interview_countdown import Countdown
from careercopilot.tui.widgets.interview_feedback import FeedbackPanel

if TYPE_CHECKING:
    from careercopilot.domain.applications import ApplicationView
    from careercopilot.services.interview_views import DueQuestion
    from careercopilot.tui.widgets.interview_chart import ProgressChart

DEFAULT_COUNT, DEFAULT_LIMIT = 5, 120
PRACTICE, HISTORY, PROGRESS = "view-practice", "view-history", "view-progress"
VIEWS = {PRACTICE: ("Practice", "f3"), HISTORY: ("History", "f4"), PROGRESS: ("Progress", "f5")}
# The applications offered for tailored practice: open ones, most recently touched first; a long list is no help.
PRACTICE_TARGETS = ApplicationFilter(stages=tuple(s for s in Stage if not s.is_closed), limit=100)


def _view_bar(current: str) -> Content:
    """The view names as clickable tabs, the current one highlighted; our own text, so markup is safe."""
    return Content("  ").join(
        Content.from_markup(f"[@click=screen.show_view('{view}')]{title} ({key})[/]").stylize(
            "bold reverse" if view == current else "dim")
        for view, (title, key) in VIEWS.items())


def _shortened(text: str, width: int = 72) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(table_id: str, *columns: str) -> DataTable:
    table: DataTable = DataTable(id=table_id, cursor_type="row")
    table.add_columns(*columns)
    return table


class InterviewScreen(AreaScreen):
    TITLE = "Interview practice"
    DEFAULT_CSS = """
    #interview-views { height: 1; padding: 0 1; }
    #interview-tabs { height: 1fr; }
    .interview-setup { height: auto; padding: 0 1; }
    .interview-setup Select { width: 26; margin-right: 1; }
    .interview-setup #interview-application { width: 1fr; }
    .interview-setup Input { width: 12; margin-right: 1; }
    .interview-setup Label { padding: 1 1 0 0; }
    .interview-setup Button { margin-right: 1; }
    #interview-head { height: 1; padding: 0 1; margin-top: 1; }
    #interview-status { width: 1fr; color: $text-muted; }
    #interview-question { padding: 0 1; text-style: bold; }
    #interview-tips { padding: 0 1; color: $text-muted; }
    #interview-work { height: 1fr; }
    #interview-answer { width: 1fr; height: 1fr; }
    #interview-feedback { width: 1fr; }
    #interview-sessions, #interview-answers { height: 1fr; }
    #interview-summary { padding: 0 1; height: 1; color: $text-muted; }
    #view-history, #view-progress { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "start", "New session", id="interview.start"),
        Binding("ctrl+s", "evaluate", "Evaluate", id="interview.evaluate"),
        Binding("ctrl+t", "speak", "Speak answer", id="interview.speak"),
        Binding("ctrl+r", "retry", "Retry", id="interview.retry"),
        Binding("ctrl+n", "next", "Next question", id="interview.next"),
        Binding("f3", f"show_view('{PRACTICE}')", "Practice", id="interview.practice"),
        Binding("f4", f"show_view('{HISTORY}')", "History", id="interview.history"),
        Binding("f5", f"show_view('{PROGRESS}')", "Progress", id="interview.progress"),
        Binding("delete", "delete_session", "Delete session", show=False, id="interview.delete_session"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.session: SessionView | None = None
        self.index = 0
        self._started = 0.0
        self._recording = False
        self._scores: list[int] = []
        self._chart: ProgressChart | None = None  # built on the first visit to the Progress tab

    def compose_body(self) -> ComposeResult:
        yield Static(_view_bar(PRACTICE), id="interview-views")
        # A content switcher, not TabbedContent: the screen opens about a third faster without it.
        with ContentSwitcher(initial=PRACTICE, id="interview-tabs"):
            with Vertical(id=PRACTICE):
                yield Static(id="interview-summary")
                with Horizontal(classes="interview-setup"):
                    yield Select([(c.value.capitalize(), c.value) for c in QuestionCategory],
                                 prompt="Any category", id="interview-category")
                    # Questions tailored to a tracked application (its posting's skills and role) instead.
                    yield Select([], prompt="No application: bank questions", id="interview-application")
                with Horizontal(classes="interview-setup"):
                    yield Label("Questions")
                    yield Input(str(DEFAULT_COUNT), type="integer", id="interview-count")
                    yield Label("Seconds (0 untimed)")
                    yield Input(str(DEFAULT_LIMIT), type="integer", id="interview-limit")
                    yield Button("Start", id="interview-start", variant="primary")
                    yield Button("Due today", id="interview-due")
                with Horizontal(id="interview-head"):
                    yield Static(Content("Pick a category and press Start (F2)."), id="interview-status")
                    yield Countdown(id="interview-countdown")
                yield Static(id="interview-question")
                yield Static(id="interview-tips")
                with Horizontal(id="interview-work"):
                    yield TextArea(id="interview-answer", soft_wrap=True, show_line_numbers=False)
                    yield FeedbackPanel(id="interview-feedback")
            # History and Progress are built on first visit: the practice view opens without their weight.
            yield Vertical(id=HISTORY)
            yield Vertical(id=PROGRESS)

    async def action_show_view(self, view: str) -> None:
        if view not in VIEWS:
            return
        if view == HISTORY and not self.query("#interview-sessions"):
            await self.query_one(f"#{HISTORY}").mount_all(
                [_table("interview-sessions", "When", "Session", "Answers", "Average"),
                 _table("interview-answers", "Question", "Score", "Source", "Took")])
            self.reload()
        elif view == PROGRESS and self._chart is None:
            from careercopilot.tui.widgets.interview_chart import ProgressChart  # plotext loads on first visit

            self._chart = ProgressChart(id="interview-chart")
            await self.query_one(f"#{PROGRESS}").mount(self._chart)
            self.reload()
        self.query_one(ContentSwitcher).current = view
        self.query_one("#interview-views", Static).update(_view_bar(view))
        if view == HISTORY:
            self.query_one("#interview-sessions", DataTable).focus()
        elif view == PRACTICE and self.session is not None:
            self.answer_box.focus()

    @property
    def countdown(self) -> Countdown:
        return self.query_one(Countdown)

    @property
    def answer_box(self) -> TextArea:
        return self.query_one("#interview-answer", TextArea)

    @property
    def feedback(self) -> FeedbackPanel:
        return self.query_one(FeedbackPanel)

    def _status(self, text: str) -> None:
        self.query_one("#interview-status", Static).update(safe_line(text))

    # --- history and progress -------------------------------------------------------------------

    @work(exclusive=True, group="interview-reload", exit_on_error=False)
    async def reload(self) -> None:
        user, services = self.app.user, self.app.services
        if user is None or services is None:
            return
        def load() -> tuple[list[SessionView], list[ApplicationView], Progress, list[DueQuestion], UsageView]:
            # One trip off the UI loop for everything the views show.
            return (services.interview.sessions(user), services.applications.list(user, PRACTICE_TARGETS),
                    services.interview.progress(user), services.interview.due(user), services.llm.usage_today(user))

        try:
            sessions, tracked, progress, due, usage = await self.app.call(load)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        self._show_summary(progress, len(due), usage)
        picker = self.query_one("#interview-application", Select)
        chosen = picker.value
        picker.set_options((safe_cell(f"{a.company} - {a.title}"), a.id) for a in tracked)
        if any(a.id == chosen for a in tracked):
            picker.value = chosen  # new options clear the choice; keep it while the application exists
        if self._chart is not None:
            self._chart.show(progress)
        for table in self.query("#interview-sessions").results(DataTable):
            self._show_sessions(table, sessions)

    @staticmethod
    def _show_sessions(table: DataTable, sessions: list[SessionView]) -> None:
        table.clear()
        for s in sessions:
            average = f"{s.average_score:.1f}" if s.average_score is not None else "-"
            table.add_row(safe_cell(s.created_at.astimezone().strftime("%Y-%m-%d %H:%M")), safe_cell(s.title),
                          safe_cell(f"{s.answered}/{len(s.questions)}"), safe_cell(average), key=str(s.id))

    def _show_summary(self, progress: Progress, due: int, usage: UsageView) -> None:
        tokens = (f"LLM tokens today: {usage.total}" + (f" of {usage.budget}" if usage.budget else "")
                  if usage.model else "offline coach")
        if progress.answers:
            summary = (f"{plural(progress.answers, 'answer')} · average {progress.average:.1f}/5 · "
                       f"streak {plural(progress.streak_days, 'day')} · "
                       f"weakest: {', '.join(progress.weakest) or 'none'} · {due} due today · {tokens}")
        else:
            summary = f"No answers yet: practise a few questions to see progress. · {tokens}"
        self.query_one("#interview-summary", Static).update(safe_line(summary))

    @on(DataTable.RowHighlighted, "#interview-sessions")
    def _session_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.show_answers(int(event.row_key.value))

    @work(exclusive=True, group="interview-answers", exit_on_error=False)
    async def show_answers(self, session_id: int) -> None:
        user, services = self.app.user, self.app.services
        if user is None or services is None:
            return
        try:
            answers = await self.app.call(services.interview.answers, user, session_id)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        table = self.query_one("#interview-answers", DataTable)
        table.clear()
        for a in reversed(answers):
            table.add_row(safe_cell(_shortened(a.question_text)), safe_cell(f"{a.score}/5"),
                          safe_cell(a.evaluation.source), safe_cell(f"{a.duration_s:.0f} s"), key=str(a.id))

    async def action_delete_session(self) -> None:
        table = self.query_one("#interview-sessions", DataTable)
        if self.focused is not table or not table.row_count or self.app.user is None or self.app.services is None:
            return
        session_id = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)
        try:
            await self.app.call(self.app.services.interview.delete_session, self.app.user, session_id)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        toast(self, f"Deleted practice session {session_id}.")
        self.query_one("#interview-answers", DataTable).clear()
        self.reload()

    # --- a practice session ---------------------------------------------------------------------

    @on(Button.Pressed, "#interview-start")
    def _start_pressed(self) -> None:
        self.start_session(due_only=False)

    @on(Button.Pressed, "#interview-due")
    def _due_pressed(self) -> None:
        self.start_session(due_only=True)

    def action_start(self) -> None:
        self.start_session(due_only=False)

    def _number(self, selector: str, default: int) -> int:
        value = self.query_one(selector, Input).value.strip()
        return int(value) if value.lstrip("-").isdigit() else default

    @work(exclusive=True, group="interview-start", exit_on_error=False)
    async def start_session(self, due_only: bool) -> None:
        user, services = self.app.user, self.app.services
        if user is None or services is None:
            return
        category = self.query_one("#interview-category", Select).value
        application = self.query_one("#interview-application", Select).value
        self._status("Preparing questions…")  # tailored questions may take a model several seconds
        try:
            session = await self.app.call(
                services.interview.start_session, user, category=category if isinstance(category, str) else None,
                application_id=application if isinstance(application, int) and not due_only else None,
                count=self._number("#interview-count", DEFAULT_COUNT),
                time_limit_s=self._number("#interview-limit", DEFAULT_LIMIT), due_only=due_only)
        except CareerCopilotError as exc:
            self._status(exc.message)
            self.app.report(exc)
            return
        self.session, self.index, self._scores = session, 0, []
        if session.note:
            toast(self, session.note, severity="warning")
        await self.show_question()
        self.reload()

    async def show_question(self) -> None:
        assert self.session is not None
        question = self.session.questions[self.index]
        total = len(self.session.questions)
        self._status(f"Question {self.index + 1} of {total} · {question.category.value} · {self.session.title}")
        self.query_one("#interview-question", Static).update(safe_line(question.text))
        self.query_one("#interview-tips", Static).update(safe_line(f"Tip: {question.tips}" if question.tips else ""))
        self.answer_box.load_text("")
        await self.feedback.clear()
        self._started = time.monotonic()
        self.countdown.start(self.session.time_limit_s, self._time_up)
        self.answer_box.focus()

    def _time_up(self) -> None:
        if self._recording:  # the recording ends with the time limit and its transcript comes next
            return
        if self.answer_box.text.strip():
            toast(self, "Time is up: evaluating what you have.", severity="warning")
            self.evaluate()
        else:
            toast(self, "Time is up. Type an answer and press ctrl+s, or ctrl+n for the next question.",
                  severity="warning")

    def action_speak(self) -> None:
        if self.session is None:
            toast(self, "Start a session first (F2).", severity="warning")
        else:
            self.speak()

    @work(exclusive=True, group="interview-speak", exit_on_error=False)
    async def speak(self) -> None:
        """Record the answer from the microphone for the time limit; the transcript lands in the box to read over."""
        from careercopilot.voice import UNTIMED_SECONDS

        user, services, session = self.app.user, self.app.services, self.session
        if user is None or services is None or session is None:
            return
        seconds = session.time_limit_s or UNTIMED_SECONDS

        def recording() -> None:  # called on the worker thread once recording really starts
            self.app.call_from_thread(self._status, f"Recording {seconds} s: speak now…")

        self._recording = True
        try:
            text = await self.app.call(services.interview.record_answer, user, seconds, recording)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        finally:
            self._recording = False
        self.answer_box.load_text(text)
        self._status("Transcribed: read it over, edit it if you like, then ctrl+s to evaluate.")

    def action_evaluate(self) -> None:
        if self.session is None:
            toast(self, "Start a session first (F2).", severity="warning")
        elif not self.answer_box.text.strip():
            toast(self, "Type your answer first.", severity="warning")
        else:
            self.evaluate()

    @work(exclusive=True, group="interview-evaluate", exit_on_error=False)
    async def evaluate(self) -> None:
        user, services, session = self.app.user, self.app.services, self.session
        if user is None or services is None or session is None:
            return
        question, answer = session.questions[self.index], self.answer_box.text
        took = time.monotonic() - self._started
        self.countdown.answered(took)
        await self.feedback.clear()
        self.feedback.waiting("Evaluating…")
        if not services.llm.offline:
            await self._stream_feedback(partial(services.interview.stream_feedback, user, question, answer,
                                                session.time_limit_s))
        try:
            view = await self.app.call(services.interview.submit_answer, user, session.id, question.id, answer,
                                       duration_s=took)
        except CareerCopilotError as exc:
            self.feedback.waiting("")
            self.app.report(exc)
            return
        self._scores.append(view.score)
        self.feedback.show(view.evaluation, view.pace)
        last = self.index + 1 >= len(session.questions)
        self._status(f"Question {self.index + 1} of {len(session.questions)} · scored {view.score}/5 · "
                     f"ctrl+r retry · ctrl+n {'finish' if last else 'next question'}")
        self.reload()  # the new score changes the stats line, the history and the chart: show them now

    async def _stream_feedback(self, pieces: Callable[[], Iterable[str]]) -> None:
        """Show the model's prose as it arrives; a failed stream just leaves the structured result to speak."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[str | None] = asyncio.Queue()

        def pump() -> None:
            try:
                for piece in pieces():  # opening the stream (client, request) happens off the UI loop too
                    loop.call_soon_threadsafe(queue.put_nowait, piece)
            finally:
                loop.call_soon_threadsafe(queue.put_nowait, None)

        stream = await self.feedback.stream()
        pumping = asyncio.create_task(asyncio.to_thread(pump))
        try:
            while (piece := await queue.get()) is not None:
                await stream.write(piece)
        finally:
            await stream.stop()
        try:
            await pumping
        except CareerCopilotError as exc:
            self.log.warning(exc.message)

    async def action_retry(self) -> None:
        if self.session is not None:
            await self.show_question()

    async def action_next(self) -> None:
        if self.session is None:
            return
        self.countdown.stop()
        if self.index + 1 < len(self.session.questions):
            self.index += 1
            await self.show_question()
            return
        answered = len(self._scores)
        average = f"average {sum(self._scores) / answered:.1f}/5" if answered else "no answers"
        self._status(f"Session done: {plural(answered, 'answer')}, {average}. F2 starts another; History and Progress "
                     "show how you are doing.")
        self.query_one("#interview-question", Static).update("")
        self.query_one("#interview-tips", Static).update("")
        self.session = None
        self.reload()
