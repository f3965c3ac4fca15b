"""The visible countdown of a timed answer; it says when time is up and tells its owner once."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static


def clock_face(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class Countdown(Static):
    DEFAULT_CSS = """
    Countdown { width: auto; height: 1; padding: 0 1; }
    Countdown.-low { color: $warning; text-style: bold; }
    Countdown.-over { color: $error; text-style: bold; }
    """

    remaining: reactive[int] = reactive(0, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.limit = 0
        self._timer: Timer | None = None
        self._on_expire: Callable[[], object] | None = None

    def start(self, seconds: int, on_expire: Callable[[], object]) -> None:
        """Count down from `seconds` (0: untimed, nothing counts)."""
        self.stop()
        self.limit, self._on_expire = seconds, on_expire
        self.remaining = seconds
        self._paint()
        if seconds:
            self._timer = self.set_interval(1.0, self._tick)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def answered(self, seconds: float) -> None:
        """Stop and show how long the answer took."""
        self.stop()
        self.set_class(False, "-low")
        self.set_class(bool(self.limit) and seconds > self.limit, "-over")
        limit = f" of {clock_face(self.limit)}" if self.limit else ""
        self.update(Content(f"Answered in {clock_face(round(seconds))}{limit}"))

    @property
    def elapsed(self) -> int:
        return self.limit - self.remaining

    def _tick(self) -> None:
        self.remaining = max(0, self.remaining - 1)
        if self.remaining == 0:
            self.stop()
            if self._on_expire is not None:
                self._on_expire()

    def watch_remaining(self) -> None:
        self._paint()

    def _paint(self) -> None:
        self.set_class(bool(self.limit) and 0 < self.remaining <= 15, "-low")
        self.set_class(bool(self.limit) and self.remaining == 0, "-over")
        if not self.limit:
            self.update(Content("Untimed"))
        elif self.remaining:
            self.update(Content(f"⏱ {clock_face(self.remaining)} left of {clock_face(self.limit)}"))
        else:
            self.update(Content("⏱ Time is up"))
