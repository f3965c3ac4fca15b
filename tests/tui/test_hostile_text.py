"""Outside text is shown literally everywhere: never parsed as markup, never a control sequence, never an action.

Rows are written raw (as an old row or an LLM answer might be) so the render-side cleaning is what is tested.
"""

from __future__ import annotations

import asyncio
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import update
from textual.widgets import Static
from textual.widgets._toast import Toast
from tui_support import FIXED_NOW, make_app, run, screen_name, sign_in_stored, wait_for

from careercopilot.db.models import Notification, Profile
from careercopilot.domain.notifications import NotificationKind, NotificationView
from careercopilot.domain.text import clean_line, clean_text
from careercopilot.services import Services
from careercopilot.tui.app import CareerCopilotApp
from careercopilot.tui.messages import NotificationsArrived
from careercopilot.tui.widgets.notification_table import NotificationTable

PAYLOADS = [
    "[@click=app.quit]x[/]", "[bold red]x[/]", "C++ [Remote] [/]", "[link=https://x]y[/link]", "[$accent]z",
    "\x1b]52;c;SGVsbG8=\x1b\\", "\x1b[2J", "\x9b31m", "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\u202eevil", "[/]", "[", "]", "\x07\x08", "\x85\x90",
]
HOSTILE = st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=6)), min_size=1, max_size=4).map("".join)
# What must never reach the terminal: ESC, other C0 controls (tab/newline aside), DEL and C1.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def row_count(app: CareerCopilotApp) -> int:
    """Rows in the screen's notification table; 0 while the screen is still being composed."""
    tables = app.screen.query(NotificationTable)
    return tables.first().row_count if tables else 0


def plain(app: CareerCopilotApp, selector: str) -> str:
    return app.screen.query_one(selector, Static).render().plain


def assert_literal(shown: str, cleaned: str) -> None:
    assert not CONTROL.search(shown)
    assert cleaned in shown


def write_raw(services: Services, user_id: int, notification_id: int, text: str) -> None:
    with services.db.begin() as s:
        s.execute(update(Notification).where(Notification.id == notification_id)
                  .values(title=text, body=text, link=f"job:{text}", read_at=None))
        s.execute(update(Profile).where(Profile.user_id == user_id)
                  .values(full_name=text, skills=[text], target_titles=[text, "Engineer"]))


async def scenario(services: Services, text: str, notification_id: int) -> None:
    app = make_app(services)
    line, block = clean_line(text), clean_text(text)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await wait_for(pilot, lambda: app.screen.query("#recent-notifications")
                       and plain(app, "#recent-notifications"))
        assert_literal(plain(app, "#recent-notifications"), line)
        assert_literal(plain(app, "#fact-skills"), line)
        assert_literal(plain(app, "#fact-titles"), line)
        if line:
            assert_literal(plain(app, "#profile-name"), line)
        await pilot.click("#profile-name")
        await pilot.click("#fact-skills")

        raw = NotificationView(notification_id + 1, NotificationKind.JOB_MATCH, text, text, None, FIXED_NOW, False)
        app.post_message(NotificationsArrived([raw]))  # as the live feed would post it
        await wait_for(pilot, lambda: len(app.screen.query(Toast)) > 0)
        assert_literal(app.screen.query(Toast).last().render().plain, block)

        await pilot.press("n")
        await wait_for(pilot, lambda: screen_name(app) == "NotificationsScreen" and row_count(app) == 1)
        assert_literal(app.screen.query_one(NotificationTable).get_row_at(0)[2].plain, line)
        assert_literal(plain(app, "#notification-detail"), block)
        await pilot.click("#notification-detail")
        assert app.is_running  # no [@click=app.quit] (or any other action) ran
        assert screen_name(app) == "NotificationsScreen"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
@example(text="[@click=app.quit]Apply now[/]")
@example(text="C++ Dev [Remote] [/]")
@example(text="Dev \x1b]52;c;SGVsbG8=\x1b\\ end \x1b[2J \x9b1m")
def test_outside_text_is_shown_literally(services: Services, text: str) -> None:
    user = sign_in_stored(services) if not services.auth.active_user_ids() else services.auth.resume()
    existing = services.notifications.list(user)
    notification_id = existing[0].id if existing else services.notifications.publish(
        user.user_id, NotificationKind.JOB_MATCH, "placeholder").id
    write_raw(services, user.user_id, notification_id, text)
    asyncio.run(scenario(services, text, notification_id))
