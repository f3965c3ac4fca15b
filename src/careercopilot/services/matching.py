"""Match scores per user and posting: computed on ingest and when a profile changes, stored with reasons."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import literal, select

from careercopilot.db.base import utcnow
from careercopilot.db.bulk import BulkStatement
from careercopilot.db.engine import Database
from careercopilot.db.models import JobPosting, Profile, User, UserPosting
from careercopilot.db.posting_rows import POSTING_COLUMNS, row_to_posting
from careercopilot.db.upsert import upsert_insert
from careercopilot.domain.accounts import UserContext
from careercopilot.domain.jobs import StoredPosting
from careercopilot.domain.matching import (
    MatchProfile,
    MatchResult,
    PreparedProfile,
    prepare,
    reads_description,
    score_posting,
    yearly_amount,
)
from careercopilot.domain.postings import Posting, SalaryInterval
from careercopilot.domain.profile import RemotePreference

CHUNK = 500
SCORE_KEYS = ("user_id", "posting_id", "score", "breakdown", "scored_at")  # a score row, as Scorer.rows gives it


def match_profile(row: Profile) -> MatchProfile:
    floor = row.salary_floor
    return MatchProfile(
        target_titles=tuple(row.target_titles or ()),
        skills=tuple(row.skills or ()),
        locations=tuple(row.locations or ()),
        remote_preference=RemotePreference(row.remote_preference),
        salary_floor_yearly=yearly_amount(floor, SalaryInterval(row.salary_period)) if floor else None,
        currency=row.salary_currency,
        years_experience=row.years_experience,
        blocked_companies=tuple(row.blocked_companies or ()),
        blocked_keywords=tuple(row.blocked_keywords or ()),
        needs_visa_sponsorship=row.needs_visa_sponsorship,
    )


def breakdown(result: MatchResult) -> list[dict[str, Any]]:
    """The stored explanation: one entry per component, the hard filter first when one applied."""
    parts = [{"name": "blocked", "points": 0.0, "max_points": 0.0, "reason": result.blocked_reason}] \
        if result.blocked_reason else []
    parts += [{"name": c.name, "points": c.points, "max_points": round(c.weight, 1), "reason": c.reason}
              for c in result.components if c.weight]
    return parts


class MatchingService:
    def __init__(self, db: Database, exchange_rates: Mapping[str, float] | None = None) -> None:
        self.db = db
        self.exchange_rates = dict(exchange_rates or {})
        self._score_upsert: BulkStatement | None = None

    def score(self, posting_ids: Sequence[int], user_ids: Iterable[int] | None = None,
              now: datetime | None = None) -> dict[int, list[tuple[int, int]]]:
        """Score postings for users (default: every active user); returns user -> [(posting id, score)]."""
        scorer = self.scorer(now or utcnow(), user_ids)
        scored: dict[int, list[tuple[int, int]]] = {uid: [] for uid in scorer.profiles}
        columns = _scored_columns(any(map(reads_description, scorer.profiles.values())))
        for start in range(0, len(posting_ids), CHUNK):
            with self.db.begin() as s:
                rows = s.execute(select(*columns).where(JobPosting.id.in_(posting_ids[start:start + CHUNK])))
                postings = [StoredPosting(row.id, row_to_posting(row), tuple(row.skills or ())) for row in rows]
                self._upsert_scores(s, scorer.rows(postings, scored))
        return scored

    def score_stored(self, postings: Sequence[StoredPosting], user_ids: Iterable[int] | None = None,
                     now: datetime | None = None, scorer: Scorer | None = None) -> dict[int, list[tuple[int, int]]]:
        """score() for postings ingest has just stored: the same scores, without reading the postings back.

        A `scorer` brings the profiles (and `now`) it was made with, and the scores it worked out ahead.
        """
        scorer = scorer or self.scorer(now or utcnow(), user_ids)
        scored: dict[int, list[tuple[int, int]]] = {uid: [] for uid in scorer.profiles}
        for start in range(0, len(postings), CHUNK):
            values = scorer.rows(postings[start:start + CHUNK], scored)
            with self.db.begin() as s:
                self._upsert_scores(s, values)
        return scored

    def _upsert_scores(self, s: Any, rows: list[tuple[Any, ...]]) -> None:
        """Insert or refresh scores, keeping what the user set (saved, hidden, seen, notified)."""
        if self._score_upsert is None:
            statement = upsert_insert(self.db.engine.dialect.name, UserPosting.__table__)
            statement = statement.on_conflict_do_update(
                index_elements=[UserPosting.user_id, UserPosting.posting_id],
                set_={key: statement.excluded[key] for key in ("score", "breakdown", "scored_at")})
            self._score_upsert = BulkStatement(statement, SCORE_KEYS, self.db.engine.dialect)
        self._score_upsert.run(s.connection(), rows)

    def scorer(self, now: datetime, user_ids: Iterable[int] | None = None) -> Scorer:
        """Scores for these users (default: every active one) as of `now`; see Scorer."""
        return Scorer(self._prepared_profiles(user_ids), now)

    def rescore_user(self, user: UserContext) -> int:
        """After a profile change: score every live posting again for this user."""
        with self.db.read() as s:
            ids = list(s.scalars(select(JobPosting.id).where(JobPosting.is_expired.is_(False))))
        self.score(ids, [user.user_id])
        return len(ids)

    def _prepared_profiles(self, user_ids: Iterable[int] | None) -> dict[int, PreparedProfile]:
        query = select(Profile).join(User, User.id == Profile.user_id).where(User.is_active.is_(True))
        if user_ids is not None:
            query = query.where(Profile.user_id.in_(list(user_ids)))
        with self.db.read() as s:
            return {row.user_id: prepare(match_profile(row), self.exchange_rates) for row in s.scalars(query)}


class Scorer:
    """Profiles prepared once, so postings can be scored as they arrive and stored once they have ids."""

    def __init__(self, profiles: Mapping[int, PreparedProfile], now: datetime) -> None:
        self.profiles = profiles
        self.now = now
        self._ahead: dict[str, tuple[Posting, list[tuple[int, int, list[dict[str, Any]]]]]] = {}

    def score_ahead(self, posting: Posting, skills: tuple[str, ...]) -> None:
        """Work out this posting's scores now; rows() uses them when it meets this very posting."""
        self._ahead[posting.id] = (posting, self._results(posting, skills))

    def forget(self, postings: Iterable[Posting]) -> None:
        for posting in postings:
            self._ahead.pop(posting.id, None)

    def rows(self, postings: Sequence[StoredPosting], scored: dict[int, list[tuple[int, int]]]
             ) -> list[tuple[Any, ...]]:
        """The score rows (SCORE_KEYS) of these postings for every profile; each score is also added to `scored`."""
        values = []
        for stored in postings:
            ahead = self._ahead.pop(stored.posting.id, None)
            results = ahead[1] if ahead and ahead[0] is stored.posting else self._results(stored.posting, stored.skills)
            for uid, score, explained in results:
                values.append((uid, stored.id, score, explained, self.now))
                scored[uid].append((stored.id, score))
        return values

    def _results(self, posting: Posting, skills: tuple[str, ...]) -> list[tuple[int, int, list[dict[str, Any]]]]:
        results = []
        for uid, prepared in self.profiles.items():
            result = score_posting(prepared, posting, self.now, skills=skills)
            results.append((uid, result.score, breakdown(result)))
        return results


def _scored_columns(with_description: bool) -> list[Any]:
    """The posting columns scoring reads: never the HTML, and the text only when a profile needs it."""
    table = JobPosting.__table__
    columns: list[Any] = [c for c in POSTING_COLUMNS if c.name not in ("description_html", "description_text")]
    text = table.c.description_text if with_description else literal("").label("description_text")
    return [table.c.id, table.c.skills, *columns, literal("").label("description_html"), text]
