"""Two writer processes and a reader holding transactions open: no 'database is locked', every row lands."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from sqlalchemy import text

from careercopilot.db import migrate
from careercopilot.db.engine import Database

WRITER = textwrap.dedent("""
    import sys
    from careercopilot.db.engine import Database
    from careercopilot.db.models import Notification
    db = Database(sys.argv[1])
    for i in range(int(sys.argv[3])):
        with db.begin() as s:  # read-then-write in one transaction: the pattern that hits BUSY_SNAPSHOT
            s.execute(__import__("sqlalchemy").text("SELECT count(*) FROM notifications")).scalar()
            s.add(Notification(user_id=1, kind="system", title=f"{sys.argv[2]}-{i}", body=""))
""")

READER = textwrap.dedent("""
    import sys, time
    from sqlalchemy import text
    from careercopilot.db.engine import Database
    db = Database(sys.argv[1])
    deadline = time.monotonic() + float(sys.argv[2])
    while time.monotonic() < deadline:
        with db.read() as s:  # a TUI screen holding a read transaction open
            s.execute(text("SELECT count(*) FROM notifications")).scalar()
            time.sleep(0.3)
""")


def test_concurrent_writers_and_a_reader_never_see_database_is_locked(tmp_path):
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    db = Database(url)
    migrate.upgrade(db)
    with db.begin() as s:
        s.execute(text("INSERT INTO users (id, username, email, password_hash, role, is_active, created_at, "
                       "failed_logins) VALUES (1, 'a', 'a@x.org', 'h', 'user', 1, '2026-01-01 00:00:00', 0)"))
    rows = 300
    procs = [subprocess.Popen([sys.executable, "-c", READER, url, "4"], stderr=subprocess.PIPE, text=True)]
    procs += [subprocess.Popen([sys.executable, "-c", WRITER, url, name, str(rows)], stderr=subprocess.PIPE,
                               text=True) for name in ("tui", "cron")]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    assert not any("locked" in e for e in errors)
    with db.read() as s:
        titles = set(s.execute(text("SELECT title FROM notifications")).scalars())
    assert titles == {f"{name}-{i}" for name in ("tui", "cron") for i in range(rows)}
    db.dispose()


def test_connections_use_wal_busy_timeout_and_foreign_keys(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'p.db'}")
    with db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert ((tmp_path / "p.db").stat().st_mode & 0o777) == 0o600
    db.dispose()
