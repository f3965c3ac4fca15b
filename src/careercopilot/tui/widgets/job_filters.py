"""The job feed's search box, filter bar and sort: every control a user narrows the feed with, as one JobFilters."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Select

from careercopilot.domain.jobs import JobFilters, JobSort
from careercopilot.domain.postings import EmploymentType, Seniority

# Typing in a text box reloads the feed once the user pauses, not on every key.
TYPING_PAUSE_SECONDS = 0.3
SORTS = [("By match", JobSort.MATCH.value), ("Newest first", JobSort.DATE.value), ("By salary", JobSort.SALARY.value)]
POSTED_WITHIN = [("Past day", 1), ("Past 3 days", 3), ("Past week", 7), ("Past month", 30)]
EMPLOYMENT_TYPES = [(t.value.replace("_", " ").capitalize(), t.value) for t in EmploymentType]
SENIORITIES = [(s.value.capitalize(), s.value) for s in Seniority if s is not Seniority.UNKNOWN]
CHECKBOXES = (("remote-only", "Remote only"), ("hide-seen", "Hide seen"), ("include-hidden", "Show hidden"),
              ("saved-only", "Saved only"))


def chosen(select: Select) -> str | None:
    return select.value if isinstance(select.value, str) else None


class JobFilterBar(Vertical):
    DEFAULT_CSS = """
    JobFilterBar { height: auto; padding: 0 1; margin: 1 0; }
    JobFilterBar > Horizontal { height: 1; }
    JobFilterBar Input, JobFilterBar Select { margin-right: 1; }
    JobFilterBar Checkbox { margin-right: 2; }
    #job-search { width: 1fr; }
    #job-sort { width: 18; }
    #job-posted { width: 17; }
    #job-location { width: 1fr; min-width: 10; }
    #job-salary { width: 15; }
    #job-source { width: 18; }
    #job-type { width: 18; }
    #job-seniority { width: 14; }
    """

    class Changed(Message):
        """The user changed what the feed should show."""

    def __init__(self, sources: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._sources = sources
        self._typing: Timer | None = None
        self._reported: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(placeholder="Search titles, companies, descriptions, tags  (/)", id="job-search",
                        compact=True)
            yield Select(SORTS, value=JobSort.MATCH.value, allow_blank=False, id="job-sort", compact=True)
            yield Select(POSTED_WITHIN, prompt="Any date", id="job-posted", compact=True)
        with Horizontal():
            yield Input(placeholder="Location", id="job-location", compact=True,
                        tooltip="A city or region, or a 2-letter country code such as DE")
            yield Input(placeholder="Min salary/yr", type="integer", id="job-salary", compact=True)
            yield Select([(s, s) for s in self._sources], prompt="Any source", id="job-source", compact=True)
            yield Select(EMPLOYMENT_TYPES, prompt="Any type", id="job-type", compact=True)
            yield Select(SENIORITIES, prompt="Any level", id="job-seniority", compact=True)
        with Horizontal():
            for control_id, label in CHECKBOXES:
                yield Checkbox(label, id=control_id, compact=True)

    def filters(self, now: datetime, *, limit: int, offset: int = 0) -> JobFilters:
        """What the controls say, as the service's filters; `now` anchors "posted within"."""
        days = self.query_one("#job-posted", Select).value
        salary = self.query_one("#job-salary", Input).value
        source = chosen(self.query_one("#job-source", Select))
        return JobFilters(
            query=self.query_one("#job-search", Input).value,
            remote_only=self._checked("remote-only"),
            location=self.query_one("#job-location", Input).value.strip(),
            salary_floor_yearly=float(salary) if salary.lstrip("-").isdigit() else None,
            posted_since=now - timedelta(days=days) if isinstance(days, int) else None,
            sources=(source,) if source else (),
            employment_type=chosen(self.query_one("#job-type", Select)),
            seniority=chosen(self.query_one("#job-seniority", Select)),
            hide_seen=self._checked("hide-seen"),
            include_hidden=self._checked("include-hidden"),
            saved_only=self._checked("saved-only"),
            sort=JobSort(self.query_one("#job-sort", Select).value),
            limit=limit,
            offset=offset,
        )

    def focus_search(self) -> None:
        self.query_one("#job-search", Input).focus()

    def _checked(self, control_id: str) -> bool:
        return self.query_one(f"#{control_id}", Checkbox).value

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(TYPING_PAUSE_SECONDS, self._changed)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._typing is not None:
            self._typing.stop()
        self._changed()

    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _picked(self, event: Message) -> None:
        event.stop()
        self._changed()

    def on_mount(self) -> None:
        self._reported = self._values()

    def _values(self) -> tuple[object, ...]:
        return tuple(control.value for control in self.query("Input, Select, Checkbox").results())

    def _changed(self) -> None:
        """Report real changes only: each Select also announces its first value when it mounts."""
        values = self._values()
        if values != self._reported:
            self._reported = values
            self.post_message(self.Changed())
