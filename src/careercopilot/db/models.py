"""Typed ORM models. Every user-owned row carries user_id; services filter on it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
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
