"""Validated response bodies kept between requests, for conditional GETs (ETag / Last-Modified).

Kept apart from http.py so a storage backend can implement the protocol without importing httpx.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class CachedResponse:
    """What a conditional request needs to revalidate a body: its validators and the body itself."""

    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""


class ResponseCache(Protocol):
    """Where validated bodies live between runs (memory now, the database later)."""

    def get(self, key: str) -> CachedResponse | None: ...

    def put(self, key: str, entry: CachedResponse) -> None: ...


class MemoryResponseCache:
    """Keeps validated bodies for the life of the process."""

    def __init__(self) -> None:
        self._entries: dict[str, CachedResponse] = {}

    def get(self, key: str) -> CachedResponse | None:
        return self._entries.get(key)

    def put(self, key: str, entry: CachedResponse) -> None:
        self._entries[key] = entry
