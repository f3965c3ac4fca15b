"""A table of notifications: unread dot, kind, title, age; used by the dashboard and the notification center."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from careercopilot.domain.notifications import NotificationKind, NotificationView
from careercopilot.tui.safe import safe_cell


def kind_label(kind: NotificationKind | str) -> str:
    return str(kind).replace("_", " ").capitalize()


def format_age(when: datetime, now: datetime) -> str:
    """"just now", "5m ago", "3h ago", "2d ago", then the date: short enough for a table column."""
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 60:
        return "just now"
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and (unit != "d" or seconds < 7 * 86400):
            return f"{seconds // size}{unit} ago"
    return when.strftime("%Y-%m-%d")


class NotificationTable(DataTable[Text]):
    DEFAULT_CSS = """
    NotificationTable { height: 1fr; }
    """

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_column("", key="dot", width=1)
        self.add_column("Kind", key="kind", width=18)
        self.add_column("Title", key="title")
        self.add_column("When", key="when", width=10)

    def show(self, notifications: Iterable[NotificationView], now: datetime) -> None:
        """Replace the rows, keeping the cursor on the same notification when it is still listed."""
        selected = self.selected_id
        self.clear()
        for n in notifications:
            dot = Text(" " if n.read else "●", style="bold yellow")
            title = safe_cell(n.title)
            if not n.read:
                title.stylize("bold")
            self.add_row(dot, safe_cell(kind_label(n.kind)), title, Text(format_age(n.created_at, now),
                                                                          style="dim"), key=str(n.id))
        if selected is not None:
            self.select(selected)

    @property
    def selected_id(self) -> int | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    def select(self, notification_id: int) -> bool:
        """Move the cursor to a notification; False when it is not listed."""
        try:
            self.move_cursor(row=self.get_row_index(str(notification_id)))
        except RowDoesNotExist:  # filtered out, or gone
            return False
        return True
