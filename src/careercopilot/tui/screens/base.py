"""What every signed-in area screen shares: header, footer, reload when shown or when notifications arrive."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from careercopilot.tui.widgets.header import AppHeader
from careercopilot.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    import asyncio

    from careercopilot.domain.accounts import UserContext
    from careercopilot.domain.notifications import NotificationView
    from careercopilot.tui.app import CareerCopilotApp


class AreaScreen(Screen[None]):
    """Subclasses implement compose_body() and reload(); open_item() when notifications link to them."""

    app: CareerCopilotApp  # type: ignore[assignment]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_field", "Leave field", show=False, id="area.leave_field"),
    ]
    shows_applications: ClassVar[bool] = False  # figures drawn from the user's applications: kept current

    @classmethod
    def fetch_ahead(cls, app: CareerCopilotApp, user: UserContext) -> asyncio.Future[Any] | None:
        """Start loading what a first visit shows, before the screen is built (signing in lands on the first
        area); None when the screen loads on showing, as most do."""
        return None

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield from self.compose_body()
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.app.notifications_changed.subscribe(self, self.notifications_arrived)
        self.app.applications_changed.subscribe(self, lambda _: self.applications_changed())

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles every node of a screen each time it is shown, twice on the first visit; its styles are
        # current already (a theme or CSS change restyles all screens by itself), and that was a fifth of the cost
        # of opening an area.
        event.refresh_styles = False
        self.shown()

    def shown(self) -> None:
        """The screen became current (first visit or coming back): fetch fresh data by default."""
        self.reload()

    def action_leave_field(self) -> None:
        """Single-letter area keys type into a focused field; escape hands them back to the app."""
        self.set_focus(None)

    def reload(self) -> None:
        """Fetch fresh data (start an exclusive worker); called each time the screen is shown."""

    def notifications_arrived(self, notifications: list[NotificationView]) -> None:
        """New notifications or read marks changed elsewhere; areas that show them reload."""

    def applications_changed(self) -> None:
        """The user's applications changed (here or in another process): areas that show figures of them reload."""
        if self.shows_applications and self.is_current:  # a screen out of sight reloads when shown again
            self.reload()

    def open_item(self, item: str) -> None:
        """Show the object a notification link names ("12" in "application:12")."""
