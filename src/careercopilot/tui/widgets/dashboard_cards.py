"""The dashboard's widgets: one card per WidgetKind, each drawn from the one DashboardView the screen loads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Label, Static

from careercopilot.domain.dashboard import WidgetKind, WidgetSlot
from careercopilot.domain.stages import ACTIVE_STAGES, CLOSED_STAGES, Stage
from careercopilot.domain.text import plural
from careercopilot.tui.areas import AREAS
from careercopilot.tui.safe import safe_line
from careercopilot.tui.widgets.recent_notifications import RecentNotifications

if TYPE_CHECKING:
    from careercopilot.domain.jobs import JobView
    from careercopilot.services.dashboard import DashboardView

EMPTY = Content.styled("—", "dim")
BAR_CELLS = 20
SPARKS = "▁▂▃▄▅▆▇█"
FACTS = (("titles", "Looking for"), ("skills", "Skills"), ("locations", "Locations"), ("remote", "Remote"),
         ("salary", "Salary floor"), ("experience", "Experience"), ("goal", "Weekly goal"), ("cv", "CV"))


def muted(text: str) -> Content:
    return Content.styled(text, "$text-muted")


def bar(part: int, whole: int, cells: int = BAR_CELLS) -> Content:
    filled = min(cells, round(cells * part / whole)) if whole else 0
    return Content.assemble(("━" * filled, "$success"), ("━" * (cells - filled), "$panel-lighten-2"))


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _listing(values: tuple[str, ...]) -> Content:
    return safe_line(", ".join(values)) if values else EMPTY


def profile_facts(view: DashboardView) -> dict[str, Content]:
    """The profile card's values by FACTS key; outside text goes through safe_line."""
    p = view.profile
    return {
        "titles": _listing(p.target_titles),
        "skills": _listing(p.skills),
        "locations": _listing(p.locations),
        "remote": Content(p.remote_preference.value),
        "salary": (Content(f"{p.salary_floor:,} {p.salary_currency} / {p.salary_period.value}")
                   if p.salary_floor is not None else EMPTY),
        "experience": Content(_years(p.years_experience)) if p.years_experience is not None else EMPTY,
        "goal": Content(plural(p.weekly_goal, "application")),
        "cv": safe_line(p.cv_filename) if p.cv_filename else Content.styled("not imported yet", "dim"),
    }


def _years(years: float) -> str:
    # A whole count reads in the singular at one; "1.5 years" stays plural.
    return plural(int(years), "year") if years.is_integer() else f"{years:g} years"


def completeness_bar(percent_filled: int) -> Content:
    return Content.assemble((f"{percent_filled}% ", "bold"), bar(percent_filled, 100, 10))  # a narrow card cuts the bar


def areas_guide() -> Content:
    """One line per area from the registry, so a new area shows up here by itself."""
    lines = [Content.assemble((f" {area.key} ", "bold reverse"), (f" {area.title:<15}", "bold"),
                              (area.help, "$text-muted"))
             for area in AREAS if area.mode != "dashboard"]
    return Content("\n").join([*lines, muted("ctrl+p searches every screen and action")])


def lines(rows: list[Content], empty: str) -> Content:
    return Content("\n").join(rows) if rows else muted(empty)


def quick_stats(view: DashboardView, now: datetime) -> Content:
    s = view.stats
    if s is None:
        return EMPTY
    days = s.median_days_to_first_response
    rows = [("Submitted", str(s.submitted)), ("Responses", f"{s.responded}  ({percent(s.response_rate)})"),
            ("Interview rate", percent(s.interview_rate)), ("Offer rate", percent(s.offer_rate)),
            ("First answer", "—" if days is None else f"{plural(round(days), 'day')} (median)")]
    return Content("\n").join(Content.assemble((f"{name:<15}", "$text-muted"), (value, "bold")) for name, value in rows)


def pipeline(counts: dict[Stage, int], width: int) -> list[Content]:
    """Applications in each open stage now, then how many closed and how, in lines of `width` cells.

    Each count comes before its bar, which takes the width left, and the closed ones wrap between counts:
    a narrow card shortens the bars and never cuts a number off.
    """
    if not any(counts.values()):
        return [muted("No applications yet.")]
    most = max(counts[stage] for stage in ACTIVE_STAGES) or 1
    digits = max(len(str(counts[stage])) for stage in ACTIVE_STAGES)
    label = max(len(stage.value) for stage in ACTIVE_STAGES) + 1
    rows = [Content.assemble(f"{stage.value:<{label}}", (f"{counts[stage]:>{digits}} ", "bold"),
                             bar(counts[stage], most, max(0, width - label - digits - 1)))
            for stage in ACTIVE_STAGES]
    first, *others = (f"{counts[stage]} {stage.value}" for stage in CLOSED_STAGES)
    closed = [f"closed: {first}"]
    for part in others:
        if len(closed[-1]) + len(" · ") + len(part) <= width:
            closed[-1] += f" · {part}"
        else:
            closed.append(part)
    return [*rows, *map(muted, closed)]


class PipelineChart(Widget):
    """The pipeline card's body: drawn for the width it is given, so its bars fit the card."""

    DEFAULT_CSS = """
    PipelineChart { height: auto; }
    """

    def __init__(self) -> None:
        super().__init__(classes="card-body")
        self.counts: dict[Stage, int] = {}

    def show(self, counts: dict[Stage, int]) -> None:
        self.counts = counts
        self.refresh(layout=True)

    def render(self) -> Content:
        return Content("\n").join(pipeline(self.counts, self.size.width)) if self.counts else Content()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(pipeline(self.counts, width)) if self.counts else 0


def weekly_goal(view: DashboardView, now: datetime) -> Content:
    if not view.activity:
        return EMPTY
    week = view.activity[-1]
    verdict = Content.styled("goal met", "bold $success") if week.met else muted(f"{week.goal - week.submitted} to go")
    return Content.assemble(f"{week.submitted} of {week.goal} this week\n", bar(week.submitted, week.goal), "\n",
                            verdict)


def activity(view: DashboardView, now: datetime) -> Content:
    weeks = view.activity
    if not weeks:
        return EMPTY
    most = max(max(w.submitted for w in weeks), 1)
    spark = "".join(SPARKS[round((len(SPARKS) - 1) * w.submitted / most)] for w in weeks)
    total = sum(w.submitted for w in weeks)
    met = sum(w.met for w in weeks)
    summary = f"{plural(total, 'application')} in {plural(len(weeks), 'week')}, goal met {plural(met, 'time')}"
    return Content.assemble((spark, "$accent"), "\n", muted(summary))


def job_line(job: JobView) -> Content:
    score = f"{job.match_score:>3} " if job.match_score is not None else "  — "
    return Content.assemble((score, "bold $accent"), safe_line(job.title), muted(" · "), safe_line(job.company))


def recent_matches(view: DashboardView, now: datetime) -> Content:
    return lines([job_line(job) for job in view.recent_matches], "No postings yet: j opens the job feed.")


def recommended_jobs(view: DashboardView, now: datetime) -> Content:
    return lines([job_line(job) for job in view.recommended_jobs], "Nothing new to recommend.")


def upcoming_interviews(view: DashboardView, now: datetime) -> Content:
    rows = []
    for upcoming in view.upcoming_interviews:  # the role comes last: a narrow card cuts it first
        interview = upcoming.interview
        local = interview.starts_at.astimezone(ZoneInfo(interview.timezone))
        rows.append(Content.assemble((f"{local:%a %d %b %H:%M}  ", "bold"), safe_line(upcoming.company).stylize("bold"),
                                     muted(" · "), safe_line(interview.round_name),
                                     muted(f" · {interview.kind.value} · "), safe_line(upcoming.title)))
    return lines(rows, "No interviews scheduled.")


def follow_ups(view: DashboardView, now: datetime) -> Content:
    rows = [Content.assemble(safe_line(f.company).stylize("bold"), muted(": "), safe_line(f.message))
            for f in view.follow_ups]
    more = view.follow_ups_due - len(view.follow_ups)
    return lines([*rows, *([muted(f"…and {more} more")] if more > 0 else [])], "Nothing to follow up.")


def skill_gaps(view: DashboardView, now: datetime) -> Content:
    rows = [Content.assemble((f"{g.unlocks:>4} ", "bold $accent"), safe_line(g.skill),
                             muted(f" · asked by {plural(g.postings, 'posting')}")) for g in view.skill_gaps]
    return lines(rows, "No gaps found: save a search to compare.")


# Widgets drawn as one block of text; profile, notifications, pipeline and the area guide have their own parts.
TEXT_BODIES: dict[WidgetKind, Callable[[DashboardView, datetime], Content]] = {
    WidgetKind.QUICK_STATS: quick_stats,
    WidgetKind.WEEKLY_GOAL: weekly_goal,
    WidgetKind.ACTIVITY: activity,
    WidgetKind.RECENT_MATCHES: recent_matches,
    WidgetKind.RECOMMENDED_JOBS: recommended_jobs,
    WidgetKind.UPCOMING_INTERVIEWS: upcoming_interviews,
    WidgetKind.FOLLOW_UPS: follow_ups,
    WidgetKind.SKILL_GAPS: skill_gaps,
}


class DashboardCard(Vertical):
    """One widget of the layout; it spans the grid cells its slot asks for."""

    def __init__(self, slot: WidgetSlot) -> None:
        super().__init__(id=f"card-{slot.kind.value}", classes="card")
        self.kind = slot.kind
        self.border_title = slot.kind.title
        self.fit(slot)

    def fit(self, slot: WidgetSlot) -> None:
        self.styles.column_span, self.styles.row_span = slot.width, slot.height

    def compose(self) -> ComposeResult:
        if self.kind is WidgetKind.PROFILE:
            yield Static(id="profile-name")
            for key, label in (*FACTS, ("completeness", "Complete")):
                with Horizontal(classes="fact", id=f"row-{key}"):
                    yield Label(label, classes="fact-label")
                    yield Static(id=f"fact-{key}", classes="fact-value")
        elif self.kind is WidgetKind.NOTIFICATIONS:
            yield Static(id="inbox-summary")
            yield RecentNotifications(id="recent-notifications")
        elif self.kind is WidgetKind.AREAS:
            yield Static(areas_guide(), id="areas-guide")
        elif self.kind is WidgetKind.PIPELINE:
            yield PipelineChart()
        else:
            yield Static(classes="card-body")

    def show(self, view: DashboardView, now: datetime) -> None:
        if self.kind is WidgetKind.PROFILE:
            name = view.profile.full_name or view.username
            self.query_one("#profile-name", Static).update(safe_line(name).stylize("bold"))
            for key, value in profile_facts(view).items():
                self.query_one(f"#fact-{key}", Static).update(value)
            self.query_one("#fact-completeness", Static).update(completeness_bar(view.profile_completeness))
        elif self.kind is WidgetKind.NOTIFICATIONS:
            self.query_one("#inbox-summary", Static).update(inbox_line(view))
            self.query_one(RecentNotifications).show(view.recent_notifications, now)
        elif self.kind is WidgetKind.PIPELINE and self.kind in view.figures:
            self.query_one(PipelineChart).show(dict(view.pipeline))
        elif self.kind in TEXT_BODIES and self.kind in view.figures:  # blank until its figures come
            self.query_one(".card-body", Static).update(TEXT_BODIES[self.kind](view, now))


def inbox_line(view: DashboardView) -> Content:
    if not view.recent_notifications:
        return muted("No notifications yet.")
    unread = Content.styled(f"{view.unread} unread", "bold $warning" if view.unread else "$success")
    return Content.assemble(unread, ("  ·  n opens the notification center", "$text-muted"))
