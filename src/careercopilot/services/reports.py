"""Analytics exports: CSV and JSON of every table, a self-contained HTML report and a PDF report with charts."""

from __future__ import annotations

import csv
import dataclasses
import html
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from itertools import pairwise
from pathlib import Path
from typing import Any

from careercopilot.domain.analytics import (
    Benchmark,
    Count,
    Forecast,
    FunnelStep,
    GroupMetrics,
    MarketInsight,
    PipelineMetrics,
    Recommendation,
    SalaryGroup,
    SkillDemand,
    SkillGap,
    WeekActivity,
)
from careercopilot.domain.text import plural, spreadsheet_safe
from careercopilot.errors import OperationFailed, writing
from careercopilot.services.analytics import AnalyticsReport, WeekScore

Row = dict[str, Any]
SVG_WIDTH, SVG_BAR_HEIGHT = 640, 22
PDF_LINE_HEIGHT = 3.6
# A table row of this many lines fits on a fresh page with the table's header above it.
PDF_ROW_LINES = 36


class ReportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    HTML = "html"
    PDF = "pdf"


@dataclass(frozen=True, slots=True)
class Chart:
    """What a chart shows, drawn alike as SVG (HTML) and as PDF vectors."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    kind: str = "bar"  # bar (horizontal) or line
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: list[Row]


def tables(report: AnalyticsReport) -> dict[str, Table]:
    """Every table of the report as plain rows: what CSV and JSON exports hold and what the reports print."""
    m, outlook = report.market or MarketInsight.nothing(), report.outlook
    overview = {"currency": m.currency, "postings": m.postings, "remote_share": m.remote_share,
                "unconverted_salaries": m.unconverted_salaries}
    return {
        "summary": _table(PipelineMetrics, [report.summary]),
        "funnel": _table(FunnelStep, report.funnel),
        "by_source": _groups(report.by_source),
        "by_cv_version": _groups(report.by_cv_version),
        "by_week": _groups(report.by_week),
        "weekly_activity": Table((*_names(WeekActivity), "met"),
                                 [{**_flat(w), "met": w.met} for w in report.activity]),
        "market_overview": Table(tuple(overview), [overview]),
        "postings_by_week": _table(Count, m.postings_by_week),
        "salary_by_location": _table(SalaryGroup, m.salary_by_location),
        "salary_by_title_cluster": _table(SalaryGroup, m.salary_by_title_cluster),
        "salary_by_seniority": _table(SalaryGroup, m.salary_by_seniority),
        "companies": _table(Count, m.companies),
        "employment_types": _table(Count, m.employment_types),
        "top_skills": _table(SkillDemand, m.top_skills),
        "skill_gaps": _table(SkillGap, report.skill_gaps),
        "forecast": _table(Forecast, [outlook.forecast]),
        "benchmarks": _table(Benchmark, outlook.benchmarks),
        "recommendations": _table(Recommendation, outlook.recommendations),
        "interview_scores": _table(WeekScore, report.interview_scores),
    }


def funnel_chart(steps: Sequence[FunnelStep]) -> Chart:
    """Every step the funnel table lists, the closed outcomes included, so chart and table agree."""
    return Chart("Funnel", tuple(s.stage for s in steps), tuple(s.count for s in steps))


def forecast_chart(forecast: Forecast) -> Chart:
    """The expected interviews between the ends of their 80% interval; no bars without a rate to project from."""
    title = f"Interviews from {plural(forecast.planned, 'more application')}"
    if forecast.expected_interviews is None or forecast.low is None or forecast.high is None:
        return Chart(title, (), ())
    return Chart(title, ("80% low", "expected", "80% high"),
                 (forecast.low, forecast.expected_interviews, forecast.high))


def activity_chart(weeks: Sequence[WeekActivity]) -> Chart:
    return Chart("Applications per week", tuple(f"{w.week_start:%m-%d}" for w in weeks),
                 tuple(w.submitted for w in weeks), "line")


def response_rate_chart(weeks: Sequence[GroupMetrics]) -> Chart:
    return Chart("Response rate by week applied", tuple(g.key[5:] for g in weeks),
                 tuple(100 * (g.metrics.response_rate or 0) for g in weeks), "line", "%")


def salary_chart(market: MarketInsight) -> Chart:
    shown = [g for g in market.salary_by_location if g.median is not None]
    return Chart(f"Median yearly salary by location ({market.currency})", tuple(g.key for g in shown),
                 tuple(g.median or 0 for g in shown))


def skills_chart(demand: Sequence[SkillDemand]) -> Chart:
    return Chart("Top demanded skills (postings)", tuple(s.skill for s in demand), tuple(s.postings for s in demand))


def scores_chart(scores: Sequence[WeekScore]) -> Chart:
    return Chart("Practice answer score by week", tuple(f"{s.week_start:%m-%d}" for s in scores),
                 tuple(s.average_score for s in scores), "line")


def charts(report: AnalyticsReport) -> dict[str, Chart]:
    """Every chart of the report; the market's two only when the report carries the market."""
    drawn = {"funnel": funnel_chart(report.funnel), "activity": activity_chart(report.activity),
             "response_rate": response_rate_chart(report.by_week),
             "interview_scores": scores_chart(report.interview_scores)}
    if report.market is not None:
        drawn |= {"salary": salary_chart(report.market), "skills": skills_chart(report.market.top_skills)}
    return drawn


def plot_chart(plt: Any, chart: Chart) -> None:
    """Draw on a plotext module or a textual-plotext widget's `plt` (passed in: services never import plotext)."""
    plt.clear_data()
    plt.title(chart.title)
    if not chart.values:
        plt.title(f"{chart.title}: no data in this range")
        return
    if chart.kind == "line":
        positions = list(range(1, len(chart.values) + 1))
        plt.plot(positions, list(chart.values), marker="braille")
        every = max(1, len(positions) // 8)  # a label every few points so they never overlap
        plt.xticks(positions[::every], list(chart.labels)[::every])
    else:
        # Each label carries its figure: a bar's length in a few terminal cells can only approximate it.
        labels = [f"{label[:14]} {_short(value)}" for label, value in zip(chart.labels, chart.values, strict=True)]
        plt.bar(labels, list(chart.values), orientation="horizontal", width=0.5)
        # Bars sit on whole rows: unaligned, a short panel gave a bar's row its neighbour's length.
        plt.ylim(0.5, len(labels) + 0.5)


def _short(value: float) -> str:
    """A figure in a few characters: 3, 0.4, 85k, 1.2M."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if abs(value) >= 1000:
        return f"{value / 1000:.0f}k"
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def export(report: AnalyticsReport, fmt: ReportFormat, out: Path) -> list[Path]:
    """Write the report; CSV goes to a folder of one file per table. Returns the files written."""
    writers: dict[ReportFormat, Callable[[AnalyticsReport, Path], list[Path]]] = {
        ReportFormat.CSV: _write_csv, ReportFormat.JSON: _write_json, ReportFormat.HTML: _write_html,
        ReportFormat.PDF: _write_pdf}
    with writing(out):
        return writers[fmt](report, out)


# --- CSV and JSON ---------------------------------------------------------------------------------------------


def _write_csv(report: AnalyticsReport, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables(report).items():
        path = out / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=table.columns)
            writer.writeheader()
            writer.writerows({k: spreadsheet_safe(_data_cell(v)) for k, v in row.items()} for row in table.rows)
        written.append(path)
    return written


def _write_json(report: AnalyticsReport, out: Path) -> list[Path]:
    document = {"generated_at": report.generated_at.isoformat(), "range": _flat(report.range),
                "tables": {name: table.rows for name, table in tables(report).items()}}
    out.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=_json_default), encoding="utf-8")
    return [out]


# --- HTML ----------------------------------------------------------------------------------------------------


def _write_html(report: AnalyticsReport, out: Path) -> list[Path]:
    out.write_text(render_html(report), encoding="utf-8")
    return [out]


def render_html(report: AnalyticsReport) -> str:
    """One file with inline CSS and SVG: no script, no outside request."""
    parts = [f"<h1>Career Copilot analytics</h1><p>{html.escape(_subtitle(report))}</p>"]
    parts += [f"<section><h2>{html.escape(c.title)}</h2>{_svg(c)}</section>" for c in charts(report).values()]
    parts += [f"<section><h2>{html.escape(_heading(name))}</h2>{_html_table(table)}</section>"
              for name, table in tables(report).items()]
    style = ("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0}"
             "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}th{background:#eee}"
             "section{overflow-x:auto}svg text{font-size:12px;font-family:sans-serif}")
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Career Copilot analytics</title>"
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>\n")


def _svg(chart: Chart) -> str:
    if not chart.values:
        return "<p>No data in this range.</p>"
    top = max(chart.values) or 1
    if chart.kind == "line":
        height, step = 200, (SVG_WIDTH - 80) / max(len(chart.values) - 1, 1)
        points = [(60 + i * step, 170 - 150 * v / top) for i, v in enumerate(chart.values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#2a6fdb"><title>{html.escape(label)}: '
                       f"{_number(v)}{chart.unit}</title></circle>"
                       for (x, y), label, v in zip(points, chart.labels, chart.values, strict=True))
        labels = "".join(f'<text x="{x:.1f}" y="190" text-anchor="middle">{html.escape(label)}</text>'
                         for i, ((x, _), label) in enumerate(zip(points, chart.labels, strict=True))
                         if len(points) <= 16 or i % 4 == 0)  # every fourth label when they would overlap
        body = (f'<text x="4" y="24">{_number(top)}{chart.unit}</text><line x1="58" y1="170" x2="{SVG_WIDTH}" '
                f'y2="170" stroke="#999"/><polyline fill="none" stroke="#2a6fdb" stroke-width="2" points="{path}"/>'
                f"{dots}{labels}")
    else:
        height = SVG_BAR_HEIGHT * len(chart.values) + 10
        body = "".join(
            f'<text x="0" y="{i * SVG_BAR_HEIGHT + 16}">{html.escape(label[:22])}</text>'
            f'<rect x="170" y="{i * SVG_BAR_HEIGHT + 4}" width="{max(1.0, 380 * v / top):.1f}" height="16" '
            f'fill="#2a6fdb"/><text x="{176 + 380 * v / top:.1f}" y="{i * SVG_BAR_HEIGHT + 16}">'
            f"{_number(v)}{chart.unit}</text>"
            for i, (label, v) in enumerate(zip(chart.labels, chart.values, strict=True)))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SVG_WIDTH}" height="{height}" role="img" '
            f'aria-label="{html.escape(chart.title)}">{body}</svg>')


def _html_table(table: Table) -> str:
    if not table.rows:
        return "<p>No rows in this range.</p>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(row.get(c)))}</td>" for c in table.columns) + "</tr>"
                   for row in table.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# --- PDF -----------------------------------------------------------------------------------------------------

# The PDF's pages in order: (title, charts on it, tables on it); tests and the README name them.
PDF_PAGES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Pipeline", ("funnel",), ("summary", "funnel")),
    ("Activity", ("activity", "response_rate"), ("weekly_activity", "by_week")),
    ("Groups", (), ("by_source", "by_cv_version")),
    ("Market", ("salary", "skills"), ("market_overview", "salary_by_title_cluster", "salary_by_seniority",
                                      "employment_types", "companies")),
    ("Outlook", ("interview_scores",), ("forecast", "benchmarks", "recommendations", "skill_gaps")),
)


def _write_pdf(report: AnalyticsReport, out: Path) -> list[Path]:
    try:
        from fpdf import FPDF
    except ImportError:
        raise OperationFailed("PDF reports need the fpdf2 package: pip install fpdf2.") from None

    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_auto_page_break(True, margin=12)
    every_chart, every_table = charts(report), tables(report)
    for title, chart_names, table_names in PDF_PAGES:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, _latin1(f"{title} - Career Copilot analytics"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        pdf.cell(0, 6, _latin1(_subtitle(report)), new_x="LMARGIN", new_y="NEXT")
        for name in chart_names:
            if name in every_chart:
                _pdf_chart(pdf, every_chart[name])
        for name in table_names:
            _pdf_table(pdf, _heading(name), every_table[name])
    pdf.output(str(out))
    return [out]


def _pdf_chart(pdf: Any, chart: Chart) -> None:
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 7, _latin1(chart.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8)
    if not chart.values:
        pdf.cell(0, 5, "No data in this range.", new_x="LMARGIN", new_y="NEXT")
        return
    top, x0, y0 = max(chart.values) or 1, pdf.l_margin, pdf.get_y()
    pdf.set_fill_color(42, 111, 219)
    if chart.kind == "line":
        step = 200 / max(len(chart.values) - 1, 1)
        points = [(x0 + 30 + i * step, y0 + 35 - 32 * v / top) for i, v in enumerate(chart.values)]
        pdf.set_draw_color(42, 111, 219)
        for (xa, ya), (xb, yb) in pairwise(points):
            pdf.line(xa, ya, xb, yb)
        pdf.set_draw_color(0, 0, 0)
        pdf.text(x0, y0 + 5, f"{_number(top)}{chart.unit}")
        pdf.text(x0, y0 + 39, f"{chart.labels[0]} .. {chart.labels[-1]}")
        pdf.set_y(y0 + 42)
        return
    for i, (label, v) in enumerate(zip(chart.labels, chart.values, strict=True)):
        y = y0 + i * 5
        pdf.text(x0, y + 3.5, _latin1(label[:28]))
        pdf.rect(x0 + 50, y + 0.5, max(0.5, 150 * v / top), 3.8, style="F")
        pdf.text(x0 + 52 + 150 * v / top, y + 3.5, f"{_number(v)}{chart.unit}")
    pdf.set_y(y0 + 5 * len(chart.values) + 3)


def _pdf_table(pdf: Any, heading: str, table: Table) -> None:
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 7, _latin1(heading), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 7)
    if not table.rows:
        pdf.cell(0, 5, "No rows in this range.", new_x="LMARGIN", new_y="NEXT")
        return
    with pdf.table(text_align="LEFT", line_height=PDF_LINE_HEIGHT) as grid:
        grid.row([_latin1(c.replace("_", " ")) for c in table.columns])
        for row in table.rows:
            for part in _pdf_row_parts(pdf, [_latin1(_cell(row.get(c))) for c in table.columns]):
                grid.row(part)
    pdf.ln(2)


def _pdf_row_parts(pdf: Any, cells: list[str]) -> list[list[str]]:
    """The row as one or more rows of at most PDF_ROW_LINES lines: fpdf2 refuses a row taller than a page."""
    width = pdf.epw / len(cells)  # the table's equal columns
    wrapped = [pdf.multi_cell(width, PDF_LINE_HEIGHT, cell, dry_run=True, output="LINES") for cell in cells]
    tallest = max(len(lines) for lines in wrapped)
    return [["\n".join(lines[start:start + PDF_ROW_LINES]) for lines in wrapped]
            for start in range(0, max(tallest, 1), PDF_ROW_LINES)]


# --- helpers -------------------------------------------------------------------------------------------------


def _flat(item: Any) -> Row:
    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}


def _names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _table(kind: type, items: Iterable[Any]) -> Table:
    """Columns come from the type, so an empty table still has its header."""
    return Table(_names(kind), [_flat(item) for item in items])


def _groups(groups: Iterable[GroupMetrics]) -> Table:
    return Table(("key", *_names(PipelineMetrics), "warning"),
                 [{"key": g.key, **_flat(g.metrics), "warning": g.warning} for g in groups])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:.0f}"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _data_cell(value: Any) -> str:
    """A CSV value: numbers whole (the shortest text that reads back as the same float), for sums in a sheet."""
    return repr(value) if isinstance(value, float) else _cell(value)


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def _heading(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _subtitle(report: AnalyticsReport) -> str:
    since = report.range.since.isoformat() if report.range.since else "the start"
    until = report.range.until.isoformat() if report.range.until else "today"
    return f"Applications applied from {since} to {until}; generated {report.generated_at:%Y-%m-%d %H:%M} UTC."


def _latin1(text: str) -> str:
    """The PDF's built-in fonts cover Latin-1 only; anything else shows as '?'."""
    return text.encode("latin-1", "replace").decode("latin-1")
