"""Why a posting scored what it did: one line per score component (points out of its maximum, and the reason)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from careercopilot.domain.jobs import ScoreComponent
from careercopilot.domain.text import clean_line
from careercopilot.tui.safe import safe_line

NAME_WIDTH = 10


def points_label(component: ScoreComponent) -> str:
    return f"{component.points:>4.1f}/{component.max_points:<4.1f}"


def breakdown_content(score: int | None, components: Sequence[ScoreComponent]) -> Content:
    if score is None or not components:
        return Content.styled("Not scored for you yet: the next scrape or profile change scores it.", "$text-muted")
    lines = [Content.assemble(("Match ", "bold"), (f"{score}", "bold $accent"), (" / 100", "$text-muted"))]
    for part in components:
        lines.append(Content.assemble(
            (f"{clean_line(part.name).capitalize():<{NAME_WIDTH}} ", "$text-muted"),
            (points_label(part), "bold"), "  ", safe_line(part.reason),
        ))
    return Content("\n").join(lines)


class MatchBreakdown(Static):
    DEFAULT_CSS = """
    MatchBreakdown { height: auto; }
    """

    def show(self, score: int | None, components: Sequence[ScoreComponent]) -> None:
        self.update(breakdown_content(score, components))
