"""The table view of applications: one row each; the screen around it searches, filters and sorts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from careercopilot.domain.applications import ApplicationView
from careercopilot.tui.safe import safe_cell

COLUMNS = (("Company", "company", 24), ("Title", "title", 30), ("Stage", "stage", 12), ("Applied", "applied", 10),
           ("Updated", "updated", 10), ("Next action", "next", 24), ("Due", "due", 10))


def local_date(value: datetime | None) -> Text:
    return Text(value.astimezone().strftime("%Y-%m-%d") if value else "", style="dim")


class ApplicationTable(DataTable[Text]):
    DEFAULT_CSS = """
    ApplicationTable { height: 1fr; }
    """

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        for label, key, width in COLUMNS:
            self.add_column(label, key=key, width=width)

    def show(self, apps: Iterable[ApplicationView]) -> None:
        """Replace the rows, keeping the cursor on the same application when it is still listed."""
        selected = self.selected_id
        self.clear()
        for a in apps:
            self.add_row(safe_cell(a.company), safe_cell(a.title), Text(a.stage.value), local_date(a.applied_at),
                         local_date(a.updated_at), safe_cell(a.next_action), local_date(a.next_action_due),
                         key=str(a.id))
        if selected is not None:
            self.select(selected)

    @property
    def selected_id(self) -> int | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    def select(self, app_id: int) -> bool:
        try:
            self.move_cursor(row=self.get_row_index(str(app_id)))
        except RowDoesNotExist:
            return False
        return True
