"""careercopilot demo prepares its own profile, idempotently, and never touches the real one."""

from __future__ import annotations

import json
import os
import re
import shlex
import sqlite3
import subprocess
import sys

import pytest


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



@pytest.mark.parametrize("own_config", [False, True], ids=["defaults", "own-config"])
def test_the_printed_command_line_reaches_the_demo_and_nothing_lands_in_the_real_folder(isolated_home, tmp_path,
                                                                                        own_config):
    """As in a shell: `demo --no-tui`, then the command it prints, each in a process of its own."""
    # No keyring shared between the processes: each keeps its session in its data folder's file.
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}

    def run(*args: str, variables: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "careercopilot", *args], capture_output=True, text=True,
                              env={**env, **(variables or {})}, timeout=120)

    config = tmp_path / "mine.toml"
    config.write_text('[tui]\ntheme = "nord"\n', encoding="utf-8")
    demo = run(*(["--config", str(config)] if own_config else []), "demo", "--no-tui")
    assert demo.returncode == 0, demo.stderr
    (printed,) = [line for line in demo.stdout.splitlines() if "CAREERCOPILOT_HOME=" in line]
    words = shlex.split(printed.split(": ", 1)[1])
    variables = dict(word.split("=", 1) for word in words if re.fullmatch(r"[A-Z_]+=.*", word))
    command = words[len(variables):]
    assert command[0] == "careercopilot" and run(*command[1:], variables=variables).returncode == 0
    whoami = run("whoami", "--json", variables=variables)
    assert whoami.returncode == 0, whoami.stderr
    assert json.loads(whoami.stdout)["username"] == "demo"
    # The demo was built with the config it was given; the printed line carries that config along.
    shown = json.loads(run("config", "show", "--json", variables=variables).stdout)
    assert shown["tui"]["theme"] == ("nord" if own_config else "textual-dark")
    # Settings changed in the demo stay in the demo; the user's own config file is left as it was.
    assert run("config", "set", "tui.theme", "gruvbox", variables=variables).returncode == 0
    assert config.read_text(encoding="utf-8") == '[tui]\ntheme = "nord"\n'
    assert json.loads(run("config", "show", "--json", variables=variables).stdout)["tui"]["theme"] == "gruvbox"
    assert [p.name for p in isolated_home.iterdir()] == ["demo"]  # no session hint or secret beside the real data
    assert run("whoami", "--json").returncode == 3  # without them: the real profile, where nobody signed in
