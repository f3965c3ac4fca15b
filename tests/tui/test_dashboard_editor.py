"""The dashboard editor: add, remove, move and resize widgets with keys and mouse; the layout outlives the app."""

from __future__ import annotations

import asyncio
import re

import pytest
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget
from tui_support import FIXED_NOW, PASSWORD, make_app, run, screen_name, sign_in_stored, wait_for

from careercopilot.domain.dashboard import DEFAULT_LAYOUT, WidgetKind
from careercopilot.domain.stages import ACTIVE_STAGES, CLOSED_STAGES
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
    rendered = screen.query_one(f"#card-{kind.value} .card-body").render()
    assert isinstance(rendered, Content)
    return rendered.plain


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


def drawn(widget: Widget) -> list[str]:
    """The lines a widget puts on screen, cut to its width as the user sees them."""
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, *widget.outer_size))]


def in_view(screen: DashboardScreen, kind: WidgetKind) -> bool:
    """The whole card lies within the part of the dashboard on screen."""
    return screen.query_one("#dashboard-grid").region.contains_region(screen.query_one(f"#card-{kind.value}").region)


@pytest.mark.parametrize("size", [(100, 30), (160, 50)])
async def test_the_pipeline_shows_every_count_however_narrow_its_card(services: Services, size) -> None:
    user = sign_in_stored(services)
    services.applications.seed_demo(user, FIXED_NOW)
    counts = services.applications.counts(user)
    app = make_app(services)
    async with app.run_test(size=size) as pilot:
        screen = await open_dashboard(app, pilot)
        card = screen.query_one("#card-pipeline")
        chart = card.query_one(".card-body")
        assert card.content_region.contains_region(chart.region)  # no line cut off at the bottom either
        lines = drawn(chart)
        for stage in ACTIVE_STAGES:
            row = next(line for line in lines if line.startswith(stage.value))
            assert re.search(rf"\b{counts[stage]}\b", row), row
        closed = " ".join(lines[len(ACTIVE_STAGES):])
        for stage in CLOSED_STAGES:
            assert f"{counts[stage]} {stage.value}" in closed, closed


async def test_a_narrow_profile_card_still_shows_how_complete_the_profile_is(services: Services, tmp_path) -> None:
    user = sign_in_stored(services)
    services.profiles.update(user, target_titles="Data Engineer", skills="python, sql", locations="Berlin",
                             salary_floor=70000, years_experience=5)
    cv = tmp_path / "cv.md"
    cv.write_text("# Alice\nPython and SQL for eight years.", encoding="utf-8")
    services.profiles.import_cv(user, cv)
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_dashboard(app, pilot)
        assert "100%" in drawn(screen.query_one("#fact-completeness"))[0]


async def test_the_keyboard_reaches_the_widgets_below_the_screen(services: Services) -> None:
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        screen = await open_dashboard(app, pilot)
        grid = screen.query_one("#dashboard-grid")
        assert not in_view(screen, WidgetKind.AREAS)
        await pilot.press("down")
        await wait_for(pilot, lambda: grid.scroll_y > 0)
        await pilot.press("end")
        await wait_for(pilot, lambda: in_view(screen, WidgetKind.AREAS))
        await pilot.press("home", "pagedown")
        await wait_for(pilot, lambda: grid.scroll_y > 1)

        await pilot.press("home", "e", "left")  # the selection wraps round to the last widget
        assert selected(app) is WidgetKind.AREAS
        await wait_for(pilot, lambda: in_view(screen, WidgetKind.AREAS))
        await pilot.press("right")
        await wait_for(pilot, lambda: in_view(screen, WidgetKind.PROFILE))


async def test_a_wider_widget_in_the_last_column_is_drawn_as_wide_as_saved(services: Services) -> None:
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        screen = await open_dashboard(app, pilot)
        card = screen.query_one("#card-pipeline")
        await pilot.press("e")
        await pilot.click("#card-pipeline")
        await pilot.press("shift+right")  # swapped with the follow-ups: into the last column
        await wait_for(pilot, lambda: card.region.x > screen.query_one("#card-follow_ups").region.x)
        for wide, as_wide_as in ((2, WidgetKind.NOTIFICATIONS), (3, WidgetKind.AREAS)):
            await pilot.press("right_square_bracket")
            same = screen.query_one(f"#card-{as_wide_as.value}")
            # Too wide for what is left of its row: it starts the next one, at full size.
            await wait_for(pilot, lambda same=same: card.region.width == same.region.width)
            assert card.region.x == screen.query_one("#card-profile").region.x
            assert (WidgetKind.PIPELINE, wide, 1) in cards_shown(app)
        await pilot.press("e")
        await wait_for(pilot, lambda: any(slot.kind is WidgetKind.PIPELINE and slot.width == 3
                                          for slot in services.dashboard.layout(app.user).widgets))


async def test_upcoming_interviews_name_the_company_and_the_role(services: Services) -> None:
    user = sign_in_stored(services)
    services.applications.seed_demo(user, FIXED_NOW)
    interviews = services.applications.interviews(user, since=FIXED_NOW)
    assert interviews
    app = make_app(services)
    async with run(app) as pilot:
        screen = await open_dashboard(app, pilot)
        lines = body(screen, WidgetKind.UPCOMING_INTERVIEWS).splitlines()
        assert len(lines) == min(len(interviews), 5)
        for line, interview in zip(lines, interviews, strict=False):
            application = services.applications.get(user, interview.application_id)
            assert application.company in line and application.title in line and interview.round_name in line
            assert line.index(application.company) < line.index(interview.round_name)  # cut last when narrow
