"""Fetch and parse boards beside the caller, so it stores one board while the others download and parse.

Parsing and storing are both CPU work; in one process they take turns, in two they share the machine's
cores, so the CLI and cron parse in a child process. Either way the caller gets, in the order they happen:
progress events, each board's postings a page at a time (`Found`), and log records. Only the caller writes
postings to the database.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import fcntl
import logging
import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
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
# The child does the caller's work ahead once the caller is this many postings behind (a page or so): a caller
# keeping up does it all itself, one falling behind is never more than a fraction of a second from caught up.
BEHIND = 250
PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h): the signal a process gets when its parent dies


@dataclass(frozen=True, slots=True)
class Found:
    """Postings of one board from the pages fetched so far; the board's result may still say it failed."""

    board: str
    postings: list[Posting]
    # What `ahead` returned for these postings, when the child had time to spare; None leaves the work to the caller.
    ahead: Any = None


def scrape_boards(
    settings: Mapping[str, BoardSettings],
    names: Sequence[str],
    query: SearchQuery,
    http: HttpSettings,
    cache_url: str | None,
    in_child: bool | None = None,
    behind: int = BEHIND,
    ahead: Callable[[list[Posting]], Any] | None = None,
) -> Iterator[Progress | Found]:
    """Run the named boards while the caller stores what they found; every board ends with board_finished.

    In a child process when this process runs no other thread (the CLI, cron); otherwise in a thread of this
    one (the TUI): fork would copy the other threads' held locks into the child, and starting a clean
    interpreter from inside the TUI hangs in multiprocessing's helper start-up. `cache_url` is the database
    that keeps conditional-request validators, or None for no cache. A board that never finished (its
    process or thread ended first) ends as failed, with the reason. `in_child` overrides the choice.

    `ahead` is the caller's own work on a batch of postings (pure CPU, no database): the child runs it, and
    sends its result with the batch, while the caller is more than `behind` postings behind.
    """
    chosen = {name: settings[name] for name in names}
    if in_child is None:
        in_child = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
    finished: set[str] = set()
    why = yield from (_in_child(chosen, query, http, cache_url, finished, behind, ahead) if in_child
                      else _in_thread(chosen, query, http, cache_url, finished))
    for name in chosen:
        if name not in finished:
            reason = f"{why} before {name} finished; nothing from it was stored."
            yield Progress("board_finished", name, result=BoardResult(name, "failed", reason))


def _in_child(settings: dict[str, BoardSettings], query: SearchQuery, http: HttpSettings, cache_url: str | None,
              finished: set[str], behind: int, ahead: Callable[[list[Posting]], Any] | None
              ) -> Generator[Progress | Found, None, str]:
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    _widen(sender)
    level = logging.getLogger().getEffectiveLevel()
    # How many handed-over postings the caller has taken in: the child sees how far behind the caller is.
    taken = context.Value("q", 0, lock=False)  # one writer (this process), aligned 64-bit: no lock needed
    child = context.Process(target=_child_main,
                            args=(sender, settings, query, http, cache_url, level, taken, behind, ahead,
                                  os.getpid()),
                            name="careercopilot-scrape", daemon=True)
    child.start()
    sender.close()  # the child holds the only writing end, so its exit ends the reads below
    # A thread drains the pipe while the caller stores a board: a full pipe would stop the child mid-page.
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
    reader = threading.Thread(target=_drain, args=(receiver, inbox), name="careercopilot-scrape-reader", daemon=True)
    reader.start()
    ended = False
    try:
        for message in _relay(inbox, finished):
            yield message
            if isinstance(message, Found):  # the caller asked for the next message: it is done with this one
                taken.value += len(message.postings)
        ended = True
    finally:
        _stop(child, at_once=not ended)  # the caller gave up (an error, Ctrl-C): the boards left are not wanted
        reader.join()
        receiver.close()
    return f"The scraping process stopped (exit code {child.exitcode})"


def _in_thread(settings: dict[str, BoardSettings], query: SearchQuery, http: HttpSettings, cache_url: str | None,
               finished: set[str]) -> Generator[Progress | Found, None, str]:
    from careercopilot.scraping.registry import build_boards
    from careercopilot.scraping.runner import run_boards_sync

    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
    stopping = threading.Event()

    def put(message: Any) -> None:
        if stopping.is_set():
            raise _Stopped  # ends the run: every board task is cancelled on its way out
        inbox.put(message)

    def run() -> None:
        cache = _response_cache(cache_url)
        try:
            run_boards_sync(build_boards(settings, list(settings)), query, http, cache, put,
                            on_found=lambda board, postings: put(Found(board, postings)))
        except _Stopped:
            pass
        except Exception:
            logger.exception("the scrape failed")
        finally:
            if cache is not None:
                cache.db.dispose()
            inbox.put(None)

    threading.Thread(target=run, name="careercopilot-scrape", daemon=True).start()
    try:
        yield from _relay(inbox, finished)
    finally:
        stopping.set()  # a caller that gave up wants no more pages fetched
    return "The scrape stopped"


class _Stopped(BaseException):
    """Raised inside the scrape thread's event loop, past the runner's handlers for a board's own errors."""


def _relay(inbox: queue.SimpleQueue[Any], finished: set[str]) -> Iterator[Progress | Found]:
    """The producer's messages up to its end marker; log records go to this process's logging."""
    while (message := inbox.get()) is not None:
        if isinstance(message, logging.LogRecord):
            logging.getLogger(message.name).handle(message)
            continue
        if isinstance(message, Progress) and message.kind == "board_finished":
            finished.add(message.board)
        yield message


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
                cache_url: str | None, log_level: int, taken: Any, behind: int,
                ahead: Callable[[list[Posting]], Any] | None, caller: int) -> None:
    from careercopilot import heap
    from careercopilot.scraping.registry import build_boards
    from careercopilot.scraping.runner import run_boards_sync

    _end_with(caller)
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
            # Whichever process has time takes on the caller's work, batch by batch.
            busy = ahead is not None and taken.value < handed - behind
            handed += len(postings)
            sender.send(Found(board, postings, ahead(postings) if busy else None))

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


def _end_with(caller: int) -> None:
    """This process ends when its caller does, even one killed outright (kill -9): it holds the caller's copy of
    the scrape lock (the lock file, or the PostgreSQL session holding the advisory lock), so living on it would
    keep fetching and refuse every later scrape."""
    with contextlib.suppress(OSError, AttributeError):  # Linux's prctl; elsewhere the caller's pipe still ends it
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != caller:  # it died before the line above took effect
        os._exit(1)


def _response_cache(url: str | None) -> Any:
    if url is None:
        return None
    from careercopilot.db.engine import Database
    from careercopilot.db.http_cache import DbResponseCache

    return DbResponseCache(Database(url))
