"""Publish, list and mark notifications; every open TUI picks new ones up through NotificationFeed."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import threading
from collections.abc import Iterable

from sqlalchemy import func, select, text, update

from careercopilot.db.base import utcnow
from careercopilot.db.engine import Database
from careercopilot.db.models import Notification, User
from careercopilot.domain.accounts import UserContext
from careercopilot.domain.notifications import ChannelState, NotificationKind, NotificationView
from careercopilot.domain.text import clean_line, clean_text
from careercopilot.errors import NotFound, PermissionDenied

CHANNEL = "careercopilot_notifications"


def _view(row: Notification) -> NotificationView:
    return NotificationView(row.id, NotificationKind(row.kind), row.title, row.body, row.link, row.created_at,
                            row.read_at is not None)


class NotificationService:
    def __init__(self, db: Database, desktop_kinds: Iterable[str] = ()) -> None:
        self.db = db
        self.desktop_kinds = frozenset(desktop_kinds)

    def publish(self, user_id: int, kind: NotificationKind, title: str, body: str = "",
                link: str | None = None) -> NotificationView:
        """Store one notification for one user and wake every listening TUI."""
        return self._publish_many([user_id], kind, title, body, link)[0]

    def broadcast(self, admin: UserContext, message: str) -> int:
        """A `system` notification to every active user; returns how many received it."""
        if not admin.is_admin:
            raise PermissionDenied("Only an administrator can broadcast.")
        with self.db.read() as s:
            user_ids = list(s.scalars(select(User.id).where(User.is_active.is_(True))))
        return len(self._publish_many(user_ids, NotificationKind.SYSTEM, message, "", None))

    def list(self, user: UserContext, unread_only: bool = False, kind: NotificationKind | None = None,
             limit: int = 200) -> list[NotificationView]:
        query = select(Notification).where(Notification.user_id == user.user_id)
        if unread_only:
            query = query.where(Notification.read_at.is_(None))
        if kind is not None:
            query = query.where(Notification.kind == kind.value)
        with self.db.read() as s:
            return [_view(r) for r in s.scalars(query.order_by(Notification.id.desc()).limit(limit))]

    def since(self, user: UserContext, after_id: int) -> list[NotificationView]:
        """Notifications newer than a watermark, oldest first: what a live TUI has not shown yet."""
        query = (select(Notification)
                 .where(Notification.user_id == user.user_id, Notification.id > after_id)
                 .order_by(Notification.id))
        with self.db.read() as s:
            return [_view(r) for r in s.scalars(query)]

    def latest_id(self, user: UserContext) -> int:
        with self.db.read() as s:
            return s.scalar(select(func.max(Notification.id)).where(Notification.user_id == user.user_id)) or 0

    def unread_count(self, user: UserContext) -> int:
        with self.db.read() as s:
            return s.scalar(select(func.count()).select_from(Notification).where(
                Notification.user_id == user.user_id, Notification.read_at.is_(None))) or 0

    def get(self, user: UserContext, notification_id: int) -> NotificationView:
        with self.db.read() as s:
            row = s.scalar(select(Notification).where(Notification.id == notification_id,
                                                      Notification.user_id == user.user_id))
        if row is None:
            raise NotFound(f"There is no notification {notification_id}.")
        return _view(row)

    def mark_read(self, user: UserContext, notification_id: int) -> None:
        with self.db.begin() as s:
            found = s.execute(update(Notification)
                              .where(Notification.id == notification_id, Notification.user_id == user.user_id)
                              .values(read_at=func.coalesce(Notification.read_at, utcnow())))
            if found.rowcount == 0:
                raise NotFound(f"There is no notification {notification_id}.")

    def mark_all_read(self, user: UserContext) -> int:
        with self.db.begin() as s:
            return s.execute(update(Notification)
                             .where(Notification.user_id == user.user_id, Notification.read_at.is_(None))
                             .values(read_at=utcnow())).rowcount

    def _publish_many(self, user_ids: list[int], kind: NotificationKind, title: str, body: str,
                      link: str | None) -> list[NotificationView]:
        title, body = clean_line(title)[:300], clean_text(body)
        with self.db.begin() as s:
            rows = [Notification(user_id=uid, kind=kind.value, title=title, body=body, link=link) for uid in user_ids]
            s.add_all(rows)
            s.flush()
            if not self.db.is_sqlite:
                # Delivered on commit to every LISTENing TUI; the payload only says whose feed to re-read.
                for uid in user_ids:
                    s.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": str(uid)})
            views = [_view(r) for r in rows]
        if kind.value in self.desktop_kinds:
            _desktop_notify(title, body)
        return views


def _desktop_notify(title: str, body: str) -> None:
    """Best effort: a missing notify-send or display must never fail the publisher."""
    binary = shutil.which("notify-send")
    if binary is None:
        return
    with contextlib.suppress(OSError):
        subprocess.Popen([binary, "--app-name=Career Copilot", "--", title, body[:500]],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class NotificationFeed:
    """New notifications for one user as they arrive: LISTEN/NOTIFY on PostgreSQL, a watermark poll on SQLite.

    Runs in one worker thread; `state` says what the header shows (live, polling, reconnecting).
    """

    MAX_BACKOFF = 30.0

    def __init__(self, service: NotificationService, user: UserContext, poll_seconds: float = 1.0) -> None:
        self.service = service
        self.user = user
        self.poll_seconds = poll_seconds
        self.watermark = service.latest_id(user)
        self._listener = None
        self._backoff = 1.0
        self._stop = threading.Event()
        if not service.db.is_sqlite:
            from careercopilot.db.listen import PgListener

            self._listener = PgListener(service.db.url, CHANNEL)
        self.state = ChannelState.POLLING if self._listener is None else ChannelState.RECONNECTING

    def next_batch(self) -> list[NotificationView]:
        """Block until something may have arrived (or a poll interval passed); return what is new."""
        if self._listener is None:
            self._stop.wait(self.poll_seconds)
        else:
            self._wait_for_notify()
        if self._stop.is_set():
            return []
        try:
            new = self.service.since(self.user, self.watermark)
        except Exception:  # the database is briefly unreachable: try again next round, lose nothing
            return []
        if new:
            self.watermark = new[-1].id
        return new

    def _wait_for_notify(self) -> None:
        import psycopg

        try:
            if not self._listener.connected:
                self._listener.connect()
                self.state = ChannelState.LIVE
                self._backoff = 1.0
                return  # caught up below: anything sent while we were away is read by watermark
            # Woken at once by a notification; the timeout only bounds how stale the caller's other checks get.
            self._listener.wait(timeout=self.poll_seconds * 2)
        except psycopg.Error:
            self._listener.close()
            self.state = ChannelState.RECONNECTING
            self._stop.wait(self._backoff)
            self._backoff = min(self._backoff * 2, self.MAX_BACKOFF)

    def close(self) -> None:
        self._stop.set()
        if self._listener is not None:
            self._listener.close()
