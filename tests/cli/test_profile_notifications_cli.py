"""profile and notifications commands."""

from __future__ import annotations

import json


def test_profile_set_show_and_bad_field(signed_in, tmp_path):
    assert signed_in("profile", "set", "skills=Python, SQL", "remote_preference=remote").exit_code == 0
    shown = json.loads(signed_in("profile", "show", "--json").stdout)
    assert shown["skills"] == ["Python", "SQL"] and shown["remote_preference"] == "remote"
    bad = signed_in("profile", "set", "remote_preference=sometimes")
    assert bad.exit_code == 2 and "remote_preference must be one of" in bad.stderr
    (tmp_path / "cv.txt").write_text("Seven years of Python", encoding="utf-8")
    imported = signed_in("profile", "import-cv", str(tmp_path / "cv.txt"))
    assert imported.exit_code == 0 and "4 words" in imported.stdout


def test_notifications_read_one_and_all(signed_in):
    signed_in("admin", "broadcast", "first")
    signed_in("admin", "broadcast", "second")
    listed = json.loads(signed_in("notifications", "list", "--unread", "--json").stdout)
    assert len(listed) == 2
    assert signed_in("notifications", "read", str(listed[0]["id"])).exit_code == 0
    assert len(json.loads(signed_in("notifications", "list", "--unread", "--json").stdout)) == 1
    assert signed_in("notifications", "read", "--all").stdout.strip() == "Marked 1 notification read."
    assert signed_in("notifications", "read", "999").exit_code == 1
    assert signed_in("notifications", "read").exit_code == 2
    assert signed_in("notifications", "list", "--kind", "gossip").exit_code == 2
