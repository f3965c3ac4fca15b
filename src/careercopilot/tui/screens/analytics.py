"""The analytics area: pipeline figures, charts (textual-plotext) and advice for a chosen range of applied dates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static
from textual_plotext import PlotextPlot

from careercopilot.domain.analytics import DateRange
from careercopilot.errors import CareerCopilotError
from careercopilot.tui.safe import safe_line
from careercopilot.tui.screens.base import AreaScreen

if TYPE_CHECKING:
    from careercopilot.domain.analytics import MarketInsight, SkillGap
    from careercopilot.domain.notifications import NotificationView
    from careercopilot.services.analytics import AnalyticsReport, Outlook
    from careercopilot.services.reports import Chart

# Range presets in days back from today; 0 is everything.
PRESETS = (("Last 4 weeks", 28), ("Last 12 weeks", 84), ("Last 6 months", 182), ("Last year", 365),
           ("All time", 0), ("Custom range", CUSTOM := -1))
DEFAULT_PRESET = 84
CHARTS = ("funnel", "activity", "response_rate", "interview_scores", "salary", "skills")
MARKET_CHARTS = ("salary", "skills")


def preset_range(days_back: int, today: date) -> DateRange:
    return DateRange(today - timedelta(days=days_back - 1), today) if days_back else DateRange()


def summary_line(report: AnalyticsReport) -> Content:
    m = report.summary

    def pct(value: float | None) -> str:
        return "—" if value is None else f"{value:.0%}"

    def days(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f} d"

    return Content.assemble(
        (f"{m.submitted} submitted", "bold"),
        f" · response {pct(m.response_rate)} · interview {pct(m.interview_rate)} · offer {pct(m.offer_rate)}"
        f" · acceptance {pct(m.acceptance_rate)} · ghosted {pct(m.ghosting_rate)}"
        f" · first response {days(m.median_days_to_first_response)} · interview {days(m.median_days_to_interview)}")


class AnalyticsScreen(AreaScreen):
    TITLE = "Analytics"
    shows_applications = True
    DEFAULT_CSS = """
    AnalyticsScreen #analytics-range { height: 3; }
    AnalyticsScreen #analytics-range Select { width: 22; }
    AnalyticsScreen #analytics-range Input { width: 18; }  /* a whole date and the cursor after it */
    AnalyticsScreen #analytics-range Label { padding: 1 1 0 1; }
    AnalyticsScreen #analytics-summary { padding: 0 1; height: auto; }
    AnalyticsScreen #analytics-charts { grid-size: 2; grid-rows: 16; height: auto; }
    AnalyticsScreen PlotextPlot { border: round $panel-lighten-2; }
    AnalyticsScreen PlotextPlot.market { display: none; }
    AnalyticsScreen.market-ready PlotextPlot.market { display: block; }
    AnalyticsScreen #analytics-advice, AnalyticsScreen #analytics-gaps { padding: 0 1; height: auto; }
    """

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="analytics-range"):
            yield Select([(label, days) for label, days in PRESETS], value=DEFAULT_PRESET, allow_blank=False,
                         id="analytics-preset")
            yield Label("from")
            yield Input(placeholder="YYYY-MM-DD", id="analytics-since")
            yield Label("to")
            yield Input(placeholder="YYYY-MM-DD", id="analytics-until")
        with VerticalScroll():
            yield Static(id="analytics-summary")
            with Grid(id="analytics-charts"):
                for name in CHARTS:
                    # Market charts stay hidden (and undrawn) until their slower worker has data for them.
                    yield PlotextPlot(id=f"chart-{name}", classes="market" if name in MARKET_CHARTS else "")
            yield Static(id="analytics-gaps")
            yield Static(id="analytics-advice")

    def on_mount(self) -> None:
        super().on_mount()
        self._fill_inputs(preset_range(DEFAULT_PRESET, self.app.clock().date()))

    @property
    def period(self) -> DateRange:
        """The range the inputs hold (a blank field leaves that end open); BadInput for one that is no day."""
        since, until = (self.query_one(f"#analytics-{end}", Input).value for end in ("since", "until"))
        return DateRange.parse(since, until, ("'from'", "'to'"))

    def _fill_inputs(self, period: DateRange) -> None:
        for end, day in (("since", period.since), ("until", period.until)):
            self.query_one(f"#analytics-{end}", Input).value = day.isoformat() if day else ""

    @on(Select.Changed, "#analytics-preset")
    def _preset_chosen(self, event: Select.Changed) -> None:
        if event.value == CUSTOM:  # chosen, or set below when days were typed: the fields hold the range
            return
        self._fill_inputs(preset_range(int(event.value), self.app.clock().date()))  # type: ignore[arg-type]
        self.reload()

    @on(Input.Submitted)
    def _range_typed(self) -> None:
        # Typed days are no preset any more, and the selector must not claim one.
        self.query_one("#analytics-preset", Select).value = CUSTOM
        self.reload()

    @work(exclusive=True, group="analytics", exit_on_error=False)
    async def reload(self) -> None:
        """The pipeline figures first (fast), then market, skill gaps and advice in a worker of their own."""
        user, services = self.app.user, self.app.services
        if user is None or services is None:
            return
        try:
            period, now = self.period, self.app.clock()
            report = await self.app.call(services.analytics.report, user, period, now, complete=False)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        self.show(report)
        # Started after the figures are painted: its queries would otherwise slow that first paint down.
        self.call_after_refresh(self.load_market, period)

    @work(exclusive=True, group="analytics-market", exit_on_error=False)
    async def load_market(self, period: DateRange) -> None:
        user, services = self.app.user, self.app.services
        if user is None or services is None:
            return
        analytics, now = services.analytics, self.app.clock()
        try:
            market = await self.app.call(analytics.market, user, period, now, detailed=False)
            gaps = await self.app.call(analytics.skill_gaps, user)
            outlook = await self.app.call(analytics.outlook, user, 25, period, now, gaps)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        self.show_market(market, gaps[:5])
        self.show_advice(outlook)

    def show(self, report: AnalyticsReport) -> None:
        from careercopilot.services.reports import charts

        self.query_one("#analytics-summary", Static).update(summary_line(report))
        for name, chart in charts(report).items():
            self._draw(name, chart)
        self.show_advice(report.outlook)

    def show_advice(self, outlook: Outlook) -> None:
        advice = [safe_line(f"• {r.advice} ({r.evidence})") for r in outlook.recommendations]
        self.query_one("#analytics-advice", Static).update(
            Content("\n").join([safe_line(outlook.forecast.explanation), *advice]))

    def show_market(self, market: MarketInsight, gaps: tuple[SkillGap, ...]) -> None:
        from careercopilot.services.reports import salary_chart, skills_chart

        self._draw("salary", salary_chart(market))
        self._draw("skills", skills_chart(market.top_skills))
        self.add_class("market-ready")
        listed = ", ".join(f"{g.skill} (unlocks {g.unlocks} of {g.postings} for '{g.search}')" for g in gaps)
        self.query_one("#analytics-gaps", Static).update(
            safe_line(f"Skill gaps: {listed}") if gaps else
            Content.styled("Skill gaps: save a search to see which skills its postings miss.", "$text-muted"))

    def _draw(self, name: str, chart: Chart) -> None:
        from careercopilot.services.reports import plot_chart

        plot = self.query_one(f"#chart-{name}", PlotextPlot)
        plot_chart(plot.plt, chart)
        plot.refresh()

    def notifications_arrived(self, notifications: list[NotificationView]) -> None:
        self.reload()  # a move, a new match or a weekly update: the figures may have changed

    def open_item(self, item: str) -> None:
        if item == "skills":
            self.query_one("#chart-skills").scroll_visible()

