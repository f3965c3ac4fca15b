"""What happened while one board ran: filled in by the HTTP client and parsers, read by the runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class RunLog:
    """Per-board tally; each asyncio task gets its own through a context variable."""

    on_page: Callable[[int], None] | None = None
    statuses: list[int] = field(default_factory=list)
    pages: int = 0
    skipped_items: int = 0

    def status(self, code: int) -> None:
        self.statuses.append(code)

    def page(self) -> None:
        self.pages += 1
        if self.on_page is not None:
            self.on_page(self.pages)


_current: ContextVar[RunLog | None] = ContextVar("careercopilot_board_run_log", default=None)


def current_log() -> RunLog:
    """The log of the board running in this task, or a throwaway one outside the runner."""
    return _current.get() or RunLog()


@contextmanager
def recording(log: RunLog) -> Iterator[RunLog]:
    token = _current.set(log)
    try:
        yield log
    finally:
        _current.reset(token)
