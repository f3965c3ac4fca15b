"""Labels, relative times and error sentences; no widget imports, so the app module stays light."""

from __future__ import annotations

from datetime import datetime

from careercopilot.domain.notifications import NotificationKind

KIND_LABELS = {
    NotificationKind.JOB_MATCH: "Job match",
    NotificationKind.APPLICATION_STATUS: "Application",
    NotificationKind.ANALYTICS_UPDATE: "Analytics",
    NotificationKind.SKILL_GAP: "Skill gap",
    NotificationKind.INTERVIEW_REMINDER: "Interview",
    NotificationKind.SYSTEM: "System",
}


def kind_label(kind: NotificationKind) -> str:
    return KIND_LABELS.get(kind, str(kind).replace("_", " ").capitalize())


def format_age(when: datetime, now: datetime) -> str:
    """"just now", "5m ago", "3h ago", "2d ago", then the date: short enough for a table column."""
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds >= 7 * 86400:  # a week or more: the date says more than "320h ago" did
        return when.strftime("%Y-%m-%d")
    unit, size = next((u, s) for u, s in (("d", 86400), ("h", 3600), ("m", 60)) if seconds >= s)
    return f"{seconds // size}{unit} ago"


def describe(exc: BaseException) -> str:
    """One short sentence for an unexpected error (the full traceback goes to the Textual log)."""
    first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
    return f"Something went wrong: {first_line.rstrip('.')}."
