"""The dashboard editor: add, remove, move and resize widgets with keys and mouse; the layout outlives the app."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Static
from tui_support import FIXED_NOW, PASSWORD, make_app, run, screen_name, sign_in_stored, wait_for

from careercopilot.domain.dashboard import DEFAULT_LAYOUT, WidgetKind
from careercopilot.services import Services
from careercopilot.tui.app import CareerCopilotApp
from careercopilot.tui.screens.dashboard import DashboardScreen
from careercopilot.tui.widgets.dashboard_cards import DashboardCard

pytestmark = pytest.mark.asyncio


def dashboard(app: CareerCopilotApp) -> DashboardScreen:
    assert isinstance(app.screen, DashboardScreen)
    return app.screen


def cards_shown(app: CareerCopilotApp) -> list[tuple[WidgetKind, int, int]]:
    """Cards in screen order with the columns and rows each spans."""
    return [(card.kind, card.styles.column_span or 1, card.styles.row_span or 1)
            for card in app.screen.query_one("#dashboard-grid").children if isinstance(card, DashboardCard)]


async def open_dashboard(app: CareerCopilotApp, pilot) -> DashboardScreen:
    await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen" and dashboard(app).board is not None
                   and all(w.is_finished for w in app.workers if w.group == "dashboard"))
    return dashboard(app)


def selected(app: CareerCopilotApp) -> WidgetKind:
    return next(card.kind for card in app.screen.query(DashboardCard) if card.has_class("-selected"))


async def test_every_widget_is_drawn_from_one_summary(services: Services) -> None:
    user = sign_in_stored(services)
    services.jobs.seed_demo(user, FIXED_NOW)
    services.applications.seed_demo(user, FIXED_NOW)
    app = make_app(services)
    async with run(app) as pilot:
        screen = await open_dashboard(app, pilot)
        assert [kind for kind, *_ in cards_shown(app)] == list(DEFAULT_LAYOUT.kinds)
        assert "Submitted" in body(screen, WidgetKind.QUICK_STATS)
        assert "interviewing" in body(screen, WidgetKind.PIPELINE)
        assert "this week" in body(screen, WidgetKind.WEEKLY_GOAL)
        assert body(screen, WidgetKind.RECOMMENDED_JOBS).strip()
        assert "save a search" in body(screen, WidgetKind.SKILL_GAPS)  # loaded last, after the other figures


async def test_signing_in_loads_the_dashboard_figures_once_while_the_screen_is_built(services: Services,
                                                                                     monkeypatch) -> None:
    user = sign_in_stored(services)
    services.applications.seed_demo(user, FIXED_NOW)
    asked: list[frozenset[WidgetKind]] = []
    summary = services.dashboard.summary

    def recorded(*args, only=frozenset(WidgetKind), **kwargs):  # type: ignore[no-untyped-def]
        asked.append(frozenset(only))
        return summary(*args, only=only, **kwargs)

    monkeypatch.setattr(services.dashboard, "summary", recorded)
    app = make_app(services)
    async with run(app) as pilot:
        screen = await open_dashboard(app, pilot)
        await wait_for(pilot, lambda: "save a search" in body(screen, WidgetKind.SKILL_GAPS))
        assert "Submitted" in body(screen, WidgetKind.QUICK_STATS)
    # Asked for at sign-in (all but the skill gaps), then the skill gaps: no figure is queried twice.
    assert asked == [frozenset(WidgetKind) - {WidgetKind.SKILL_GAPS}, frozenset({WidgetKind.SKILL_GAPS})]


async def test_data_fetched_at_sign_in_goes_to_no_one_but_the_user_it_was_fetched_for(services: Services) -> None:
    alice = sign_in_stored(services)
    services.auth.register("bob", "bob@example.org", PASSWORD)
    bob = services.auth.login("bob", PASSWORD).user
    app = make_app(services)
    async with run(app) as pilot:
        await open_dashboard(app, pilot)
        for asking, expected in ((bob, None), (alice, "alice's figures")):
            figures = asyncio.get_running_loop().create_future()
            figures.set_result("alice's figures")
            app._first_area_data = (alice, figures)
            taken = app.take_first_area_data(asking)
            assert (taken.result() if taken else None) == expected and app._first_area_data is None


def body(screen: DashboardScreen, kind: WidgetKind) -> str:
    return screen.query_one(f"#card-{kind.value} .card-body", Static).render().plain


async def test_edit_with_keys_then_the_layout_is_restored_after_a_restart(services: Services) -> None:
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await open_dashboard(app, pilot)
        await pilot.press("x")  # layout keys do nothing outside edit mode
        assert len(cards_shown(app)) == len(DEFAULT_LAYOUT.widgets)
        await pilot.press("e")
        assert selected(app) is WidgetKind.PROFILE
        await pilot.press("right", "x")  # quick stats removed
        await pilot.press("shift+right")  # the selected weekly goal swaps with the pipeline
        await pilot.press("right_square_bracket", "right_square_bracket", "right_curly_bracket")
        await pilot.press("left", "left", "left_curly_bracket")  # the profile: 2 rows down to 1
        await pilot.pause()
        expected = [(WidgetKind.PROFILE, 1, 1), (WidgetKind.PIPELINE, 1, 1), (WidgetKind.WEEKLY_GOAL, 3, 2)]
        assert cards_shown(app)[:3] == expected
        assert WidgetKind.QUICK_STATS not in [kind for kind, *_ in cards_shown(app)]
        await pilot.press("e")  # leaving edit mode saves
        await wait_for(pilot, lambda: services.dashboard.layout(app.user).kinds[:3] == tuple(k for k, *_ in expected))

    restarted = make_app(services)
    async with run(restarted) as pilot:
        await open_dashboard(restarted, pilot)
        await wait_for(pilot, lambda: cards_shown(restarted)[:3] == expected)
        assert len(cards_shown(restarted)) == len(DEFAULT_LAYOUT.widgets) - 1


async def test_add_a_removed_widget_and_reset_the_layout(services: Services) -> None:
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await open_dashboard(app, pilot)
        await pilot.press("e", "right", "right", "x")  # weekly goal removed
        await pilot.press("plus")
        await wait_for(pilot, lambda: screen_name(app) == "WidgetPicker")
        await pilot.press("enter")  # the only widget missing
        await wait_for(pilot, lambda: cards_shown(app)[-1][0] is WidgetKind.WEEKLY_GOAL)
        assert selected(app) is WidgetKind.WEEKLY_GOAL
        await pilot.press("escape")  # escape also leaves edit mode and saves
        await wait_for(pilot, lambda: services.dashboard.layout(app.user).kinds[-1] is WidgetKind.WEEKLY_GOAL)
        await wait_for(pilot, lambda: "this week" in body(dashboard(app), WidgetKind.WEEKLY_GOAL))

        await pilot.press("e", "r", "e")
        await wait_for(pilot, lambda: services.dashboard.layout(app.user) == DEFAULT_LAYOUT)
        assert [kind for kind, *_ in cards_shown(app)] == list(DEFAULT_LAYOUT.kinds)


async def test_a_click_selects_a_widget_in_edit_mode(services: Services) -> None:
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await open_dashboard(app, pilot)
        await pilot.press("e")
        await pilot.click("#card-pipeline")
        assert selected(app) is WidgetKind.PIPELINE
        await pilot.press("left_square_bracket", "right_square_bracket")
        assert (WidgetKind.PIPELINE, 2, 1) in cards_shown(app)
