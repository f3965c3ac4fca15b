"""The tracker in the TUI: moving cards through the kanban with keys and mouse, undo, the detail screen, the table."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from textual.widgets import Input, TextArea
from tui_support import (
    FIXED_NOW,
    make_app,
    run,
    screen_name,
    shown,
    sign_in_stored,
    toasts,
    type_into,
    wait_for,
)

from careercopilot.domain.applications import ApplicationDraft, Stage
from careercopilot.domain.notifications import NotificationKind
from careercopilot.services import Services
from careercopilot.tui.app import CareerCopilotApp
from careercopilot.tui.widgets.application_board import ApplicationBoard, CardColumn
from careercopilot.tui.widgets.application_table import ApplicationTable

pytestmark = pytest.mark.asyncio


def activate(app: CareerCopilotApp, stage: Stage) -> None:
    board = app.screen.query_one(ApplicationBoard)
    board.active = stage
    board.focus()


def column(app: CareerCopilotApp, stage: Stage) -> CardColumn:
    return app.screen.query_one(f"#cards-{stage.value}", CardColumn)


def title(app: CareerCopilotApp, stage: Stage) -> str:
    return str(column(app, stage).border_title)


def companies(app: CareerCopilotApp, stage: Stage) -> list[str]:
    return [card.company for card in column(app, stage).cards]


def stored_stage(services: Services, user, app_id: int) -> Stage:
    return services.applications.get(user, app_id).stage


def detail_text(app: CareerCopilotApp, selector: str) -> str:
    """What a detail section shows, or "" while the pushed screen is still composing."""
    return shown(app, selector) if app.screen.query(selector) else ""


async def open_board(pilot, app: CareerCopilotApp) -> None:
    await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
    await pilot.press("a")
    await wait_for(pilot, lambda: screen_name(app) == "ApplicationsScreen"
                   and any(column(app, s).cards for s in Stage))


async def test_moving_a_card_through_the_kanban_and_undoing(services: Services) -> None:
    user = sign_in_stored(services)
    acme = services.applications.add(user, ApplicationDraft("Acme", "Backend Engineer"))
    services.applications.add(user, ApplicationDraft("Globex", "SRE", stage=Stage.APPLIED))
    app = make_app(services)
    async with run(app) as pilot:
        await open_board(pilot, app)
        assert companies(app, Stage.SAVED) == ["Acme"] and companies(app, Stage.APPLIED) == ["Globex"]
        assert title(app, Stage.SAVED) == "Saved  1"
        activate(app, Stage.SAVED)
        await pilot.press("shift+right")
        assert companies(app, Stage.APPLIED) == ["Acme", "Globex"]  # on screen before the save finished
        assert title(app, Stage.APPLIED) == "Applied  2" and title(app, Stage.SAVED) == "Saved  0"
        await wait_for(pilot, lambda: stored_stage(services, user, acme.id) is Stage.APPLIED)
        await pilot.press("shift+right")  # the card kept the cursor, so it moves on
        await wait_for(pilot, lambda: stored_stage(services, user, acme.id) is Stage.SCREENING)
        assert companies(app, Stage.SCREENING) == ["Acme"]

        await pilot.press("u")
        await wait_for(pilot, lambda: companies(app, Stage.APPLIED) == ["Acme", "Globex"])
        assert stored_stage(services, user, acme.id) is Stage.APPLIED
        assert any("Moved back to applied" in t for t in toasts(app))
        history = services.applications.history(user, acme.id)
        assert [(h.from_stage, h.to_stage) for h in history] == [
            (None, Stage.SAVED), (Stage.SAVED, Stage.APPLIED), (Stage.APPLIED, Stage.SCREENING),
            (Stage.SCREENING, Stage.APPLIED)]
        statuses = services.notifications.list(user, kind=NotificationKind.APPLICATION_STATUS)
        assert len(statuses) == 3  # every status change, the undo included


async def test_mouse_moves_by_clicking_a_column_header_and_closed_stages_unfold(services: Services) -> None:
    user = sign_in_stored(services)
    acme = services.applications.add(user, ApplicationDraft("Acme", "Dev", stage=Stage.APPLIED))
    app = make_app(services)
    async with run(app) as pilot:
        await open_board(pilot, app)
        assert not column(app, Stage.REJECTED).display  # closed stages start collapsed
        await pilot.click("#cards-applied", offset=(3, 2))
        await pilot.click("#cards-interviewing", offset=(3, 0))  # the column's title
        await wait_for(pilot, lambda: stored_stage(services, user, acme.id) is Stage.INTERVIEWING)
        assert companies(app, Stage.INTERVIEWING) == ["Acme"]
        await pilot.press("7")  # digits pick stages in pipeline order: 7 is rejected
        await wait_for(pilot, lambda: stored_stage(services, user, acme.id) is Stage.REJECTED)
        assert column(app, Stage.REJECTED).display and companies(app, Stage.REJECTED) == ["Acme"]
        await pilot.press("c")
        assert not app.screen.query_one(ApplicationBoard).show_closed


async def test_detail_screen_shows_history_and_saves_a_note(services: Services) -> None:
    user = sign_in_stored(services)
    acme = services.applications.add(user, ApplicationDraft("Acme [b]Corp[/b]", "Dev", stage=Stage.APPLIED,
                                                            applied_at=FIXED_NOW - timedelta(days=3)))
    services.applications.move(user, acme.id, Stage.SCREENING, note="Recruiter call")
    app = make_app(services)
    async with run(app) as pilot:
        await open_board(pilot, app)
        activate(app, Stage.SCREENING)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen_name(app) == "ApplicationDetailScreen"
                       and "Recruiter call" in detail_text(app, "#detail-history"))
        assert "Acme [b]Corp[/b]" in shown(app, "#detail-title")  # outside text is never markup
        assert "applied → screening" in shown(app, "#detail-history")
        app.screen.query_one("#detail-note-editor", TextArea).focus()
        await pilot.press(*"Ask about on-call")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Ask about on-call" in shown(app, "#detail-notes"))
        assert [n.body for n in services.applications.show(user, acme.id).notes] == ["Ask about on-call"]
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: screen_name(app) == "ApplicationsScreen")


async def test_table_view_searches(services: Services) -> None:
    user = sign_in_stored(services)
    for company, title in (("Acme", "Python Developer"), ("Globex", "SRE"), ("Initech", "Python Analyst")):
        services.applications.add(user, ApplicationDraft(company, title))
    app = make_app(services)
    async with run(app) as pilot:
        await open_board(pilot, app)
        await pilot.press("slash")
        table = app.screen.query_one(ApplicationTable)
        await wait_for(pilot, lambda: table.row_count == 3)
        await pilot.press(*"python")
        await wait_for(pilot, lambda: table.row_count == 2)
        assert {table.get_row_at(i)[0].plain for i in range(2)} == {"Acme", "Initech"}


async def test_a_notification_link_opens_the_application(services: Services) -> None:
    user = sign_in_stored(services)
    acme = services.applications.add(user, ApplicationDraft("Acme", "Dev"))
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await app.open_link(f"application:{acme.id}")
        await wait_for(pilot, lambda: screen_name(app) == "ApplicationDetailScreen"
                       and "Acme" in detail_text(app, "#detail-title"))


async def test_contacts_and_interviews_are_added_from_the_detail_screen(services: Services) -> None:
    user = sign_in_stored(services)
    acme = services.applications.add(user, ApplicationDraft("Acme", "Dev", stage=Stage.INTERVIEWING))
    app = make_app(services)
    async with run(app) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
        await app.open_link(f"application:{acme.id}")
        await wait_for(pilot, lambda: "Acme" in detail_text(app, "#detail-title"))
        await pilot.press("c")
        await wait_for(pilot, lambda: screen_name(app) == "FieldsForm")
        await type_into(pilot, "#form-name", "Jane Roe")
        await type_into(pilot, "#form-role", "Recruiter")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Jane Roe · Recruiter" in detail_text(app, "#detail-contacts"))

        await pilot.press("i")
        await wait_for(pilot, lambda: screen_name(app) == "FieldsForm")
        await type_into(pilot, "#form-round_name", "Final round")
        await type_into(pilot, "#form-kind", "sometimes")
        await type_into(pilot, "#form-starts_at", "2030-05-06 10:00")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("Kind must be one of" in t for t in toasts(app)))
        assert services.applications.show(user, acme.id).interviews == ()
        # The form comes back with everything typed: only the wrong field needs fixing.
        await wait_for(pilot, lambda: screen_name(app) == "FieldsForm")
        assert app.screen.query_one("#form-round_name", Input).value == "Final round"
        assert app.screen.query_one("#form-starts_at", Input).value == "2030-05-06 10:00"
        app.screen.query_one("#form-kind", Input).value = "video"
        app.screen.query_one("#form-timezone", Input).value = "Europe/Berlin"
        app.screen.query_one("#form-starts_at", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Final round" in detail_text(app, "#detail-interviews"))
        [interview] = services.applications.show(user, acme.id).interviews
        assert (interview.starts_at.hour, interview.timezone) == (8, "Europe/Berlin")  # 10:00 in Berlin


async def test_a_reload_that_raced_a_move_does_not_put_the_card_back(services: Services, monkeypatch) -> None:
    user = sign_in_stored(services)
    acme = services.applications.add(user, ApplicationDraft("Acme", "Dev"))
    app = make_app(services)
    async with run(app) as pilot:
        await open_board(pilot, app)
        activate(app, Stage.SAVED)
        listed = services.applications.list

        def slow_list(*args, **kwargs):
            rows = listed(*args, **kwargs)  # read before the move is saved...
            time.sleep(0.4)  # ...and handed back after it
            return rows

        monkeypatch.setattr(services.applications, "list", slow_list)
        app.screen.reload()
        await pilot.pause(0.05)
        await pilot.press("shift+right")
        await wait_for(pilot, lambda: stored_stage(services, user, acme.id) is Stage.APPLIED)
        await pilot.pause(1.0)  # the stale read has come back and the follow-up reload has run
        assert companies(app, Stage.APPLIED) == ["Acme"] and companies(app, Stage.SAVED) == []


async def test_an_application_added_elsewhere_appears_on_the_board(services: Services) -> None:
    user = sign_in_stored(services)
    services.applications.add(user, ApplicationDraft("Acme", "Backend Engineer"))
    app = make_app(services)
    async with run(app) as pilot:
        await open_board(pilot, app)
        # As `careercopilot apps add` in another terminal would: no notification names it.
        services.applications.add(user, ApplicationDraft("Globex", "SRE", stage=Stage.APPLIED))
        await wait_for(pilot, lambda: companies(app, Stage.APPLIED) == ["Globex"], timeout=4)
        assert title(app, Stage.APPLIED) == "Applied  1"
