"""Fetch and parse boards in a child process, so the caller stores one page while the next one is parsed.

Parsing and storing are both CPU work; in one process they take turns, in two they share the machine's
cores. The child sends, over a pipe and in the order they happen: progress events, each board's postings
a page at a time (`Found`), and its log records. Only the caller writes postings to the database.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import logging
import multiprocessing
import queue
import signal
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from logging.handlers import QueueHandler
from multiprocessing.connection import Connection
from typing import Any

from careercopilot.domain.postings import Posting
from careercopilot.scraping.base import SearchQuery
from careercopilot.scraping.http import HttpSettings
from careercopilot.scraping.runner import BoardResult, Progress
from careercopilot.scraping.settings import BoardSettings

logger = logging.getLogger(__name__)
STOP_GRACE_SECONDS = 5.0  # a child that outlives its pipe this long is stopped
PIPE_BYTES = 1 << 20  # Linux's default ceiling for an unprivileged process


@dataclass(frozen=True, slots=True)
class Found:
    """Postings of one board from the pages fetched so far; the board's result may still say it failed."""

    board: str
    postings: list[Posting]
    # Each posting's, from posting_skills, when the child had time to spare for them; None leaves them to the caller.
    skills: list[tuple[str, ...]] | None


def scrape_in_child(
    settings: Mapping[str, BoardSettings],
    names: Sequence[str],
    query: SearchQuery,
    http: HttpSettings,
    cache_url: str | None,
) -> Iterator[Progress | Found]:
    """Run the named boards in a child process; every board ends with a board_finished Progress.

    `cache_url` is the database that keeps conditional-request validators, or None for no cache.
    A board the child never finished (it crashed or was killed) ends as failed, with the reason.
    """
    context = _start_context()
    receiver, sender = context.Pipe(duplex=False)
    _widen(sender)
    level = logging.getLogger().getEffectiveLevel()
    chosen = {name: settings[name] for name in names}
    # How many handed-over postings the caller has taken in: the child sees how far behind the caller is.
    taken = context.Value("q", 0, lock=False)  # one writer (this process), aligned 64-bit: no lock needed
    child = context.Process(target=_child_main, args=(sender, chosen, query, http, cache_url, level, taken),
                            name="careercopilot-scrape", daemon=True)
    child.start()
    sender.close()  # the child holds the only writing end, so its exit ends the reads below
    # A thread drains the pipe while the caller stores a board: a full pipe would stop the child mid-page.
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
    reader = threading.Thread(target=_drain, args=(receiver, inbox), name="careercopilot-scrape-reader", daemon=True)
    reader.start()
    finished: set[str] = set()
    ended = False
    try:
        while (message := inbox.get()) is not None:
            if isinstance(message, logging.LogRecord):
                logging.getLogger(message.name).handle(message)
                continue
            if isinstance(message, Progress) and message.kind == "board_finished":
                finished.add(message.board)
            yield message
            if isinstance(message, Found):  # the caller asked for the next message: it is done with this one
                taken.value += len(message.postings)
        ended = True
    finally:
        _stop(child, at_once=not ended)  # the caller gave up (an error, Ctrl-C): the boards left are not wanted
        reader.join()
        receiver.close()
    for name in names:
        if name not in finished:
            reason = (f"The scraping process stopped (exit code {child.exitcode}) before {name} finished; "
                      "nothing from it was stored.")
            yield Progress("board_finished", name, result=BoardResult(name, "failed", reason))


def _start_context() -> Any:
    # fork copies only the calling thread: with others running (the TUI, a test's server), a lock one of them
    # holds would stay locked in the child forever, so a clean interpreter is started instead.
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The server imports the scraper once; each scrape's child is forked from it with the imports done.
    context.set_forkserver_preload([__name__, "careercopilot.db.http_cache"])
    return context


def _widen(sender: Connection) -> None:
    """Let the pipe hold a megabyte where Linux allows: with 64 KiB the child waits whenever this side is busy."""
    size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if size is not None:
        with contextlib.suppress(OSError):  # above the system's limit: the default buffer still works
            fcntl.fcntl(sender.fileno(), size, PIPE_BYTES)


def _drain(receiver: Connection, inbox: queue.SimpleQueue[Any]) -> None:
    """Move every message from the pipe to the inbox; None marks the end (the child closed its end)."""
    try:
        while True:
            inbox.put(receiver.recv())
    except (EOFError, OSError):
        inbox.put(None)


def _stop(child: Any, at_once: bool) -> None:
    if not at_once:
        child.join(STOP_GRACE_SECONDS)
    if child.is_alive():
        child.terminate()
    child.join()


class _PipeQueue:
    """What QueueHandler needs of a queue, over the pipe: the caller's logging decides what is shown."""

    def __init__(self, sender: Connection) -> None:
        self.sender = sender

    def put_nowait(self, record: logging.LogRecord) -> None:
        self.sender.send(record)


def _child_main(sender: Connection, settings: dict[str, BoardSettings], query: SearchQuery, http: HttpSettings,
                cache_url: str | None, log_level: int, taken: Any) -> None:
    from careercopilot import heap
    from careercopilot.domain.matching import posting_skills
    from careercopilot.scraping.registry import build_boards
    from careercopilot.scraping.runner import run_boards_sync

    # Ctrl-C reaches the whole process group: the caller decides, and stops this child on its way out.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    heap.for_commands()
    root = logging.getLogger()
    root.handlers[:] = [QueueHandler(_PipeQueue(sender))]  # type: ignore[arg-type]
    root.setLevel(log_level)
    try:
        cache = _response_cache(cache_url)

        handed = 0

        def hand_over(board: str, postings: list[Posting]) -> None:
            nonlocal handed
            # Skills are the costliest work left; whichever process has time takes it on, page by page.
            busy = taken.value < handed  # the caller has not taken in every page before this one
            handed += len(postings)
            sender.send(Found(board, postings, list(map(posting_skills, postings)) if busy else None))

        def progress(event: Progress) -> None:
            if event.result is not None:  # the postings went ahead page by page
                event = dataclasses.replace(event, result=dataclasses.replace(event.result, postings=()))
            sender.send(event)

        run_boards_sync(build_boards(settings, list(settings)), query, http, cache, progress,
                        on_found=hand_over)
    except Exception:
        logger.exception("the scraping process failed")
        sys.exit(1)  # the record above tells why; a raise would print the traceback a second time
    finally:
        sender.close()


def _response_cache(url: str | None) -> Any:
    if url is None:
        return None
    from careercopilot.db.engine import Database
    from careercopilot.db.http_cache import DbResponseCache

    return DbResponseCache(Database(url))
