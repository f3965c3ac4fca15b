"""Notifications: publish, read state, broadcast, isolation and the live feed across processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest

from careercopilot.domain.notifications import ChannelState, NotificationKind
from careercopilot.errors import NotFound, PermissionDenied
from careercopilot.services.notifications import NotificationFeed


def test_publish_list_and_mark_read(services, alice):
    first = services.notifications.publish(alice.user_id, NotificationKind.JOB_MATCH, "3 new matches", "body",
                                           link="job:1")
    services.notifications.publish(alice.user_id, NotificationKind.SYSTEM, "Maintenance tonight")
    assert services.notifications.unread_count(alice) == 2
    assert [n.title for n in services.notifications.list(alice)] == ["Maintenance tonight", "3 new matches"]
    assert [n.kind for n in services.notifications.list(alice, kind=NotificationKind.JOB_MATCH)] == [
        NotificationKind.JOB_MATCH]
    services.notifications.mark_read(alice, first.id)
    assert services.notifications.unread_count(alice) == 1
    assert [n.title for n in services.notifications.list(alice, unread_only=True)] == ["Maintenance tonight"]
    assert services.notifications.mark_all_read(alice) == 1
    assert services.notifications.unread_count(alice) == 0


def test_titles_are_stored_without_control_sequences(services, alice):
    shown = services.notifications.publish(alice.user_id, NotificationKind.SYSTEM, "Dev \x1b]52;c;aGk=\x07 [b]job[/b]")
    assert shown.title == "Dev [b]job[/b]"


def test_one_user_cannot_see_or_mark_anothers_notifications(services, alice, bob):
    secret = services.notifications.publish(alice.user_id, NotificationKind.APPLICATION_STATUS, "Offer from Acme")
    assert services.notifications.list(bob) == []
    assert services.notifications.since(bob, 0) == []
    assert services.notifications.unread_count(bob) == 0
    with pytest.raises(NotFound):
        services.notifications.mark_read(bob, secret.id)
    with pytest.raises(NotFound):
        services.notifications.get(bob, secret.id)
    assert services.notifications.mark_all_read(bob) == 0
    assert services.notifications.unread_count(alice) == 1


def test_broadcast_reaches_every_active_user_and_needs_admin(services, alice, bob):
    with pytest.raises(PermissionDenied):
        services.notifications.broadcast(bob, "hi")
    assert services.notifications.broadcast(alice, "Upgrade at 18:00") == 2
    assert services.notifications.list(bob)[0].kind is NotificationKind.SYSTEM


def test_feed_delivers_a_notification_published_by_another_process(services, alice, database_url, isolated_home):
    """The TUI's live channel: LISTEN/NOTIFY on PostgreSQL, watermark polling on SQLite."""
    services.notifications.publish(alice.user_id, NotificationKind.SYSTEM, "old news")
    feed = NotificationFeed(services.notifications, alice, poll_seconds=0.2)
    received: list = []
    done = threading.Event()

    def listen() -> None:
        while not done.is_set():
            received.extend(feed.next_batch())
            if received:
                done.set()

    worker = threading.Thread(target=listen, daemon=True)
    worker.start()
    _publish_from_another_process(database_url, isolated_home, alice.user_id, "Interview moved to 3pm")
    done.wait(timeout=10)
    feed.close()
    worker.join(timeout=5)
    assert [n.title for n in received] == ["Interview moved to 3pm"]
    expected = ChannelState.POLLING if services.db.is_sqlite else ChannelState.LIVE
    assert feed.state is expected


def _publish_from_another_process(url: str, home, user_id: int, title: str) -> None:
    code = textwrap.dedent(f"""
        from careercopilot.config import load_settings
        from careercopilot.domain.notifications import NotificationKind
        from careercopilot.services import build_services
        services = build_services(load_settings(database_url={url!r}))
        services.notifications.publish({user_id}, NotificationKind.INTERVIEW_REMINDER, {title!r})
    """)
    subprocess.run([sys.executable, "-c", code], check=True, env={"CAREERCOPILOT_HOME": str(home),
                                                                   "PATH": "/usr/bin:/bin"}, timeout=60)


def test_a_dropped_listen_connection_reconnects_and_catches_up(services, alice):
    """The server kills the TUI's LISTEN connection; the feed reconnects and nothing published meanwhile is lost."""
    if services.db.is_sqlite:
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; SQLite is polled")
    from sqlalchemy import text

    feed = NotificationFeed(services.notifications, alice, poll_seconds=0.1)
    feed.MAX_BACKOFF = 0.2
    assert feed.next_batch() == [] and feed.state is ChannelState.LIVE
    with services.db.begin() as s:
        s.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"))
    services.notifications.publish(alice.user_id, NotificationKind.SYSTEM, "sent while disconnected")
    states, received = [], []
    for _ in range(20):
        received += feed.next_batch()
        states.append(feed.state)
        if received and feed.state is ChannelState.LIVE:
            break
    feed.close()
    assert [n.title for n in received] == ["sent while disconnected"]
    assert ChannelState.RECONNECTING in states and states[-1] is ChannelState.LIVE
