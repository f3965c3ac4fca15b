"""The one way outside text reaches the screen: cleaned of control sequences, never parsed as markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from careercopilot.domain.text import clean_line, clean_text

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.notifications import SeverityLevel


def safe(text: str | None) -> Content:
    """Multi-line outside text for Static/Label: literal, without escapes, controls or bidi overrides."""
    return Content(clean_text(text))


def safe_line(text: str | None) -> Content:
    """Outside text folded to one line (titles, names)."""
    return Content(clean_line(text))


def safe_cell(text: str | None) -> Text:
    """A DataTable cell: str cells are always parsed as Rich markup, a Text never is."""
    return Text(clean_line(text))


def toast(node: DOMNode, message: str, *, title: str = "", severity: SeverityLevel = "information",
          timeout: float | None = None) -> None:
    """A notification toast whose message and title are shown literally."""
    node.app.notify(clean_text(message), title=clean_line(title), severity=severity, timeout=timeout, markup=False)
