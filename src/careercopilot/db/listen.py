"""PostgreSQL LISTEN on a dedicated autocommit connection (SQLite has no cross-process notify)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import make_url


class PgListener:
    def __init__(self, url: str, channel: str) -> None:
        self.conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self.channel = channel
        self._conn: Any = None

    def connect(self) -> None:
        import psycopg

        self.close()
        self._conn = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5)
        self._conn.execute(f'LISTEN "{self.channel}"')

    @property
    def connected(self) -> bool:
        return self._conn is not None and not self._conn.closed

    def wait(self, timeout: float) -> list[str]:
        """Payloads that arrived within timeout; raises psycopg.OperationalError when the link drops."""
        payloads = [n.payload for n in self._conn.notifies(timeout=timeout, stop_after=1)]
        # Drain whatever else is already queued without waiting again.
        payloads += [n.payload for n in self._conn.notifies(timeout=0.0)]
        return payloads

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None
