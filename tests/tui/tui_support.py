"""Pilot helpers shared by the TUI tests: a deterministic app, waiting, typing, reading what is shown."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.widgets._toast import Toast

from careercopilot.domain.accounts import UserContext
from careercopilot.services import Services
from careercopilot.tui.app import CareerCopilotApp

FIXED_NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
PASSWORD = "tulip-harbour-42"
SIZE = (110, 34)


def register(services: Services, username: str = "alice") -> UserContext:
    services.auth.register(username, f"{username}@example.org", PASSWORD)
    return services.auth.login(username, PASSWORD).user


def sign_in_stored(services: Services, username: str = "alice") -> UserContext:
    """An account with a remembered session: the app opens straight on the dashboard."""
    services.auth.register(username, f"{username}@example.org", PASSWORD)
    signed_in = services.auth.login(username, PASSWORD)
    services.auth.remember(signed_in)
    return signed_in.user


def make_app(services: Services) -> CareerCopilotApp:
    return CareerCopilotApp(services=services, clock=lambda: FIXED_NOW)


def run(app: CareerCopilotApp):
    """Run headless at a fixed size with toasts on (run_test hides them by default)."""
    return app.run_test(size=SIZE, notifications=True)


async def wait_for(pilot: Pilot, condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Let the app run until condition() holds; fail the test if it never does."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await pilot.pause(0.05)


async def type_into(pilot: Pilot, selector: str, text: str) -> None:
    """Focus an input and type into it key by key, as a user would."""
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.pause()
    await pilot.press(*text)


def screen_name(app: CareerCopilotApp) -> str:
    return type(app.screen).__name__


def toasts(app: CareerCopilotApp) -> list[str]:
    """The text of every toast on screen, as drawn (title and message)."""
    return [widget.render().plain for widget in app.screen.query(Toast)]


def shown(app: CareerCopilotApp, selector: str) -> str:
    """The plain text a Static/Label currently displays."""
    return app.screen.query_one(selector, Static).render().plain
