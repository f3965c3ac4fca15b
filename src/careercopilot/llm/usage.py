"""Token accounting and the daily budget: a protocol for the DB-backed ledger and an in-memory one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Protocol

from careercopilot.llm.errors import LLMBudgetSpent


class UsageRecorder(Protocol):
    def record(self, model: str, prompt_tokens: int, completion_tokens: int) -> None: ...

    def tokens_today(self) -> int: ...


class MemoryUsageRecorder:
    """Counts tokens per UTC day in process memory; `today` is injectable so tests control the clock."""

    def __init__(self, today: Callable[[], date] = lambda: datetime.now(UTC).date()) -> None:
        self._today = today
        self._by_day: defaultdict[date, int] = defaultdict(int)

    def record(self, model: str, prompt_tokens: int, completion_tokens: int) -> None:
        self._by_day[self._today()] += prompt_tokens + completion_tokens

    def tokens_today(self) -> int:
        return self._by_day[self._today()]


def ensure_budget(budget: int, usage: UsageRecorder | None) -> None:
    """Raise before a call when today's tokens already reach the budget (0 means no limit)."""
    if budget and usage is not None:
        spent = usage.tokens_today()
        if spent >= budget:
            raise LLMBudgetSpent(
                f"Today's LLM token budget of {budget} is spent ({spent} used); "
                "raise llm.daily_token_budget or use the offline coach until tomorrow (UTC)."
            )


def estimate_tokens(text: str) -> int:
    """About four characters per token: used when a server reports no usage (common while streaming)."""
    return max(1, len(text) // 4) if text else 0
