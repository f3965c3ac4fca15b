"""The Career Copilot Textual app: the login screen at once, services built in a thread, areas as MODES."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.signal import Signal
from textual.worker import get_current_worker

from careercopilot import heap
from careercopilot.domain.text import plural
from careercopilot.errors import AuthError, CareerCopilotError, OperationFailed, PermissionDenied
from careercopilot.tui.areas import AREAS, area_for_link
from careercopilot.tui.commands import CareerCopilotCommands
from careercopilot.tui.formatting import describe, kind_label
from careercopilot.tui.messages import (
    ApplicationsChanged,
    ChannelChanged,
    NotificationsArrived,
    ServicesReady,
    SessionEnded,
)
from careercopilot.tui.safe import toast
from careercopilot.tui.screens.login import LoginScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from careercopilot.config import Settings
    from careercopilot.domain.accounts import UserContext
    from careercopilot.domain.notifications import NotificationView
    from careercopilot.keystore import KeyStore
    from careercopilot.services import Services
    from careercopilot.tui.areas import Area
    from careercopilot.tui.screens.base import AreaScreen

T = TypeVar("T")
Command = tuple[str, str, Callable[[], Any]]

# How often the feed thread asks the server whether our session still stands (revocation, expiry).
SESSION_CHECK_SECONDS = 5.0
SESSION_ENDED = "Your session has expired or was revoked; sign in again."
# Benchmarks set this to a file: the app appends the time its first screen was ready for input, then exits.
BENCH_EXIT_ON_READY = "CAREERCOPILOT_BENCH_EXIT_ON_READY"
FIRST_AREA = AREAS[0]  # where signing in lands


def utc_now() -> datetime:
    return datetime.now(UTC)


WARM_UP_DELAY_SECONDS = 2.0


class CareerCopilotApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Career Copilot"
    COMMANDS = App.COMMANDS | {CareerCopilotCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # Only the dashboard key shows in the footer: the dashboard's "Go to" card and ctrl+p list the rest.
        *(Binding(a.key, f"open_area('{a.mode}')", a.title, id=f"area.{a.mode}", show=a is FIRST_AREA) for a in AREAS),
        Binding("l", "logout", "Log out", id="app.logout"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_now"),
    ]

    user: reactive[UserContext | None] = reactive(None, init=False)
    unread: reactive[int] = reactive(0, init=False)
    channel: reactive[str] = reactive("", init=False)

    def __init__(self, settings: Settings | None = None, *, services: Services | None = None,
                 keystore: KeyStore | None = None, clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__()
        self._keystore = keystore  # where the session is kept when not the default place (the demo's own)
        if settings is None and services is None:
            raise ValueError("CareerCopilotApp needs settings or prebuilt services")
        self.settings: Settings = settings if settings is not None else services.settings  # type: ignore[union-attr]
        self.services = services
        self._owns_services = services is None
        self.clock = clock  # relative times ("5m ago") are computed from this, so snapshots can fix it
        self.token: str | None = None
        self.notifications_changed: Signal[list[NotificationView]] = Signal(self, "notifications-changed")
        self.applications_changed: Signal[None] = Signal(self, "applications-changed")
        self._services_ready = asyncio.Event()
        self._services_wanted = threading.Event()  # set by the first keystroke or the first screen that needs them
        self._services_error = ""
        self._feed: Any = None
        self._warmed = False
        self._first_area_data: tuple[UserContext, asyncio.Future[Any]] | None = None
        self.add_mode("login", partial(self._fresh_screen, LoginScreen))
        for area in AREAS:
            self.add_mode(area.mode, partial(self._fresh_screen, area.build))

    def _fresh_screen(self, build: Callable[[], Screen]) -> Screen:
        """Build a mode's screen, marked as styled by the current CSS.

        Textual 8.2.8 re-parses every stylesheet twice when a never-shown screen first becomes current, though
        a screen built now gets the current styles when it mounts; that was the largest cost of opening one.
        """
        screen = build()
        screen._css_update_count = self._css_update_count
        return screen

    # --- start-up ---------------------------------------------------------------------------------

    def on_mount(self) -> None:
        heap.for_screens()  # also when a command (demo, tui) opened the app: it set the collector for commands
        self._apply_look()
        self.switch_mode("login")

    def on_ready(self) -> None:
        """The login screen is drawn; only now start the heavy imports, so they never delay the first frame."""
        ready_file = os.environ.get(BENCH_EXIT_ON_READY)
        if ready_file:  # bench/tui_startup.py: note when the login screen was ready for input, then leave
            with open(ready_file, "a", encoding="utf-8") as handle:
                handle.write(f"{time.time()}\n")
            self.exit()
        elif self.services is None:
            self._build_services()
        else:
            self.post_message(ServicesReady(self.services))

    def _apply_look(self) -> None:
        theme = self.settings.tui.theme
        if theme in self.available_themes:
            self.theme = theme
        else:
            toast(self, f"Theme '{theme}' does not exist; using the default. Pick one under Settings.",
                  severity="warning")
        self.set_keymap(self.settings.tui.keymap)

    @work(thread=True, exclusive=True, group="services", exit_on_error=False)
    def _build_services(self) -> None:
        """SQLAlchemy, Alembic and argon2 load here, after the first frame, not before it.

        Without a stored session they wait for the user to start typing: an untouched login screen stays light.
        """
        from careercopilot import session_hint

        if not session_hint.is_marked(self.settings.database_url):
            worker = get_current_worker()
            while not self._services_wanted.wait(0.2):
                if worker.is_cancelled:
                    return
        from careercopilot.services import build_services

        try:
            services = build_services(self.settings, keystore=self._keystore)
        except CareerCopilotError as exc:
            self.post_message(ServicesReady(None, exc.message))
        except Exception as exc:
            self.log.error(exc)
            self.post_message(ServicesReady(None, f"Career Copilot could not open its database. {describe(exc)}"))
        else:
            # The first screen's services are built here, off the UI loop; a failure shows when it asks for them.
            with contextlib.suppress(Exception):
                services.warm("dashboard")
            self.post_message(ServicesReady(services))
            # Imported while the user types, not on the way to the dashboard; a broken one is reported on sign-in.
            with contextlib.suppress(Exception):
                FIRST_AREA.screen_class()

    def warm_up(self) -> None:
        """Once: import the other areas and build the services they use, in the background."""
        if not self._warmed and self.services is not None:
            self._warmed = True
            heap.settle()  # what the dashboard needed to show stays; later screens should not rescan it
            # Not at once: the first seconds on the dashboard are for reading it and maybe pressing a key,
            # and a thread importing modules then would take half of every core's time from the screen.
            self.set_timer(WARM_UP_DELAY_SECONDS, partial(self._warm_up, self.services))

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def _warm_up(self, services: Services) -> None:
        # Opening an area then costs composing it, not importing Markdown, plotext or the LLM layer first.
        services.warm()
        services.keystore.uses_keyring  # noqa: B018  (the Settings screen shows where secrets are kept)
        for area in AREAS:
            with contextlib.suppress(Exception):  # a broken screen is reported when it is opened
                area.screen_class()
        heap.settle()  # the modules just imported stay for good too

    def on_services_ready(self, message: ServicesReady) -> None:
        self.services, self._services_error = message.services, message.error
        heap.settle()  # SQLAlchemy, the models and the services stay; the dashboard should not rescan them
        self._services_ready.set()
        if message.services is None:
            toast(self, message.error, severity="error", timeout=30)
            return
        self._resume()

    def on_input_changed(self) -> None:
        self._services_wanted.set()

    async def wait_for_services(self, demand: bool = True) -> Services:
        """The services once built; OperationFailed with the reason when they could not be."""
        if demand:
            self._services_wanted.set()
        await self._services_ready.wait()
        if self.services is None:
            raise OperationFailed(self._services_error)
        return self.services

    @work(exclusive=True, group="resume", exit_on_error=False)
    async def _resume(self) -> None:
        """A valid stored session (a returning user, `careercopilot demo`) goes straight to the dashboard."""
        services = await self.wait_for_services()
        auth, keystore = services.auth, services.keystore
        # Probing the keyring's backends takes 100-150 ms: not on the UI loop.
        if not await self.call(lambda: keystore.uses_keyring):
            toast(self, f"No secure system keyring found; your session is kept in {keystore.fallback_file} "
                        "(readable only by you).", severity="warning")
        try:
            if not await self.call(auth.stored_token):
                return
            user = await self.call(auth.resume)
            token = await self.call(auth.stored_token)
        except CareerCopilotError:
            toast(self, "Your last session has ended; sign in again.")
            return
        if self.user is None and token:
            await self.start_session(user, token)

    # --- calling services -------------------------------------------------------------------------

    async def call(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run one blocking service call off the UI loop; unexpected failures become one sentence."""
        try:
            return await asyncio.to_thread(fn, *args, **kwargs)
        except CareerCopilotError:
            raise
        except Exception as exc:
            self.log.error(exc)
            raise OperationFailed(describe(exc)) from exc

    def report(self, exc: CareerCopilotError) -> None:
        """Show a service error as one sentence; a refused session sends the user back to login."""
        if isinstance(exc, AuthError) and not isinstance(exc, PermissionDenied) and self.user is not None:
            self.post_message(SessionEnded(exc.message))
        else:
            toast(self, exc.message, severity="error")

    # --- the session ------------------------------------------------------------------------------

    async def start_session(self, user: UserContext, token: str) -> None:
        self.user, self.token = user, token
        ahead = None
        try:
            # The first area's data is asked for now, so its queries run while its screen is being built.
            ahead = _area_screen(FIRST_AREA).fetch_ahead(self, user)
            if ahead is not None:
                ahead.add_done_callback(_retrieved)
                self._first_area_data = (user, ahead)
            await self.switch_mode(FIRST_AREA.mode)
        except Exception:
            self.user, self.token = None, None  # still on the login screen: no area may open
            self._first_area_data = None
            raise
        # Background work (the notification feed, the follow-up timer and its imports) starts once the first area
        # has its data and is drawn, so it competes with neither the queries nor the drawing.
        start = partial(self.call_after_refresh, self._start_session_work, user, token)
        if ahead is None or ahead.done():
            start()
        else:
            ahead.add_done_callback(lambda _: start())

    def take_first_area_data(self, user: UserContext) -> asyncio.Future[Any] | None:
        """What fetch_ahead started for the first area at sign-in, once, and only for the user still signed in."""
        data, self._first_area_data = self._first_area_data, None
        return data[1] if data is not None and data[0] == user == self.user else None

    def _start_session_work(self, user: UserContext, token: str) -> None:
        if self.user != user:  # signed out (or in as someone else) before the first frame
            return
        self._watch_notifications(user, token)
        self.refresh_unread()
        from careercopilot.tui.screens.applications import start_follow_up_timer

        start_follow_up_timer(self)

    async def end_session(self, message: str, *, error: bool = False) -> None:
        """Forget the stored token, drop every area screen (they hold the old user's data), show login."""
        self._stop_feed()
        if self.services is not None:
            try:
                await self.call(self.services.auth.forget)
            except CareerCopilotError as exc:
                toast(self, exc.message, severity="warning")
        self.user, self.token, self.unread, self.channel = None, None, 0, ""
        await self.switch_mode("login")
        for area in AREAS:
            self.remove_mode(area.mode)
            self.add_mode(area.mode, partial(self._fresh_screen, area.build))
        if isinstance(self.screen, LoginScreen):
            await self.screen.signed_out(message, error=error)

    async def on_session_ended(self, message: SessionEnded) -> None:
        if self.user is None:
            return
        from careercopilot.services.auth import SESSION_EXPIRED

        # The service's sentence points CLI users at 'careercopilot login'; here they sign in on the next screen.
        reason = SESSION_ENDED if message.reason == SESSION_EXPIRED else message.reason
        await self.end_session(reason, error=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_area", "logout", "mark_all_read"):
            return self.user is not None
        return True

    def watch_user(self) -> None:
        self.refresh_bindings()

    # --- live notifications ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="feed", exit_on_error=False)
    def _watch_notifications(self, user: UserContext, token: str) -> None:
        """Long-lived: new notifications become messages; the session is re-checked every few seconds."""
        from careercopilot.services.notifications import NotificationFeed

        worker = get_current_worker()
        services = self.services
        assert services is not None  # a session only starts once services exist
        feed = NotificationFeed(services.notifications, user, self.settings.notifications.poll_seconds)
        self._feed = feed
        state, checked = None, time.monotonic()
        revision = services.applications.revision(user)
        try:
            while not worker.is_cancelled:
                if feed.state != state:
                    state = feed.state
                    self.post_message(ChannelChanged(state))
                batch = feed.next_batch()
                if worker.is_cancelled:
                    break
                if batch:
                    self.post_message(NotificationsArrived(batch))
                revision = self._check_applications(user, revision)
                if time.monotonic() - checked >= SESSION_CHECK_SECONDS:
                    checked = time.monotonic()
                    try:
                        services.auth.authenticate(token)
                    except AuthError as exc:
                        self.post_message(SessionEnded(exc.message))
                        break
                    except Exception as exc:  # the database is briefly unreachable: check again next round
                        self.log.warning(exc)
        finally:
            feed.close()

    def _check_applications(self, user: UserContext, seen: tuple[int, int, str]) -> tuple[int, int, str]:
        """Post ApplicationsChanged when the applications moved on since `seen`; return the revision now."""
        try:
            now = self.services.applications.revision(user)  # type: ignore[union-attr]
        except Exception as exc:  # the database is briefly unreachable: check again next round
            self.log.warning(exc)
            return seen
        if now != seen:
            self.post_message(ApplicationsChanged())
        return now

    def _stop_feed(self) -> None:
        self.workers.cancel_group(self, "feed")
        if self._feed is not None:
            self._feed.close()  # wakes the thread out of its wait at once
            self._feed = None

    def on_notifications_arrived(self, message: NotificationsArrived) -> None:
        for notification in message.notifications:
            toast(self, notification.title, title=kind_label(notification.kind), timeout=8)
        self.refresh_unread()
        self.notifications_changed.publish(message.notifications)

    def on_applications_changed(self, message: ApplicationsChanged) -> None:
        self.applications_changed.publish(None)

    def on_channel_changed(self, message: ChannelChanged) -> None:
        self.channel = message.state.value

    @work(exclusive=True, group="unread", exit_on_error=False)
    async def refresh_unread(self) -> None:
        if self.user is None or self.services is None:
            return
        try:
            self.unread = await self.call(self.services.notifications.unread_count, self.user)
        except CareerCopilotError as exc:
            self.report(exc)

    # --- actions ----------------------------------------------------------------------------------

    async def action_open_area(self, mode: str) -> None:
        await self.switch_mode(mode)

    def action_logout(self) -> None:
        from careercopilot.tui.screens.confirm import ConfirmScreen

        async def answered(sign_out: bool | None) -> None:
            if sign_out:
                await self.end_session("Signed out.")

        # One letter ends the session; typed into a screen with no field focused, it would do so by accident.
        self.push_screen(ConfirmScreen("Sign out of Career Copilot?"), answered)

    async def action_mark_all_read(self) -> None:
        if self.user is None or self.services is None:
            return
        try:
            count = await self.call(self.services.notifications.mark_all_read, self.user)
        except CareerCopilotError as exc:
            self.report(exc)
            return
        toast(self, f"Marked {plural(count, 'notification')} read.")
        self.refresh_unread()
        self.notifications_changed.publish([])

    async def open_link(self, link: str) -> None:
        """Jump to the object a notification links to ("<area>:<id>"), or say clearly that we cannot yet."""
        area, prefix, item = area_for_link(link)
        if area is None:
            toast(self, f"There is no screen for '{prefix}' yet, so '{link}' cannot be opened here.",
                  severity="warning")
            return
        await self.switch_mode(area.mode)
        open_item = getattr(self.screen, "open_item", None)
        if open_item is not None:
            open_item(item)

    def palette_commands(self) -> list[Command]:
        """What the command palette offers: every area and app action the user may run right now."""
        commands: list[Command] = []
        if self.user is not None:
            commands += [(f"Open {a.title}", a.help, partial(self.switch_mode, a.mode)) for a in AREAS]
            commands += [
                ("Mark all notifications read", "Clear the unread badge.", partial(self.run_action, "mark_all_read")),
                ("Log out", "Sign out and forget the stored session.", partial(self.run_action, "logout")),
            ]
        commands.append(("Quit Career Copilot", "Leave the app.", partial(self.run_action, "quit")))
        return commands

    # --- shutdown ---------------------------------------------------------------------------------

    def on_unmount(self) -> None:
        heap.release()  # a process that runs the app again (tests, benches) must not keep the old one frozen
        self._stop_feed()
        if self._owns_services and self.services is not None:
            self.services.close()


def _area_screen(area: Area) -> type[AreaScreen]:
    from careercopilot.tui.screens.base import AreaScreen

    screen = area.screen_class()
    assert issubclass(screen, AreaScreen)  # every area is one
    return screen


def _retrieved(future: asyncio.Future[Any]) -> None:
    """Marks a background result as seen: one that went unused after failing then logs no warning."""
    if not future.cancelled():
        future.exception()


def run_tui(settings: Settings, keystore: KeyStore | None = None) -> None:
    """The entry point `careercopilot` calls; `demo` passes the keystore its session was stored in."""
    CareerCopilotApp(settings=settings, keystore=keystore).run()
