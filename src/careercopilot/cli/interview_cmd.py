"""interview questions|practice|evaluate|sessions|show|delete|due|progress|add-question|remove-question|stories."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from careercopilot.cli.common import console, current_user, print_json, run_guarded, services
from careercopilot.domain.text import plural

if TYPE_CHECKING:
    from careercopilot.domain.accounts import UserContext
    from careercopilot.domain.interview import Evaluation, Question
    from careercopilot.services.interview_views import AnswerView

app = typer.Typer(help="Practise interviews: questions, timed answers, scored STAR feedback, progress.",
                  no_args_is_help=True)
stories_app = typer.Typer(help="Your STAR story bank, reusable across questions.", no_args_is_help=True)
app.add_typer(stories_app, name="stories")

JSON_OPTION = typer.Option(False, "--json", help="Print as JSON.")
CATEGORIES = "behavioral, technical, situational, role-specific, culture-fit"
AUDIO_SUFFIXES = (".wav", ".mp3", ".m4a", ".ogg", ".webm", ".flac", ".mp4", ".mpeg", ".mpga")
MAX_ANSWER_BYTES = 200_000


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """The documented shape of `interview evaluate --json`."""
    return {
        "score": evaluation.score,
        "star": {name: {"present": part.present, "finding": part.finding}
                 for name, part in evaluation.star.parts().items()},
        "strengths": list(evaluation.strengths),
        "improvements": list(evaluation.improvements),
        "source": evaluation.source,
        "note": evaluation.note,
    }


def print_evaluation(evaluation: Evaluation) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console()
    out.print(Text.assemble(("Score ", "bold"), (f"{evaluation.score}/5", "bold cyan"), "  ",
                            Text(evaluation.summary_after_score)))
    star = Table("STAR", "", "finding", show_header=False, box=None, padding=(0, 1))
    for name, part in evaluation.star.parts().items():
        star.add_row(name.capitalize(), Text("✓" if part.present else "✗", "green" if part.present else "red"),
                     Text(part.finding))
    out.print(star)
    for title, items in (("Strengths", evaluation.strengths), ("Improve", evaluation.improvements)):
        for item in items:
            out.print(Text.assemble((f"{title}: ", "bold"), Text(item)))
    if evaluation.note:
        out.print(Text(evaluation.note, "dim"))


def answer_from_file(user: UserContext, path: Path) -> tuple[str, float | None]:
    """A typed answer from a text file, or a spoken one transcribed; the recording's length when known."""
    from careercopilot.errors import BadInput, require_file
    from careercopilot.services.interview import audio_seconds

    require_file(path, "answer")
    if path.suffix.lower() in AUDIO_SUFFIXES:
        return services().interview.transcribe(user, path), audio_seconds(path)
    if path.stat().st_size > MAX_ANSWER_BYTES:
        raise BadInput(f"{path.name} is larger than {MAX_ANSWER_BYTES // 1000} kB; an answer is a few paragraphs.")
    try:
        return path.read_text(encoding="utf-8"), None
    except UnicodeDecodeError:
        raise BadInput(f"{path.name} is not UTF-8 text; save it as plain text or pass an audio file.") from None


def recorded_answer(user: UserContext, seconds: float) -> str:
    """Record from the microphone, then transcribe it like an --audio file."""
    return services().interview.record_answer(
        user, seconds, on_recording=lambda: typer.echo(f"Recording {seconds:g} s: speak now.", err=True))


@app.command("questions")
def questions(
    category: str = typer.Option(None, "--category", "-c", help=f"Only this category: {CATEGORIES}."),
    json_out: bool = JSON_OPTION,
) -> None:
    """List practice questions: the shipped bank and your own."""

    def body() -> None:
        rows = services().interview.questions(current_user(), category)
        if json_out:
            print_json(rows)
            return
        from rich.table import Table
        from rich.text import Text

        table = Table("id", "category", "topic", "question")
        for q in rows:
            table.add_row(q.id, q.category.value, Text(q.skill or q.role or ""), Text(q.text))
        console().print(table)

    run_guarded(body)


@app.command("add-question")
def add_question(
    text: str = typer.Argument(..., help="The question as an interviewer would ask it."),
    category: str = typer.Option("behavioral", "--category", "-c", help=f"One of {CATEGORIES}."),
    tips: str = typer.Option("", "--tips", help="What to keep in mind when answering."),
    point: list[str] = typer.Option([], "--point", help="Something a strong answer contains (repeatable)."),
) -> None:
    """Add your own question; it joins the bank for practice and reviews."""

    def body() -> None:
        question = services().interview.add_question(current_user(), text, category, tips, point)
        typer.echo(f"Added question {question.id} ({question.category.value}).")

    run_guarded(body)


@app.command("remove-question")
def remove_question(question_id: str = typer.Argument(..., help="Your question's id, such as mine-3.")) -> None:
    """Remove one of your own questions."""

    def body() -> None:
        services().interview.delete_question(current_user(), question_id)
        typer.echo(f"Removed question {question_id}.")

    run_guarded(body)


@app.command("evaluate")
def evaluate(
    question: str = typer.Option(..., "--question", "-q", help="The question text or a bank id such as beh-04."),
    answer_file: Path = typer.Option(None, "--answer-file", "-f", help="Your answer as a text or audio file."),
    audio: Path = typer.Option(None, "--audio", help="Your spoken answer, transcribed by the LLM endpoint."),
    record: float = typer.Option(None, "--record", help="Record SECONDS from the microphone (the voice extra)."),
    category: str = typer.Option(None, "--category", "-c", help="Category of a question not in the bank."),
    time_limit: int = typer.Option(120, "--time-limit", min=0, max=3600,
                                   help="Seconds the answer should fit; 0 judges it without a time limit."),
    json_out: bool = JSON_OPTION,
) -> None:
    """Score one answer 1-5 with STAR feedback (LLM when configured, else the offline coach). Nothing is saved."""

    def body() -> None:
        from careercopilot.errors import BadInput

        if [answer_file, audio, record].count(None) != 2:
            raise BadInput("Give the answer with one of --answer-file, --audio or --record.")
        user = current_user()
        if record is not None:
            text = recorded_answer(user, record)
        else:
            text, _ = answer_from_file(user, answer_file or audio)
        asked = services().interview.find_question(user, question, category)
        result = services().interview.evaluate(user, asked, text, time_limit)
        if json_out:
            print_json(evaluation_json(result))
        else:
            print_evaluation(result)

    run_guarded(body)


def _read_answer(limit: int) -> str | None:
    """Lines until an empty one; None when the user typed q or the input ended without an answer."""
    hint = f" ({limit} s)" if limit else ""
    typer.echo(f"Your answer{hint}; finish with an empty line, type @FILE to use a text or audio file, "
               "or @mic [SECONDS] to speak it:")
    lines: list[str] = []
    for line in sys.stdin:
        line = line.rstrip("\r\n")
        if not line and lines:
            break
        if not lines and line.strip().lower() == "q":
            return None
        if line:
            lines.append(line)
    return "\n".join(lines) or None


MIC = "@mic"


def _mic_seconds(rest: list[str], limit: int) -> float:
    """`@mic` records for the question's time limit; `@mic 90` for 90 seconds."""
    from careercopilot.errors import BadInput
    from careercopilot.voice import UNTIMED_SECONDS

    if not rest:
        return float(limit or UNTIMED_SECONDS)
    try:
        return float(rest[0])
    except ValueError:
        raise BadInput(f"'{MIC} {rest[0]}' needs a number of seconds, such as '{MIC} 90'.") from None


def _ask(user: UserContext, session_id: int, question: Question, limit: int, spoken: Path | None) -> AnswerView | None:
    from rich.text import Text

    out = console()
    heading = ("\n" + question.category.value.upper(), "bold magenta")
    out.print(Text.assemble(heading, "  ", Text(question.text, "bold")))
    if question.tips:
        out.print(Text("Tip: " + question.tips, "dim"))
    started = time.monotonic()
    seconds: float | None = None
    if spoken is not None:
        text, seconds = answer_from_file(user, spoken)
        out.print(Text("Transcript: " + text, "italic"))
    else:
        typed = _read_answer(limit)
        if typed is None:
            return None
        text = typed
        words = text.split()
        if words and words[0].lower() == MIC:
            seconds = _mic_seconds(words[1:], limit)
            text = recorded_answer(user, seconds)
            out.print(Text("Transcript: " + text, "italic"))
        elif text.strip().startswith("@"):
            text, seconds = answer_from_file(user, Path(text.strip()[1:]).expanduser())
    took = seconds or time.monotonic() - started
    view = services().interview.submit_answer(user, session_id, question.id, text, duration_s=took,
                                              spoken_seconds=seconds)
    if limit:
        over = " - over the limit" if took > limit else ""
        out.print(Text(f"Time: {took:.0f} s of {limit} s{over}", "yellow" if over else "dim"))
    print_evaluation(view.evaluation)
    if view.pace is not None:
        out.print(Text(f"Pace: {view.pace.verdict} Fillers: {view.pace.fillers_per_100_words} per 100 words."))
    return view


@app.command("practice")
def practice(
    category: str = typer.Option(None, "--category", "-c", help=f"Practise one category: {CATEGORIES}."),
    job: int = typer.Option(None, "--job", help="Questions tailored to this job posting id."),
    application: int = typer.Option(None, "--application", help="Questions tailored to this tracked application."),
    due: bool = typer.Option(False, "--due", help="Practise today's due questions."),
    count: int = typer.Option(5, "--count", "-n", min=1, max=20, help="Number of questions."),
    time_limit: int = typer.Option(120, "--time-limit", min=0, max=3600, help="Seconds per answer; 0 is untimed."),
    audio: list[Path] = typer.Option([], "--audio", help="Spoken answers in order, transcribed (repeatable)."),
) -> None:
    """A practice session in the terminal: question, timed answer, evaluation, retry or next."""

    def body() -> None:
        from rich.text import Text

        user = current_user()
        session = services().interview.start_session(user, category=category, posting_id=job,
                                                     application_id=application, count=count,
                                                     time_limit_s=time_limit, due_only=due)
        out = console()
        out.print(Text.assemble(("Session ", "bold"), str(session.id), ": ", Text(session.title),
                                f" - {plural(len(session.questions), 'question')}"))
        if session.note:
            out.print(Text(session.note, "dim"))
        spoken = list(audio)
        scores: list[int] = []
        for question in session.questions:
            while True:
                view = _ask(user, session.id, question, session.time_limit_s, spoken.pop(0) if spoken else None)
                if view is None:
                    break
                scores.append(view.score)
                if spoken or not sys.stdin.isatty() or not typer.confirm("Retry this question?", default=False):
                    break
            if view is None:
                break
        average = f"average {sum(scores) / len(scores):.1f}/5" if scores else "no answers"
        out.print(Text(f"\nSession {session.id} done: {plural(len(scores), 'answer')}, {average}. "
                       "'careercopilot interview due' shows what comes back and when."))

    run_guarded(body)


@app.command("sessions")
def sessions(json_out: bool = JSON_OPTION) -> None:
    """Your practice sessions, newest first, with their average score."""

    def body() -> None:
        rows = services().interview.sessions(current_user())
        if json_out:
            print_json(rows)
            return
        from rich.table import Table
        from rich.text import Text

        table = Table("id", "when", "session", "answers", "average")
        for s in rows:
            table.add_row(str(s.id), s.created_at.astimezone().strftime("%Y-%m-%d %H:%M"), Text(s.title),
                          f"{s.answered}/{len(s.questions)}",
                          f"{s.average_score:.1f}" if s.average_score is not None else "-")
        console().print(table if rows else "No practice sessions yet; start one with 'careercopilot interview "
                                           "practice'.")

    run_guarded(body)


@app.command("show")
def show(session_id: int = typer.Argument(..., help="The session id."), json_out: bool = JSON_OPTION) -> None:
    """One session's answers with their scores and feedback."""

    def body() -> None:
        user = current_user()
        session = services().interview.session(user, session_id)
        answers = services().interview.answers(user, session_id)
        if json_out:
            print_json({"session": session, "answers": answers})
            return
        from rich.text import Text

        console().print(Text.assemble(("Session ", "bold"), str(session.id), ": ", Text(session.title)))
        for answer in reversed(answers):
            console().print(Text.assemble("\n", (answer.question_text, "bold")))
            console().print(Text(answer.answer, "italic"))
            print_evaluation(answer.evaluation)

    run_guarded(body)


@app.command("delete")
def delete(session_id: int = typer.Argument(..., help="The session id.")) -> None:
    """Delete a session and its answers (the review schedule keeps what they taught)."""

    def body() -> None:
        services().interview.delete_session(current_user(), session_id)
        typer.echo(f"Deleted practice session {session_id}.")

    run_guarded(body)


@app.command("due")
def due(json_out: bool = JSON_OPTION) -> None:
    """Today's review queue: questions you answered weakly come back sooner."""

    def body() -> None:
        rows = services().interview.due(current_user())
        if json_out:
            print_json(rows)
            return
        from rich.table import Table
        from rich.text import Text

        table = Table("id", "category", "last score", "due", "question")
        for d in rows:
            table.add_row(d.question_id, d.category, str(d.last_score or "-"),
                          d.due_at.astimezone().strftime("%Y-%m-%d %H:%M"), Text(d.question_text))
        console().print(table if rows else "Nothing is due today.")
        if rows:
            console().print("Practise them with 'careercopilot interview practice --due'.")

    run_guarded(body)


@app.command("progress")
def progress(json_out: bool = JSON_OPTION) -> None:
    """Score per category over time, your weakest areas and your streak."""

    def body() -> None:
        result = services().interview.progress(current_user())
        if json_out:
            print_json(result)
            return
        from rich.table import Table

        if not result.answers:
            console().print("No answers yet; start with 'careercopilot interview practice'.")
            return
        console().print(f"{plural(result.answers, 'answer')}, average {result.average:.1f}/5, "
                        f"streak {plural(result.streak_days, 'day')}.")
        table = Table("category", "answers", "average", "latest", "last days")
        for c in result.categories:
            table.add_row(c.category, str(c.answers), f"{c.average:.1f}", str(c.latest),
                          " ".join(f"{d.average:.1f}" for d in c.days[-7:]))
        console().print(table)
        if result.weakest:
            console().print(f"Weakest: {', '.join(result.weakest)}.")

    run_guarded(body)


@stories_app.command("list")
def stories_list(json_out: bool = JSON_OPTION) -> None:
    """Your stories."""

    def body() -> None:
        rows = services().interview.stories(current_user())
        if json_out:
            print_json(rows)
            return
        from rich.text import Text

        for story in rows:
            console().print(Text.assemble((f"{story.id}  {story.title}", "bold"),
                                          (f"  [{', '.join(story.tags)}]" if story.tags else "", "dim")))
            for name in ("situation", "task", "action", "result"):
                if getattr(story, name):
                    console().print(Text.assemble(f"  {name.capitalize()}: ", Text(getattr(story, name))))
        if not rows:
            console().print("No stories yet; add one with 'careercopilot interview stories add'.")

    run_guarded(body)


@stories_app.command("add")
def stories_add(
    title: str = typer.Option(..., "--title", help="A short name for the story."),
    situation: str = typer.Option("", "--situation", help="Where and when; what was at stake."),
    task: str = typer.Option("", "--task", help="Your goal or responsibility."),
    action: str = typer.Option("", "--action", help="What you did."),
    result: str = typer.Option("", "--result", help="What changed, measured if you can."),
    tag: list[str] = typer.Option([], "--tag", help="A theme it fits, such as conflict or deadline (repeatable)."),
) -> None:
    """Add a STAR story."""

    def body() -> None:
        story = services().interview.add_story(current_user(), title, situation=situation, task=task,
                                               action=action, result=result, tags=tag)
        typer.echo(f"Added story {story.id}: {story.title}.")

    run_guarded(body)


@stories_app.command("delete")
def stories_delete(story_id: int = typer.Argument(..., help="The story id.")) -> None:
    """Delete a story."""

    def body() -> None:
        services().interview.delete_story(current_user(), story_id)
        typer.echo(f"Deleted story {story_id}.")

    run_guarded(body)
