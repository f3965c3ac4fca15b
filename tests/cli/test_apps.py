"""careercopilot apps ... and remind, through the real CLI."""

from __future__ import annotations

import json
from typing import Any

import pytest


def out(result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def add(cli, *args: str) -> dict[str, Any]:
    return out(cli("apps", "add", *args, "--json"))


def test_add_move_undo_and_show(signed_in):
    created = add(signed_in, "--company", "Acme", "--title", "Backend Engineer", "--stage", "applied",
                  "--applied-at", "2025-03-03", "--source", "LinkedIn", "--cv-version", "v3", "--job", "board:42")
    assert {created[k] for k in ("company", "title", "stage", "source", "cv_version", "job_id")} >= {
        "Acme", "Backend Engineer", "applied", "LinkedIn", "v3", "board:42"}
    app_id = str(created["id"])
    assert signed_in("apps", "move", app_id, "screening", "--at", "2025-03-10", "--note", "Recruiter call"
                     ).exit_code == 0
    assert out(signed_in("apps", "move", app_id, "interviewing", "--json"))["stage"] == "interviewing"
    assert out(signed_in("apps", "undo", app_id, "--json"))["stage"] == "screening"
    assert signed_in("apps", "note", app_id, "Ask about *on-call*").exit_code == 0
    assert signed_in("apps", "contact", app_id, "--name", "Jane Roe", "--role", "Recruiter").exit_code == 0
    assert signed_in("apps", "interview", app_id, "--round", "Tech", "--kind", "technical", "--at",
                     "2030-05-06 10:00", "--tz", "Europe/Berlin", "--interviewer", "Sam").exit_code == 0
    shown = out(signed_in("apps", "show", app_id, "--json"))
    assert [(h["from_stage"], h["to_stage"]) for h in shown["history"]] == [
        (None, "applied"), ("applied", "screening"), ("screening", "interviewing"), ("interviewing", "screening")]
    assert shown["history"][1]["at"].startswith("2025-03-10") and shown["history"][1]["note"] == "Recruiter call"
    assert [n["body"] for n in shown["notes"]] == ["Ask about *on-call*"]
    assert [c["name"] for c in shown["contacts"]] == ["Jane Roe"]
    assert shown["interviews"][0]["starts_at"] == "2030-05-06T08:00:00+00:00"
    assert shown["interviews"][0]["timezone"] == "Europe/Berlin"
    human = signed_in("apps", "show", app_id)
    assert "applied -> screening" in human.stdout and "Recruiter call" in human.stdout


def test_list_json_carries_the_documented_fields(signed_in):
    add(signed_in, "--company", "Acme", "--title", "Dev")
    add(signed_in, "--company", "Globex", "--title", "SRE", "--stage", "applied")
    listed = out(signed_in("apps", "list", "--json"))
    required = {"id", "company", "title", "stage", "applied_at", "updated_at", "source", "next_action",
                "next_action_due"}
    assert all(required <= set(item) for item in listed) and len(listed) == 2
    assert [a["company"] for a in out(signed_in("apps", "list", "--stage", "applied", "--json"))] == ["Globex"]
    assert "Globex" in signed_in("apps", "list").stdout


@pytest.mark.parametrize(("args", "code", "message"), [
    (("apps", "move", "999", "offer"), 1, "no application 999"),
    (("apps", "move", "1", "hired-ish"), 2, "not a stage"),
    (("apps", "move", "1", "applied", "--at", "2999-01-01"), 2, "future"),
    (("apps", "add", "--company", "A", "--title", "B", "--stage", "applied", "--applied-at", "2999-03-01"), 2,
     "The applied date 2999-03-01 is in the future"),
    (("apps", "add", "--company", "A", "--title", "B", "--applied-at", "04/05/2025"), 2, "--date-format"),
    (("apps", "undo", "1"), 2, "no move to undo"),
    (("apps", "interview", "1", "--round", "x", "--at", "2030-01-01 10:00", "--tz", "Nowhere/Land"), 2,
     "time zone"),
    (("apps", "export", "--format", "xml"), 2, "json or csv"),
    (("apps", "export", "--out", "/nonexistent-folder/apps.json"), 2,
     "Cannot write /nonexistent-folder/apps.json: No such file or directory."),
])
def test_mistakes_are_one_sentence_with_the_right_exit_code(signed_in, args, code, message):
    add(signed_in, "--company", "Acme", "--title", "Dev")
    result = signed_in(*args)
    assert result.exit_code == code and message in result.stderr and "Traceback" not in result.stderr


def test_remove_asks_unless_told(signed_in):
    app_id = str(add(signed_in, "--company", "Acme", "--title", "Dev")["id"])
    assert signed_in("apps", "remove", app_id, input="n\n").exit_code == 1
    assert signed_in("apps", "remove", app_id, "--yes").exit_code == 0
    assert out(signed_in("apps", "list", "--json")) == []


def test_json_export_round_trips_into_an_empty_database(signed_in, tmp_path, monkeypatch):
    first = add(signed_in, "--company", "Acme", "--title", "Dev", "--stage", "applied", "--applied-at", "2025-01-05")
    second = add(signed_in, "--company", "ACME", "--title", "Data Engineer", "--tag", "remote")
    signed_in("apps", "move", str(first["id"]), "screening", "--at", "2025-01-09", "--note", "call")
    signed_in("apps", "move", str(second["id"]), "applied")
    signed_in("apps", "move", str(first["id"]), "rejected")
    signed_in("apps", "undo", str(first["id"]))
    signed_in("apps", "note", str(first["id"]), "first note")
    signed_in("apps", "contact", str(first["id"]), "--name", "Jane", "--email", "jane@acme.test")
    signed_in("apps", "interview", str(first["id"]), "--round", "Call", "--at", "2030-01-01T09:00:00+00:00")
    exported = tmp_path / "apps.json"
    assert signed_in("apps", "export", "--format", "json", "--out", str(exported)).exit_code == 0

    monkeypatch.setenv("CAREERCOPILOT_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert signed_in("user", "register", "-u", "carol", "-e", "carol@example.org", "--password-stdin",
                     input="amber-orchard-19\n").exit_code == 0
    assert signed_in("login", "-u", "carol", "--password-stdin", input="amber-orchard-19\n").exit_code == 0
    assert out(signed_in("apps", "import", str(exported), "--json"))["imported"] == 2
    again = json.loads(signed_in("apps", "export").stdout)
    assert without_ids(again) == without_ids(json.loads(exported.read_text(encoding="utf-8")))
    history = again["applications"][0]["history"]
    assert history[-1]["reverts_id"] == history[-2]["id"]  # the undo still points at the move it reverted


def without_ids(value: Any) -> Any:
    """Database ids differ between databases; everything else must be identical."""
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k not in ("id", "reverts_id", "application_id")}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


def test_csv_export_and_import(signed_in, tmp_path):
    add(signed_in, "--company", "Acme", "--title", "Dev", "--stage", "offer", "--applied-at", "2025-02-01")
    csv_text = signed_in("apps", "export", "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("id,company,title,stage,applied_at,updated_at")
    path = tmp_path / "apps.csv"
    path.write_text(csv_text, encoding="utf-8")
    assert "Imported 1 application (csv, utf-8)." in signed_in("apps", "import", str(path)).stdout
    listed = out(signed_in("apps", "list", "--json"))
    assert [(a["company"], a["stage"], a["applied_at"][:10]) for a in listed] == [("Acme", "offer", "2025-02-01")] * 2


def test_bad_csv_writes_nothing_and_names_lines(signed_in, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_bytes("Firma;Stelle;Status;Beworben am\nMüller;Dev;Applied;14.03.2025\nX;Y;vielleicht;01.01.2025\n"
                     .encode("cp1252"))
    wrong_columns = signed_in("apps", "import", str(path))
    assert wrong_columns.exit_code == 2 and "No column is mapped to company and title" in wrong_columns.stderr
    mapping = "Firma=company,Stelle=title,Status=stage,Beworben am=applied_at"
    rejected = signed_in("apps", "import", str(path), "--map", mapping)
    assert rejected.exit_code == 2 and "line 3: 'vielleicht' is not a stage" in rejected.stderr
    assert out(signed_in("apps", "list", "--json")) == []
    skipped = signed_in("apps", "import", str(path), "--map", mapping, "--skip-invalid")
    assert skipped.exit_code == 0 and "Skipped line 3" in skipped.stdout and "cp1252" in skipped.stdout
    assert [a["company"] for a in out(signed_in("apps", "list", "--json"))] == ["Müller"]


def test_a_csv_row_applied_in_the_future_is_named_and_nothing_is_written(signed_in, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text("company,title,applied_at\nAcme,Dev,2025-03-14\nGlobex,SRE,2999-03-01\n", encoding="utf-8")
    rejected = signed_in("apps", "import", str(path))
    assert rejected.exit_code == 2 and "line 3: the applied date 2999-03-01 is in the future" in rejected.stderr
    assert out(signed_in("apps", "list", "--json")) == []


def test_remind_raises_each_follow_up_once(signed_in):
    add(signed_in, "--company", "Acme", "--title", "Dev", "--stage", "applied", "--applied-at", "10 days ago")
    assert len(out(signed_in("remind", "--dry-run", "--json"))) == 1
    assert "Follow up with Acme" in signed_in("remind").stdout
    assert out(signed_in("remind", "--json")) == []
    notes = out(signed_in("notifications", "list", "--json"))
    assert [n["kind"] for n in notes] == ["application_status"]
    assert signed_in("remind", "set-rules", "applied:5:follow_up", "applied:9:suggest_ghosted").exit_code == 0
    assert [r["after_days"] for r in out(signed_in("remind", "rules", "--json"))] == [5, 9]
    assert len(out(signed_in("remind", "--json"))) == 2
    assert signed_in("remind", "set-rules", "applied:soon").exit_code == 2
    assert signed_in("remind", "--all-users").exit_code == 0  # alice is the first account: an admin


def test_apps_need_a_signed_in_user(cli):
    result = cli("apps", "list", "--json")
    assert result.exit_code == 3 and result.stdout == ""
