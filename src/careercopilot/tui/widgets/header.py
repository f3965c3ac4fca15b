"""The top bar: app name, current area, signed-in user, unread badge and live-update channel state."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from careercopilot.tui.safe import safe_line

CHANNEL_LOOK = {"live": ("●", "-live"), "polling": ("◐", "-polling"), "reconnecting": ("○", "-reconnecting")}


class UnreadBadge(Static):
    """Click to open the notification center."""

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.app.run_action("open_area('notifications')")


class AppHeader(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("◆ ", "bold $accent"), ("Career Copilot", "bold")), id="header-brand")
        yield Static(Content(self.screen.title or ""), id="header-area")
        yield Static(id="header-user")
        yield UnreadBadge(id="header-badge")
        yield Static(id="header-channel")

    def on_mount(self) -> None:
        self.watch(self.app, "user", self._show_user)
        self.watch(self.app, "unread", self._show_unread)
        self.watch(self.app, "channel", self._show_channel)

    def _show_user(self, user: object) -> None:
        name = getattr(user, "username", "")
        self.query_one("#header-user", Static).update(safe_line(name).stylize("bold") if name else "")

    def _show_unread(self, unread: int) -> None:
        badge = self.query_one("#header-badge", Static)
        badge.update(Content(f"✉ {unread} unread" if unread else "✉ all read"))
        badge.set_class(unread > 0, "-unread")

    def _show_channel(self, channel: str) -> None:
        widget = self.query_one("#header-channel", Static)
        symbol, css_class = CHANNEL_LOOK.get(channel, ("", ""))
        widget.update(Content(f"{symbol} {channel}" if channel else ""))
        for _, look in CHANNEL_LOOK.values():
            widget.set_class(look == css_class, look)
