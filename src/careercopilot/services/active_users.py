"""Every active account as a caller, for the jobs that act on behalf of each user (cron scrape and reminders)."""

from __future__ import annotations

from sqlalchemy import select

from careercopilot.db.engine import Database
from careercopilot.db.models import User
from careercopilot.domain.accounts import Role, UserContext


def active_users(db: Database) -> list[UserContext]:
    with db.read() as s:
        rows = s.execute(select(User.id, User.username, User.role).where(User.is_active.is_(True)).order_by(User.id))
        return [UserContext(user_id, name, Role(role)) for user_id, name, role in rows]
