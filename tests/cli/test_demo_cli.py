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


def test_the_demo_notifications_agree_with_the_demo_data(cli, isolated_home):
    assert cli("demo", "--no-tui").exit_code == 0
    with sqlite3.connect(isolated_home / "demo" / "careercopilot-demo.db") as conn:
        news = dict(conn.execute("SELECT kind, title || ' ' || body FROM notifications"))
        best = conn.execute("SELECT p.title, p.company, u.score FROM user_postings u JOIN postings p ON p.id = "
                            "u.posting_id WHERE p.is_primary ORDER BY u.score DESC, p.id LIMIT 1").fetchone()
        interviewing = {c for (c,) in conn.execute("SELECT company FROM applications WHERE stage = 'interviewing'")}
        booked = {c for (c,) in conn.execute("SELECT a.company FROM interviews i JOIN applications a ON "
                                             "a.id = i.application_id WHERE i.starts_at > datetime('now')")}
        gaps = conn.execute("SELECT count(*) FROM saved_searches").fetchone()[0]
    assert f"Best: {best[0]} at {best[1]} ({best[2]})" in news["job_match"]
    assert any(f"{company} moved to interviewing" in news["application_status"] for company in interviewing)
    assert any(company in news["interview_reminder"] for company in booked)
    assert news["skill_gap"].startswith("Top skill gaps: ") and gaps == 1
    assert news["analytics_update"].startswith("Week of ")
