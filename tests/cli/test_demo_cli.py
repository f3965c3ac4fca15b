"""careercopilot demo prepares its own profile, idempotently, and never touches the real one."""

from __future__ import annotations

import sqlite3


def test_demo_is_separate_idempotent_and_resettable(cli, isolated_home):
    first = cli("demo", "--no-tui")
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[0].startswith("Demo profile: user 'demo', password '")
    demo_db = isolated_home / "demo" / "careercopilot-demo.db"
    counts = _counts(demo_db)
    assert counts["notifications"] >= 5 and counts["users"] == 1
    # Every area has its sample data: the feed, the tracker with its history, practice sessions.
    assert counts["postings"] >= 20 and counts["applications"] >= 10 and counts["application_events"] > counts[
        "applications"] and counts["practice_sessions"] >= 3
    assert cli("demo", "--no-tui").exit_code == 0
    assert _counts(demo_db) == counts  # re-running adds nothing
    with sqlite3.connect(demo_db) as conn:
        conn.execute("DELETE FROM notifications")
    assert cli("demo", "--reset", "--no-tui").exit_code == 0
    assert _counts(demo_db) == counts
    assert not (isolated_home / "careercopilot.db").exists()  # the real profile was never created


def _counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (
            "users", "notifications", "postings", "applications", "application_events", "practice_sessions")}
