"""The dashboard's few latest notifications as plain lines: much lighter to draw than a DataTable."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from textual.content import Content
from textual.widgets import Static

from careercopilot.domain.notifications import NotificationView
from careercopilot.tui.formatting import KIND_LABELS, format_age, kind_label
from careercopilot.tui.safe import safe_line

KIND_WIDTH = max(map(len, KIND_LABELS.values()))


def notification_line(n: NotificationView, now: datetime) -> Content:
    title = safe_line(n.title)
    return Content.assemble(
        (" " if n.read else "●", "bold $warning"), " ",
        (f"{format_age(n.created_at, now):<9}", "$text-muted"),
        (f"{kind_label(n.kind):<{KIND_WIDTH}}  ", "$text-muted"),
        title if n.read else title.stylize("bold"),
    )


class RecentNotifications(Static):
    """One line each; CSS cuts long titles with an ellipsis instead of wrapping."""

    DEFAULT_CSS = """
    RecentNotifications { text-wrap: nowrap; text-overflow: ellipsis; height: auto; }
    """

    def show(self, notifications: Iterable[NotificationView], now: datetime) -> None:
        lines = [notification_line(n, now) for n in notifications]
        self.update(Content("\n").join(lines))  # the card's summary line already says when there are none
