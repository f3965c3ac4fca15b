"""One scrape: run the boards, store what they found, score it, record each board's health, notify users."""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text, update

from careercopilot import paths
from careercopilot.config import Settings
from careercopilot.db.base import utcnow
from careercopilot.db.engine import Database, sqlite_path
from careercopilot.db.models import BoardRun, ScrapeRun
from careercopilot.errors import BadInput, OperationFailed
from careercopilot.services.active_users import active_users
from careercopilot.services.jobs import JobService
from careercopilot.services.match_alerts import MatchAlerts
from careercopilot.services.matching import MatchingService
from careercopilot.services.notifications import NotificationService
from careercopilot.services.searches import SearchService

if TYPE_CHECKING:
    from careercopilot.services.analytics import AnalyticsService
    from careercopilot.services.matching import Scorer

logger = logging.getLogger(__name__)
BLOCK_STATUSES = frozenset({401, 403, 429, 451})
FILL_DROP = 0.3  # a field filled this much less often than in the previous run is worth a look


@dataclass(frozen=True, slots=True)
class BoardReport:
    board: str
    status: str  # ok or failed
    reason: str
    http_codes: tuple[int, ...]
    pages: int
    seen: int
    new: int
    updated: int
    fill: dict[str, float]
    duration_s: float


@dataclass(frozen=True, slots=True)
class ScrapeReport:
    run_id: int
    status: str  # ok, partial, failed
    boards: tuple[BoardReport, ...]
    notified_users: int
    analytics_notices: int = 0  # skill_gap and analytics_update notifications published after the scrape

    @property
    def exit_code(self) -> int:
        return {"ok": 0, "partial": 4, "failed": 1}[self.status]


@dataclass(frozen=True, slots=True)
class BoardHealth:
    board: str
    type: str
    enabled: bool
    last_run: datetime | None
    last_status: str | None
    last_reason: str
    last_seen: int
    flags: tuple[str, ...] = field(default=())


class ScrapeService:
    def __init__(self, db: Database, settings: Settings, jobs: JobService, matching: MatchingService,
                 notifications: NotificationService, searches: SearchService,
                 analytics: Callable[[], AnalyticsService] | None = None) -> None:
        self.db = db
        self._analytics = analytics  # built only when a scrape has finished: the skill gaps follow new postings
        self.settings = settings
        self.jobs = jobs
        self.matching = matching
        self.notifications = notifications
        self.searches = searches
        self.http_overrides: dict[str, Any] = {}  # tests shrink back-off delays here

    def board_settings(self) -> dict[str, Any]:
        from careercopilot.scraping.settings import default_board_settings

        return {**default_board_settings(), **self.settings.boards}

    def run(self, boards: Sequence[str] = (), query: str | None = None, location: str | None = None,
            remote: bool | None = None, max_pages: int | None = None,
            on_progress: Callable[[Any], None] | None = None, now: datetime | None = None) -> ScrapeReport:
        """Scrape once. With no query: every active user's saved searches, plus the company boards."""
        from careercopilot.scraping.base import SearchQuery

        all_boards = self.board_settings()
        unknown = [b for b in boards if b not in all_boards]
        if unknown:
            raise BadInput(f"Unknown board '{unknown[0]}'; known boards: {', '.join(sorted(all_boards))}.")
        if query is not None or location or remote is not None:
            plans = [(SearchQuery(query or "", location or "", remote, None, max_pages), tuple(boards))]
        else:
            plans = self._saved_search_plans(boards, max_pages)
        with self._exclusive():
            return self._run(plans, on_progress, now or utcnow())

    def _saved_search_plans(self, boards: Sequence[str], max_pages: int | None) -> list[tuple[Any, tuple[str, ...]]]:
        from careercopilot.scraping.base import SearchQuery
        from careercopilot.scraping.settings import ATS

        settings = self.board_settings()
        plans = []
        seen: set[tuple[Any, ...]] = set()
        for search in self.searches.all_active():
            gone = [b for b in search.boards if b not in settings]
            if gone:  # a declarative board removed from config.toml since the search was saved
                logger.warning("saved search %r names boards no longer configured: %s", search.name, ", ".join(gone))
            wanted = search.boards or boards
            chosen = tuple(b for b in wanted if (not boards or b in boards) and b in settings)
            if wanted and not chosen:  # none of its boards runs now; an empty list would mean every board
                continue
            key = (search.query, search.location, search.remote, chosen)
            if key not in seen:
                seen.add(key)
                plans.append((SearchQuery(search.query, search.location, search.remote or None, None, max_pages),
                               chosen))
        company_boards = tuple(name for name, b in settings.items()
                               if b.enabled and b.type in ATS and (not boards or name in boards))
        if company_boards:
            plans.append((SearchQuery("", "", None, None, max_pages), company_boards))
        if not seen:  # no saved search runs on these boards: they collect their latest postings
            latest = tuple(name for name in (boards or [n for n, b in settings.items() if b.enabled])
                           if name not in company_boards)
            if latest:
                plans.append((SearchQuery("", "", None, None, max_pages), latest))
        return plans

    def _run(self, plans: list[tuple[Any, tuple[str, ...]]], on_progress: Callable[[Any], None] | None,
             now: datetime) -> ScrapeReport:
        with self.db.begin() as s:
            run = ScrapeRun(started_at=now)
            s.add(run)
            s.flush()
            run_id = run.id
        totals: dict[str, dict[str, Any]] = {}
        boards: list[str] = []
        scorer = self.matching.scorer(now)
        for query, names in plans:
            boards += self._scrape(query, names, totals, scorer, on_progress, now)
        # In the order the boards were asked for, whichever finished first.
        reports = tuple(self._record(run_id, name, totals[name], now) for name in dict.fromkeys(boards))
        self.jobs.expire_stale(int(self.settings.scrape.expire_after_days), now)
        failed = sum(r.status == "failed" for r in reports)
        status = "failed" if reports and failed == len(reports) else "partial" if failed else "ok"
        with self.db.begin() as s:
            s.execute(update(ScrapeRun).where(ScrapeRun.id == run_id).values(finished_at=utcnow(), status=status))
        return ScrapeReport(run_id, status, reports, self.notify_matches(now), self.publish_analytics(now))

    def _scrape(self, query: Any, names: tuple[str, ...], totals: dict[str, dict[str, Any]], scorer: Scorer,
                on_progress: Callable[[Any], None] | None, now: datetime) -> tuple[str, ...]:
        """One query on its boards (which it returns): they are fetched and parsed while this thread stores."""
        from careercopilot.scraping.worker import Found, scrape_boards
        from careercopilot.services.jobs import Prepared, prepare

        settings = self.board_settings()
        chosen = names or tuple(name for name, board in settings.items() if board.enabled)
        found: dict[str, list[Any]] = {name: [] for name in chosen}
        prepared: dict[str, Prepared] = {}
        for event in scrape_boards(settings, chosen, query, self._http_settings(), self._cache_url(), ahead=prepare):
            if isinstance(event, Found):
                found[event.board] += event.postings
                # While the next page is parsed, the work needing no database is done (here, or by the fetching
                # side when this one fell behind).
                ready: dict[str, Prepared] = event.ahead if event.ahead is not None else prepare(event.postings)
                for work in ready.values():
                    scorer.score_ahead(work.posting, work.skills)
                prepared.update(ready)
                continue
            if event.kind == "board_finished":
                postings = found.pop(event.board, [])
                result = replace(event.result, postings=tuple(postings) if event.result.ok else ())
                stored = self.jobs.ingest(result.postings, now, prepared) if result.ok else None
                if stored and stored.changed:
                    self.matching.score_stored(stored.changed, scorer=scorer)
                for posting in postings:
                    prepared.pop(posting.id, None)
                scorer.forget(postings)
                self._merge(totals, result, stored)
                event = replace(event, result=result)
            if on_progress is not None:
                on_progress(event)
        return chosen

    def _cache_url(self) -> str | None:
        """Where the fetching side keeps conditional-request validators: this database, unless in memory."""
        return None if self.db.is_sqlite and sqlite_path(self.db.url) is None else self.db.url

    def _http_settings(self) -> Any:
        from careercopilot.scraping.http import HttpSettings

        scrape = self.settings.scrape
        chosen = {"user_agent": scrape.user_agent, "proxy": scrape.proxy or None, "timeout": scrape.timeout_seconds}
        return HttpSettings(**{**{k: v for k, v in chosen.items() if v}, **self.http_overrides})

    @staticmethod
    def _merge(totals: dict[str, dict[str, Any]], result: Any, stored: Any) -> None:
        """One board may run for several queries in a scrape: its report adds them up."""
        t = totals.setdefault(result.board, {"status": "ok", "reasons": [], "codes": [], "pages": 0, "seen": 0,
                                             "new": 0, "updated": 0, "fill": {}, "duration": 0.0})
        if not result.ok:
            t["status"] = "failed"
        t["reasons"].append(result.reason)
        t["codes"].extend(result.http_statuses)
        t["pages"] += result.pages_fetched
        t["duration"] += result.duration
        if stored:
            t["seen"] += stored.seen
            t["new"] += stored.new
            t["updated"] += stored.updated
        t["fill"] = result.filled or t["fill"]

    def _record(self, run_id: int, board: str, t: dict[str, Any], now: datetime) -> BoardReport:
        failures = [r for r in t["reasons"] if t["status"] == "failed"]
        reason = failures[-1] if failures else t["reasons"][-1]
        report = BoardReport(board, t["status"], reason, tuple(t["codes"]), t["pages"], t["seen"], t["new"],
                             t["updated"], dict(t["fill"]), round(t["duration"], 3))
        with self.db.begin() as s:
            s.add(BoardRun(run_id=run_id, board=board, status=report.status, reason=reason,
                           http_codes=list(report.http_codes), pages=report.pages, seen=report.seen, new=report.new,
                           updated=report.updated, fill=report.fill, duration_s=report.duration_s, started_at=now))
        return report

    def notify_matches(self, since: datetime | None = None) -> int:
        """One job_match notification per user about the new postings their saved searches find (or, without
        one, that match their profile); since: this run's start (None: everything not yet alerted)."""
        alerts = MatchAlerts(self.db, self.jobs, self.searches, self.notifications,
                             int(self.settings.scrape.match_threshold))
        return alerts.publish(since)

    def publish_analytics(self, now: datetime) -> int:
        """Each active user's changed top skill gaps and new weekly figures, each once; how many were published."""
        if self._analytics is None:
            return 0
        analytics = self._analytics()
        return sum(len(analytics.publish_updates(user, now)) for user in active_users(self.db))

    def try_board(self, name: str, query: str = "") -> Any:
        """One page from one board, parsed but not stored: for checking a new or declarative board."""
        from careercopilot.scraping.base import SearchQuery
        from careercopilot.scraping.registry import build_boards
        from careercopilot.scraping.runner import run_boards_sync

        if name not in self.board_settings():
            raise BadInput(f"Unknown board '{name}'; known boards: {', '.join(sorted(self.board_settings()))}.")
        (result,) = run_boards_sync(build_boards(self.board_settings(), [name]), SearchQuery(query, max_pages=1),
                                    self._http_settings())
        return result

    def health(self) -> list[BoardHealth]:
        """Each board's last run, with flags for zero results, blocks and sudden drops in filled fields."""
        result = []
        with self.db.read() as s:
            for name, board in sorted(self.board_settings().items()):
                runs = list(s.scalars(select(BoardRun).where(BoardRun.board == name)
                                      .order_by(BoardRun.id.desc()).limit(2)))
                last = runs[0] if runs else None
                result.append(BoardHealth(name, board.type, board.enabled, last.started_at if last else None,
                                          last.status if last else None, last.reason if last else "",
                                          last.seen if last else 0, _flags(runs)))
        return result

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """A lock so a slow cron scrape and a manual one never overlap."""
        if self.db.is_sqlite:
            db_file = sqlite_path(self.db.url)
            lock_path = (db_file.parent if db_file else paths.ensure_private_dir(paths.data_dir())) / "scrape.lock"
            with open(lock_path, "w") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise OperationFailed("Another scrape is still running; try again when it has finished.") from None
                yield
            return
        with self.db.engine.connect() as conn:
            if not conn.execute(text("SELECT pg_try_advisory_lock(727274)")).scalar():
                raise OperationFailed("Another scrape is still running; try again when it has finished.")
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(727274)"))


def _flags(runs: list[BoardRun]) -> tuple[str, ...]:
    if not runs:
        return ()
    last, flags = runs[0], []
    if last.status == "ok" and last.seen == 0:
        flags.append("0 results")
    if BLOCK_STATUSES & set(last.http_codes or ()) or "blocked" in (last.reason or "").lower():
        flags.append("blocked")
    if len(runs) == 2:
        before = runs[1].fill or {}
        dropped = [f for f, share in (last.fill or {}).items() if before.get(f, 0) - share >= FILL_DROP]
        if dropped:
            flags.append(f"fewer fields filled: {', '.join(sorted(dropped))}")
    return tuple(flags)
