"""jobs, searches and boards commands: JSON shapes, export/import round trips, bad files."""

from __future__ import annotations

import csv
import io
import json

import pytest

JOBSPY_CSV = (
    "id,site,job_url,job_url_direct,title,company,location,date_posted,job_type,interval,min_amount,max_amount,"
    "currency,is_remote,description\n"
    "in-1,indeed,https://www.indeed.com/viewjob?jk=1,https://acme.example/apply/1,Senior Data Engineer,Acme,"
    '"Austin, TX, US",2026-11-20,fulltime,yearly,120000,150000,USD,False,Build pipelines in Python and SQL.\n'
    "li-2,linkedin,https://www.linkedin.com/jobs/view/2,,Product Designer,Globex,Remote,2026-11-21,contract,,,,,"
    "True,Design [bold]things[/bold]\n"
)
LIST_KEYS = {"id", "source", "source_id", "title", "company", "location", "country_code", "remote",
             "employment_type", "salary_min", "salary_max", "salary_currency", "salary_interval", "posted_at", "url",
             "apply_url", "tags", "also_on", "match_score"}


def test_import_jobspy_csv_then_list_show_and_act(signed_in, tmp_path):
    source = tmp_path / "jobspy.csv"
    source.write_text(JOBSPY_CSV, encoding="utf-8")
    result = signed_in("jobs", "import", str(source))
    assert result.exit_code == 0, result.output
    assert "2 new" in result.stdout
    jobs = json.loads(signed_in("jobs", "list", "--json").stdout)
    assert set(jobs[0]) >= LIST_KEYS
    engineer = next(j for j in jobs if j["title"] == "Senior Data Engineer")
    assert (engineer["source"], engineer["salary_min"], engineer["salary_currency"]) == ("indeed", 120000, "USD")
    assert engineer["posted_at"].startswith("2026-11-20")
    shown = signed_in("jobs", "show", str(engineer["id"]), "--explain")
    assert shown.exit_code == 0 and "Match score" in shown.stdout
    assert signed_in("jobs", "save", str(engineer["id"])).exit_code == 0
    saved = json.loads(signed_in("jobs", "list", "--saved", "--json").stdout)
    assert [j["id"] for j in saved] == [engineer["id"]]
    assert json.loads(signed_in("jobs", "search", "pipelines", "--json").stdout)[0]["id"] == engineer["id"]
    assert signed_in("jobs", "hide", str(engineer["id"])).exit_code == 0
    assert engineer["id"] not in [j["id"] for j in json.loads(signed_in("jobs", "list", "--json").stdout)]


def test_export_then_import_into_an_empty_database_keeps_every_job(signed_in, tmp_path, monkeypatch):
    source = tmp_path / "jobspy.csv"
    source.write_text(JOBSPY_CSV, encoding="utf-8")
    signed_in("jobs", "import", str(source))
    exported = tmp_path / "jobs.json"
    assert signed_in("jobs", "export", "--format", "json", "--out", str(exported)).exit_code == 0
    csv_out = signed_in("jobs", "export", "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("id,source,source_id,title")
    monkeypatch.setenv("CAREERCOPILOT_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    signed_in("user", "register", "-u", "carol", "-e", "carol@example.org", "--password-stdin",
              input="orchid-meadow-31\n")
    signed_in("login", "-u", "carol", "--password-stdin", input="orchid-meadow-31\n")
    assert signed_in("jobs", "import", str(exported)).exit_code == 0
    before = json.loads(exported.read_text())
    after = json.loads(signed_in("jobs", "export").stdout)
    keep = ("source", "source_id", "title", "company", "location", "salary_min", "salary_max", "posted_at",
            "url", "apply_url", "description_text")
    assert [{k: j[k] for k in keep} for j in after] == [{k: j[k] for k in keep} for j in before]


def test_a_bad_file_is_refused_and_nothing_is_imported(signed_in, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('[{"source": "x", "source_id": "1", "title": "Ok", "url": "https://x.example/1"}, '
                      '{"source": "x", "source_id": "2", "title": "", "url": "https://x.example/2"}]')
    result = signed_in("jobs", "import", str(broken))
    assert result.exit_code == 2 and "job 2" in result.stderr and "nothing was imported" in result.stderr
    assert json.loads(signed_in("jobs", "list", "--json").stdout) == []
    wrong = tmp_path / "other.csv"
    wrong.write_text("name,age\nx,1\n")
    assert signed_in("jobs", "import", str(wrong)).exit_code == 2
    assert signed_in("jobs", "list", "--sort", "fame").exit_code == 2
    assert signed_in("jobs", "show", "424242").exit_code == 1


def test_saved_searches_and_boards(signed_in):
    added = signed_in("searches", "add", "py", "--query", "python", "--remote", "--board", "remotive",
                      "--threshold", "80", "--json")
    assert added.exit_code == 0 and json.loads(added.stdout)["threshold"] == 80
    assert [s["name"] for s in json.loads(signed_in("searches", "list", "--json").stdout)] == ["py"]
    assert signed_in("searches", "add", "x", "--query", "y", "--board", "monster").exit_code == 2
    assert signed_in("searches", "remove", "py").exit_code == 0
    assert signed_in("searches", "remove", "py").exit_code == 1
    boards = json.loads(signed_in("boards", "list", "--json").stdout)
    names = {b["board"]: b for b in boards}
    assert names["remotive"]["enabled"] is True and names["reed"]["enabled"] is False
    assert names["greenhouse"]["enabled"] is False  # needs company tokens first


def test_tracking_a_job_by_its_id_takes_its_company_title_and_link(signed_in, tmp_path):
    source = tmp_path / "jobspy.csv"
    source.write_text(JOBSPY_CSV, encoding="utf-8")
    assert signed_in("jobs", "import", str(source)).exit_code == 0
    engineer = next(j for j in json.loads(signed_in("jobs", "list", "--json").stdout)
                    if j["title"] == "Senior Data Engineer")
    result = signed_in("apps", "add", "--job", str(engineer["id"]), "--stage", "applied", "--json")
    assert result.exit_code == 0, result.stderr
    tracked = json.loads(result.stdout)
    assert (tracked["company"], tracked["title"], tracked["url"], tracked["source"], tracked["job_id"]) == (
        "Acme", "Senior Data Engineer", "https://acme.example/apply/1", "indeed", str(engineer["id"]))
    assert tracked["location"] == engineer["location"]
    designer = next(j for j in json.loads(signed_in("jobs", "list", "--json").stdout)
                    if j["title"] == "Product Designer")
    renamed = json.loads(signed_in("apps", "add", "--job", str(designer["id"]), "--title", "UX Designer II",
                                   "--json").stdout)
    assert (renamed["company"], renamed["title"]) == ("Globex", "UX Designer II")  # what was typed wins
    missing = signed_in("apps", "add", "--job", "99999")
    assert missing.exit_code != 0 and "no job 99999" in missing.stderr and "Traceback" not in missing.stderr
    assert len(json.loads(signed_in("apps", "list", "--json").stdout)) == 2

    # Tracking a job twice is a slip while its application is open; after a rejection it is a new attempt.
    again = signed_in("apps", "add", "--job", str(engineer["id"]))
    assert again.exit_code == 2
    assert f"You already track job {engineer['id']} as application {tracked['id']} (applied)" in again.stderr
    assert signed_in("apps", "move", str(tracked["id"]), "rejected").exit_code == 0
    assert signed_in("apps", "add", "--job", str(engineer["id"])).exit_code == 0
    assert len(json.loads(signed_in("apps", "list", "--json").stdout)) == 3


def test_importing_a_missing_file_says_so(signed_in, tmp_path):
    result = signed_in("jobs", "import", str(tmp_path / "nope.csv"))
    missing = tmp_path / "nope.csv"
    assert result.exit_code == 2 and result.stderr == f"Error: There is no file {missing}; check the path.\n"


def test_a_scraped_formula_is_exported_to_csv_as_text(signed_in, tmp_path):
    # A board can carry a title such as =HYPERLINK(...): a spreadsheet opening the export must show it, not run it.
    source = tmp_path / "jobspy.csv"
    source.write_text(JOBSPY_CSV.replace("Senior Data Engineer,Acme", '"=HYPERLINK(""http://x.example"")",@Acme'),
                      encoding="utf-8")
    assert signed_in("jobs", "import", str(source)).exit_code == 0
    exported = signed_in("jobs", "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    hostile = next(r for r in rows if "HYPERLINK" in r["title"])
    assert hostile["title"] == "'=HYPERLINK(\"http://x.example\")" and hostile["company"] == "'@Acme"
    assert hostile["salary_min"] == "120000.0" and not any(v.startswith("=") for r in rows for v in r.values())


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_our_export_moves_every_job_and_the_shortlist_to_a_new_machine(signed_in, tmp_path, monkeypatch, fmt):
    source = tmp_path / "jobspy.csv"
    source.write_text(JOBSPY_CSV.replace("Senior Data Engineer,Acme", '"=HYPERLINK(""http://x.example"")",@Acme'),
                      encoding="utf-8")
    signed_in("jobs", "import", str(source))
    hostile, designer = sorted(json.loads(signed_in("jobs", "list", "--json").stdout), key=lambda j: j["id"])
    signed_in("jobs", "save", str(hostile["id"]))
    signed_in("jobs", "hide", str(designer["id"]))
    before = json.loads(signed_in("jobs", "export").stdout)
    exported = tmp_path / f"jobs.{fmt}"
    assert signed_in("jobs", "export", "--format", fmt, "--out", str(exported)).exit_code == 0
    monkeypatch.setenv("CAREERCOPILOT_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    signed_in("user", "register", "-u", "carol", "-e", "carol@example.org", "--password-stdin",
              input="orchid-meadow-31\n")
    signed_in("login", "-u", "carol", "--password-stdin", input="orchid-meadow-31\n")
    imported = signed_in("jobs", "import", str(exported))
    assert imported.exit_code == 0, imported.output
    assert imported.stdout == ("Imported 2 jobs: 2 new, 0 updated. "
                               "Restored 2 saved, hidden or seen flags for carol.\n")
    assert json.loads(signed_in("jobs", "export").stdout) == before
    assert [j["title"] for j in json.loads(signed_in("jobs", "list", "--saved", "--json").stdout)] == [
        '=HYPERLINK("http://x.example")']


def test_an_invalid_field_in_an_edited_export_is_refused_and_nothing_changes(signed_in, tmp_path):
    source = tmp_path / "jobspy.csv"
    source.write_text(JOBSPY_CSV, encoding="utf-8")
    signed_in("jobs", "import", str(source))
    before = json.loads(signed_in("jobs", "export").stdout)
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps([{**before[0], "salary_min": "67,172"}, before[1]]), encoding="utf-8")
    result = signed_in("jobs", "import", str(edited))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ('Error: edited.json, job 1: salary_min "67,172" is not an amount (digits and a decimal '
                             "point only, such as 67172); nothing was imported.\n")
    edited.write_text(json.dumps([before[0], {**before[1], "posted_at": "not a date"}]), encoding="utf-8")
    result = signed_in("jobs", "import", str(edited))
    assert result.exit_code == 2 and "job 2: posted_at \"not a date\" is not a date" in result.stderr
    assert json.loads(signed_in("jobs", "export").stdout) == before


def test_exporting_to_a_path_that_cannot_be_written_says_so(signed_in, tmp_path):
    target = tmp_path / "missing" / "jobs.csv"
    result = signed_in("jobs", "export", "--format", "csv", "--out", str(target))
    assert result.exit_code == 2 and result.stderr == f"Error: Cannot write {target}: No such file or directory.\n"
    result = signed_in("jobs", "export", "--out", str(tmp_path))
    assert result.exit_code == 2 and result.stderr == f"Error: Cannot write {tmp_path}: Is a directory.\n"


def test_filters_read_values_as_people_type_them_and_refuse_unknown_ones(signed_in, tmp_path):
    source = tmp_path / "jobspy.csv"
    source.write_text(JOBSPY_CSV, encoding="utf-8")
    assert signed_in("jobs", "import", str(source)).exit_code == 0
    titles = lambda *args: [j["title"] for j in json.loads(signed_in("jobs", "list", *args, "--json").stdout)]  # noqa: E731
    assert titles("--type", "full-time") == titles("--type", "full_time") == ["Senior Data Engineer"]
    assert titles("--seniority", "Senior") == ["Senior Data Engineer"]
    assert titles("--source", "LinkedIn") == ["Product Designer"]
    wrong = signed_in("jobs", "list", "--type", "banana")
    assert wrong.exit_code == 2 and "Unknown employment type 'banana'; use one of: full_time" in wrong.stderr
