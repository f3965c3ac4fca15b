"""The job feed area: search, filter and sort the feed, read a posting and its match, act on it, scrape for more."""

from __future__ import annotations

import asyncio
import webbrowser
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar, TypeVar
from urllib.parse import urlsplit

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, ProgressBar, Static
from textual.worker import get_current_worker

from careercopilot.domain.applications import ApplicationDraft, Stage
from careercopilot.domain.jobs import JobFilters, JobView
from careercopilot.domain.notifications import NotificationKind
from careercopilot.domain.text import plural
from careercopilot.errors import CareerCopilotError
from careercopilot.tui.app import describe
from careercopilot.tui.safe import toast
from careercopilot.tui.screens.base import AreaScreen
from careercopilot.tui.widgets.job_detail import JobDetailPane
from careercopilot.tui.widgets.job_filters import JobFilterBar
from careercopilot.tui.widgets.job_table import JobTable

if TYPE_CHECKING:
    from careercopilot.domain.accounts import UserContext
    from careercopilot.domain.notifications import NotificationView
    from careercopilot.scraping.runner import Progress
    from careercopilot.services import Services
    from careercopilot.services.scrape import ScrapeReport

T = TypeVar("T")
PAGE_SIZE = 100  # rows fetched per service call; more pages load as the user scrolls
WEB_SCHEMES = ("http", "https")
# Actions that need a highlighted posting; greyed out in the footer when the feed is empty.
POSTING_ACTIONS = frozenset({"toggle_saved", "toggle_hidden", "open_in_browser", "split", "track"})


def scrape_summary(report: ScrapeReport) -> str:
    """Counts as the progress line counted them (postings seen), plus how many of those were new."""
    new, seen = sum(b.new for b in report.boards), sum(b.seen for b in report.boards)
    failed = [b.board for b in report.boards if b.status == "failed"]
    summary = f"Scrape finished: {plural(new, 'new posting')} ({seen} seen) from {plural(len(report.boards), 'board')}."
    return summary + (f" {len(failed)} failed: {', '.join(failed)} ('careercopilot boards doctor' says why)."
                      if failed else "")


@dataclass
class ScrapeTally:
    """A running scrape as the progress line shows it. A board may run more than once (a saved search, then the
    company boards), so the bar counts runs (full only when the last ends) and the line counts boards, as the toast."""

    runs_started: int = 0
    runs_finished: int = 0
    boards: set[str] = field(default_factory=set)
    running: Counter[str] = field(default_factory=Counter)
    failed: set[str] = field(default_factory=set)
    seen: int = 0  # postings the finished runs stored, new or not: the report's "seen"

    def count(self, event: Progress) -> None:
        self.boards.add(event.board)
        if event.kind == "board_started":
            self.runs_started += 1
            self.running[event.board] += 1
        elif event.kind == "board_finished":
            self.runs_finished += 1
            self.running[event.board] -= 1
            self.seen += event.postings
            if event.result is not None and not event.result.ok:
                self.failed.add(event.board)

    @property
    def boards_done(self) -> int:
        return sum(1 for board in self.boards if self.running[board] <= 0)

    def describe(self, latest: Progress) -> Content:
        step = {"board_started": "started", "page_fetched": f"page {latest.pages}"}.get(latest.kind, "done")
        failed = f", {len(self.failed)} failed" if self.failed else ""
        boards = plural(len(self.boards), "board")
        done = f"Scraping: {self.boards_done}/{boards}{failed}, {plural(self.seen, 'posting')} seen  "
        return Content.assemble(done, (f"{latest.board} {step}", "$text-muted"))


class ScrapeProgressed(Message):
    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress


class ScrapeFinished(Message):
    """The scrape thread ended: `report` when it ran, otherwise `error` in one sentence."""

    def __init__(self, report: ScrapeReport | None, error: str = "") -> None:
        super().__init__()
        self.report = report
        self.error = error


class JobsScreen(AreaScreen):
    TITLE = "Jobs"
    DEFAULT_CSS = """
    #job-filter-slot { height: auto; min-height: 5; }
    #job-list { height: 1fr; margin: 0 1; }
    #job-status { height: 1; padding: 0 2; color: $text-muted; }
    #job-detail { height: 45%; border-top: solid $primary 60%; }
    #scrape-bar { height: 1; padding: 0 2; display: none; }
    #scrape-bar.-running { display: block; }
    #scrape-label { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="jobs.search"),
        Binding("v", "toggle_saved", "Save", id="jobs.save"),
        Binding("x", "toggle_hidden", "Hide", id="jobs.hide"),
        Binding("o", "open_in_browser", "Open in browser", id="jobs.open"),
        Binding("t", "track", "Track", id="jobs.track"),
        Binding("u", "split", "Split group", id="jobs.split"),
        Binding("g", "scrape", "Get new jobs", id="jobs.scrape"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._generation = 0  # bumped by each reload: a next page is kept only if none happened meanwhile
        self._exhausted = False  # the service has no rows beyond those loaded
        self._loading_more = False
        self._scrape_tally: ScrapeTally | None = None  # the running scrape's progress; None when none runs
        self._filter_bar_ready = False

    def compose_body(self) -> ComposeResult:
        # The filter bar's Selects cost more to mount than the first page costs to fetch: they come right after it.
        yield Vertical(id="job-filter-slot")
        yield JobTable(id="job-list")
        yield Static(id="job-status")
        yield Horizontal(Static(id="scrape-label"), id="scrape-bar")
        yield JobDetailPane(id="job-detail")

    async def _mount_filter_bar(self) -> None:
        await self.query_one("#job-filter-slot").mount(JobFilterBar(self._source_names(), id="job-filters"))
        self._filter_bar_ready = True

    def _source_names(self) -> list[str]:
        services = self.app.services
        return sorted(services.scrape.board_settings()) if services is not None else []

    @property
    def table(self) -> JobTable:
        return self.query_one(JobTable)

    @property
    def filter_bar(self) -> JobFilterBar:
        return self.query_one(JobFilterBar)

    def _filters(self) -> JobFilters:
        """What the filter bar says, for the first page; before it has mounted, its defaults: all jobs by match."""
        if not self._filter_bar_ready:
            return JobFilters(limit=PAGE_SIZE)
        return self.filter_bar.filters(self.app.clock(), limit=PAGE_SIZE)

    async def _ask(self, call: Callable[[Services, UserContext], T]) -> T | None:
        """One service call for the signed-in user, off the UI loop; a failure is shown and gives None."""
        user, services = self.app.user, self.app.services
        if user is None or services is None:
            return None
        try:
            return await self.app.call(call, services, user)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return None

    # --- loading the feed -------------------------------------------------------------------------

    @work(exclusive=True, group="jobs-feed", exit_on_error=False)
    async def reload(self) -> None:
        self._generation += 1  # a next page asked for under the old filters is dropped when it arrives
        filters = self._filters()
        rows = await self._ask(lambda services, user: services.jobs.feed(user, filters))
        if rows is None:
            return
        kept = self.table.selected_id
        self._exhausted, self._loading_more = len(rows) < PAGE_SIZE, False
        self.table.show(rows, self.app.clock())
        self._generation += 1  # and so is one asked for while this first page was on its way
        if kept is not None:
            self.table.select(kept)
        self._show_status()
        self._show_detail()
        if not self.query(JobFilterBar):
            self.call_after_refresh(self._mount_filter_bar)

    @work(group="jobs-more", exit_on_error=False)
    async def load_more(self) -> None:
        generation, filters = self._generation, self._filters()
        # After the last row loaded (keyset paging): no offset to count, and a page far down is as quick as the first.
        page = replace(filters, after_id=next(reversed(self.table.jobs), None))
        try:
            rows = await self._ask(lambda services, user: services.jobs.feed(user, page))
        finally:
            self._loading_more = False
        if rows is not None and generation == self._generation:
            self._exhausted = len(rows) < PAGE_SIZE
            self.table.append(rows)
            self._show_status()
            self._near_end()  # the cursor may still sit near the end (the user pressed End): fetch on

    @on(JobTable.NearEnd)
    def _near_end(self) -> None:
        if self.table.near_end and not self._exhausted and not self._loading_more:
            self._loading_more = True  # set now: more NearEnd messages may already be queued
            self.load_more()

    @on(JobFilterBar.Changed)
    def _filters_changed(self) -> None:
        self.reload()

    def _show_status(self) -> None:
        self.refresh_bindings()  # posting actions are greyed out while the feed is empty
        count = self.table.row_count
        if not count:
            text = "No jobs match these filters. Press g to scrape the boards for new ones."
        else:
            text = f"{plural(count, 'job')} shown" + ("" if self._exhausted else "; scroll for more")
        self.query_one("#job-status", Static).update(text)

    # --- the detail pane --------------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#job-list")
    def _show_detail(self) -> None:
        selected = self.table.selected_id
        if selected is None:
            self.query_one(JobDetailPane).show_nothing("Nothing to show with these filters.")
        else:
            self._load_detail(selected)

    @work(exclusive=True, group="job-detail", exit_on_error=False)
    async def _load_detail(self, job_id: int) -> None:
        detail = await self._ask(lambda services, user: services.jobs.get(user, job_id))
        if detail is not None and self.table.selected_id == job_id:
            self.query_one(JobDetailPane).show(detail, self.app.clock())

    @on(DataTable.RowSelected, "#job-list")
    async def _opened(self) -> None:
        """Enter reads the posting: it counts as seen, and the detail pane takes the keys for scrolling."""
        job = self.table.selected
        if job is not None and not job.seen:
            await self._set_flag(job, seen=True)
        self.query_one(JobDetailPane).focus()

    def notifications_arrived(self, notifications: list[NotificationView]) -> None:
        """A scrape elsewhere (cron, the CLI) found strong matches: show the new rows."""
        if any(n.kind is NotificationKind.JOB_MATCH for n in notifications):
            self.reload()

    def open_item(self, item: str) -> None:
        """A job_match notification links to the feed ("jobs:feed"); a posting id moves the cursor to it."""
        if item.isdigit():
            self.table.select(int(item))

    # --- acting on a posting ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in POSTING_ACTIONS and self.is_mounted and self.table.selected is None:
            return None
        if action == "scrape" and self._scrape_tally is not None:
            return None
        return True

    def action_leave_field(self) -> None:
        """Escape from the search box, a filter or the detail pane lands back on the feed, where the keys act."""
        self.table.focus()

    def action_search(self) -> None:
        if self._filter_bar_ready:
            self.filter_bar.focus_search()

    async def action_toggle_saved(self) -> None:
        job = self.table.selected
        if job is None:
            return
        changed = await self._set_flag(job, saved=not job.saved)
        if changed is not None:
            toast(self, f"Saved: {job.title}" if changed.saved else f"No longer saved: {job.title}")

    async def action_toggle_hidden(self) -> None:
        job = self.table.selected
        if job is None:
            return
        changed = await self._set_flag(job, hidden=not job.hidden)
        if changed is not None and changed.hidden:
            toast(self, f"Hidden: {job.title}. Tick 'Show hidden' to see it again.")

    async def _set_flag(self, job: JobView, **flags: bool) -> JobView | None:
        changed = await self._ask(lambda services, user: services.jobs.set_flags(user, job.id, **flags))
        if changed is None:
            return None
        filters = self._filters()
        # A row just read under "hide seen" stays until the next reload: it is the one the user is reading.
        if (changed.hidden and not filters.include_hidden) or (filters.saved_only and not changed.saved):
            self.table.drop(job.id)
        else:
            self.table.replace(changed)
        self._show_status()
        self._show_detail()
        return changed

    async def action_open_in_browser(self) -> None:
        job = self.table.selected
        if job is None:
            return
        url = job.apply_url or job.url
        if urlsplit(url).scheme.lower() not in WEB_SCHEMES:
            toast(self, f"Not opened: '{url}' is not a web address.", severity="error")
            return
        if not await asyncio.to_thread(webbrowser.open, url):
            # Nothing opened (no browser, a headless box): the link itself is what the user needs. Still unread.
            toast(self, f"No browser could be opened; the link is {url}", severity="warning", timeout=30)
            return
        toast(self, f"Opened {url} in your browser.")
        if not job.seen:
            await self._set_flag(job, seen=True)

    async def action_split(self) -> None:
        job = self.table.selected
        if job is None or await self._ask(lambda services, user: services.jobs.split(user, job.id)) is None:
            return
        toast(self, f"{job.title} ({job.source}) is now listed on its own; the rest of its group stays together.")
        self.reload()

    async def action_track(self) -> None:
        job = self.table.selected
        if job is None:
            return
        draft = ApplicationDraft(company="", title="", stage=Stage.SAVED, job_id=str(job.id))  # filled from the job
        if await self._ask(lambda services, user: services.applications.add(user, draft)) is None:
            return
        toast(self, f"Tracking {job.title} at {job.company} as Saved; press a for your applications.")

    # --- scraping ---------------------------------------------------------------------------------

    async def action_scrape(self) -> None:
        services = self.app.services
        if services is None or self._scrape_tally is not None:
            return
        if not self.query(ProgressBar):
            await self.query_one("#scrape-bar").mount(ProgressBar(id="scrape-progress", show_eta=False))
        filters = self._filters()
        self._scrape_tally = ScrapeTally()
        self.query_one("#scrape-bar").add_class("-running")
        self.query_one("#scrape-label", Static).update("Scraping: starting…")
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.refresh_bindings()
        # What the user is looking at steers the scrape; an empty search runs the saved searches.
        self._scrape(services, filters.query.strip() or None, filters.location or None,
                     True if filters.remote_only else None)

    @work(thread=True, exclusive=True, group="jobs-scrape", exit_on_error=False)
    def _scrape(self, services: Services, query: str | None, location: str | None, remote: bool | None) -> None:
        worker = get_current_worker()

        def report_progress(progress: Progress) -> None:
            if not worker.is_cancelled:
                self.post_message(ScrapeProgressed(progress))

        try:
            report = services.scrape.run(query=query, location=location, remote=remote, on_progress=report_progress)
        except CareerCopilotError as exc:
            self.post_message(ScrapeFinished(None, exc.message))
        except Exception as exc:
            self.log.error(exc)
            self.post_message(ScrapeFinished(None, describe(exc)))
        else:
            self.post_message(ScrapeFinished(report))

    def on_scrape_progressed(self, message: ScrapeProgressed) -> None:
        tally = self._scrape_tally
        if tally is None:
            return
        tally.count(message.progress)
        self.query_one(ProgressBar).update(total=max(tally.runs_started, tally.runs_finished),
                                           progress=tally.runs_finished)
        self.query_one("#scrape-label", Static).update(tally.describe(message.progress))
        if message.progress.kind == "board_finished" and message.progress.postings:
            self.reload()  # that board is stored: its rows show now, not when the slowest board is done

    def on_scrape_finished(self, message: ScrapeFinished) -> None:
        self._scrape_tally = None
        self.query_one("#scrape-bar").remove_class("-running")
        self.refresh_bindings()
        if message.report is None:
            toast(self, message.error, severity="error")
            return
        toast(self, scrape_summary(message.report), severity="warning" if message.report.status != "ok" else
              "information")
        self.reload()
