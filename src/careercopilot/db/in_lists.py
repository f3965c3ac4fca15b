"""IN (...) lists cut to a size every backend binds (SQLite's variable limit, PostgreSQL's parameter count)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

IN_LIST_SIZE = 500


def chunks(items: Sequence[Any], size: int = IN_LIST_SIZE) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
