"""After a scrape, one job_match notification per user: the new postings their saved searches would show them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, select, update

from careercopilot.db.engine import Database
from careercopilot.db.in_lists import chunks
from careercopilot.db.models import JobPosting, Profile, User, UserPosting
from careercopilot.domain.jobs import JobFilters
from careercopilot.domain.notifications import NotificationKind
from careercopilot.services.jobs import JobService
from careercopilot.services.notifications import NotificationService
from careercopilot.services.searches import SearchService

SHOWN_IN_ALERT = 3  # the best few are named; the feed holds the rest


@dataclass(frozen=True, slots=True)
class _Rule:
    """What one alert looks for: a saved search (by name) at its threshold, or the profile ("") at the default."""

    name: str
    threshold: int
    conditions: list[Any]


class MatchAlerts:
    def __init__(self, db: Database, jobs: JobService, searches: SearchService, notifications: NotificationService,
                 default_threshold: int) -> None:
        self.db = db
        self.jobs = jobs
        self.searches = searches
        self.notifications = notifications
        self.default_threshold = default_threshold

    def publish(self, since: datetime | None = None) -> int:
        """Alert each user about postings first seen since `since` (all not yet alerted when None) that one of
        their saved searches finds at its threshold; how many users were alerted."""
        return sum(self._alert(user_id, rules, since) for user_id, rules in self._rules().items())

    def _rules(self) -> dict[int, list[_Rule]]:
        rules: dict[int, list[_Rule]] = defaultdict(list)
        for search in self.searches.all_active():
            filters = JobFilters(query=search.query, location=search.location, remote_only=search.remote,
                                 sources=search.boards)
            rules[search.user_id].append(_Rule(search.name, search.threshold, self.jobs.feed_conditions(filters)))
        for user_id in self._profiled_users():
            if user_id not in rules:  # no saved search: the profile alone says what a match is
                rules[user_id].append(_Rule("", self.default_threshold, self.jobs.feed_conditions(JobFilters())))
        return rules

    def _profiled_users(self) -> list[int]:
        """Active users whose profile names skills or target titles: a blank one scores every posting alike."""
        with self.db.read() as s:
            rows = s.execute(select(Profile.user_id, Profile.skills, Profile.target_titles)
                             .join(User, User.id == Profile.user_id).where(User.is_active.is_(True))).all()
        return [user_id for user_id, skills, titles in rows if skills or titles]

    def _alert(self, user_id: int, rules: Sequence[_Rule], since: datetime | None) -> bool:
        found: dict[int, tuple[str, str, int]] = {}
        per_rule: dict[str, int] = {}
        with self.db.begin() as s:
            for rule in rules:
                query = (select(JobPosting.id, JobPosting.title, JobPosting.company, UserPosting.score)
                         .join(UserPosting, and_(UserPosting.posting_id == JobPosting.id,
                                                 UserPosting.user_id == user_id))
                         .where(UserPosting.notified.is_(False), UserPosting.score >= rule.threshold,
                                *rule.conditions))
                if since is not None:
                    query = query.where(JobPosting.first_seen_at >= since)
                rows = s.execute(query).all()
                per_rule[rule.name] = len(rows)
                found.update((row.id, (row.title, row.company, row.score)) for row in rows)
            for part in chunks(list(found)):
                s.execute(update(UserPosting).where(UserPosting.user_id == user_id,
                                                    UserPosting.posting_id.in_(part)).values(notified=True))
        if not found:
            return False
        best = sorted(found.values(), key=lambda row: -row[2])[:SHOWN_IN_ALERT]
        body = "Best: " + "; ".join(f"{title} at {company} ({score})" for title, company, score in best) + "."
        if len(rules) > 1:
            body += " By search: " + ", ".join(f"'{name}' {n}" for name, n in per_rule.items() if n) + "."
        self.notifications.publish(user_id, NotificationKind.JOB_MATCH, _title(len(found), rules), body,
                                   link="jobs:feed")
        return True


def _title(count: int, rules: Sequence[_Rule]) -> str:
    matches = f"{count} new match{'es' if count != 1 else ''}"
    if len(rules) > 1:
        return f"{matches} for your saved searches"
    rule = rules[0]
    return f"{matches} for '{rule.name}'" if rule.name else f"{matches} scoring {rule.threshold} or more"
