"""The analytics area: figures and charts for a range of applied dates, updating when the pipeline moves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input, Select
from textual_plotext import PlotextPlot
from tui_support import FIXED_NOW, make_app, run, screen_name, shown, sign_in_stored, toasts, wait_for

from careercopilot.domain.applications import ApplicationDraft, Stage
from careercopilot.services import Services

pytestmark = pytest.mark.asyncio


def applied(services: Services, user, company: str, days_ago: int):
    draft = ApplicationDraft(company=company, title="Engineer", stage=Stage.APPLIED, source="linkedin")
    return services.applications.add(user, draft, at=FIXED_NOW - timedelta(days=days_ago))


async def open_analytics(pilot, app, first: str) -> None:
    """From the dashboard to the analytics screen, once its summary starts with `first`."""
    await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
    await pilot.press("y")
    await wait_for(pilot, lambda: shown(app, "#analytics-summary").startswith(first))


async def test_figures_follow_the_range_and_update_when_an_application_moves(services: Services) -> None:
    user = sign_in_stored(services)
    acme = applied(services, user, "Acme", 3)
    applied(services, user, "Globex", 10)
    applied(services, user, "Initech", 200)  # outside the default twelve weeks
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await pilot.press("y")
        await wait_for(pilot, lambda: screen_name(app) == "AnalyticsScreen")
        await wait_for(pilot, lambda: shown(app, "#analytics-summary").startswith("2 submitted"))
        assert "response 0%" in shown(app, "#analytics-summary")
        assert "Funnel" in app.screen.query_one("#chart-funnel", PlotextPlot).render().plain

        services.applications.move(user, acme.id, Stage.INTERVIEWING, at=FIXED_NOW - timedelta(days=1))
        await wait_for(pilot, lambda: "response 50%" in shown(app, "#analytics-summary"))
        assert "interview 50%" in shown(app, "#analytics-summary")

        app.screen.query_one("#analytics-preset", Select).value = 0  # all time
        await wait_for(pilot, lambda: shown(app, "#analytics-summary").startswith("3 submitted"))
        assert app.screen.query_one("#analytics-since", Input).value == ""

        since = app.screen.query_one("#analytics-since", Input)
        since.value = (FIXED_NOW - timedelta(days=5)).date().isoformat()
        since.focus()
        await pilot.pause()
        assert since.scroll_offset.x == 0  # the whole date shows, the cursor after it, nothing scrolled away
        await pilot.press("enter")
        await wait_for(pilot, lambda: shown(app, "#analytics-summary").startswith("1 submitted"))
        assert "At your current 100% interview rate" in shown(app, "#analytics-advice")
        assert app.screen.query_one("#analytics-preset", Select).selection == -1  # "Custom range", no preset


async def test_an_empty_pipeline_shows_dashes_and_explains_the_forecast(services: Services) -> None:
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await pilot.press("y")
        await wait_for(pilot, lambda: shown(app, "#analytics-summary").startswith("0 submitted"))
        assert "response —" in shown(app, "#analytics-summary")
        assert "no interview rate to project from" in shown(app, "#analytics-advice")
        await wait_for(pilot, lambda: "save a search" in shown(app, "#analytics-gaps"))


async def test_an_application_added_elsewhere_updates_the_figures(services: Services) -> None:
    user = sign_in_stored(services)
    applied(services, user, "Acme", 3)
    app = make_app(services)
    async with run(app) as pilot:
        await open_analytics(pilot, app, "1 submitted")
        applied(services, user, "Globex", 2)  # as `careercopilot apps add` would: no notification is published
        await wait_for(pilot, lambda: shown(app, "#analytics-summary").startswith("2 submitted"), timeout=4)


async def test_a_range_that_is_no_day_or_runs_backwards_is_explained(services: Services) -> None:
    user = sign_in_stored(services)
    applied(services, user, "Acme", 3)
    applied(services, user, "Initech", 200)
    app = make_app(services)
    async with run(app) as pilot:
        await open_analytics(pilot, app, "1 submitted")
        since = app.screen.query_one("#analytics-since", Input)
        since.value = "2026-13-45"
        since.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("'from' takes a day as YYYY-MM-DD, not '2026-13-45'" in t
                                          for t in toasts(app)))
        assert shown(app, "#analytics-summary").startswith("1 submitted")  # not quietly widened to all time

        since.value = (FIXED_NOW + timedelta(days=30)).date().isoformat()
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("'from' is after 'to'; swap them." in t for t in toasts(app)))
        assert shown(app, "#analytics-summary").startswith("1 submitted")
