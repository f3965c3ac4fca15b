"""A table of notifications: unread dot, kind, title, age; used by the dashboard and the notification center."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from careercopilot.domain.notifications import NotificationView
from careercopilot.tui.formatting import KIND_LABELS, format_age, kind_label
from careercopilot.tui.safe import safe_cell


class NotificationTable(DataTable[Text]):
    """The title column takes whatever width is left, and long titles end in an ellipsis."""

    DEFAULT_CSS = """
    NotificationTable { height: 1fr; overflow-x: hidden; }
    """
    LEADING = (("", "dot", 1), ("Kind", "kind", max(map(len, KIND_LABELS.values()))))
    TRAILING = (("When", "when", 10),)  # "2026-03-02" for anything older than a week

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self._notifications: list[NotificationView] = []
        self._now: datetime | None = None
        self._title_width = 0

    def show(self, notifications: Iterable[NotificationView], now: datetime) -> None:
        """Replace the rows, keeping the cursor on the same notification when it is still listed."""
        self._notifications, self._now = list(notifications), now
        selected = self.selected_id
        self._draw()
        if selected is not None:
            self.select(selected)

    def on_resize(self) -> None:
        if self._now is not None and self._fitting_title_width() != self._title_width:
            self.show(self._notifications, self._now)

    def _fitting_title_width(self) -> int:
        fixed = (*self.LEADING, *self.TRAILING)
        used = sum(width + 2 * self.cell_padding for _, _, width in fixed) + 2 * self.cell_padding
        return max(12, self.scrollable_content_region.width - used)

    def _draw(self) -> None:
        self.clear(columns=True)
        self._title_width = self._fitting_title_width()
        for label, key, width in (*self.LEADING, ("Title", "title", self._title_width), *self.TRAILING):
            self.add_column(label, key=key, width=width)
        for n in self._notifications:
            title = safe_cell(n.title)
            title.overflow, title.no_wrap = "ellipsis", True
            if not n.read:
                title.stylize("bold")
            self.add_row(
                Text(" " if n.read else "●", style="bold yellow"),
                safe_cell(kind_label(n.kind)),
                title,
                Text(format_age(n.created_at, self._now or n.created_at), style="dim"),
                key=str(n.id),
            )

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
