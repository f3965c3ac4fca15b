"""careercopilot analytics ... through the real CLI: JSON figures, ranges, charts, and exports that read back."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")


def out(result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def tracked(signed_in):
    """Three applications: one answered and interviewed, one rejected after applying, one still waiting."""
    def add(company: str, applied: str, cv: str) -> str:
        created = out(signed_in("apps", "add", "--company", company, "--title", "Engineer", "--stage", "applied",
                                "--applied-at", applied, "--source", "linkedin", "--cv-version", cv, "--json"))
        return str(created["id"])

    acme, globex = add("Acme", "2025-03-03", "A"), add("Globex", "2025-03-04", "A")
    add("Initech", "2025-04-01", "B")
    for app_id, stage, at in ((acme, "screening", "2025-03-05"), (acme, "interviewing", "2025-03-10"),
                              (globex, "rejected", "2025-03-14")):
        assert signed_in("apps", "move", app_id, stage, "--at", at).exit_code == 0
    return signed_in


def test_summary_json_has_every_documented_figure(tracked):
    summary = out(tracked("analytics", "summary", "--json"))
    assert {k: summary[k] for k in ("submitted", "responded", "response_rate", "interview_rate", "offer_rate",
                                    "acceptance_rate", "ghosting_rate")} == {
        "submitted": 3, "responded": 2, "response_rate": pytest.approx(2 / 3), "interview_rate": pytest.approx(1 / 3),
        "offer_rate": 0.0, "acceptance_rate": None, "ghosting_rate": 0.0}
    assert summary["median_days_to_first_response"] == pytest.approx(6)  # 2 days (Acme) and 10 days (Globex)
    assert summary["median_days_to_interview"] == pytest.approx(7)


def test_a_range_restricts_by_applied_date_and_bad_days_are_refused(tracked):
    march = out(tracked("analytics", "summary", "--since", "2025-03-01", "--until", "2025-03-31", "--json"))
    assert march["submitted"] == 2
    wrong = tracked("analytics", "summary", "--since", "March")
    assert wrong.exit_code == 2 and "YYYY-MM-DD" in wrong.stderr
    assert tracked("analytics", "summary", "--since", "2025-05-01", "--until", "2025-04-01").exit_code == 2


def test_human_output_and_terminal_charts(tracked):
    funnel = tracked("analytics", "funnel", "--by", "cv", "--chart")
    assert funnel.exit_code == 0, funnel.stderr
    assert "interviewing" in funnel.stdout and "below 10" in funnel.stdout and "Funnel" in funnel.stdout
    assert "█" in funnel.stdout and "\x1b" not in funnel.stdout  # the chart, as plain text when not a terminal
    groups = out(tracked("analytics", "funnel", "--by", "source", "--json"))["groups"]
    assert [g["key"] for g in groups] == ["linkedin"]
    forecast = tracked("analytics", "forecast", "--planned", "30")
    assert "30 more applications give about 10 interviews" in " ".join(forecast.stdout.split())
    assert tracked("analytics", "skills").exit_code == 0
    assert out(tracked("analytics", "market", "--json"))["postings"] == 0


def test_csv_and_json_exports_read_back(tracked, tmp_path):
    folder = tmp_path / "tables"
    assert tracked("analytics", "export", "--format", "csv", "--out", str(folder)).exit_code == 0
    with (folder / "summary.csv").open(newline="") as f:
        (summary,) = list(csv.DictReader(f))
    assert (summary["submitted"], summary["responded"], summary["acceptance_rate"]) == ("3", "2", "")
    with (folder / "by_cv_version.csv").open(newline="") as f:
        assert sorted(row["key"] for row in csv.DictReader(f)) == ["A", "B"]
    with (folder / "skill_gaps.csv").open(newline="") as f:
        assert csv.DictReader(f).fieldnames == ["skill", "postings", "unlocks", "search"]  # empty, with a header
    path = tmp_path / "analytics.json"
    assert tracked("analytics", "export", "--format", "json", "--out", str(path)).exit_code == 0
    document = json.loads(path.read_text())
    assert document["tables"]["summary"][0]["submitted"] == 3
    assert [s["stage"] for s in document["tables"]["funnel"]][:3] == ["applied", "screening", "interviewing"]
    assert tracked("analytics", "export", "--format", "xls", "--out", str(path)).exit_code == 2


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium")
def test_html_report_opens_in_headless_chromium_without_errors(tracked, tmp_path):
    path = tmp_path / "report.html"
    assert tracked("analytics", "export", "--format", "html", "--out", str(path)).exit_code == 0
    assert "<script" not in path.read_text() and "http://" not in path.read_text().replace(
        'xmlns="http://www.w3.org/2000/svg"', "")  # self-contained: nothing to fetch
    profile = tmp_path / "chromium-profile"
    shown = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
         "--enable-logging=stderr", "--v=0", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    shutil.rmtree(profile, ignore_errors=True)
    assert shown.returncode == 0, shown.stderr
    assert "Career Copilot analytics" in shown.stdout
    assert shown.stdout.count("<svg") == 3  # funnel, activity, response rate; no postings or practice yet
    assert shown.stdout.count("No data in this range") == 3
    assert "CONSOLE" not in shown.stderr and "Uncaught" not in shown.stderr


def test_pdf_report_has_its_pages_with_charts_and_tables(tracked, tmp_path):
    from pypdf import PdfReader

    path = tmp_path / "report.pdf"
    assert tracked("analytics", "export", "--format", "pdf", "--out", str(path)).exit_code == 0
    pages = [page.extract_text() for page in PdfReader(path).pages]
    titles = ["Pipeline", "Activity", "Groups", "Market", "Outlook"]
    starts = [next(i for i, text in enumerate(pages) if text.startswith(f"{title} - Career Copilot")) for title in
              titles]
    assert starts == sorted(starts) and starts[0] == 0
    assert "Funnel" in pages[0] and "submitted" in pages[0]
    assert "By cv version" in "".join(pages[starts[2]:starts[3]])
    assert "Recommendations" in "".join(pages[starts[4]:])


def test_notify_announces_last_weeks_figures_once(tracked):
    first = tracked("analytics", "notify")
    assert first.exit_code == 0 and first.stdout.startswith("Week of")
    assert tracked("analytics", "notify").stdout == ""
    kinds = [n["kind"] for n in out(tracked("notifications", "list", "--json"))]
    assert kinds.count("analytics_update") == 1
