"""careercopilot apps import with other trackers' CSV exports (--preset and recognised headers), through the CLI."""

from __future__ import annotations

import json
from typing import Any

HUNTR_HEADER = ("id,createdAt,title,salary,location,url,rootDomain,htmlDescription,deadline,color,lastMovedAt,"
                "boardId,boardName,listId,listName,companyId,companyName,companyDomain,creatorUserId,"
                "creatorUserFirstName,creatorUserLastName,creatorUserEmail")
LINKEDIN_HEADER = ("Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,"
                   "Question And Answers")


def out(result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def listed(cli) -> list[tuple[str, str, str]]:
    return [(a["company"], a["title"], a["stage"]) for a in out(cli("apps", "list", "--json"))]


def test_a_huntr_export_is_recognised_and_the_output_says_so(signed_in, tmp_path):
    path = tmp_path / "huntr.csv"
    path.write_text(f"{HUNTR_HEADER}\n"
                    "a1,2025-02-26 19:17:05,Backend Engineer,-,Berlin,-,-,-,-,-,-,b1,Search,l1,Wishlist,c1,Acme,"
                    "acme.example,u1,Ana,Lima,ana@example.org\n"
                    "a2,2025-02-26 19:21:26,SRE,-,-,-,-,-,-,-,-,b1,Search,l2,Interview,c2,Globex,globex.example,u1,"
                    "Ana,Lima,ana@example.org\n", encoding="utf-8")
    result = signed_in("apps", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Imported 2 applications (csv, utf-8)." in result.stdout
    assert "Read as a Huntr board export (preset huntr)." in result.stdout
    assert sorted(listed(signed_in)) == [("Acme", "Backend Engineer", "saved"), ("Globex", "SRE", "interviewing")]


def test_a_named_preset_with_map_overrides_and_json_report(signed_in, tmp_path):
    path = tmp_path / "Job Applications.csv"
    path.write_text(f"{LINKEDIN_HEADER},Referrer\n"
                    "\"6/18/25, 5:28 PM\",ana@example.org,+15550001111,Horizon,Data Analyst,"
                    "http://www.linkedin.com/jobs/view/1,Ana_CV.pdf,,Bo\n", encoding="utf-8")
    report = out(signed_in("apps", "import", str(path), "--preset", "linkedin",
                           "--map", "Referrer=notes,Contact Email=next_action", "--json"))
    assert (report["imported"], report["format"], report["preset"]) == (1, "csv", "linkedin")
    [app] = out(signed_in("apps", "list", "--json"))
    assert (app["company"], app["stage"], app["source"], app["next_action"]) == (
        "Horizon", "applied", "LinkedIn", "ana@example.org")
    shown = out(signed_in("apps", "show", str(app["id"]), "--json"))
    assert [n["body"] for n in shown["notes"]] == ["Bo"]


def test_an_unknown_preset_is_one_sentence_and_exit_code_2(signed_in, tmp_path):
    path = tmp_path / "teal.csv"
    path.write_text("Company,Title\nAcme,Dev\n", encoding="utf-8")
    result = signed_in("apps", "import", str(path), "--preset", "teal")
    assert result.exit_code == 2 and result.stdout == ""
    message = result.stderr.strip()
    assert "'teal' is not a known preset" in message
    assert all(name in message for name in ("huntr", "jobfunnel", "linkedin", "linkedin-saved", "simplify"))
    assert listed(signed_in) == []


def test_a_bad_row_in_a_preset_export_names_its_line_and_writes_nothing(signed_in, tmp_path):
    path = tmp_path / "master_list.csv"
    path.write_text("status,title,company,location,date,blurb,tags,link,id,provider,query,locale\n"
                    "APPLIED,Dev,Acme,Waterloo,2025-03-01,x,,https://ca.indeed.com/1,k1,INDEED,Python,CANADA_ENGLISH\n"
                    "MAYBE,SRE,Globex,Toronto,2025-03-02,y,,https://ca.indeed.com/2,k2,INDEED,Python,CANADA_ENGLISH\n",
                    encoding="utf-8")
    result = signed_in("apps", "import", str(path))
    assert result.exit_code == 2 and "line 3: 'MAYBE' is not a stage" in result.stderr
    assert listed(signed_in) == []
    skipped = signed_in("apps", "import", str(path), "--skip-invalid")
    assert "Skipped line 3" in skipped.stdout and "preset jobfunnel" in skipped.stdout
    assert listed(signed_in) == [("Acme", "Dev", "applied")]


def test_a_preset_is_for_csv_files(signed_in, tmp_path):
    exported = tmp_path / "apps.json"
    assert signed_in("apps", "export", "--format", "json", "--out", str(exported)).exit_code == 0
    result = signed_in("apps", "import", str(exported), "--preset", "huntr")
    assert result.exit_code == 2 and "--preset is for CSV files" in result.stderr
