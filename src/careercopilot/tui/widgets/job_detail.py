"""The detail pane beside the feed: what the posting says, why it scored what it did, and where else it is listed."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from careercopilot.domain.jobs import AlsoOn, JobDetail
from careercopilot.tui.formatting import format_age
from careercopilot.tui.safe import safe, safe_line
from careercopilot.tui.widgets.job_table import salary_label
from careercopilot.tui.widgets.match_breakdown import MatchBreakdown


def heading(detail: JobDetail) -> Content:
    job = detail.job
    facts = [job.company, job.location, job.remote, job.seniority, *job.employment_type]
    unique: dict[str, str] = {}  # a location of "Remote" already says the work mode
    for fact in (f.replace("_", " ") for f in facts if f and f != "unknown"):
        unique.setdefault(fact.casefold(), fact)
    shown = " · ".join(unique.values())
    flags = "  ★ saved" if job.saved else ""
    return Content.assemble(safe_line(job.title).stylize("bold"), (flags, "bold $warning"), "\n",
                            safe_line(shown).stylize("$text-muted"))


def facts(detail: JobDetail, now: datetime) -> Content:
    job = detail.job
    salary = salary_label(job) or "not stated"
    if detail.salary_is_estimate:
        salary += " (estimate)"
    posted = format_age(job.posted_at, now) if job.posted_at else "date unknown"
    raw = f"“{detail.salary_raw}”" if detail.salary_raw else ""
    lines = [
        Content.assemble(("Salary   ", "$text-muted"), salary, "  ", safe_line(raw).stylize("$text-muted")),
        Content.assemble(("Posted   ", "$text-muted"), posted),
        Content.assemble(("Apply    ", "$text-muted"), safe_line(job.apply_url or job.url)),
    ]
    return Content("\n").join(lines)


def also_on(members: tuple[AlsoOn, ...]) -> Content:
    if not members:
        return Content.styled("Listed on this board only.", "$text-muted")
    lines = [Content.styled("Also on", "bold")]
    lines += [Content.assemble(safe_line(m.source), f" #{m.id} ", safe_line(m.url).stylize("$text-muted"))
              for m in members]
    return Content("\n").join(lines)


def description(detail: JobDetail) -> Content:
    text = safe(detail.description_text) if detail.description_text.strip() else \
        Content.styled("The board gave no description.", "$text-muted")
    if detail.attribution:
        text = Content.assemble(text, "\n\n", safe_line(detail.attribution).stylize("$text-muted"))
    return text


class JobDetailPane(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    JobDetailPane { padding: 0 1; }
    JobDetailPane > Static { margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="job-heading")
        yield Static(id="job-facts")
        yield MatchBreakdown(id="job-breakdown")
        yield Static(id="job-also-on")
        yield Static(id="job-description")

    def show(self, detail: JobDetail, now: datetime) -> None:
        self.query_one("#job-heading", Static).update(heading(detail))
        self.query_one("#job-facts", Static).update(facts(detail, now))
        self.query_one(MatchBreakdown).show(detail.job.match_score, detail.breakdown)
        self.query_one("#job-also-on", Static).update(also_on(detail.group_members))
        self.query_one("#job-description", Static).update(description(detail))
        self.scroll_home(animate=False)

    def show_nothing(self, message: str) -> None:
        self.query_one("#job-heading", Static).update(Content.styled(message, "$text-muted"))
        for selector in ("#job-facts", "#job-also-on", "#job-description", "#job-breakdown"):
            self.query_one(selector, Static).update("")
