"""Notification kinds and the plain view services hand to the TUI and CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class NotificationKind(StrEnum):
    JOB_MATCH = "job_match"
    APPLICATION_STATUS = "application_status"
    ANALYTICS_UPDATE = "analytics_update"
    SKILL_GAP = "skill_gap"
    INTERVIEW_REMINDER = "interview_reminder"
    SYSTEM = "system"


class ChannelState(StrEnum):
    """What the header shows about live updates."""

    LIVE = "live"
    POLLING = "polling"
    RECONNECTING = "reconnecting"


@dataclass(frozen=True, slots=True)
class NotificationView:
    id: int
    kind: NotificationKind
    title: str
    body: str
    link: str | None
    created_at: datetime
    read: bool
