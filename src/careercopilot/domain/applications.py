"""The application tracker's types and pure rules: stages, views, follow-up rules and the dates people type."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum

from careercopilot.domain.stages import Stage
from careercopilot.domain.text import plural

# What other trackers and spreadsheets call our stages (compared case-folded, spaces and dashes ignored).
_STAGE_SYNONYMS = {
    "wishlist": Stage.SAVED, "bookmarked": Stage.SAVED, "interested": Stage.SAVED, "todo": Stage.SAVED,
    "new": Stage.SAVED, "draft": Stage.SAVED,
    "applying": Stage.APPLIED, "submitted": Stage.APPLIED, "sent": Stage.APPLIED,
    "screen": Stage.SCREENING, "phonescreen": Stage.SCREENING, "recruitercall": Stage.SCREENING,
    "assessment": Stage.SCREENING,
    "interview": Stage.INTERVIEWING, "interviews": Stage.INTERVIEWING, "onsite": Stage.INTERVIEWING,
    "offered": Stage.OFFER, "offers": Stage.OFFER, "negotiating": Stage.OFFER,
    "hired": Stage.ACCEPTED, "accept": Stage.ACCEPTED,
    "rejection": Stage.REJECTED, "declined": Stage.REJECTED, "notselected": Stage.REJECTED,
    "withdrew": Stage.WITHDRAWN, "withdraw": Stage.WITHDRAWN, "archived": Stage.WITHDRAWN,
    "noresponse": Stage.GHOSTED, "noreply": Stage.GHOSTED,
}  # fmt: skip


def parse_stage(text: str) -> Stage:
    """A stage from our name or a common synonym; ValueError naming the valid stages otherwise."""
    folded = re.sub(r"[\s_\-]+", "", text.casefold())
    for stage in Stage:
        if folded == stage.value:
            return stage
    if folded in _STAGE_SYNONYMS:
        return _STAGE_SYNONYMS[folded]
    raise ValueError(f"'{text}' is not a stage; stages are: {', '.join(s.value for s in Stage)}")


class Priority(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class InterviewKind(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    ONSITE = "onsite"
    TECHNICAL = "technical"
    TAKE_HOME = "take-home"


class InterviewOutcome(StrEnum):
    PENDING = "pending"
    PASSED = "passed"
    FAILED = "failed"
    CANCELLED = "cancelled"


def company_key(company: str) -> str:
    """Fold a company name so "ACME  Inc." and "Acme Inc" share contacts."""
    return " ".join(re.sub(r"[^\w\s]", " ", company.casefold()).split())


@dataclass(frozen=True, slots=True)
class ApplicationView:
    id: int
    company: str
    title: str
    stage: Stage
    applied_at: datetime | None
    updated_at: datetime
    source: str
    next_action: str
    next_action_due: datetime | None
    location: str
    url: str
    job_id: str | None
    salary_asked: str
    salary_offered: str
    cv_version: str
    cover_letter_path: str
    priority: Priority
    tags: tuple[str, ...]
    stage_changed_at: datetime
    created_at: datetime


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    id: int
    from_stage: Stage | None  # None on the entry that created the application
    to_stage: Stage
    at: datetime
    note: str
    reverts_id: int | None
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class NoteView:
    id: int
    body: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ContactView:
    id: int
    company: str
    name: str
    role: str
    email: str
    phone: str
    profile_url: str
    notes: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class InterviewView:
    id: int
    application_id: int
    round_name: str
    kind: InterviewKind
    starts_at: datetime
    timezone: str
    duration_minutes: int
    location: str
    interviewers: tuple[str, ...]
    outcome: InterviewOutcome


@dataclass(frozen=True, slots=True)
class ApplicationDetail(ApplicationView):
    """One application with everything around it, for `apps show` and the detail screen."""

    history: tuple[HistoryEntry, ...]
    notes: tuple[NoteView, ...]
    contacts: tuple[ContactView, ...]
    interviews: tuple[InterviewView, ...]


class SortKey(StrEnum):
    UPDATED = "updated"
    APPLIED = "applied"
    COMPANY = "company"
    STAGE = "stage"
    DUE = "due"


@dataclass(frozen=True, slots=True)
class ApplicationFilter:
    stages: tuple[Stage, ...] = ()
    search: str = ""  # matched against company, title, location and tags
    tag: str = ""
    sort: SortKey = SortKey.UPDATED
    limit: int | None = None  # the first this many in sort order


def group_by_stage(apps: Iterable[ApplicationView]) -> dict[Stage, list[ApplicationView]]:
    """Kanban columns: every stage present (possibly empty), in pipeline order."""
    columns: dict[Stage, list[ApplicationView]] = {stage: [] for stage in Stage}
    for app in apps:
        columns[app.stage].append(app)
    return columns


# --- follow-ups ----------------------------------------------------------------------------------------------


class FollowUpAction(StrEnum):
    FOLLOW_UP = "follow_up"
    SUGGEST_GHOSTED = "suggest_ghosted"


@dataclass(frozen=True, slots=True)
class FollowUpRuleSpec:
    """ "After `after_days` in `stage` with no move, do `action`"."""

    stage: Stage
    after_days: int
    action: FollowUpAction

    @property
    def key(self) -> str:
        return f"{self.stage.value}:{self.after_days}:{self.action.value}"


DEFAULT_FOLLOWUP_RULES = (
    FollowUpRuleSpec(Stage.APPLIED, 7, FollowUpAction.FOLLOW_UP),
    FollowUpRuleSpec(Stage.APPLIED, 30, FollowUpAction.SUGGEST_GHOSTED),
    FollowUpRuleSpec(Stage.SCREENING, 7, FollowUpAction.FOLLOW_UP),
    FollowUpRuleSpec(Stage.INTERVIEWING, 7, FollowUpAction.FOLLOW_UP),
    FollowUpRuleSpec(Stage.SCREENING, 30, FollowUpAction.SUGGEST_GHOSTED),
)


@dataclass(frozen=True, slots=True)
class FollowUpCandidate:
    """What a rule needs to know about one application."""

    application_id: int
    company: str
    title: str
    stage: Stage
    stage_changed_at: datetime
    stage_event_id: int


@dataclass(frozen=True, slots=True)
class DueFollowUp:
    application_id: int
    company: str
    title: str
    stage: Stage
    rule: FollowUpRuleSpec
    due_at: datetime
    stage_event_id: int

    @property
    def message(self) -> str:
        days = self.rule.after_days
        if self.rule.action is FollowUpAction.SUGGEST_GHOSTED:
            return (
                f"No response from {self.company} for {plural(days, 'day')} ({self.title}): "
                f"mark it ghosted with `apps move {self.application_id} ghosted`?"
            )
        return f"Follow up with {self.company} about {self.title}: {plural(days, 'day')} in {self.stage.value}."


def due_followups(
    candidates: Iterable[FollowUpCandidate], rules: Sequence[FollowUpRuleSpec], now: datetime
) -> list[DueFollowUp]:
    """Every rule that has come due for an application still in the stage the rule watches."""
    by_stage: dict[Stage, list[FollowUpRuleSpec]] = {}
    for rule in rules:
        by_stage.setdefault(rule.stage, []).append(rule)
    due = []
    for app in candidates:
        for rule in by_stage.get(app.stage, ()):
            due_at = app.stage_changed_at + timedelta(days=rule.after_days)
            if due_at <= now:
                due.append(
                    DueFollowUp(app.application_id, app.company, app.title, app.stage, rule, due_at, app.stage_event_id)
                )
    return sorted(due, key=lambda d: (d.due_at, d.application_id))


# --- dates people type ---------------------------------------------------------------------------------------


class DateProblem(ValueError):
    """A date that cannot be read, with the reason as its message."""


_NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")
_AGO = re.compile(r"^(\d+)\s+(day|week)s?\s+ago$")
_NAMED_MONTH_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y", "%d-%b-%y")
AMBIGUOUS_HINT = "pass --date-format %d/%m/%Y (day first) or %m/%d/%Y (month first)"


def future_applied_date(at: datetime | None, now: datetime) -> str | None:
    """Why an applied date cannot be stored, when it lies ahead of `now`: history records what has happened."""
    if at is not None and at > now:
        return f"the applied date {at:%Y-%m-%d} is in the future"
    return None


def parse_when(
    text: str,
    date_format: str | None = None,
    *,
    day_first: bool | None = None,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> datetime:
    """Read a date or time as a person writes it; naive values are in `zone` (default: local). Returns aware UTC.

    ISO 8601, `today`/`yesterday`/`N days ago`, DD.MM.YYYY, YYYY/MM/DD, "12 Mar 2025", "Mar 12, 2025", and
    DD/MM/YYYY or MM/DD/YYYY when the numbers or `day_first` settle which one is meant.
    """
    value = " ".join(text.strip().split())
    if not value:
        raise DateProblem("the date is empty")
    if date_format:
        try:
            return _aware(datetime.strptime(value, date_format), zone)
        except ValueError:
            raise DateProblem(f"'{value}' does not match the date format {date_format}") from None
    relative = _relative(value.casefold(), now or datetime.now(UTC))
    if relative is not None:
        return relative
    try:
        return _aware(datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value), zone)
    except ValueError:
        pass
    parsed = _numeric(value, day_first) or _year_first(value) or _named_month(value)
    if parsed is None:
        raise DateProblem(f"'{value}' is not a date (use YYYY-MM-DD)")
    return _aware(parsed, zone)


def infer_day_first(values: Iterable[str]) -> bool | None:
    """Settle DD/MM against MM/DD for a whole column: True, False, or None when nothing in it decides."""
    day_first = month_first = False
    for value in values:
        match = _NUMERIC_DATE.match(value.strip())
        if match is None or match.group(2) == ".":
            continue
        first, second = int(match.group(1)), int(match.group(3))
        day_first |= first > 12
        month_first |= second > 12
    if day_first and month_first:
        raise DateProblem(f"the dates mix day-first and month-first orders; {AMBIGUOUS_HINT}")
    return True if day_first else False if month_first else None


def _relative(value: str, now: datetime) -> datetime | None:
    if value in ("now", "today"):
        return now
    if value == "yesterday":
        return now - timedelta(days=1)
    match = _AGO.match(value)
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        return now - timedelta(days=amount * (7 if unit == "week" else 1))
    return None


def _numeric(value: str, day_first: bool | None) -> datetime | None:
    match = _NUMERIC_DATE.match(value)
    if match is None:
        return None
    first, separator, second, year = int(match.group(1)), match.group(2), int(match.group(3)), match.group(4)
    if separator == ".":
        day_first = True  # dotted dates are day-first wherever they are written
    elif day_first is None:
        if first > 12:
            day_first = True
        elif second > 12 or first == second:
            day_first = False
        else:
            raise DateProblem(
                f"'{value}' could be {first} {_month(second)} or {second} {_month(first)}; {AMBIGUOUS_HINT}"
            )
    day, month = (first, second) if day_first else (second, first)
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    hour, minute, secs = (int(match.group(i) or 0) for i in (5, 6, 7))
    try:
        return datetime(full_year, month, day, hour, minute, secs)
    except ValueError as exc:
        raise DateProblem(f"'{value}' is not a valid date ({exc})") from None


def _year_first(value: str) -> datetime | None:
    match = _YEAR_FIRST.match(value)
    if match is None:
        return None
    try:
        return datetime(*(int(part) for part in match.groups()))
    except ValueError as exc:
        raise DateProblem(f"'{value}' is not a valid date ({exc})") from None


def _named_month(value: str) -> datetime | None:
    cleaned = value.replace(",", "")
    for pattern in _NAMED_MONTH_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
    return None


def _month(number: int) -> str:
    return datetime(2000, number, 1).strftime("%B")


def _aware(value: datetime, zone: tzinfo | None) -> datetime:
    if value.tzinfo is None and zone is not None:
        value = value.replace(tzinfo=zone)
    # astimezone() reads a naive value as local time, which is what a person typing a date means.
    return value.astimezone(UTC)


# --- what callers hand in -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ApplicationDraft:
    """A new application as typed, imported or taken from a posting; the service cleans every field."""

    company: str
    title: str
    stage: Stage = Stage.SAVED
    applied_at: datetime | None = None
    source: str = ""
    url: str = ""
    location: str = ""
    job_id: str | None = None
    salary_asked: str = ""
    salary_offered: str = ""
    cv_version: str = ""
    cover_letter_path: str = ""
    priority: Priority = Priority.MEDIUM
    tags: tuple[str, ...] = ()
    next_action: str = ""
    next_action_due: datetime | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ContactDraft:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    profile_url: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class InterviewDraft:
    round_name: str
    kind: InterviewKind
    starts_at: datetime
    timezone: str = "UTC"
    duration_minutes: int = 60
    location: str = ""
    interviewers: tuple[str, ...] = ()
    outcome: InterviewOutcome = InterviewOutcome.PENDING
