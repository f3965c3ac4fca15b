"""Using the signed-in areas: live notifications, the notification center, the profile, palette and keymap."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import OptionList, Select
from tui_support import make_app, run, screen_name, shown, sign_in_stored, toasts, type_into, wait_for

from careercopilot import paths
from careercopilot.config import load_settings
from careercopilot.domain.notifications import NotificationKind
from careercopilot.services import Services
from careercopilot.tui.app import CareerCopilotApp
from careercopilot.tui.widgets.notification_table import NotificationTable

pytestmark = pytest.mark.asyncio

PUBLISHER = textwrap.dedent("""
    import sys
    from careercopilot.config import load_settings
    from careercopilot.domain.notifications import NotificationKind
    from careercopilot.services import build_services
    services = build_services(load_settings(), migrate=False)
    services.notifications.publish(int(sys.argv[1]), NotificationKind.JOB_MATCH, sys.argv[2], "", None)
    services.close()
""")


def table_titles(app: CareerCopilotApp, selector: str) -> list[str]:
    table = app.screen.query_one(selector, NotificationTable)
    return [table.get_row_at(i)[2].plain for i in range(table.row_count)]


async def test_notification_published_by_another_process_arrives_as_toast_and_badge(services: Services) -> None:
    user = sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: app.channel == "polling")
        assert shown(app, "#header-badge") == "✉ all read"
        subprocess.run([sys.executable, "-c", PUBLISHER, str(user.user_id), "Staff Engineer at Acme"], check=True)
        await wait_for(pilot, lambda: any("Staff Engineer at Acme" in t for t in toasts(app)), timeout=4)
        await wait_for(pilot, lambda: shown(app, "#header-badge") == "✉ 1 unread")
        await wait_for(pilot, lambda: "Staff Engineer at Acme" in shown(app, "#recent-notifications"))


async def test_notification_center_filters_marks_read_and_follows_links(services: Services) -> None:
    user = sign_in_stored(services)
    publish = services.notifications.publish
    publish(user.user_id, NotificationKind.SYSTEM, "Maintenance tonight")
    publish(user.user_id, NotificationKind.SKILL_GAP, "Add Kubernetes to your skills", link="profile:me")
    publish(user.user_id, NotificationKind.INTERVIEW_REMINDER, "Acme interview at 10:00", link="interview:12")
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await pilot.press("n")
        await wait_for(pilot, lambda: len(table_titles(app, "#notification-list")) == 3)
        app.screen.query_one("#notification-list").focus()
        await pilot.press("r")  # the newest one, the interview reminder
        await wait_for(pilot, lambda: app.unread == 2)
        await pilot.press("enter")  # its link has no screen yet: a clear toast, we stay here
        await wait_for(pilot, lambda: any("no screen for 'interview'" in t for t in toasts(app)))
        assert screen_name(app) == "NotificationsScreen"

        await pilot.press("u")  # unread only
        await wait_for(pilot, lambda: table_titles(app, "#notification-list")
                       == ["Add Kubernetes to your skills", "Maintenance tonight"])
        await pilot.press("enter")  # opens the profile it links to and marks it read
        await wait_for(pilot, lambda: screen_name(app) == "ProfileScreen")
        await wait_for(pilot, lambda: app.unread == 1)

        await pilot.press("escape", "n")  # escape leaves any field, so area keys work again
        await wait_for(pilot, lambda: table_titles(app, "#notification-list") == ["Maintenance tonight"])
        app.screen.query_one("#notification-list").focus()
        await pilot.press("m")
        await wait_for(pilot, lambda: app.unread == 0 and table_titles(app, "#notification-list") == [])
    assert services.notifications.unread_count(user) == 0


async def test_profile_edits_persist_and_bad_values_are_named(services: Services, tmp_path: Path) -> None:
    user = sign_in_stored(services)
    cv = tmp_path / "alice-cv.md"
    cv.write_text("# Alice\nPython developer, 7 years.\n", encoding="utf-8")
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await pilot.press("p")
        await wait_for(pilot, lambda: screen_name(app) == "ProfileScreen")
        await type_into(pilot, "#field-target_titles", "Data Engineer, Backend Engineer")
        await type_into(pilot, "#field-salary_floor", "65000")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("Profile saved." in t for t in toasts(app)))

        await type_into(pilot, "#field-salary_currency", "X")  # "USDX"
        await pilot.press("ctrl+s")
        # Named as the form labels it, not as the CLI's field name.
        await wait_for(pilot, lambda: any(t.startswith("Currency must be a 3-letter") for t in toasts(app)))

        await type_into(pilot, "#cv-path", str(cv))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "alice-cv.md" in shown(app, "#cv-summary"))
    profile = services.profiles.get(user)
    assert profile.target_titles == ("Data Engineer", "Backend Engineer")
    assert profile.salary_floor == 65000
    assert profile.salary_currency == "USD"  # the refused value changed nothing
    assert profile.cv_filename == "alice-cv.md"


async def test_command_palette_opens_areas(services: Services) -> None:
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await pilot.press("ctrl+p")
        await pilot.press(*"open settings")
        await wait_for(pilot, lambda: screen_name(app) == "CommandPalette"
                       and app.screen.query_one(OptionList).option_count > 0)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen_name(app) == "SettingsScreen")


async def test_keys_can_be_rebound_from_config(make_services) -> None:
    from dataclasses import replace

    services = make_services()
    services = replace(services, settings=replace(services.settings, tui=replace(
        services.settings.tui, keymap={"area.profile": "f2"})))
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await pilot.press("p")
        assert screen_name(app) == "DashboardScreen"
        await pilot.press("f2")
        await wait_for(pilot, lambda: screen_name(app) == "ProfileScreen")


async def test_settings_show_where_data_lives_and_switch_the_theme(services: Services) -> None:
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await pilot.press("s")
        await wait_for(pilot, lambda: screen_name(app) == "SettingsScreen" and app.screen.query("#settings-places")
                       and "Data folder" in shown(app, "#settings-places"))
        places = shown(app, "#settings-places")
        assert str(services.keystore.fallback_file.parent) in places
        assert "the system keyring (secure)" in places
        app.screen.query_one("#theme", Select).value = "nord"
        await wait_for(pilot, lambda: app.theme == "nord")
        config = services.settings.source or paths.config_file()
        await wait_for(pilot, lambda: config.exists() and 'theme = "nord"' in config.read_text(encoding="utf-8"))
        # The file is written first and the toast posted after it: wait for the toast too, or the test races it.
        await wait_for(pilot, lambda: any("Theme nord saved in" in t for t in toasts(app)))
    assert load_settings().tui.theme == "nord"  # the next start opens in it


async def test_the_footer_lists_the_keys_and_a_click_on_one_runs_it(services: Services) -> None:
    from careercopilot.tui.widgets.key_footer import KeyFooter

    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        footer = app.screen.query_one(KeyFooter)
        await pilot.pause()
        hints = footer.render().plain
        assert " e Edit layout " in hints and "Log out" in hints and "palette" in hints
        await pilot.click(KeyFooter, offset=(hints.index("Log out"), 0))
        await wait_for(pilot, lambda: screen_name(app) == "ConfirmScreen")  # signing out asks first
        await pilot.press("y")
        await wait_for(pilot, lambda: screen_name(app) == "LoginScreen")


async def test_unsaved_profile_edits_survive_a_visit_to_another_area(services: Services) -> None:
    from textual.widgets import Input

    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await pilot.press("p")
        await wait_for(pilot, lambda: screen_name(app) == "ProfileScreen")
        await type_into(pilot, "#field-salary_floor", "91000")
        await pilot.press("escape", "d")
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await pilot.press("p")
        await wait_for(pilot, lambda: screen_name(app) == "ProfileScreen")
        await pilot.pause(0.3)  # a reload, if one ran, would have replaced the field by now
        assert app.screen.query_one("#field-salary_floor", Input).value.endswith("91000")
