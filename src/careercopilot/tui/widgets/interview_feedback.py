"""Feedback on one answer: streamed prose while the model writes, then the score, STAR breakdown and advice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from careercopilot.domain.interview import Evaluation, SpeakingPace
from careercopilot.tui.safe import safe_line

if TYPE_CHECKING:
    from textual.widgets.markdown import MarkdownStream

class FeedbackPanel(VerticalScroll):
    DEFAULT_CSS = """
    FeedbackPanel { height: 1fr; padding: 0 1; }
    FeedbackPanel #feedback-stream { margin: 0; padding: 0; }
    FeedbackPanel #feedback-score { text-style: bold; margin-bottom: 1; }
    FeedbackPanel #feedback-star, FeedbackPanel #feedback-advice { margin-bottom: 1; }
    FeedbackPanel #feedback-note { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="feedback-score")
        yield Static(id="feedback-star")
        yield Static(id="feedback-advice")
        yield Static(id="feedback-note")

    async def clear(self) -> None:
        for markdown in self.query("#feedback-stream"):
            await markdown.update("")  # type: ignore[attr-defined]
        for part in ("score", "star", "advice", "note"):
            self.query_one(f"#feedback-{part}", Static).update("")

    async def stream(self) -> MarkdownStream:
        """A stream into the Markdown view, built on first use: offline sessions never pay for it."""
        from textual.widgets import Markdown  # its parser takes a tenth of a second to import

        if not self.query("#feedback-stream"):
            # Model output is Markdown; links in it are never opened (open_links=False).
            await self.mount(Markdown(id="feedback-stream", open_links=False), before=0)
        self.anchor()
        return Markdown.get_stream(self.query_one("#feedback-stream", Markdown))

    def waiting(self, message: str) -> None:
        self.query_one("#feedback-score", Static).update(Content(message))

    def show(self, evaluation: Evaluation, pace: SpeakingPace | None = None) -> None:
        score = Content.assemble((f"Score {evaluation.score}/5", "bold $accent"), "  ",
                                 safe_line(evaluation.summary_after_score))
        self.query_one("#feedback-score", Static).update(score)
        star = Content("\n").join(
            Content.assemble((f"{name.capitalize():<10}", "bold"),
                             ("✓ " if part.present else "✗ ", "$success" if part.present else "$error"),
                             safe_line(part.finding))
            for name, part in evaluation.star.parts().items())
        self.query_one("#feedback-star", Static).update(star)
        advice = [Content.assemble(("+ ", "$success"), safe_line(s)) for s in evaluation.strengths]
        advice += [Content.assemble(("→ ", "$warning"), safe_line(s)) for s in evaluation.improvements]
        if pace is not None:
            advice.append(Content.assemble(("Pace: ", "bold"), safe_line(pace.verdict)))
        self.query_one("#feedback-advice", Static).update(Content("\n").join(advice))
        source = "LLM feedback" if evaluation.source == "llm" else "Offline feedback"
        self.query_one("#feedback-note", Static).update(safe_line(evaluation.note or source))
