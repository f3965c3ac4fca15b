"""Signing in, creating an account, wrong passwords, logging out and expired sessions, driven by Pilot."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from tui_support import (
    PASSWORD,
    make_app,
    register,
    run,
    screen_name,
    shown,
    sign_in_stored,
    toasts,
    type_into,
    wait_for,
)

import careercopilot.tui.app as app_module
from careercopilot.services import Services
from careercopilot.tui.areas import Area

pytestmark = pytest.mark.asyncio


async def open_register_form(pilot: Pilot) -> None:
    await pilot.click("#toggle-form")
    await wait_for(pilot, lambda: pilot.app.screen.query("#register-username"))


async def test_create_account_signs_in_and_remembers_the_session(services: Services) -> None:
    app = make_app(services)
    async with run(app) as pilot:
        await open_register_form(pilot)
        await type_into(pilot, "#register-username", "alice")
        await type_into(pilot, "#register-email", "alice@example.org")
        await type_into(pilot, "#register-password", PASSWORD)
        await type_into(pilot, "#register-confirm", PASSWORD)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await wait_for(pilot, lambda: "alice" in shown(app, "#header-user"))
    assert services.auth.resume().username == "alice"


async def test_mismatched_confirmation_is_refused_before_reaching_the_service(services: Services) -> None:
    app = make_app(services)
    async with run(app) as pilot:
        await open_register_form(pilot)
        await type_into(pilot, "#register-username", "alice")
        await type_into(pilot, "#register-email", "alice@example.org")
        await type_into(pilot, "#register-password", PASSWORD)
        await type_into(pilot, "#register-confirm", PASSWORD + "x")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "passwords differ" in shown(app, "#login-message"))
        assert screen_name(app) == "LoginScreen"
    assert services.auth.active_user_ids() == []  # refused before the service: no account was made


async def test_refused_registration_shows_the_service_sentence(services: Services) -> None:
    app = make_app(services)
    async with run(app) as pilot:
        await open_register_form(pilot)
        await type_into(pilot, "#register-username", "alice")
        await type_into(pilot, "#register-email", "not-an-email")
        await type_into(pilot, "#register-password", PASSWORD)
        await type_into(pilot, "#register-confirm", PASSWORD)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "is not an email address" in shown(app, "#login-message"))
        assert screen_name(app) == "LoginScreen"


async def test_sign_in_with_email_opens_the_dashboard(services: Services) -> None:
    register(services)
    app = make_app(services)
    async with run(app) as pilot:
        await type_into(pilot, "#signin-identifier", "alice@example.org")
        await type_into(pilot, "#signin-password", PASSWORD)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
    assert services.auth.resume().username == "alice"


async def test_wrong_password_shows_one_sentence_and_stays_on_login(services: Services) -> None:
    register(services)
    app = make_app(services)
    async with run(app) as pilot:
        await type_into(pilot, "#signin-identifier", "alice")
        await type_into(pilot, "#signin-password", "wrong password")
        await pilot.press("enter")
        await wait_for(pilot, lambda: shown(app, "#login-message") == "Invalid username or password.")
        assert screen_name(app) == "LoginScreen"
        assert app.screen.query_one("#signin-password").value == ""  # type: ignore[attr-defined]
        await pilot.press("d")  # areas are closed while signed out
        assert screen_name(app) == "LoginScreen"
    assert services.auth.stored_token() is None


async def test_stored_session_opens_the_dashboard_and_logout_forgets_it(services: Services) -> None:
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await pilot.press("l")  # asks first: a stray 'l' typed outside a field must not end the session
        await wait_for(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("n")
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        assert services.auth.stored_token() is not None
        await pilot.press("l")
        await wait_for(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("y")
        await wait_for(pilot, lambda: screen_name(app) == "LoginScreen")
        assert shown(app, "#login-message") == "Signed out."
    assert services.auth.stored_token() is None


async def test_without_a_keyring_the_session_kept_in_the_file_opens_the_dashboard_with_a_warning(
        services: Services, memory_keyring) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    sign_in_stored(services)
    assert services.keystore.fallback_file.exists()
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await wait_for(pilot, lambda: any("No secure system keyring found" in t for t in toasts(app)))
        assert str(services.keystore.fallback_file) in next(t for t in toasts(app) if "keyring" in t)


async def test_revoked_session_sends_the_user_back_to_login(services: Services,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "SESSION_CHECK_SECONDS", 0.2)
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        services.auth.logout(services.auth.stored_token() or "")  # as `careercopilot logout` elsewhere would
        await wait_for(pilot, lambda: screen_name(app) == "LoginScreen")
        assert shown(app, "#login-message") == app_module.SESSION_ENDED
        await pilot.press("p")  # no area opens for the signed-out user
        assert screen_name(app) == "LoginScreen"


async def test_expired_stored_session_stays_on_login(services: Services) -> None:
    sign_in_stored(services)
    services.auth.logout(services.auth.stored_token() or "")
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: any("sign in again" in text for text in toasts(app)))
        assert screen_name(app) == "LoginScreen"


async def test_an_area_that_fails_to_open_is_reported_on_the_login_screen(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(area: Area) -> type:
        raise ImportError(f"No module named '{area.mode}_widgets'")

    monkeypatch.setattr(Area, "screen_class", broken)
    register(services)
    app = make_app(services)
    async with run(app) as pilot:
        await type_into(pilot, "#signin-identifier", "alice")
        await type_into(pilot, "#signin-password", PASSWORD)
        await pilot.press("enter")
        await wait_for(pilot, lambda: shown(app, "#login-message").startswith("Something went wrong: No module"))
        assert screen_name(app) == "LoginScreen"
        assert app.user is None  # area keys stay closed


async def test_demo_opens_on_its_dashboard_even_without_a_keyring(isolated_home, monkeypatch) -> None:
    """The demo keeps its session in its own folder; the TUI it opens must look there, not in the real one."""
    import os

    import keyring
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST
    from keyring.backends import fail
    from typer.testing import CliRunner

    import careercopilot.services.auth as auth
    import careercopilot.tui.app as tui_app
    from careercopilot.cli import app as cli_app
    from careercopilot.tui.app import CareerCopilotApp

    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr(auth, "DEFAULT_HASHER", PasswordHasher.from_parameters(CHEAPEST))
    opened: list[tuple] = []
    monkeypatch.setattr(tui_app, "run_tui", lambda *args: opened.append((*args, os.environ["CAREERCOPILOT_HOME"])))
    result = CliRunner().invoke(cli_app, ["demo"])
    assert result.exit_code == 0, result.output
    (settings, keystore, home), = opened
    monkeypatch.setenv("CAREERCOPILOT_HOME", home)  # `demo` runs its TUI with the demo's folder as the data folder
    app = CareerCopilotApp(settings=settings, keystore=keystore)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen", timeout=15)
        assert app.user is not None and app.user.username == "demo"
    assert home == str(isolated_home / "demo")
    assert [p.name for p in isolated_home.iterdir()] == ["demo"]  # no secret or session hint in the real folder
