"""analytics summary|funnel|market|skills|forecast|export|notify: where the search stands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from careercopilot.cli.common import console, current_user, print_json, run_guarded, services, settings
from careercopilot.domain.text import plural

if TYPE_CHECKING:
    from collections.abc import Sequence

    from careercopilot.domain.analytics import Count, DateRange, SalaryGroup, SkillDemand
    from careercopilot.services.reports import Chart

app = typer.Typer(help="Pipeline metrics, market insight, skill gaps, forecast and reports.", no_args_is_help=True)

SINCE = typer.Option(None, "--since", help="Only applications applied on or after this UTC day (YYYY-MM-DD).")
UNTIL = typer.Option(None, "--until", help="Only applications applied on or before this UTC day (YYYY-MM-DD).")
# Market figures are about postings: their range is by posted day, the last 90 days when not given.
POSTED_SINCE = typer.Option(None, "--since", help="Only postings posted on or after this UTC day (YYYY-MM-DD); "
                                                  "the last 90 days by default.")
POSTED_UNTIL = typer.Option(None, "--until", help="Only postings posted on or before this UTC day (YYYY-MM-DD).")
JSON_OUT = typer.Option(False, "--json", help="Print as JSON.")
CHART = typer.Option(False, "--chart", help="Draw the chart in the terminal.")


@app.command("summary")
def summary(since: str = SINCE, until: str = UNTIL, json_out: bool = JSON_OUT, chart: bool = CHART) -> None:
    """Submitted, responses, interview/offer/acceptance/ghosting rates and time to answers."""

    def body() -> None:
        from careercopilot.services.quick_summary import quick_summary

        period = _period(since, until)
        metrics = quick_summary(settings(), period)
        if metrics is None:
            metrics = services().analytics.summary(current_user(), period)
        if json_out:
            print_json(metrics)
            return
        _print_rows("Pipeline", [(name.replace("_", " "), _percent(value) if name.endswith("_rate") else _show(value))
                                 for name, value in _fields(metrics)])
        if chart:
            from careercopilot.services.reports import funnel_chart

            _draw(funnel_chart(services().analytics.funnel(current_user(), period)))

    run_guarded(body)


@app.command("funnel")
def funnel(since: str = SINCE, until: str = UNTIL, json_out: bool = JSON_OUT, chart: bool = CHART,
           by: str = typer.Option(None, "--by", help="Also break every metric down by source, cv or week.")) -> None:
    """How many applications reached each stage (or a later one), and how the closed ones ended."""

    def body() -> None:
        from careercopilot.errors import BadInput

        analytics, user, period = services().analytics, current_user(), _period(since, until)
        groupings = {"source": analytics.by_source, "cv": analytics.by_cv_version, "week": analytics.by_week}
        if by is not None and by not in groupings:
            raise BadInput(f"--by takes source, cv or week, not '{by}'.")
        steps = analytics.funnel(user, period)
        groups = groupings[by](user, period) if by else ()
        if json_out:
            print_json({"funnel": steps, "groups": groups} if by else steps)
            return
        _print_rows("Funnel", [(s.stage, f"{s.count}", _percent(s.share)) for s in steps])
        if by:
            _print_rows(f"By {by}", [(g.key or "(none)", str(g.metrics.submitted), _percent(g.metrics.response_rate),
                                      _percent(g.metrics.interview_rate), _percent(g.metrics.offer_rate),
                                      g.warning or "")
                                     for g in groups],
                        ("group", "submitted", "response", "interview", "offer", "warning"))
        if chart:
            from careercopilot.services.reports import funnel_chart

            _draw(funnel_chart(steps))

    run_guarded(body)


@app.command("market")
def market(since: str = POSTED_SINCE, until: str = POSTED_UNTIL, json_out: bool = JSON_OUT,
           chart: bool = CHART) -> None:
    """Postings over time, salaries in your currency, companies, employment types, remote share, top skills."""

    def body() -> None:
        insight = services().analytics.market(current_user(), _period(since, until))
        if json_out:
            print_json(insight)
            return
        _print_rows("Market", [("currency", insight.currency), ("postings", str(insight.postings)),
                               ("remote share", _percent(insight.remote_share)),
                               ("salaries without an exchange rate", str(insight.unconverted_salaries))])
        _print_counts("Postings per week", insight.postings_by_week, "week of")
        # One table per grouping: "unknown" location and "unknown" seniority are different groups.
        for grouping, groups in (("location", insight.salary_by_location),
                                 ("title cluster", insight.salary_by_title_cluster),
                                 ("seniority", insight.salary_by_seniority)):
            _print_salaries(f"Median yearly salary by {grouping} ({insight.currency})", grouping, groups)
        _print_counts("Companies", insight.companies, "company")
        _print_counts("Employment types", insight.employment_types, "type")
        _print_top_skills(insight.top_skills)
        if chart:
            from careercopilot.services.reports import salary_chart

            _draw(salary_chart(insight))

    run_guarded(body)


@app.command("skills")
def skills(since: str = POSTED_SINCE, until: str = POSTED_UNTIL, json_out: bool = JSON_OUT,
           chart: bool = CHART) -> None:
    """Top demanded skills and, for your saved searches, the skills you lack ranked by matches they unlock."""

    def body() -> None:
        analytics, user = services().analytics, current_user()
        demand = analytics.market(user, _period(since, until)).top_skills
        gaps = analytics.skill_gaps(user)
        if json_out:
            print_json({"top_skills": demand, "skill_gaps": gaps})
            return
        _print_top_skills(demand)
        _print_rows("Skill gaps", [(g.skill, str(g.unlocks), str(g.postings), g.search) for g in gaps],
                    ("skill", "unlocks", "postings", "search"))
        if not gaps:
            console().print("Save a search (`careercopilot searches add`) to see your skill gaps.")
        if chart:
            from careercopilot.services.reports import skills_chart

            _draw(skills_chart(demand))

    run_guarded(body)


@app.command("forecast")
def forecast(since: str = SINCE, until: str = UNTIL, json_out: bool = JSON_OUT, chart: bool = CHART,
             planned: int = typer.Option(25, "--planned", min=1, max=10_000, help="Applications you plan.")) -> None:
    """A projection of interviews from your interview rate, your last week against the four before, and advice."""

    def body() -> None:
        outlook = services().analytics.outlook(current_user(), planned, _period(since, until))
        if json_out:
            print_json(outlook)
            return
        console().print(outlook.forecast.explanation)
        rows = []
        for b in outlook.benchmarks:
            fmt = _percent if "rate" in b.metric else _show
            rows.append((b.metric, fmt(b.last_week), fmt(b.trailing_four_weeks)))
        _print_rows("Last 7 days against the 4 weeks before", rows,
                    ("metric", "last 7 days", "4 weeks before"))
        _print_rows("Recommendations", [(r.advice, r.evidence) for r in outlook.recommendations],
                    ("advice", "evidence"))
        if chart:
            from careercopilot.services.reports import forecast_chart

            _draw(forecast_chart(outlook.forecast))

    run_guarded(body)


@app.command("export")
def export(
    fmt: str = typer.Option(..., "--format", help="csv (a folder of tables), json, html or pdf."),
    out: Path = typer.Option(..., "--out", help="Where to write (a folder for csv)."),
    since: str = SINCE,
    until: str = UNTIL,
) -> None:
    """Every analytics table as CSV or JSON, or a report with charts and tables as HTML or PDF."""

    def body() -> None:
        from careercopilot.errors import BadInput
        from careercopilot.services.reports import ReportFormat, export

        try:
            chosen = ReportFormat(fmt.lower())
        except ValueError:
            raise BadInput(f"--format takes csv, json, html or pdf, not '{fmt}'.") from None
        report = services().analytics.report(current_user(), _period(since, until))
        written = export(report, chosen, out)
        typer.echo(f"Wrote {plural(len(written), 'file')} to {out}.", err=True)

    run_guarded(body)


@app.command("notify")
def notify() -> None:
    """Publish changed top skill gaps and last week's figures as notifications (each once): for cron."""

    def body() -> None:
        for title in services().analytics.publish_updates(current_user()):
            typer.echo(title)

    run_guarded(body)


def _period(since: str | None, until: str | None) -> DateRange:
    from careercopilot.domain.analytics import DateRange

    return DateRange.parse(since, until)


def _fields(item: Any) -> list[tuple[str, Any]]:
    import dataclasses

    return [(f.name, getattr(item, f.name)) for f in dataclasses.fields(item)]


def _show(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:,.1f}" if isinstance(value, float) else str(value)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _print_rows(title: str, rows: list[tuple[str, ...]], header: tuple[str, ...] = ()) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(*header, title=title, show_header=bool(header))
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # company names and skills are outside text: never markup
    console().print(table if rows else f"{title}: nothing in this range.")


def _print_counts(title: str, counts: Sequence[Count], key: str) -> None:
    _print_rows(title, [(c.key, str(c.count)) for c in counts], (key, "postings"))


def _print_salaries(title: str, grouping: str, groups: Sequence[SalaryGroup]) -> None:
    _print_rows(title, [(g.key, str(g.postings), _show(g.median), _show(g.p75)) for g in groups],
                (grouping, "postings", "median", "p75"))


def _print_top_skills(demand: Sequence[SkillDemand]) -> None:
    _print_rows("Top demanded skills", [(d.skill, str(d.postings), _percent(d.share), _percent(d.trend))
                                        for d in demand], ("skill", "postings", "share", "trend"))


def _draw(chart: Chart) -> None:
    import plotext as plt

    from careercopilot.services.reports import plot_chart

    plt.clear_figure()
    plt.theme("clear")  # the terminal's own colours, not a white canvas
    plot_chart(plt, chart)
    terminal = console()
    plt.plotsize(min(100, terminal.width), max(12, len(chart.values) * 2 + 6))
    drawn = plt.build()
    # Into a file or a pipe the chart goes as plain text: no colour codes in logs and reports.
    sys.stdout.write(drawn if terminal.is_terminal else plt.uncolorize(drawn))
