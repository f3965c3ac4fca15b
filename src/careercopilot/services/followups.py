"""Follow-up rules per user and the due actions they raise, each notified once per stay in a stage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from careercopilot.db.base import utcnow
from careercopilot.db.engine import Database
from careercopilot.db.models import Application, FollowUpRaised, FollowUpRule
from careercopilot.domain.accounts import UserContext
from careercopilot.domain.applications import (
    DEFAULT_FOLLOWUP_RULES,
    DueFollowUp,
    FollowUpAction,
    FollowUpCandidate,
    FollowUpRuleSpec,
    Stage,
    due_followups,
)
from careercopilot.domain.notifications import NotificationKind
from careercopilot.errors import BadInput, PermissionDenied
from careercopilot.services.active_users import active_users
from careercopilot.services.notifications import NotificationService

MAX_RULE_DAYS = 365
DIGEST_OVER = 5  # more follow-ups than this at once become one notification
DIGEST_LISTS = 30


class FollowUpService:
    def __init__(self, db: Database, notifications: NotificationService) -> None:
        self.db = db
        self.notifications = notifications

    def rules(self, user: UserContext) -> list[FollowUpRuleSpec]:
        """The user's own rules, or the built-in ones while they have set none."""
        with self.db.read() as s:
            return self._rules(s, user.user_id)

    def set_rules(self, user: UserContext, rules: Sequence[FollowUpRuleSpec]) -> list[FollowUpRuleSpec]:
        """Replace the user's rules; an empty list turns follow-ups off."""
        for rule in rules:
            if not 1 <= rule.after_days <= MAX_RULE_DAYS:
                raise BadInput(f"A follow-up rule waits 1 to {MAX_RULE_DAYS} days, not {rule.after_days}.")
            if rule.stage.is_closed:
                raise BadInput(f"'{rule.stage.value}' is a closed stage: nothing to follow up there.")
        unique = list(dict.fromkeys(rules))
        with self.db.begin() as s:
            s.execute(delete(FollowUpRule).where(FollowUpRule.user_id == user.user_id))
            s.add_all(FollowUpRule(user_id=user.user_id, stage=r.stage.value, after_days=r.after_days,
                                   action=r.action.value) for r in unique)
            if not unique:  # a marker row: "no rules" must not fall back to the defaults
                s.add(FollowUpRule(user_id=user.user_id, stage="", after_days=0, action=""))
        return unique

    def reset_rules(self, user: UserContext) -> list[FollowUpRuleSpec]:
        with self.db.begin() as s:
            s.execute(delete(FollowUpRule).where(FollowUpRule.user_id == user.user_id))
        return list(DEFAULT_FOLLOWUP_RULES)

    def due(self, user: UserContext, now: datetime | None = None) -> list[DueFollowUp]:
        """Every follow-up that is due now, raised or not: the TUI's "to do" list."""
        with self.db.read() as s:
            return self._due(s, user.user_id, now or utcnow())

    def due_count(self, user: UserContext, now: datetime | None = None) -> int:
        """How many follow-ups are due now (what `due` would list), counted by the database."""
        now = now or utcnow()
        with self.db.read() as s:
            total = 0
            for rule in self._rules(s, user.user_id):
                total += s.scalar(select(func.count()).select_from(Application).where(
                    Application.user_id == user.user_id, Application.stage == rule.stage.value,
                    Application.stage_changed_at <= now - timedelta(days=rule.after_days))) or 0
            return total

    def raise_due(self, user: UserContext, now: datetime | None = None) -> list[DueFollowUp]:
        """Notify each due follow-up not notified before; returns the ones raised by this call."""
        now = now or utcnow()
        try:
            fresh = self._mark(user.user_id, now)
        except IntegrityError:  # a TUI timer and cron raced on PostgreSQL: the winner's marks are visible now
            fresh = self._mark(user.user_id, now)
        if len(fresh) > DIGEST_OVER:  # an imported backlog must not bury the user under hundreds of toasts
            listed = "\n".join(f"- {item.message}" for item in fresh[:DIGEST_LISTS])
            more = f"\n...and {len(fresh) - DIGEST_LISTS} more." if len(fresh) > DIGEST_LISTS else ""
            self.notifications.publish(user.user_id, NotificationKind.APPLICATION_STATUS,
                                       f"{len(fresh)} follow-ups are due", listed + more,
                                       link=f"application:{fresh[0].application_id}")
            return fresh
        for item in fresh:
            self.notifications.publish(user.user_id, NotificationKind.APPLICATION_STATUS,
                                       f"{item.company}: {item.title}", item.message,
                                       link=f"application:{item.application_id}")
        return fresh

    def raise_due_everyone(self, admin: UserContext, now: datetime | None = None) -> int:
        """The shared-deployment cron job: raise every active user's due follow-ups."""
        if not admin.is_admin:
            raise PermissionDenied("Only an administrator can raise follow-ups for every user.")
        return sum(len(self.raise_due(user, now)) for user in active_users(self.db))

    def _mark(self, user_id: int, now: datetime) -> list[DueFollowUp]:
        with self.db.begin() as s:
            due = self._due(s, user_id, now)
            # Only marks of the current stays matter; older ones would only grow the set.
            done = {tuple(row) for row in s.execute(
                select(FollowUpRaised.application_id, FollowUpRaised.rule_key, FollowUpRaised.stage_event_id)
                .join(Application, and_(Application.id == FollowUpRaised.application_id,
                                        Application.stage_event_id == FollowUpRaised.stage_event_id))
                .where(FollowUpRaised.user_id == user_id))}
            fresh = [d for d in due if (d.application_id, d.rule.key, d.stage_event_id) not in done]
            s.add_all(FollowUpRaised(user_id=user_id, application_id=d.application_id, rule_key=d.rule.key,
                                     stage_event_id=d.stage_event_id, raised_at=now) for d in fresh)
        return fresh

    def _due(self, s: Session, user_id: int, now: datetime) -> list[DueFollowUp]:
        rules = self._rules(s, user_id)
        stages = {rule.stage.value for rule in rules}
        if not stages:
            return []
        rows = s.execute(select(Application.id, Application.company, Application.title, Application.stage,
                                Application.stage_changed_at, Application.stage_event_id)
                         .where(Application.user_id == user_id, Application.stage.in_(stages)))
        candidates = (FollowUpCandidate(i, c, t, Stage(st), at, ev or 0) for i, c, t, st, at, ev in rows)
        return due_followups(candidates, rules, now)

    @staticmethod
    def _rules(s: Session, user_id: int) -> list[FollowUpRuleSpec]:
        rows = list(s.scalars(select(FollowUpRule).where(FollowUpRule.user_id == user_id)
                              .order_by(FollowUpRule.id)))
        if not rows:
            return list(DEFAULT_FOLLOWUP_RULES)
        return [FollowUpRuleSpec(Stage(r.stage), r.after_days, FollowUpAction(r.action)) for r in rows if r.stage]
