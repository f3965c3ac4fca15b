"""Typed ORM models. Every user-owned row carries user_id; services filter on it."""

# No `from __future__ import annotations`: SQLAlchemy would parse and eval each of the ~280 annotations as text.
from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careercopilot.db.base import Base, utcnow


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)  # stored lower-cased
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-cased
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="user")
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Throttling lives in the row so a new process (every CLI call) sees earlier failures.
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)


class AuthSession(Base):
    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex; the token itself is never stored
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class Profile(Base):
    __tablename__ = "profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    target_titles: Mapped[list[str]] = mapped_column(JSON, default=list)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    locations: Mapped[list[str]] = mapped_column(JSON, default=list)
    remote_preference: Mapped[str] = mapped_column(String(16), default="any")
    salary_floor: Mapped[int | None] = mapped_column(default=None)
    salary_currency: Mapped[str] = mapped_column(String(3), default="USD")
    salary_period: Mapped[str] = mapped_column(String(8), default="year")
    years_experience: Mapped[float | None] = mapped_column(default=None)
    weekly_goal: Mapped[int] = mapped_column(default=10)
    # Hard filters for matching: a posting that hits one scores 0 with the reason.
    blocked_companies: Mapped[list[str]] = mapped_column(JSON, default=list)
    blocked_keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    needs_visa_sponsorship: Mapped[bool] = mapped_column(default=False)
    cv_text: Mapped[str] = mapped_column(Text, default="")
    cv_filename: Mapped[str] = mapped_column(String(255), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str | None] = mapped_column(String(200), default=None)  # "<area>:<id>", e.g. "application:12"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(default=None)



# --- Application tracker (issue 4) ---------------------------------------------------------------------------


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_user_stage", "user_id", "stage"),
        Index("ix_applications_user_company", "user_id", "company_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    job_id: Mapped[str | None] = mapped_column(String(64), default=None)  # a posting id when tracked from the feed
    company: Mapped[str] = mapped_column(String(200))
    company_key: Mapped[str] = mapped_column(String(200))  # folded company name: contacts are shared on it
    title: Mapped[str] = mapped_column(String(300))
    location: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(100), default="")
    url: Mapped[str] = mapped_column(String(1000), default="")
    stage: Mapped[str] = mapped_column(String(16))
    stage_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    stage_event_id: Mapped[int | None] = mapped_column(default=None)  # the history row that entered `stage`
    # The newest history row, an undo included: unlike stage_event_id it only grows, so derived figures can tell
    # when they are stale.
    last_event_id: Mapped[int | None] = mapped_column(default=None)
    applied_at: Mapped[datetime | None] = mapped_column(default=None)
    salary_asked: Mapped[str] = mapped_column(String(100), default="")
    salary_offered: Mapped[str] = mapped_column(String(100), default="")
    cv_version: Mapped[str] = mapped_column(String(100), default="")
    cover_letter_path: Mapped[str] = mapped_column(String(1000), default="")
    priority: Mapped[str] = mapped_column(String(8), default="medium")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    next_action: Mapped[str] = mapped_column(String(300), default="")
    next_action_due: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApplicationEvent(Base):
    """Append-only stage history: rows are inserted, never updated or deleted (except with their application)."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(16), default=None)  # None: the application was created
    to_stage: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(default=utcnow)  # when it happened, which may be before it was logged
    note: Mapped[str] = mapped_column(Text, default="")
    reverts_id: Mapped[int | None] = mapped_column(default=None)  # set when this row is an undo of that row
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApplicationNote(Base):
    __tablename__ = "application_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)  # markdown
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Contact(Base):
    """A person at a company; every application to that company (same user) shows them."""

    __tablename__ = "contacts"
    __table_args__ = (Index("ix_contacts_user_company", "user_id", "company_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    company: Mapped[str] = mapped_column(String(200))
    company_key: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    profile_url: Mapped[str] = mapped_column(String(1000), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Interview(Base):
    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    round_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")  # IANA zone the user gave the time in
    duration_minutes: Mapped[int] = mapped_column(default=60)
    location: Mapped[str] = mapped_column(String(1000), default="")  # an address or a meeting link
    interviewers: Mapped[list[str]] = mapped_column(JSON, default=list)
    outcome: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class FollowUpRule(Base):
    """A user's own follow-up rule; users without any get the built-in defaults."""

    __tablename__ = "followup_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    after_days: Mapped[int]
    action: Mapped[str] = mapped_column(String(16))


class FollowUpRaised(Base):
    """Marks a due follow-up as raised, so each is notified once per stay in a stage."""

    __tablename__ = "followups_raised"
    __table_args__ = (UniqueConstraint("application_id", "rule_key", "stage_event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    rule_key: Mapped[str] = mapped_column(String(64))
    stage_event_id: Mapped[int]
    raised_at: Mapped[datetime] = mapped_column(default=utcnow)


class JobPosting(Base):
    """A posting as one board shows it: shared public data, no user columns."""

    __tablename__ = "postings"
    __table_args__ = (
        UniqueConstraint("source", "source_id"),
        # ix_postings_market (is_primary, posted_at, then every column market insight reads) is written by hand
        # per dialect in migration 0007: PostgreSQL carries them as INCLUDE, which the models cannot say.
        # Covers every narrow feed filter, so a page is found without reading descriptions.
        Index("ix_postings_filter", "id", "is_primary", "is_expired", "remote", "country_code", "salary_yearly",
              "posted_at", "source", "seniority"),
        # ix_postings_group_members (source, group_key) holds only the non-primary postings: written in migration
        # 0008, as a partial index's dialect options here would import the PostgreSQL dialect in every command.
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(40), index=True)
    source_id: Mapped[str] = mapped_column(String(300))
    # Same job on several boards: the group is keyed by its first posting's "source:source_id".
    group_key: Mapped[str] = mapped_column(String(350), index=True)
    is_primary: Mapped[bool] = mapped_column(default=True)  # the group's best row: the one the feed shows
    title: Mapped[str] = mapped_column(String(500))
    company: Mapped[str] = mapped_column(String(300))
    company_key: Mapped[str] = mapped_column(String(300), index=True)  # normalized: dedup blocks on it
    url: Mapped[str] = mapped_column(String(2000))
    apply_url: Mapped[str | None] = mapped_column(String(2000))
    canonical_url: Mapped[str | None] = mapped_column(String(2000), index=True)  # apply URL without tracking
    location_raw: Mapped[str] = mapped_column(String(500), default="")
    city: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(200))
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    remote: Mapped[str] = mapped_column(String(8), default="unknown")
    employment_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    seniority: Mapped[str] = mapped_column(String(16), default="unknown")
    department: Mapped[str | None] = mapped_column(String(300))
    category: Mapped[str | None] = mapped_column(String(300))
    salary_min: Mapped[float | None]
    salary_max: Mapped[float | None]
    salary_currency: Mapped[str | None] = mapped_column(String(3))
    salary_interval: Mapped[str | None] = mapped_column(String(8))
    salary_is_estimate: Mapped[bool] = mapped_column(default=False)
    salary_raw: Mapped[str] = mapped_column(String(300), default="")
    salary_yearly: Mapped[float | None] = mapped_column(index=True)  # top of the range per year, for floors/sorts
    posted_at: Mapped[datetime | None] = mapped_column(index=True)
    expires_at: Mapped[datetime | None]
    description_html: Mapped[str] = mapped_column(Text, default="")
    description_text: Mapped[str] = mapped_column(Text, default="")
    description_is_partial: Mapped[bool] = mapped_column(default=False)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)  # canonical taxonomy names found in the text
    attribution_text: Mapped[str | None] = mapped_column(String(300))
    attribution_link: Mapped[str | None] = mapped_column(String(2000))
    content_hash: Mapped[str] = mapped_column(String(40))
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    is_expired: Mapped[bool] = mapped_column(default=False)


class GroupSplit(Base):
    """A posting a user split out of a wrong group; re-scrapes never merge it back into that group."""

    __tablename__ = "posting_splits"

    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True)
    group_key: Mapped[str] = mapped_column(String(350), primary_key=True)
    split_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class UserPosting(Base):
    """What one user thinks of one posting: match score, saved, hidden, seen."""

    __tablename__ = "user_postings"
    __table_args__ = (Index("ix_user_postings_user_score", "user_id", "score", "posting_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True)
    score: Mapped[int] = mapped_column(default=0)
    breakdown: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    saved: Mapped[bool] = mapped_column(default=False)
    hidden: Mapped[bool] = mapped_column(default=False)
    seen: Mapped[bool] = mapped_column(default=False)
    notified: Mapped[bool] = mapped_column(default=False)  # counted in a job_match summary already
    scored_at: Mapped[datetime] = mapped_column(default=utcnow)


class SavedSearch(Base):
    __tablename__ = "saved_searches"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    query: Mapped[str] = mapped_column(String(500), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    remote: Mapped[bool] = mapped_column(default=False)
    boards: Mapped[list[str]] = mapped_column(JSON, default=list)
    threshold: Mapped[int] = mapped_column(default=70)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ScrapeRun(Base):
    __tablename__ = "scrape_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="running")  # running, ok, partial, failed


class BoardRun(Base):
    """One board within one scrape: what boards doctor reads to spot blocks and drops."""

    __tablename__ = "board_runs"
    __table_args__ = (Index("ix_board_runs_board_started", "board", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("scrape_runs.id", ondelete="CASCADE"), index=True)
    board: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    http_codes: Mapped[list[int]] = mapped_column(JSON, default=list)
    pages: Mapped[int] = mapped_column(default=0)
    seen: Mapped[int] = mapped_column(default=0)
    new: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    fill: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)  # field -> share of postings with it
    duration_s: Mapped[float] = mapped_column(default=0.0)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)


class HttpCacheEntry(Base):
    """Validators and bodies for conditional requests (ETag / Last-Modified) across runs."""

    __tablename__ = "http_cache"

    url: Mapped[str] = mapped_column(String(2000), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    content_type: Mapped[str] = mapped_column(String(200), default="")
    stored_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- Interview practice and the LLM layer (issue 5) ----------------------------------------------------------


class PracticeSession(Base):
    """A set of questions practised together; the questions are copied in so tailored ones survive."""

    __tablename__ = "practice_sessions"
    __table_args__ = (Index("ix_practice_sessions_user_created", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    category: Mapped[str | None] = mapped_column(String(32), default=None)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"),
                                                       default=None)
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("postings.id", ondelete="SET NULL"), default=None)
    questions: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    time_limit_s: Mapped[int] = mapped_column(default=120)  # 0: untimed
    note: Mapped[str] = mapped_column(Text, default="")  # why the questions came from the offline bank, if they did
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PracticeAnswer(Base):
    """One attempt at one question; a retry is another row, so progress shows every attempt."""

    __tablename__ = "practice_answers"
    __table_args__ = (Index("ix_practice_answers_user_answered", "user_id", "answered_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("practice_sessions.id", ondelete="CASCADE"),
                                                   index=True, default=None)
    question_id: Mapped[str] = mapped_column(String(64))
    question_text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32))
    answer_text: Mapped[str] = mapped_column(Text)
    duration_s: Mapped[float] = mapped_column(default=0.0)
    evaluation: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    score: Mapped[int]
    source: Mapped[str] = mapped_column(String(8))  # llm or offline
    pace: Mapped[dict[str, object] | None] = mapped_column(JSON, default=None)  # spoken answers only
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class UserQuestion(Base):
    __tablename__ = "user_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    tips: Mapped[str] = mapped_column(Text, default="")
    strong_answer: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Story(Base):
    """A STAR story from the user's own work, reusable across questions."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    situation: Mapped[str] = mapped_column(Text, default="")
    task: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class QuestionReview(Base):
    """Spaced-repetition state of one question for one user; the text is kept for tailored questions."""

    __tablename__ = "question_reviews"
    __table_args__ = (Index("ix_question_reviews_user_due", "user_id", "due_at"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    question_text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32))
    repetitions: Mapped[int] = mapped_column(default=0)
    interval_days: Mapped[float] = mapped_column(default=0.0)
    ease: Mapped[float] = mapped_column(default=2.5)
    due_at: Mapped[datetime]
    history: Mapped[list[int]] = mapped_column(JSON, default=list)
    reviewed_at: Mapped[datetime] = mapped_column(default=utcnow)


class LlmCache(Base):
    """Validated LLM answers by a hash of model, prompt version and inputs; per user, like everything they typed."""

    __tablename__ = "llm_cache"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LlmUsage(Base):
    """Tokens one user spent on one UTC day with one model: the daily budget reads this."""

    __tablename__ = "llm_usage"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    model: Mapped[str] = mapped_column(String(200), primary_key=True)
    prompt_tokens: Mapped[int] = mapped_column(BigInteger, default=0)
    completion_tokens: Mapped[int] = mapped_column(BigInteger, default=0)
    calls: Mapped[int] = mapped_column(default=0)


class LlmCapability(Base):
    """Which JSON mode an endpoint+model accepts, so a refused mode is tried once, not on every call."""

    __tablename__ = "llm_capabilities"

    endpoint: Mapped[str] = mapped_column(String(1000), primary_key=True)
    json_mode: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- Analytics (issue 6) -------------------------------------------------------------------------------------


class AnalyticsState(Base):
    """What analytics last announced to a user, so a notification goes out only when the figures change."""

    __tablename__ = "analytics_state"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    top_skill_gaps: Mapped[list[str]] = mapped_column(JSON, default=list)
    last_week_announced: Mapped[date | None] = mapped_column(default=None)  # Monday of the last announced week
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApplicationMilestones(Base):
    """When an application first reached each milestone of its effective history (moves not undone).

    Derived from application_events by SQL and refreshed when the application's last_event_id moves on, so
    metrics aggregate one row per application instead of walking the whole history on every call.
    """

    __tablename__ = "analytics_milestones"

    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    last_event_id: Mapped[int | None]  # the application's last_event_id these were derived at
    submitted_at: Mapped[datetime | None]
    first_applied_at: Mapped[datetime | None]
    first_response_at: Mapped[datetime | None]
    first_interview_at: Mapped[datetime | None]
    days_to_first_response: Mapped[float | None]  # stored so percentiles sort plain numbers
    days_to_interview: Mapped[float | None]
    positive: Mapped[int] = mapped_column(default=0)  # reached screening or a later positive stage
    responded: Mapped[int] = mapped_column(default=0)
    interviewed: Mapped[int] = mapped_column(default=0)
    offered: Mapped[int] = mapped_column(default=0)
    accepted: Mapped[int] = mapped_column(default=0)


# --- Dashboard (issue 6) -------------------------------------------------------------------------------------


class DashboardLayoutRow(Base):
    """A user's own dashboard layout; no row means the default layout."""

    __tablename__ = "dashboard_layouts"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    widgets: Mapped[list[dict[str, int | str]]] = mapped_column(JSON)  # [{"widget", "width", "height"}] in order
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
