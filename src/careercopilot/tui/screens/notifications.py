"""The notification center: filter by kind, mark read, open what a notification links to."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, DataTable, Select, Static

from careercopilot.domain.notifications import NotificationKind, NotificationView
from careercopilot.errors import CareerCopilotError
from careercopilot.tui.formatting import format_age, kind_label
from careercopilot.tui.safe import safe, safe_line, toast
from careercopilot.tui.screens.base import AreaScreen
from careercopilot.tui.widgets.notification_table import NotificationTable

if TYPE_CHECKING:
    from datetime import datetime


def notification_detail(n: NotificationView, now: datetime) -> Content:
    where = f"opens {n.link}" if n.link else "links to nothing"
    return Content.assemble(
        safe_line(n.title).stylize("bold"), "\n",
        (f"{kind_label(n.kind)} · {format_age(n.created_at, now)} · ", "$text-muted"),
        safe_line(where).stylize("$text-muted"), "\n\n",
        safe(n.body) if n.body else Content.styled("(no details)", "$text-muted"),
    )


class NotificationsScreen(AreaScreen):
    TITLE = "Notifications"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open", "Open link", id="notifications.open"),
        Binding("r", "mark_read", "Mark read", id="notifications.mark_read"),
        Binding("m", "mark_all_read", "Mark all read", id="notifications.mark_all_read"),
        Binding("u", "toggle_unread", "Unread only", id="notifications.unread_only"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[int, NotificationView] = {}
        self._wanted: int | None = None  # a notification a link asked us to show, selected after the next load

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="notification-filters"):
            yield Select([(kind_label(k), k.value) for k in NotificationKind], prompt="All kinds",
                         id="kind-filter")
            yield Checkbox("Unread only", id="unread-only")
        yield NotificationTable(id="notification-list")
        yield Static(id="notification-detail")

    @property
    def table(self) -> NotificationTable:
        return self.query_one("#notification-list", NotificationTable)

    @work(exclusive=True, group="notifications", exit_on_error=False)
    async def reload(self) -> None:
        user, services = self.app.user, self.app.services
        if user is None or services is None:
            return
        kind = self.query_one("#kind-filter", Select).value
        try:
            rows = await self.app.call(services.notifications.list, user,
                                       unread_only=self.query_one("#unread-only", Checkbox).value,
                                       kind=NotificationKind(kind) if isinstance(kind, str) else None)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        self._shown = {n.id: n for n in rows}
        self.table.show(rows, self.app.clock())
        if self._wanted is not None and self.table.select(self._wanted):
            self.table.focus()
        self._wanted = None
        self._show_detail()

    def notifications_arrived(self, notifications: list[NotificationView]) -> None:
        self.reload()

    def open_item(self, item: str) -> None:
        if item.isdigit():
            self._wanted = int(item)
            self.reload()

    @on(Select.Changed, "#kind-filter")
    @on(Checkbox.Changed, "#unread-only")
    def _filters_changed(self) -> None:
        self.reload()

    @on(DataTable.RowHighlighted, "#notification-list")
    def _show_detail(self) -> None:
        current = self._current()
        detail = self.query_one("#notification-detail", Static)
        detail.update(notification_detail(current, self.app.clock()) if current else
                      Content.styled("Nothing to show with these filters.", "$text-muted"))

    @on(DataTable.RowSelected, "#notification-list")
    async def _selected(self) -> None:
        await self.action_open()

    def _current(self) -> NotificationView | None:
        selected = self.table.selected_id
        return self._shown.get(selected) if selected is not None else None

    # --- actions ----------------------------------------------------------------------------------

    async def action_open(self) -> None:
        current = self._current()
        if current is None:
            return
        await self._mark_read(current)
        if current.link:
            await self.app.open_link(current.link)
        else:
            toast(self, "This notification does not link to anything.")

    async def action_mark_read(self) -> None:
        current = self._current()
        if current is not None:
            await self._mark_read(current)

    async def action_mark_all_read(self) -> None:
        await self.app.action_mark_all_read()

    def action_toggle_unread(self) -> None:
        self.query_one("#unread-only", Checkbox).toggle()

    async def _mark_read(self, notification: NotificationView) -> None:
        if notification.read or self.app.user is None or self.app.services is None:
            return
        try:
            await self.app.call(self.app.services.notifications.mark_read, self.app.user, notification.id)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        self.app.refresh_unread()
        self.reload()
