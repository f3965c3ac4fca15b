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
    everything = out(tracked("analytics", "summary", "--json"))["submitted"]
    for command in ("summary", "market", "forecast"):  # the last day there is: an open end, not an overflow
        result = tracked("analytics", command, "--until", "9999-12-31", "--json")
        assert result.exit_code == 0, result.stderr
    assert out(tracked("analytics", "summary", "--until", "9999-12-31", "--json"))["submitted"] == everything


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
    for name in ("response_rate", "median_days_to_first_response"):  # the same figure, not a rounded one
        assert float(summary[name]) == document["tables"]["summary"][0][name]
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


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_pdf_table_cells_are_printed_whole(signed_in, tmp_path):
    for n in range(1, 6):
        out(signed_in("apps", "add", "--company", f"C{n}", "--title", "Dev", "--stage", "applied",
                      "--applied-at", "2025-11-03", "--json"))
    for app_id in ("1", "2", "3"):
        assert signed_in("apps", "move", app_id, "interviewing", "--at", "2025-11-05").exit_code == 0
    sentence = out(signed_in("analytics", "forecast", "--json"))["forecast"]["explanation"]
    assert sentence.endswith("80% interval 7-21.")  # long enough to wrap to five lines in its narrow column
    path = tmp_path / "report.pdf"
    assert signed_in("analytics", "export", "--format", "pdf", "--out", str(path)).exit_code == 0
    assert "".join(sentence.split()) in "".join(_pdf_text(path).split())  # line breaks aside, every character


def test_forecast_draws_the_projection_and_its_interval(tracked):
    forecast = tracked("analytics", "forecast", "--planned", "30", "--chart")
    assert forecast.exit_code == 0, forecast.stderr
    chart = forecast.stdout.rsplit("Recommendations", 1)[1]
    assert "Interviews from 30 more applications" in chart and "expected" in chart and "█" in chart


def test_funnel_chart_shows_every_outcome_the_table_lists(tracked, tmp_path):
    table_and_chart = tracked("analytics", "funnel", "--chart")
    assert table_and_chart.exit_code == 0, table_and_chart.stderr
    chart = table_and_chart.stdout.rsplit("Funnel", 1)[1]  # the table is titled Funnel too, and comes first
    assert all(outcome in chart for outcome in ("rejected", "withdrawn", "ghosted"))
    # Each bar is labelled with its count: a bar a few cells long can only approximate it.
    steps = json.loads(tracked("analytics", "funnel", "--json").stdout)
    assert all(f"{step['stage']} {step['count']}┤" in chart for step in steps)
    path = tmp_path / "report.html"
    assert tracked("analytics", "export", "--format", "html", "--out", str(path)).exit_code == 0
    svg = path.read_text().split('aria-label="Funnel">', 1)[1].split("</svg>", 1)[0]
    assert all(f">{outcome}<" in svg for outcome in ("rejected", "withdrawn", "ghosted"))


@pytest.fixture
def postings(signed_in):
    """Four postings in EUR: one with no location, two with no seniority, one with a markup-like company name."""
    from datetime import UTC, datetime, timedelta

    from careercopilot.config import load_settings
    from careercopilot.domain.postings import (
        EmploymentType,
        Location,
        Posting,
        RemoteMode,
        Salary,
        SalaryInterval,
        Seniority,
    )
    from careercopilot.services import build_services

    now = datetime.now(UTC)

    def posting(n: int, title: str, company: str, city: str | None, level: Seniority, pay: int) -> Posting:
        return Posting(source="arbeitnow", source_id=str(n), title=title, company=company,
                       url=f"https://arbeitnow.example/jobs/{n}", location=Location(raw=city or "", city=city),
                       remote=RemoteMode.REMOTE if city is None else RemoteMode.ONSITE, seniority=level,
                       posted_at=now - timedelta(days=n), description_text="Python and PostgreSQL every day.",
                       salary=Salary(min=pay, max=pay, currency="EUR", interval=SalaryInterval.YEAR),
                       employment_types=(EmploymentType.CONTRACT if n == 4 else EmploymentType.FULL_TIME,))

    services = build_services(load_settings())
    try:
        services.profiles.update(services.auth.resume(), salary_currency="EUR")
        services.jobs.ingest([posting(1, "Python Engineer", "Acme", "Berlin", Seniority.UNKNOWN, 80000),
                              posting(2, "Senior Data Engineer", "Acme", None, Seniority.SENIOR, 100000),
                              posting(3, "Python Developer", "[bold]Globex[/bold]", "Berlin", Seniority.UNKNOWN, 90000),
                              posting(4, "Senior Python Engineer", "Initech", "Munich", Seniority.SENIOR, 60000)], now)
    finally:
        services.close()
    return signed_in


def _section(text: str, title: str, next_title: str) -> str:
    return text.split(title, 1)[1].split(next_title, 1)[0]


def test_market_text_shows_every_section_of_the_json_each_salary_grouping_on_its_own(postings):
    market = postings("analytics", "market")
    assert market.exit_code == 0, market.stderr
    text, insight = market.stdout, out(postings("analytics", "market", "--json"))
    weeks = _section(text, "Postings per week", "Median yearly salary by location")
    assert all(week["key"] in weeks for week in insight["postings_by_week"])
    by_location = _section(text, "by location (EUR)", "Median yearly salary by title cluster")
    assert "unknown" in by_location and "Berlin" in by_location and "Munich" in by_location
    by_cluster = _section(text, "by title cluster (EUR)", "Median yearly salary by seniority")
    assert all(group["key"] in by_cluster for group in insight["salary_by_title_cluster"])
    by_seniority = _section(text, "by seniority (EUR)", "Companies")
    assert "unknown" in by_seniority and "senior" in by_seniority and "Berlin" not in by_seniority
    assert "[bold]Globex[/bold]" in _section(text, "Companies", "Employment types")  # scraped: printed as is
    types = _section(text, "Employment types", "Top demanded skills")
    assert "full_time" in types and "contract" in types
    assert "Python" in text.split("Top demanded skills", 1)[1]


def test_summary_in_a_new_process_reads_the_figures_without_loading_sqlalchemy():
    """The 300 ms `analytics summary` has from a cold start leaves no room to import SQLAlchemy."""
    import os
    import sys

    # A process of its own keeps its session in the data dir's file: no keyring is shared with this one.
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}

    def run(*args: str, stdin: str | None = None) -> str:
        result = subprocess.run([sys.executable, "-m", "careercopilot", *args], input=stdin, capture_output=True,
                                text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout

    run("user", "register", "-u", "zoe", "-e", "zoe@example.org", "--password-stdin", stdin="tulip-harbour-42\n")
    run("login", "-u", "zoe", "--password-stdin", stdin="tulip-harbour-42\n")
    run("apps", "add", "--company", "Acme", "--title", "Engineer", "--stage", "applied", "--applied-at", "2025-03-03")
    derived = json.loads(run("analytics", "summary", "--json"))  # the first one derives the milestones
    code = ("import sys\nsys.argv = ['careercopilot', 'analytics', 'summary', '--json']\n"
            "from careercopilot.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('SQLALCHEMY=' + str('sqlalchemy' in sys.modules))")
    assert derived["submitted"] == 1 and derived["response_rate"] == 0.0
    home = Path(env["CAREERCOPILOT_HOME"])
    config = home / "named.toml"  # the same file, named in the config rather than found in the data dir
    config.write_text(f'[database]\nurl = "sqlite:///{home / "careercopilot.db"}"\n', encoding="utf-8")
    for settings in ({}, {"CAREERCOPILOT_CONFIG": str(config)}):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                env={**env, **settings}, timeout=120)
        *figures, loaded = result.stdout.strip().splitlines()
        assert loaded == "SQLALCHEMY=False", (settings, result.stderr)
        assert json.loads("\n".join(figures)) == derived


def test_since_and_until_say_their_days_are_utc():
    """Ranges cut at UTC midnight (see the README): the help of every command that takes them says so."""
    import typer.main

    from careercopilot.cli.analytics_cmd import app

    commands = typer.main.get_command(app).commands
    for name in ("summary", "funnel", "market", "skills", "forecast", "export"):
        helps = {param.name: param.help or "" for param in commands[name].params}
        assert "UTC" in helps["since"] and "UTC" in helps["until"], name
        # Market figures are about postings, the rest about applications.
        assert ("postings posted" if name in ("market", "skills") else "applications applied") in helps["since"]
