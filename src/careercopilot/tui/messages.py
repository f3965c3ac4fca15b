"""Messages worker threads post to the app (post_message is thread-safe)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from careercopilot.domain.notifications import ChannelState, NotificationView
    from careercopilot.services import Services


class ServicesReady(Message):
    """The background build finished: `services` is set, or `error` says in one sentence why not."""

    def __init__(self, services: Services | None, error: str = "") -> None:
        super().__init__()
        self.services = services
        self.error = error


class NotificationsArrived(Message):
    def __init__(self, notifications: list[NotificationView]) -> None:
        super().__init__()
        self.notifications = notifications


class ChannelChanged(Message):
    def __init__(self, state: ChannelState) -> None:
        super().__init__()
        self.state = state


class ApplicationsChanged(Message):
    """The user's applications changed, perhaps in another process (a CLI command, another window)."""


class SessionEnded(Message):
    """The server no longer accepts our session (expired, revoked, account disabled)."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
