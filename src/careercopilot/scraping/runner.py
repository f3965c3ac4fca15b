"""Run boards concurrently; each ends as a BoardResult, and a failing board never stops the others."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from careercopilot.domain.postings import Posting, RemoteMode, Seniority
from careercopilot.domain.text import plural
from careercopilot.scraping.base import ITEM_ERRORS, Board, SearchQuery
from careercopilot.scraping.errors import BoardError
from careercopilot.scraping.http import HttpSettings, PoliteClient, ResponseCache
from careercopilot.scraping.runlog import RunLog, recording

logger = logging.getLogger(__name__)
HAND_OVER_EVERY = 250  # postings of one page handed to on_found at a time, before the page is read to its end

# Fields whose fill rate tells whether a board's parser still finds what it used to.
FILLED: dict[str, Callable[[Posting], bool]] = {
    "company": lambda p: bool(p.company),
    "location": lambda p: bool(p.location.raw),
    "country": lambda p: p.location.country_code is not None,
    "remote": lambda p: p.remote is not RemoteMode.UNKNOWN,
    "employment_types": lambda p: bool(p.employment_types),
    "seniority": lambda p: p.seniority is not Seniority.UNKNOWN,
    "department": lambda p: p.department is not None,
    "salary": lambda p: p.salary.min is not None or p.salary.max is not None,
    "posted_at": lambda p: p.posted_at is not None,
    "description": lambda p: bool(p.description_text),
    "tags": lambda p: bool(p.tags),
    "apply_url": lambda p: p.apply_url is not None,
}


@dataclass(frozen=True)
class BoardResult:
    board: str
    status: Literal["ok", "failed"]
    reason: str
    http_statuses: tuple[int, ...] = ()
    postings: tuple[Posting, ...] = ()
    pages_fetched: int = 0
    skipped_items: int = 0
    filled: dict[str, float] = field(default_factory=dict)
    duration: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class Progress:
    """One step of a run, for progress bars: kind is board_started, page_fetched or board_finished."""

    kind: Literal["board_started", "page_fetched", "board_finished"]
    board: str
    pages: int = 0
    postings: int = 0
    result: BoardResult | None = None


ProgressCallback = Callable[[Progress], None]
# Called with each board's postings a page at a time, so a caller can start on them before the board ends.
FoundCallback = Callable[[str, list[Posting]], None]


async def run_boards(
    boards: Sequence[Board],
    query: SearchQuery,
    client: PoliteClient,
    on_progress: ProgressCallback | None = None,
    board_timeout: float | None = None,
    on_found: FoundCallback | None = None,
) -> list[BoardResult]:
    """Run every board at once (each host still paced by the client); results come back in board order.

    `board_timeout` bounds a whole board run, for servers that trickle bytes just fast enough to dodge
    the per-read timeout. `on_found` gets each board's postings as its pages arrive; a board that then
    fails still ends as failed, with no postings in its result.
    """
    tasks = [asyncio.create_task(_run_one(board, query, client, on_progress, board_timeout, on_found))
             for board in boards]
    return list(await asyncio.gather(*tasks))


def run_boards_sync(
    boards: Sequence[Board],
    query: SearchQuery,
    settings: HttpSettings | None = None,
    cache: ResponseCache | None = None,
    on_progress: ProgressCallback | None = None,
    board_timeout: float | None = None,
    on_found: FoundCallback | None = None,
) -> list[BoardResult]:
    """run_boards for callers without an event loop (CLI commands, cron jobs, worker threads)."""

    results: list[BoardResult] = []

    # Handed back through a list, not returned: asyncio.run reprs its finished main task (result included)
    # when it restores the SIGINT handler, and the repr of thousands of postings costs seconds.
    async def main() -> None:
        async with PoliteClient(settings, cache) as client:
            results.extend(await run_boards(boards, query, client, on_progress, board_timeout, on_found))

    asyncio.run(main())
    return results


async def _run_one(
    board: Board,
    query: SearchQuery,
    client: PoliteClient,
    on_progress: ProgressCallback | None,
    board_timeout: float | None,
    on_found: FoundCallback | None = None,
) -> BoardResult:
    def emit(event: Progress) -> None:
        if on_progress is not None:
            on_progress(event)

    postings: list[Posting] = []
    handed = 0

    def hand_over(at_least: int = 1) -> None:
        nonlocal handed
        if on_found is not None and len(postings) - handed >= at_least:
            on_found(board.name, postings[handed:])
            handed = len(postings)

    def page_fetched(pages: int) -> None:
        hand_over()  # the pages before this one are parsed by now
        emit(Progress("page_fetched", board.name, pages, len(postings)))

    log = RunLog(on_page=page_fetched)
    emit(Progress("board_started", board.name))
    started = time.perf_counter()
    status: Literal["ok", "failed"] = "ok"
    with recording(log):
        try:
            async with asyncio.timeout(board_timeout):
                await _collect(board, query, client, postings, hand_over)
            reason = f"{plural(len(postings), 'posting')} from {plural(log.pages, 'page')}."
        except TimeoutError:
            status, reason = "failed", f"{board.name} took longer than {board_timeout:g} s and was stopped."
        except BoardError as error:
            status, reason = "failed", error.message
        except ITEM_ERRORS as error:
            status = "failed"
            reason = f"{board.name} sent data we could not read ({error.__class__.__name__}); its API may have changed."
        except Exception as error:
            # A bug in one adapter must not cost the user every other board; the log keeps the traceback.
            logger.exception("board %s crashed", board.name)
            status, reason = "failed", f"{board.name} failed unexpectedly ({error.__class__.__name__}: {error})."
    # A board that fails halfway keeps nothing: a partial list would look like postings were removed.
    kept = tuple(postings) if status == "ok" else ()
    if kept:
        hand_over()
    result = BoardResult(
        board=board.name,
        status=status,
        reason=reason,
        http_statuses=tuple(log.statuses),
        postings=kept,
        pages_fetched=log.pages,
        skipped_items=log.skipped_items,
        filled=fill_rates(kept),
        duration=time.perf_counter() - started,
    )
    emit(Progress("board_finished", board.name, log.pages, len(kept), result))
    return result


async def _collect(board: Board, query: SearchQuery, client: PoliteClient, postings: list[Posting],
                   hand_over: Callable[[int], None]) -> None:
    seen: set[str] = set()
    stream = board.search(query, client)
    try:
        async for posting in stream:
            # Pages come newest first: once past `since`, later pages can only be older.
            if board.newest_first and query.since and posting.posted_at and posting.posted_at < query.since:
                return
            # The same job can come twice (two company tokens, a re-sorted page): keep the first.
            if posting.id not in seen and query.matches(posting, searched=board.searches_server_side):
                seen.add(posting.id)
                postings.append(posting)
                # One page can hold thousands of postings (a whole RSS feed): the storing side starts on them
                # while the rest of the page is still being read.
                hand_over(HAND_OVER_EVERY)
    finally:
        # Stopping early must still close the board's generator (and its open response) right away.
        close = getattr(stream, "aclose", None)
        if close is not None:
            await close()


def fill_rates(postings: Sequence[Posting]) -> dict[str, float]:
    """Share of postings (0..1) with each field filled; empty when there are no postings."""
    if not postings:
        return {}
    return {name: sum(1 for p in postings if filled(p)) / len(postings) for name, filled in FILLED.items()}
