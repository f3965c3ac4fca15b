"""The scraper's response cache in the database, so conditional requests work across cron runs."""

from __future__ import annotations

from careercopilot.db.base import utcnow
from careercopilot.db.engine import Database
from careercopilot.db.models import HttpCacheEntry
from careercopilot.scraping.http import CachedResponse


class DbResponseCache:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str) -> CachedResponse | None:
        with self.db.read() as s:
            row = s.get(HttpCacheEntry, key[:2000])
            if row is None:
                return None
            return CachedResponse(row.body, row.etag, row.last_modified, row.content_type)

    def put(self, key: str, entry: CachedResponse) -> None:
        with self.db.begin() as s:
            row = s.get(HttpCacheEntry, key[:2000]) or HttpCacheEntry(url=key[:2000])
            row.body, row.etag, row.last_modified = entry.body, entry.etag, entry.last_modified
            row.content_type, row.stored_at = entry.content_type, utcnow()
            s.add(row)
