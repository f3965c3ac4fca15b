"""The job feed in the TUI: ranked rows, search, save/hide, the detail pane, paging, tracking, hostile titles."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import asdict, replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from textual.widgets import Checkbox, Input, ProgressBar, Static
from tui_support import FIXED_NOW, SIZE, make_app, run, screen_name, shown, sign_in_stored, toasts, type_into, wait_for

from careercopilot.db.models import JobPosting
from careercopilot.domain.applications import Stage
from careercopilot.domain.notifications import NotificationKind
from careercopilot.domain.postings import Location, Posting, RemoteMode, Salary, SalaryInterval
from careercopilot.services import Services
from careercopilot.tui.app import CareerCopilotApp
from careercopilot.tui.screens.jobs import ScrapeTally
from careercopilot.tui.widgets.job_table import JobTable

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scraping"))
from board_server import FAST, FixtureServer, json_reply  # the scraping tests' board fixture server

HOSTILE_TITLE = "[bold red]x[/] \x1b[31mRed\x1b[0m \x1b]52;c;SGVsbG8=\x07 [@click=app.quit]Dev[/]"
# What must never reach the terminal: ESC, other C0 controls (tab/newline aside), DEL and C1.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def posting(source: str, source_id: str, title: str, company: str, **changes: object) -> Posting:
    base = Posting(
        source=source, source_id=source_id, title=title, company=company,
        url=f"https://{source}.example/jobs/{source_id}",
        location=Location(raw="Berlin, Germany", city="Berlin", country_code="DE"),
        remote=RemoteMode.HYBRID, posted_at=FIXED_NOW - timedelta(days=1),
        description_text=f"{title} at {company}. We use Python, PostgreSQL and Kubernetes.",
        salary=Salary(min=70000, max=90000, currency="EUR", interval=SalaryInterval.YEAR),
    )
    return replace(base, **changes)


def seed_feed(services: Services, user, extra: list[Posting] = ()) -> None:  # type: ignore[no-untyped-def]
    """A Python job listed on two boards, an analyst and a marketing job; scored for the user's profile."""
    services.jobs.ingest([
        posting("greenhouse", "acme:1", "Senior Python Engineer", "Acme GmbH"),
        posting("arbeitnow", "python-1", "Senior Python Engineer", "Acme GmbH"),
        posting("remotive", "9", "Data Analyst", "Globex", description_text="Excel and dashboards."),
        posting("jobicy", "3", "Marketing Manager", "Initech", description_text="Campaigns and budgets."),
        *extra,
    ], FIXED_NOW)
    services.profiles.update(user, skills="Python, PostgreSQL, Kubernetes", target_titles="Python Engineer")


def table(app: CareerCopilotApp) -> JobTable:
    return app.screen.query_one(JobTable)


def titles(app: CareerCopilotApp) -> list[str]:
    return [job.title for job in table(app).jobs.values()] if app.screen.query(JobTable) else []


async def open_feed(pilot, app: CareerCopilotApp, rows: int) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: screen_name(app) == "DashboardScreen")
    await pilot.press("j")
    await wait_for(pilot, lambda: screen_name(app) == "JobsScreen" and len(titles(app)) == rows
                   and bool(app.screen.query("#job-search")))
    table(app).focus()
    await pilot.pause()


@pytest.mark.asyncio
async def test_feed_shows_postings_best_match_first_and_search_narrows_it(services: Services) -> None:
    user = sign_in_stored(services)
    seed_feed(services, user)
    app = make_app(services)
    async with run(app) as pilot:
        await open_feed(pilot, app, 3)  # the Python job is one row although two boards list it
        scores = [job.match_score for job in table(app).jobs.values()]
        assert titles(app)[0] == "Senior Python Engineer"
        assert scores == sorted(scores, reverse=True)
        assert shown(app, "#job-status") == "3 jobs shown"

        await type_into(pilot, "#job-search", "analyst")
        await wait_for(pilot, lambda: titles(app) == ["Data Analyst"])
        await type_into(pilot, "#job-search", "zzqx")
        await wait_for(pilot, lambda: titles(app) == [])
        assert "No jobs match" in shown(app, "#job-status")
        await pilot.press("escape")  # back on the feed, where single-letter keys act again
        assert app.focused is table(app)


@pytest.mark.asyncio
async def test_detail_pane_shows_the_match_breakdown_and_also_on(services: Services) -> None:
    user = sign_in_stored(services)
    seed_feed(services, user)
    app = make_app(services)
    async with run(app) as pilot:
        await open_feed(pilot, app, 3)
        await wait_for(pilot, lambda: "Senior Python Engineer" in shown(app, "#job-heading"))
        breakdown = shown(app, "#job-breakdown")
        assert f"Match {titles(app) and table(app).selected.match_score} / 100" in breakdown
        assert "Skills" in breakdown and "/" in breakdown
        assert "Also on" in shown(app, "#job-also-on") and "arbeitnow" in shown(app, "#job-also-on")
        assert "We use Python" in shown(app, "#job-description")

        await pilot.press("down")
        await wait_for(pilot, lambda: "Listed on this board only" in shown(app, "#job-also-on"))


@pytest.mark.asyncio
async def test_save_and_hide_act_on_the_highlighted_job(services: Services) -> None:
    user = sign_in_stored(services)
    seed_feed(services, user)
    app = make_app(services)
    async with run(app) as pilot:
        await open_feed(pilot, app, 3)
        top = table(app).selected
        await pilot.press("v")
        await wait_for(pilot, lambda: table(app).jobs[top.id].saved)
        assert services.jobs.get(user, top.id).job.saved
        assert table(app).get_row_at(0)[1].plain.startswith("★ ")
        assert any("Saved: Senior Python Engineer" in t for t in toasts(app))

        await pilot.press("x")
        await wait_for(pilot, lambda: len(titles(app)) == 2)
        assert "Senior Python Engineer" not in titles(app)
        assert services.jobs.get(user, top.id).job.hidden

        app.screen.query_one("#include-hidden", Checkbox).toggle()
        await wait_for(pilot, lambda: "Senior Python Engineer" in titles(app))


@pytest.mark.asyncio
async def test_rows_load_a_page_at_a_time_as_the_user_scrolls(services: Services) -> None:
    user = sign_in_stored(services)
    many = [posting("himalayas", str(n), f"Support Specialist {n}", f"Company {n}") for n in range(230)]
    seed_feed(services, user, many)
    app = make_app(services)
    async with run(app) as pilot:
        await open_feed(pilot, app, 100)
        assert shown(app, "#job-status") == "100 jobs shown; scroll for more"
        for _ in range(3):
            await pilot.press("end")
            await pilot.pause(0.2)
        await wait_for(pilot, lambda: len(titles(app)) == 233)
        assert shown(app, "#job-status") == "233 jobs shown"
        assert len(set(titles(app))) == 233  # no row twice across pages


@pytest.mark.asyncio
async def test_a_hostile_title_is_shown_literally(services: Services) -> None:
    user = sign_in_stored(services)
    seed_feed(services, user, [posting("remoteok", "66", "placeholder", "[$accent]Evil")])
    with services.db.begin() as s:  # written raw, as an old row might be: the render side must clean it
        s.execute(update(JobPosting).where(JobPosting.source_id == "66").values(title=HOSTILE_TITLE))
    app = make_app(services)
    literal = "[bold red]x[/] Red [@click=app.quit]Dev[/]"
    async with run(app) as pilot:
        await open_feed(pilot, app, 4)
        row = titles(app).index(HOSTILE_TITLE)
        table(app).move_cursor(row=row)
        await wait_for(pilot, lambda: literal in shown(app, "#job-heading"))
        drawn = "\n".join(table(app).render_line(y).text for y in range(table(app).size.height))
        assert "[bold red]x[/] Red [@" in drawn and "[$accent]Ev" in drawn  # both columns are narrower than these
        assert not CONTROL.search(drawn) and not CONTROL.search(shown(app, "#job-heading"))
        await pilot.click("#job-heading")
        await pilot.click(JobTable, offset=(12, row + 1))
        assert app.is_running and screen_name(app) == "JobsScreen"  # no [@click=app.quit] ran


@pytest.mark.asyncio
async def test_track_creates_a_saved_application_from_the_posting(services: Services) -> None:
    user = sign_in_stored(services)
    seed_feed(services, user)
    app = make_app(services)
    async with run(app) as pilot:
        await open_feed(pilot, app, 3)
        top = table(app).selected
        await pilot.press("t")
        await wait_for(pilot, lambda: len(services.applications.list(user)) == 1)
        (tracked,) = services.applications.list(user)
        assert (tracked.title, tracked.company, tracked.stage) == ("Senior Python Engineer", "Acme GmbH", Stage.SAVED)
        assert tracked.job_id == str(top.id) and tracked.url == top.url
        await wait_for(pilot, lambda: any("Tracking Senior Python Engineer" in t for t in toasts(app)))


@pytest.fixture
def board_server() -> Iterator[FixtureServer]:
    server = FixtureServer()
    yield server
    server.close()


@pytest.mark.asyncio
async def test_a_scrape_from_the_feed_reports_progress_and_new_rows_arrive(make_services, isolated_home: Path,
                                                                          board_server: FixtureServer) -> None:
    from careercopilot.scraping.settings import default_board_settings

    # Only remotive runs, against the local fixture server; every other board is off (no test reaches the internet).
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text("".join(
        f'[boards.{name}]\nbase_url = "{board_server.url}"\nrequests_per_minute = 600\n' if name == "remotive"
        else f"[boards.{name}]\nenabled = false\n" for name in default_board_settings()), encoding="utf-8")
    board_server.add("/api/remote-jobs", json_reply("remotive/jobs.json"))
    services = make_services()
    services.scrape.http_overrides.update(asdict(FAST))
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await open_feed(pilot, app, 0)
        assert "No jobs match" in shown(app, "#job-status")
        await pilot.press("g")
        await wait_for(pilot, lambda: any("Scrape finished" in t for t in toasts(app)), timeout=20)
        await wait_for(pilot, lambda: len(titles(app)) > 0)
        bar = app.screen.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (1, 1)  # one board started, one finished
        assert any("new posting" in t and "from 1 board." in t for t in toasts(app))
        assert board_server.hits


@pytest.mark.asyncio
async def test_the_scrape_counter_counts_what_the_final_toast_counts(make_services, isolated_home: Path,
                                                                     board_server: FixtureServer,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from careercopilot.scraping.settings import default_board_settings

    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text("".join(
        f'[boards.{name}]\nbase_url = "{board_server.url}"\nrequests_per_minute = 600\n'
        if name in ("remotive", "arbeitnow") else f"[boards.{name}]\nenabled = false\n"
        for name in default_board_settings()), encoding="utf-8")
    board_server.add("/api/remote-jobs", json_reply("remotive/jobs.json"))  # arbeitnow has no route: a 404, it fails
    services = make_services()
    services.scrape.http_overrides.update(asdict(FAST))
    user = sign_in_stored(services)
    services.scrape.run()  # remotive's postings are stored already: this time they are seen again, none is new
    stored = len(services.jobs.feed(user))
    app = make_app(services)
    async with run(app) as pilot:
        await open_feed(pilot, app, stored)
        label = app.screen.query_one("#scrape-label", Static)
        lines: list[str] = []
        draw = label.update
        monkeypatch.setattr(label, "update", lambda content="": (lines.append(getattr(content, "plain", content)),
                                                                 draw(content))[1])
        await pilot.press("g")
        await wait_for(pilot, lambda: any("Scrape finished" in t for t in toasts(app)), timeout=20)
        (summary,) = [t for t in toasts(app) if "Scrape finished" in t]
        assert summary.startswith("Scrape finished: 0 new postings (2 seen) from 2 boards. 1 failed: arbeitnow")
        assert lines[-1].startswith("Scraping: 2/2 boards, 1 failed, 2 postings seen")  # the line last shown


def test_the_scrape_line_waits_for_a_board_that_runs_again() -> None:
    from careercopilot.scraping.runner import BoardResult, Progress

    tally = ScrapeTally()
    ok = BoardResult("lever", "ok", "")
    for event in (Progress("board_started", "remotive"), Progress("board_started", "lever"),
                  Progress("board_finished", "remotive", 1, 5, BoardResult("remotive", "ok", "")),
                  Progress("board_finished", "lever", 1, 3, ok),
                  Progress("board_started", "lever")):  # lever again, for the company boards
        tally.count(event)
    assert tally.describe(event).plain.startswith("Scraping: 1/2 boards, 8 postings seen")
    assert (tally.runs_finished, tally.runs_started) == (2, 3)  # the bar is not full yet
    tally.count(Progress("board_finished", "lever", 1, 4, ok))
    assert tally.describe(event).plain.startswith("Scraping: 2/2 boards, 12 postings seen")


@pytest.mark.asyncio
async def test_rows_of_a_finished_board_show_while_a_slower_board_still_runs(make_services, isolated_home: Path,
                                                                            board_server: FixtureServer) -> None:
    from careercopilot.scraping.settings import default_board_settings

    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text("".join(
        f'[boards.{name}]\nbase_url = "{board_server.url}"\nrequests_per_minute = 600\n'
        if name in ("remotive", "arbeitnow") else f"[boards.{name}]\nenabled = false\n"
        for name in default_board_settings()), encoding="utf-8")
    board_server.add("/api/remote-jobs", json_reply("remotive/jobs.json"))
    board_server.add("/api/job-board-api", json_reply("arbeitnow/page2.json", delay=4.0))  # a slow, paced board
    services = make_services()
    services.scrape.http_overrides.update(asdict(FAST) | {"timeout": 10.0})
    sign_in_stored(services)
    app = make_app(services)
    async with run(app) as pilot:
        await open_feed(pilot, app, 0)
        await pilot.press("g")
        await wait_for(pilot, lambda: len(titles(app)) > 0, timeout=20)
        assert not any("Scrape finished" in t for t in toasts(app))  # arbeitnow is still on its way
        await wait_for(pilot, lambda: any("Scrape finished" in t for t in toasts(app)), timeout=20)


@pytest.mark.asyncio
async def test_open_in_browser_opens_web_links_only(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    user = sign_in_stored(services)
    seed_feed(services, user)
    with services.db.begin() as s:  # a board that sent a script link instead of a web address
        s.execute(update(JobPosting).where(JobPosting.source == "jobicy").values(url="javascript:alert(1)"))
    app = make_app(services)
    async with run(app) as pilot:
        await open_feed(pilot, app, 3)
        await pilot.press("o")
        await wait_for(pilot, lambda: opened == ["https://greenhouse.example/jobs/acme:1"])
        table(app).move_cursor(row=titles(app).index("Marketing Manager"))
        await pilot.press("o")
        await wait_for(pilot, lambda: any("is not a web address" in t for t in toasts(app)))
        assert opened == ["https://greenhouse.example/jobs/acme:1"]


@pytest.mark.asyncio
async def test_open_in_browser_gives_the_link_when_no_browser_opens(services: Services,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    browser_opens = False
    monkeypatch.setattr("webbrowser.open", lambda url: browser_opens)
    user = sign_in_stored(services)
    seed_feed(services, user)
    app = make_app(services)
    link = "https://greenhouse.example/jobs/acme:1"
    async with run(app) as pilot:
        await open_feed(pilot, app, 3)
        top = table(app).selected
        await pilot.press("o")
        await wait_for(pilot, lambda: any(f"No browser could be opened; the link is {link}" in t for t in toasts(app)))
        assert not any("Opening" in t or "Opened" in t for t in toasts(app))
        await pilot.pause(0.2)
        assert not services.jobs.get(user, top.id).job.seen and not table(app).jobs[top.id].seen  # not read yet

        browser_opens = True
        await pilot.press("o")
        await wait_for(pilot, lambda: any(f"Opened {link} in your browser." in t for t in toasts(app)))
        await wait_for(pilot, lambda: table(app).jobs[top.id].seen)
        assert services.jobs.get(user, top.id).job.seen


async def drawn_row(pilot, app: CareerCopilotApp, title: str) -> str:  # type: ignore[no-untyped-def]
    """The table line showing the job with this title, as drawn (what is scrolled out of view is not in it)."""
    await pilot.pause(0.2)  # column widths settle on idle
    grid = table(app)
    lines = [grid.render_line(y).text for y in range(grid.size.height)]
    return next(line for line in lines if title[:10] in line)


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(160, 50), (100, 30)])
async def test_columns_show_the_whole_salary_and_source(services: Services, size: tuple[int, int]) -> None:
    user = sign_in_stored(services)
    manager = posting("weworkremotely", "em-1", "Engineering Manager, Payments", "Northwind Logistics",
                      salary=Salary(min=110000, max=135000, currency="EUR", interval=SalaryInterval.YEAR))
    seed_feed(services, user, [manager, replace(manager, source="hackernews", source_id="em-1")])
    app = make_app(services)
    async with app.run_test(size=size, notifications=True) as pilot:
        await open_feed(pilot, app, 4)
        job = next(j for j in table(app).jobs.values() if j.title == manager.title)
        row = await drawn_row(pilot, app, manager.title)
        assert "110k–135k EUR" in row
        assert f"{job.source} +1" in row
        python_row = await drawn_row(pilot, app, "Senior Python Engineer")
        assert "Senior Python Engineer" in python_row  # wider than the 16 cells titles used to shrink to
        if size[0] >= 160:  # company and location in full; the title still has room to spare
            assert "Northwind Logistics" in row and "Berlin, Germany" in row
            assert "Engineering Manager, Payments" in row


def test_job_feed_snapshot(snap_compare, services: Services) -> None:
    """The feed with the best match highlighted: filters, ranked rows, breakdown and also-on."""
    user = sign_in_stored(services)
    seed_feed(services, user)
    ids = [job.id for job in services.jobs.feed(user)]
    services.matching.score(ids, [user.user_id], FIXED_NOW)  # recency against the fixed clock, not today's
    app = make_app(services)

    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_feed(pilot, app, 3)
        await wait_for(pilot, lambda: "Also on" in shown(app, "#job-also-on"))
        app.screen.query_one("#job-search", Input).cursor_blink = False

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


@pytest.mark.asyncio
async def test_a_scrape_elsewhere_brings_its_new_rows_in(services: Services) -> None:
    user = sign_in_stored(services)
    seed_feed(services, user)
    app = make_app(services)
    async with run(app) as pilot:
        await open_feed(pilot, app, 3)
        services.jobs.ingest([posting("lever", "7", "Python Platform Engineer", "Umbrella")], FIXED_NOW)
        services.notifications.publish(user.user_id, NotificationKind.JOB_MATCH, "1 new match scoring 70 or more",
                                       link="jobs:feed")  # what a cron scrape announces
        await wait_for(pilot, lambda: "Python Platform Engineer" in titles(app), timeout=10)
