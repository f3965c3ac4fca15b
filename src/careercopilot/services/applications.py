"""The application tracker: applications, their append-only stage history, notes, contacts and interviews."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Row, case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from careercopilot.db.base import utcnow
from careercopilot.db.engine import Database
from careercopilot.db.models import Application, ApplicationEvent, ApplicationNote, Contact, Interview, JobPosting
from careercopilot.domain.accounts import UserContext
from careercopilot.domain.application_demo import demo_applications
from careercopilot.domain.application_files import (
    ImportRejected,
    ImportReport,
    decode,
    looks_like_json,
    parse_csv,
    parse_json_export,
)
from careercopilot.domain.applications import (
    ApplicationDetail,
    ApplicationDraft,
    ApplicationFilter,
    ApplicationView,
    ContactDraft,
    ContactView,
    HistoryEntry,
    InterviewDraft,
    InterviewKind,
    InterviewOutcome,
    InterviewView,
    NoteView,
    Priority,
    SortKey,
    Stage,
    company_key,
    future_applied_date,
)
from careercopilot.domain.notifications import NotificationKind
from careercopilot.domain.text import clean_line, clean_text
from careercopilot.errors import BadInput, NotFound
from careercopilot.services.notifications import NotificationService

# Column limits of db/models.py: longer outside text is cut rather than refused.
_LIMITS = {"company": 200, "title": 300, "location": 200, "source": 100, "url": 1000, "salary_asked": 100,
           "salary_offered": 100, "cv_version": 100, "cover_letter_path": 1000, "next_action": 300}
# Updatable fields; the stage only changes through move/undo so that history sees every change.
EDITABLE_FIELDS = (*_LIMITS, "applied_at", "priority", "tags", "next_action_due")
_SORTS = {
    SortKey.UPDATED: (Application.updated_at.desc(), Application.id.desc()),
    SortKey.APPLIED: (Application.applied_at.desc(), Application.id.desc()),
    SortKey.COMPANY: (Application.company_key, Application.id),
    SortKey.STAGE: (case({stage.value: i for i, stage in enumerate(Stage)}, value=Application.stage), Application.id),
    SortKey.DUE: (Application.next_action_due.is_(None), Application.next_action_due, Application.id),
}


# The columns a view needs, in its field order, read as plain rows: 5,000 ORM objects would double a list's cost.
VIEW_FIELDS = tuple(ApplicationView.__dataclass_fields__)
VIEW_COLUMNS = tuple(getattr(Application, name) for name in VIEW_FIELDS)
_STAGE, _PRIORITY, _TAGS = (VIEW_FIELDS.index(name) for name in ("stage", "priority", "tags"))
_STAGES = {stage.value: stage for stage in Stage}
_PRIORITIES = {priority.value: priority for priority in Priority}


def application_view(row: Application | Row[Any]) -> ApplicationView:
    """A view from an ORM row or from a plain row of VIEW_COLUMNS."""
    values = [getattr(row, name) for name in VIEW_FIELDS] if isinstance(row, Application) else list(row)
    values[_STAGE], values[_PRIORITY] = _STAGES[values[_STAGE]], _PRIORITIES[values[_PRIORITY]]
    values[_TAGS] = tuple(values[_TAGS] or ())
    return ApplicationView(*values)


def history_entry(row: ApplicationEvent) -> HistoryEntry:
    return HistoryEntry(row.id, Stage(row.from_stage) if row.from_stage else None, Stage(row.to_stage), row.at,
                        row.note, row.reverts_id, row.recorded_at)


def contact_view(row: Contact) -> ContactView:
    return ContactView(row.id, row.company, row.name, row.role, row.email, row.phone, row.profile_url, row.notes,
                       row.created_at)


def interview_view(row: Interview) -> InterviewView:
    return InterviewView(row.id, row.application_id, row.round_name, InterviewKind(row.kind), row.starts_at,
                         row.timezone, row.duration_minutes, row.location, tuple(row.interviewers or ()),
                         InterviewOutcome(row.outcome))


def clean_fields(changes: dict[str, Any]) -> dict[str, Any]:
    """Column values from outside text: sanitised, cut to their column, tags de-duplicated."""
    values: dict[str, Any] = {}
    for key, value in changes.items():
        if key in _LIMITS:
            values[key] = clean_line(value)[: _LIMITS[key]]
        elif key == "tags":
            items = value.split(",") if isinstance(value, str) else value
            values[key] = list(dict.fromkeys(t for t in (clean_line(v)[:50] for v in items) if t))
        elif key == "priority":
            if value not in _PRIORITIES:
                raise BadInput(f"priority must be one of {', '.join(_PRIORITIES)}, not {value!r}.")
            values[key] = _PRIORITIES[value].value
        elif key in ("applied_at", "next_action_due"):
            _refuse_future(value if key == "applied_at" else None)
            values[key] = value
        else:
            raise BadInput(f"'{key}' cannot be edited; fields are: {', '.join(EDITABLE_FIELDS)}.")
    return values


def draft_row(user_id: int, draft: ApplicationDraft | ApplicationView, at: datetime) -> Application:
    """A new row from typed, imported or exported fields, all cleaned; created (and in its stage) at `at`."""
    fields = clean_fields({key: getattr(draft, key) for key in EDITABLE_FIELDS})
    if not fields["company"] or not fields["title"]:
        raise BadInput("An application needs a company and a title.")
    return Application(user_id=user_id, job_id=posting_id(draft.job_id), company_key=company_key(fields["company"]),
                       stage=draft.stage.value, stage_changed_at=at, created_at=at, updated_at=at, **fields)


def _refuse_future(applied_at: datetime | None) -> None:
    problem = future_applied_date(applied_at, utcnow())
    if problem:
        raise BadInput(f"{problem[0].upper()}{problem[1:]}; give the day you applied, or leave it out for today.")


def posting_id(value: str | None) -> str | None:
    return (clean_line(value)[:64] or None) if value else None


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput(f"'{name}' is not a time zone; use an IANA name such as Europe/Berlin.") from None
    return name


class ApplicationService:
    def __init__(self, db: Database, notifications: NotificationService) -> None:
        self.db = db
        self.notifications = notifications

    # --- applications ---------------------------------------------------------------------------------------

    def add(self, user: UserContext, draft: ApplicationDraft, at: datetime | None = None) -> ApplicationView:
        """Create an application in its first stage; `at` backdates the creation (imports, late logging)."""
        at = at or draft.applied_at or utcnow()
        with self.db.begin() as s:
            self._refuse_second_active(s, user.user_id, draft.job_id)
            row = self._insert(s, user.user_id, self._with_posting(s, draft), at)
            return application_view(row)

    @staticmethod
    def _refuse_second_active(s: Session, user_id: int, job_id: str | None) -> None:
        """A job is tracked once while its application is open (a second press of 'track' is a slip); after a
        closed one (rejected, withdrawn…) applying again starts a new application."""
        job = posting_id(job_id)
        if job is None:
            return
        a = Application
        open_stages = [stage.value for stage in Stage if not stage.is_closed]
        found = s.execute(select(a.id, a.stage).where(a.user_id == user_id, a.job_id == job,
                                                      a.stage.in_(open_stages)).limit(1)).first()
        if found is not None:
            raise BadInput(f"You already track job {job} as application {found.id} ({found.stage}); "
                           f"'careercopilot apps show {found.id}' shows it.")

    @staticmethod
    def _with_posting(s: Session, draft: ApplicationDraft) -> ApplicationDraft:
        """The draft with what the user left empty taken from the stored posting it names ("--job 12")."""
        if not draft.job_id or not draft.job_id.strip().isdigit():
            return draft
        p = JobPosting
        found = s.execute(select(p.company, p.title, p.location_raw, p.apply_url, p.url, p.source)
                          .where(p.id == int(draft.job_id))).first()
        if found is None:
            if draft.company and draft.title:
                return draft
            raise NotFound(f"There is no job {draft.job_id.strip()} in the feed; give the company and title instead.")
        taken = {"company": found.company, "title": found.title, "location": found.location_raw,
                 "url": found.apply_url or found.url, "source": found.source}
        return replace(draft, **{key: value for key, value in taken.items() if not getattr(draft, key)})

    def update(self, user: UserContext, app_id: int, **changes: Any) -> ApplicationView:
        values = clean_fields(changes)
        with self.db.begin() as s:
            row = self._owned(s, user, app_id)
            for key, value in values.items():
                setattr(row, key, value)
            if "company" in values:
                if not values["company"]:
                    raise BadInput("An application needs a company.")
                row.company_key = company_key(values["company"])
            row.updated_at = utcnow()
            s.flush()
            return application_view(row)

    def revision(self, user: UserContext) -> tuple[int, int, str]:
        """Changes whenever one of the user's applications is added, moved, edited or removed, from any process:
        screens that show them poll it to stay current."""
        a = Application
        with self.db.read() as s:
            count, events, latest = s.execute(
                select(func.count(), func.coalesce(func.sum(a.last_event_id), 0), func.max(a.updated_at))
                .where(a.user_id == user.user_id)).one()
        return int(count), int(events), str(latest)

    def list(self, user: UserContext, filters: ApplicationFilter = ApplicationFilter()) -> list[ApplicationView]:
        query = select(*VIEW_COLUMNS).where(Application.user_id == user.user_id)
        if filters.stages:
            query = query.where(Application.stage.in_([stage.value for stage in filters.stages]))
        if filters.search:
            pattern = f"%{_escape_like(clean_line(filters.search).casefold())}%"
            query = query.where(or_(*(func.lower(column).like(pattern, escape="\\") for column in (
                Application.company, Application.title, Application.location, Application.source))))
        with self.db.read() as s:
            # One fetchall, not a fetch per row.
            query = query.order_by(*_SORTS[filters.sort])
            if filters.limit is not None and not filters.tag:  # a tag filter runs on the rows read
                query = query.limit(filters.limit)
            rows = s.connection().execute(query).all()
        views = [application_view(row) for row in rows]
        if filters.tag:
            wanted = filters.tag.casefold()
            views = [v for v in views if any(t.casefold() == wanted for t in v.tags)][:filters.limit]
        return views

    def counts(self, user: UserContext) -> dict[Stage, int]:
        """How many applications sit in each stage (every stage present), for kanban headers."""
        query = (select(Application.stage, func.count()).where(Application.user_id == user.user_id)
                 .group_by(Application.stage))
        with self.db.read() as s:
            found = dict(s.execute(query).all())
        return {stage: found.get(stage.value, 0) for stage in Stage}

    def get(self, user: UserContext, app_id: int) -> ApplicationView:
        with self.db.read() as s:
            return application_view(self._owned(s, user, app_id))

    def show(self, user: UserContext, app_id: int) -> ApplicationDetail:
        with self.db.read() as s:
            row = self._owned(s, user, app_id)
            return self._details(s, [row])[0]

    def remove(self, user: UserContext, app_id: int) -> None:
        """Delete an application with its history, notes and interviews; company contacts stay."""
        with self.db.begin() as s:
            row = self._owned(s, user, app_id)
            for model in (ApplicationEvent, ApplicationNote, Interview):
                s.execute(delete(model).where(model.application_id == row.id))
            s.delete(row)

    # --- stage changes --------------------------------------------------------------------------------------

    def move(self, user: UserContext, app_id: int, stage: Stage, at: datetime | None = None,
             note: str = "") -> ApplicationView:
        """Move to any stage, appending (from, to, at, note) to the history; `at` records a past move."""
        now = utcnow()
        if at is not None and at > now:
            raise BadInput("A move cannot be recorded in the future; leave out --at to record it now.")
        with self.db.begin() as s:
            row = self._owned(s, user, app_id)
            if row.stage == stage.value:
                raise BadInput(f"Application {app_id} is already in {stage.value}.")
            if at is not None and at < row.stage_changed_at:
                raise BadInput(f"Application {app_id} entered {row.stage} on {row.stage_changed_at:%Y-%m-%d %H:%M} "
                               f"UTC; a later move cannot be dated before that.")
            self._append_move(s, row, stage, at or now, clean_text(note), None)
            view = application_view(row)
        self._announce(user, view, f"moved to {stage.value}")
        return view

    def undo(self, user: UserContext, app_id: int) -> ApplicationView:
        """Revert the last move by appending its reverse; the history keeps both."""
        with self.db.begin() as s:
            row = self._owned(s, user, app_id)
            last = s.scalar(select(ApplicationEvent)
                            .where(ApplicationEvent.application_id == row.id,
                                   ApplicationEvent.user_id == user.user_id)
                            .order_by(ApplicationEvent.id.desc()).limit(1))
            if last is None or last.from_stage is None:
                raise BadInput(f"Application {app_id} has no move to undo.")
            back = Stage(last.from_stage)
            self._append_move(s, row, back, utcnow(), f"undo of {last.from_stage} -> {last.to_stage}",
                              last.id)
            if back is Stage.SAVED and last.to_stage == Stage.APPLIED.value and row.applied_at == last.at:
                row.applied_at = None  # the applied date came with the move just undone
            entered = s.scalar(select(ApplicationEvent)
                               .where(ApplicationEvent.application_id == row.id, ApplicationEvent.id < last.id,
                                      ApplicationEvent.to_stage == back.value)
                               .order_by(ApplicationEvent.id.desc()).limit(1))
            if entered is not None:  # the follow-up clock resumes as if the reverted move never happened
                row.stage_changed_at, row.stage_event_id = entered.at, entered.id
            view = application_view(row)
        self._announce(user, view, f"moved back to {back.value} (undo)")
        return view

    def history(self, user: UserContext, app_id: int) -> list[HistoryEntry]:
        with self.db.read() as s:
            row = self._owned(s, user, app_id)
            return [history_entry(e) for e in self._events(s, row.id)]

    # --- notes, contacts, interviews ------------------------------------------------------------------------

    def add_note(self, user: UserContext, app_id: int, body: str) -> NoteView:
        text = clean_text(body).strip()
        if not text:
            raise BadInput("A note cannot be empty.")
        with self.db.begin() as s:
            row = self._owned(s, user, app_id)
            note = ApplicationNote(user_id=user.user_id, application_id=row.id, body=text, created_at=utcnow())
            s.add(note)
            row.updated_at = note.created_at
            s.flush()
            return NoteView(note.id, note.body, note.created_at)

    def add_contact(self, user: UserContext, app_id: int, draft: ContactDraft) -> ContactView:
        """Add a person at the application's company: every application to that company shows them."""
        name = clean_line(draft.name)[:200]
        if not name:
            raise BadInput("A contact needs a name.")
        with self.db.begin() as s:
            row = self._owned(s, user, app_id)
            contact = self._contact_row(user.user_id, row, draft)
            s.add(contact)
            s.flush()
            return contact_view(contact)

    def contacts(self, user: UserContext, company: str) -> list[ContactView]:
        with self.db.read() as s:
            return [contact_view(c) for c in self._contacts(s, user.user_id, company_key(company))]

    def remove_contact(self, user: UserContext, contact_id: int) -> None:
        with self.db.begin() as s:
            if not s.execute(delete(Contact).where(Contact.id == contact_id,
                                                   Contact.user_id == user.user_id)).rowcount:
                raise NotFound(f"There is no contact {contact_id}.")

    def add_interview(self, user: UserContext, app_id: int, draft: InterviewDraft) -> InterviewView:
        round_name = clean_line(draft.round_name)[:200]
        if not round_name:
            raise BadInput("An interview needs a round name, such as 'Recruiter call'.")
        if not 0 < draft.duration_minutes <= 24 * 60:
            raise BadInput("An interview lasts between 1 minute and 24 hours.")
        with self.db.begin() as s:
            row = self._owned(s, user, app_id)
            interview = self._interview_row(user.user_id, row, draft)
            s.add(interview)
            row.updated_at = interview.created_at
            s.flush()
            return interview_view(interview)

    def set_interview_outcome(self, user: UserContext, interview_id: int,
                              outcome: InterviewOutcome) -> InterviewView:
        with self.db.begin() as s:
            row = s.scalar(select(Interview).where(Interview.id == interview_id,
                                                   Interview.user_id == user.user_id))
            if row is None:
                raise NotFound(f"There is no interview {interview_id}.")
            row.outcome, row.updated_at = outcome.value, utcnow()
            s.flush()
            return interview_view(row)

    def interviews(self, user: UserContext, since: datetime | None = None) -> list[InterviewView]:
        """The user's interviews by start time (from `since` on), for the calendar sync and the demo (the dashboard
        reads its next few with their applications' company and title in one query of its own)."""
        query = select(Interview).where(Interview.user_id == user.user_id)
        if since is not None:
            query = query.where(Interview.starts_at >= since)
        with self.db.read() as s:
            return [interview_view(i) for i in s.scalars(query.order_by(Interview.starts_at, Interview.id))]

    # --- export and import ----------------------------------------------------------------------------------

    def export(self, user: UserContext) -> list[ApplicationDetail]:
        """Every application with its full history, notes, contacts and interviews, oldest first."""
        with self.db.read() as s:
            rows = list(s.scalars(select(Application).where(Application.user_id == user.user_id)
                                  .order_by(Application.id)))
            return self._details(s, rows)

    def import_drafts(self, user: UserContext, drafts: Sequence[ApplicationDraft]) -> list[ApplicationView]:
        """Add many applications in one transaction: all of them or, on any error, none."""
        now = utcnow()
        with self.db.begin() as s:
            rows = [self._insert(s, user.user_id, draft, draft.applied_at or now) for draft in drafts]
            return [application_view(row) for row in rows]

    def import_details(self, user: UserContext, details: Iterable[ApplicationDetail]) -> int:
        """Recreate exported applications exactly (history, notes, interviews, contacts) in one transaction.

        Each kind of row goes in as one batch, not three flushes per application: 5,000 applications with
        50,000 history rows took 7 s that way.
        """
        details = list(details)
        user_id = user.user_id
        with self.db.begin() as s:
            rows = [self._restored_row(user_id, detail) for detail in details]
            s.add_all(rows)
            s.flush()  # one batched insert; the new ids link everything else
            event_ids = self._restore_history(s, user_id, details, rows)
            known_contacts = {(c.company_key, c.name, c.email) for c in s.scalars(
                select(Contact).where(Contact.user_id == user_id))}
            for detail, row, ids in zip(details, rows, event_ids, strict=True):
                row.stage_event_id = row.last_event_id = ids[-1] if ids else None
                self._restore_around(s, user_id, detail, row, known_contacts)
        return len(details)

    def import_file(self, user: UserContext, data: bytes, *, column_map: dict[str, str] | None = None,
                    date_format: str | None = None, skip_invalid: bool = False,
                    encoding: str | None = None) -> ImportReport:
        """Import our JSON export or a CSV. All or nothing unless `skip_invalid`; bad rows name their line."""
        text, used = decode(data, encoding)
        if looks_like_json(text):
            return ImportReport(self.import_details(user, parse_json_export(text)), (), used, "json")
        parsed = parse_csv(text, column_map, date_format)
        if parsed.problems and not skip_invalid:
            raise ImportRejected(parsed.problems)
        if not parsed.drafts and not parsed.problems:
            raise BadInput("The CSV file has a header but no rows to import.")
        imported = self.import_drafts(user, [draft for _, draft in parsed.drafts])
        return ImportReport(len(imported), parsed.problems, used, "csv")

    def seed_demo(self, user: UserContext, now: datetime | None = None) -> int:
        """Fill an empty tracker with the demo applications; returns how many (0 when it already has some)."""
        now = now or utcnow()
        with self.db.begin() as s:
            if s.scalar(select(func.count()).select_from(Application)
                        .where(Application.user_id == user.user_id)):
                return 0
            plans = demo_applications(now)
            for plan in plans:
                row = self._insert(s, user.user_id, plan.draft, plan.created_at)
                for stage, at, note in plan.moves:
                    self._append_move(s, row, stage, at, note, None)
                s.add_all(ApplicationNote(user_id=user.user_id, application_id=row.id, body=body,
                                          created_at=row.stage_changed_at) for body in plan.notes)
                if plan.contact and not any(self._contacts(s, user.user_id, row.company_key)):
                    s.add(self._contact_row(user.user_id, row, plan.contact))
                s.add_all(self._interview_row(user.user_id, row, draft) for draft in plan.interviews)
                row.updated_at = max(row.stage_changed_at, plan.created_at)
                s.flush()
        return len(plans)

    # --- helpers --------------------------------------------------------------------------------------------

    def _insert(self, s: Session, user_id: int, draft: ApplicationDraft, at: datetime) -> Application:
        _refuse_future(draft.applied_at or at)
        row = draft_row(user_id, draft, at)
        if row.applied_at is None and draft.stage not in (Stage.SAVED,):
            row.applied_at = at  # anything past "saved" was applied for; the date is our best knowledge
        s.add(row)
        s.flush()
        event = ApplicationEvent(user_id=user_id, application_id=row.id, from_stage=None, to_stage=row.stage,
                                 at=at, note="", recorded_at=utcnow())
        s.add(event)
        for body in draft.notes:
            if clean_text(body).strip():
                s.add(ApplicationNote(user_id=user_id, application_id=row.id, body=clean_text(body).strip(),
                                      created_at=at))
        s.flush()
        row.stage_event_id = row.last_event_id = event.id
        return row

    @staticmethod
    def _contact_row(user_id: int, row: Application, draft: ContactDraft) -> Contact:
        return Contact(user_id=user_id, company=row.company, company_key=row.company_key,
                       name=clean_line(draft.name)[:200], role=clean_line(draft.role)[:200],
                       email=clean_line(draft.email)[:254], phone=clean_line(draft.phone)[:50],
                       profile_url=clean_line(draft.profile_url)[:1000], notes=clean_text(draft.notes),
                       created_at=utcnow())

    @staticmethod
    def _interview_row(user_id: int, row: Application, draft: InterviewDraft | InterviewView) -> Interview:
        return Interview(user_id=user_id, application_id=row.id, round_name=clean_line(draft.round_name)[:200],
                         kind=draft.kind.value, starts_at=draft.starts_at, timezone=check_timezone(draft.timezone),
                         duration_minutes=draft.duration_minutes, location=clean_line(draft.location)[:1000],
                         interviewers=[n for n in (clean_line(i)[:200] for i in draft.interviewers) if n],
                         outcome=draft.outcome.value, created_at=utcnow(), updated_at=utcnow())

    def _append_move(self, s: Session, row: Application, stage: Stage, at: datetime, note: str,
                     reverts_id: int | None) -> None:
        event = ApplicationEvent(user_id=row.user_id, application_id=row.id, from_stage=row.stage,
                                 to_stage=stage.value, at=at, note=note, reverts_id=reverts_id,
                                 recorded_at=utcnow())
        s.add(event)
        s.flush()
        if stage is Stage.APPLIED and row.applied_at is None:
            row.applied_at = at
        row.stage, row.stage_changed_at, row.stage_event_id, row.updated_at = stage.value, at, event.id, utcnow()
        row.last_event_id = event.id
        s.flush()

    def _announce(self, user: UserContext, view: ApplicationView, what: str) -> None:
        self.notifications.publish(user.user_id, NotificationKind.APPLICATION_STATUS,
                                   f"{view.company}: {view.title} {what}", "", link=f"application:{view.id}")

    @staticmethod
    def _owned(s: Session, user: UserContext, app_id: int) -> Application:
        row = s.scalar(select(Application).where(Application.id == app_id, Application.user_id == user.user_id))
        if row is None:
            raise NotFound(f"There is no application {app_id}; `careercopilot apps list` shows yours.")
        return row

    @staticmethod
    def _events(s: Session, app_id: int) -> Iterable[ApplicationEvent]:
        return s.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == app_id)
                         .order_by(ApplicationEvent.id))

    @staticmethod
    def _contacts(s: Session, user_id: int, key: str) -> Iterable[Contact]:
        return s.scalars(select(Contact).where(Contact.user_id == user_id, Contact.company_key == key)
                         .order_by(Contact.id))

    @staticmethod
    def _details(s: Session, rows: list[Application]) -> list[ApplicationDetail]:
        """Views with everything around them: four queries however many applications (an export has thousands)."""
        if not rows:
            return []
        user_id, ids = rows[0].user_id, [row.id for row in rows]
        one = len(rows) == 1  # `show`: filter by the application, not the whole account
        by_app: dict[type, dict[int, list[Any]]] = {}
        for model, order in ((ApplicationEvent, (ApplicationEvent.id,)),
                             (ApplicationNote, (ApplicationNote.created_at, ApplicationNote.id)),
                             (Interview, (Interview.starts_at, Interview.id))):
            query = select(model).where(model.user_id == user_id)
            query = query.where(model.application_id == ids[0]) if one else query
            grouped = by_app.setdefault(model, {})
            for item in s.scalars(query.order_by(*order)):
                grouped.setdefault(item.application_id, []).append(item)
        contacts: dict[str, list[ContactView]] = {}
        query = select(Contact).where(Contact.user_id == user_id)
        query = query.where(Contact.company_key == rows[0].company_key) if one else query
        for contact in s.scalars(query.order_by(Contact.id)):
            contacts.setdefault(contact.company_key, []).append(contact_view(contact))
        details = []
        for row in rows:
            base = application_view(row)
            details.append(ApplicationDetail(
                *(getattr(base, name) for name in VIEW_FIELDS),
                history=tuple(history_entry(e) for e in by_app[ApplicationEvent].get(row.id, ())),
                notes=tuple(NoteView(n.id, n.body, n.created_at) for n in by_app[ApplicationNote].get(row.id, ())),
                contacts=tuple(contacts.get(row.company_key, ())),
                interviews=tuple(interview_view(i) for i in by_app[Interview].get(row.id, ())),
            ))
        return details

    @staticmethod
    def _restored_row(user_id: int, detail: ApplicationDetail) -> Application:
        row = draft_row(user_id, detail, detail.created_at)
        row.stage_changed_at, row.updated_at = detail.stage_changed_at, detail.updated_at
        return row

    @staticmethod
    def _restore_history(s: Session, user_id: int, details: Sequence[ApplicationDetail],
                         rows: Sequence[Application]) -> list[list[int]]:
        """Every application's history in one insert; undos point at the new ids of the entries they revert."""
        e = ApplicationEvent
        values = [{"user_id": user_id, "application_id": row.id,
                   "from_stage": entry.from_stage.value if entry.from_stage else None,
                   "to_stage": entry.to_stage.value, "at": entry.at, "note": clean_text(entry.note),
                   "recorded_at": entry.recorded_at}
                  for detail, row in zip(details, rows, strict=True) for entry in detail.history]
        # Through the table, not the ORM's bulk insert: with RETURNING that spliced its batches quadratically.
        statement = e.__table__.insert().returning(e.__table__.c.id, sort_by_parameter_order=True)
        new = iter(s.connection().execute(statement, values).scalars().all() if values else ())
        per_application, relinks = [], []
        for detail in details:
            ids = [next(new) for _ in detail.history]
            new_ids = {entry.id: new_id for entry, new_id in zip(detail.history, ids, strict=True)}
            relinks += [{"id": new_id, "reverts_id": new_ids.get(entry.reverts_id)}
                        for entry, new_id in zip(detail.history, ids, strict=True) if entry.reverts_id is not None]
            per_application.append(ids)
        if relinks:
            s.execute(update(e), relinks)
        return per_application

    def _restore_around(self, s: Session, user_id: int, detail: ApplicationDetail, row: Application,
                        known_contacts: set[tuple[str, str, str]]) -> None:
        s.add_all(ApplicationNote(user_id=user_id, application_id=row.id, body=clean_text(n.body),
                                  created_at=n.created_at) for n in detail.notes)
        s.add_all(self._interview_row(user_id, row, i) for i in detail.interviews)
        for c in detail.contacts:
            identity = (row.company_key, clean_line(c.name)[:200], clean_line(c.email)[:254])
            if identity in known_contacts:
                continue  # shared by every application of the company: restore it once
            known_contacts.add(identity)
            contact = self._contact_row(user_id, row, ContactDraft(c.name, c.role, c.email, c.phone,
                                                                   c.profile_url, c.notes))
            contact.created_at = c.created_at
            s.add(contact)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
