"""Stored postings: ingest with dedup, the per-user feed with full-text search, flags and group splits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, text, tuple_, update
from sqlalchemy.orm import Session

from careercopilot.db.base import utcnow
from careercopilot.db.engine import Database
from careercopilot.db.models import GroupSplit, JobPosting, UserPosting
from careercopilot.db.posting_rows import CONTENT_COLUMNS, posting_columns, row_to_posting
from careercopilot.domain.accounts import UserContext
from careercopilot.domain.dedup import GroupedPosting, assign_groups, dedup_keys
from careercopilot.domain.jobs import (
    ATS_SOURCES,
    AlsoOn,
    IngestResult,
    JobDetail,
    JobFilters,
    JobSort,
    JobView,
    ScoreComponent,
    fts_terms,
)
from careercopilot.domain.matching import posting_skills
from careercopilot.domain.postings import Posting
from careercopilot.errors import BadInput, NotFound
from careercopilot.services.matching import MatchingService

CHUNK = 500  # keeps IN (...) lists under every backend's parameter limit


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _uid(row: JobPosting) -> str:
    return f"{row.source}:{row.source_id}"


def _primary_rank(row: JobPosting) -> tuple:
    """The group's best row: the employer's own ATS, then the fullest description, then the oldest."""
    return (row.source not in ATS_SOURCES, row.description_is_partial, -len(row.description_text or ""),
            row.first_seen_at, row.id)


class JobService:
    def __init__(self, db: Database, matching: MatchingService) -> None:
        self.db = db
        self.matching = matching

    # --- ingest ---------------------------------------------------------------------------------

    def ingest(self, postings: Iterable[Posting], now: datetime | None = None) -> IngestResult:
        """Store a batch: new postings inserted, changed ones updated in place, all grouped with duplicates."""
        now = now or utcnow()
        batch = list({p.id: p for p in postings}.values())  # a board may repeat a posting across pages
        if not batch:
            return IngestResult(0, 0, 0, ())
        with self.db.begin() as s:
            stored = self._stored_by_uid(s, batch)
            new_rows, changed, unchanged_ids = [], [], []
            for posting in batch:
                row = stored.get(posting.id)
                if row is None:
                    new_rows.append(posting)
                elif row.content_hash != posting.content_hash:
                    changed.append((row, posting))
                else:
                    unchanged_ids.append(row.id)
            for ids in _chunks(unchanged_ids):
                s.execute(update(JobPosting).where(JobPosting.id.in_(ids))
                          .values(last_seen_at=now, is_expired=False))
            for row, posting in changed:
                values = posting_columns(posting)
                for column in CONTENT_COLUMNS:
                    setattr(row, column, values[column])
                row.skills = list(posting_skills(posting))
                row.last_seen_at = row.changed_at = now
                row.is_expired = False
            if new_rows:
                s.execute(insert(JobPosting), [
                    {**posting_columns(p), "skills": list(posting_skills(p)), "group_key": p.id, "is_primary": True,
                     "first_seen_at": now, "last_seen_at": now, "changed_at": now}
                    for p in new_rows
                ])
            s.flush()
            fresh = self._stored_by_uid(s, new_rows) if new_rows else {}
            touched = [*(fresh[p.id] for p in new_rows), *(row for row, _ in changed)]
            self._group(s, [*new_rows, *(p for _, p in changed)], {**stored, **fresh}, set(fresh))
            changed_ids = tuple(row.id for row in touched)
        return IngestResult(len(batch), len(new_rows), len(changed), changed_ids)

    def _stored_by_uid(self, s: Session, postings: Sequence[Posting]) -> dict[str, JobPosting]:
        found: dict[str, JobPosting] = {}
        for part in _chunks([(p.source, p.source_id) for p in postings]):
            query = select(JobPosting).where(tuple_(JobPosting.source, JobPosting.source_id).in_(part))
            found.update((_uid(row), row) for row in s.scalars(query))
        return found

    def _group(self, s: Session, postings: list[Posting], rows: dict[str, JobPosting], new_uids: set[str]) -> None:
        """Join new and changed postings to stored duplicates, then pick each affected group's best row."""
        if not postings:
            return
        keys = {p.id: dedup_keys(p) for p in postings}
        companies = sorted({k.company for k in keys.values() if k.company})
        links = sorted({url for k in keys.values() for url in k.urls})
        candidates: dict[int, JobPosting] = {}
        for column, values in ((JobPosting.company_key, companies), (JobPosting.canonical_url, links)):
            for part in _chunks(values):
                candidates.update((r.id, r) for r in s.scalars(select(JobPosting).where(column.in_(part))))
        # Rows inserted by this batch have no group yet; everything else joins with the group it has.
        existing = [GroupedPosting(_uid(r), keys.get(_uid(r)) or dedup_keys(row_to_posting(r)), r.group_key)
                    for r in candidates.values() if _uid(r) not in new_uids]
        splits = self._splits(s, [rows[p.id].id for p in postings])
        assigned = assign_groups(postings, existing, splits)
        affected: set[str] = set()
        for posting in postings:
            row = rows[posting.id]
            affected.update({row.group_key, assigned[posting.id]})
            row.group_key = assigned[posting.id]
        s.flush()
        self._choose_primaries(s, affected)

    def _splits(self, s: Session, posting_ids: list[int]) -> set[tuple[str, str]]:
        pairs: set[tuple[str, str]] = set()
        for part in _chunks(posting_ids):
            query = (select(JobPosting.source, JobPosting.source_id, GroupSplit.group_key)
                     .join(GroupSplit, GroupSplit.posting_id == JobPosting.id).where(JobPosting.id.in_(part)))
            pairs.update((f"{source}:{sid}", group) for source, sid, group in s.execute(query))
        return pairs

    def _choose_primaries(self, s: Session, group_keys: Iterable[str]) -> None:
        members: dict[str, list[JobPosting]] = defaultdict(list)
        for part in _chunks(sorted(group_keys)):
            for row in s.scalars(select(JobPosting).where(JobPosting.group_key.in_(part))):
                members[row.group_key].append(row)
        for rows in members.values():
            best = min(rows, key=_primary_rank)
            for row in rows:
                row.is_primary = row is best

    def expire_stale(self, days: int, now: datetime | None = None) -> int:
        """Mark postings not seen for `days` days as expired; returns how many."""
        cutoff = (now or utcnow()) - timedelta(days=days)
        with self.db.begin() as s:
            stale = and_(JobPosting.last_seen_at < cutoff, JobPosting.is_expired.is_(False))
            return s.execute(update(JobPosting).where(stale).values(is_expired=True)).rowcount

    # --- reading --------------------------------------------------------------------------------

    def feed(self, user: UserContext, filters: JobFilters = JobFilters()) -> list[JobView]:
        """One row per group of duplicates, filtered and sorted for this user."""
        query = self._feed_query(user, filters)
        with self.db.read() as s:
            rows = s.execute(query).all()
            also = self._also_on(s, [r.JobPosting for r in rows])
        return [_job_view(r.JobPosting, r.UserPosting, also.get(r.JobPosting.group_key, ())) for r in rows]

    def count(self, user: UserContext, filters: JobFilters = JobFilters()) -> int:
        query = self._feed_query(user, filters).order_by(None).limit(None).offset(None)
        with self.db.read() as s:
            return s.scalar(select(func.count()).select_from(query.subquery())) or 0

    def _feed_query(self, user: UserContext, f: JobFilters) -> Any:
        up = UserPosting
        query = (select(JobPosting, up)
                 .outerjoin(up, and_(up.posting_id == JobPosting.id, up.user_id == user.user_id))
                 .where(JobPosting.is_primary.is_(True), JobPosting.is_expired.is_(False)))
        terms = fts_terms(f.query)
        if terms:
            query = query.where(self._matches_text(terms))
        if f.remote_only:
            query = query.where(JobPosting.remote == "remote")
        if f.location:
            place = f.location.strip()
            if len(place) == 2 and place.isalpha():
                query = query.where(func.upper(JobPosting.country_code) == place.upper())
            else:
                pattern = f"%{place.lower()}%"
                query = query.where(or_(func.lower(JobPosting.location_raw).like(pattern),
                                        func.lower(JobPosting.city).like(pattern)))
        if f.salary_floor_yearly is not None:
            query = query.where(JobPosting.salary_yearly >= f.salary_floor_yearly)
        if f.posted_since is not None:
            query = query.where(JobPosting.posted_at >= f.posted_since)
        if f.sources:
            query = query.where(JobPosting.source.in_(f.sources))
        if f.seniority:
            query = query.where(JobPosting.seniority == f.seniority)
        if f.employment_type:
            # JSON lists are stored as text on both backends; a quoted value cannot match a longer one.
            query = query.where(func.cast(JobPosting.employment_types, _text_type()).like(f'%"{f.employment_type}"%'))
        if f.hide_seen:
            query = query.where(or_(up.seen.is_(None), up.seen.is_(False)))
        if not f.include_hidden:
            query = query.where(or_(up.hidden.is_(None), up.hidden.is_(False)))
        if f.saved_only:
            query = query.where(up.saved.is_(True))
        order = {
            JobSort.MATCH: (func.coalesce(up.score, -1).desc(), JobPosting.posted_at.desc()),
            JobSort.DATE: (JobPosting.posted_at.desc().nulls_last(), JobPosting.id.desc()),
            JobSort.SALARY: (JobPosting.salary_yearly.desc().nulls_last(), JobPosting.id.desc()),
        }[f.sort]
        return query.order_by(*order).limit(f.limit).offset(f.offset)

    def _matches_text(self, terms: list[str]) -> Any:
        if self.db.is_sqlite:
            # Each word quoted: user text never reaches FTS5 as query syntax.
            match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
            return JobPosting.id.in_(text("SELECT rowid FROM postings_fts WHERE postings_fts MATCH :match")
                                     .bindparams(match=match))
        return text("postings.search_vector @@ plainto_tsquery('english', cc_fold(:match))").bindparams(
            match=" ".join(terms))

    def _also_on(self, s: Session, primaries: list[JobPosting]) -> dict[str, tuple[AlsoOn, ...]]:
        groups = sorted({r.group_key for r in primaries})
        primary_ids = {r.id for r in primaries}
        found: dict[str, list[AlsoOn]] = defaultdict(list)
        for part in _chunks(groups):
            query = (select(JobPosting.group_key, JobPosting.id, JobPosting.source, JobPosting.url)
                     .where(JobPosting.group_key.in_(part)).order_by(JobPosting.id))
            for key, pid, source, url in s.execute(query):
                if pid not in primary_ids:
                    found[key].append(AlsoOn(source, url))
        return {key: tuple(values) for key, values in found.items()}

    def get(self, user: UserContext, posting_id: int) -> JobDetail:
        with self.db.read() as s:
            row = s.get(JobPosting, posting_id)
            if row is None:
                raise NotFound(f"There is no job {posting_id}; 'careercopilot jobs list' shows their ids.")
            mine = s.get(UserPosting, (user.user_id, posting_id))
            others = [r for r in s.scalars(select(JobPosting).where(JobPosting.group_key == row.group_key,
                                                                     JobPosting.id != row.id))]
        return _detail(row, mine, tuple(AlsoOn(r.source, r.url) for r in others))

    # --- what a user does with a posting ----------------------------------------------------------

    def set_flags(self, user: UserContext, posting_id: int, **flags: bool) -> JobView:
        """Save/unsave, hide/unhide or mark seen; the posting itself is shared and never changes."""
        unknown = set(flags) - {"saved", "hidden", "seen"}
        if unknown:
            raise BadInput(f"Unknown flag {sorted(unknown)[0]!r}.")
        with self.db.begin() as s:
            if s.get(JobPosting, posting_id) is None:
                raise NotFound(f"There is no job {posting_id}.")
            mine = s.get(UserPosting, (user.user_id, posting_id))
            if mine is None:
                mine = UserPosting(user_id=user.user_id, posting_id=posting_id, score=0, breakdown=[])
                s.add(mine)
            for name, value in flags.items():
                setattr(mine, name, value)
        return self.get(user, posting_id).job

    def split(self, user: UserContext, posting_id: int) -> JobView:
        """Take a posting out of its group of duplicates, for good: later scrapes respect the split."""
        with self.db.begin() as s:
            row = s.get(JobPosting, posting_id)
            if row is None:
                raise NotFound(f"There is no job {posting_id}.")
            old_group = row.group_key
            mates = s.scalar(select(func.count()).where(JobPosting.group_key == old_group, JobPosting.id != row.id))
            if not mates:
                raise BadInput(f"Job {posting_id} is not grouped with any other posting.")
            s.add(GroupSplit(posting_id=row.id, group_key=old_group, split_by=user.user_id))
            uid = _uid(row)
            # The same key dedup gives a split posting, so a later scrape agrees with this one.
            row.group_key = f"{uid}/split" if old_group == uid else uid
            s.flush()
            self._choose_primaries(s, {old_group, row.group_key})
        return self.get(user, posting_id).job


    # --- files -----------------------------------------------------------------------------------

    def export(self, user: UserContext) -> list[JobDetail]:
        """Every live posting (all members of each group) with this user's score and flags."""
        query = (select(JobPosting, UserPosting)
                 .outerjoin(UserPosting, and_(UserPosting.posting_id == JobPosting.id,
                                              UserPosting.user_id == user.user_id))
                 .where(JobPosting.is_expired.is_(False)).order_by(JobPosting.id))
        with self.db.read() as s:
            rows = s.execute(query).all()
            also = self._also_on(s, [r.JobPosting for r in rows if r.JobPosting.is_primary])
        return [_detail(r.JobPosting, r.UserPosting, also.get(r.JobPosting.group_key, ())
                        if r.JobPosting.is_primary else ()) for r in rows]

    def import_file(self, path: Path) -> IngestResult:
        """Our JSON export or a JobSpy CSV: all records are checked before anything is stored."""
        from careercopilot.domain.job_files import read_postings

        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"{path} cannot be read as UTF-8 text: {exc}.") from None
        result = self.ingest(read_postings(text, path.name))
        if result.changed_ids:
            self.matching.score(list(result.changed_ids))
        return result


def _detail(row: JobPosting, mine: UserPosting | None, members: tuple[AlsoOn, ...]) -> JobDetail:
    return JobDetail(
        job=_job_view(row, mine, members),
        description_text=row.description_text,
        description_html=row.description_html,
        skills=tuple(row.skills or ()),
        department=row.department,
        salary_raw=row.salary_raw,
        salary_is_estimate=row.salary_is_estimate,
        expires_at=row.expires_at,
        first_seen_at=row.first_seen_at,
        last_seen_at=row.last_seen_at,
        is_expired=row.is_expired,
        attribution=" ".join(filter(None, (row.attribution_text, row.attribution_link))) or None,
        breakdown=tuple(ScoreComponent(**c) for c in (mine.breakdown if mine else [])),
        group_members=members,
    )


def _job_view(row: JobPosting, mine: UserPosting | None, also_on: tuple[AlsoOn, ...]) -> JobView:
    return JobView(
        id=row.id,
        source=row.source,
        source_id=row.source_id,
        title=row.title,
        company=row.company,
        location=row.location_raw,
        country_code=row.country_code,
        remote=row.remote,
        employment_type=tuple(row.employment_types or ()),
        seniority=row.seniority,
        salary_min=row.salary_min,
        salary_max=row.salary_max,
        salary_currency=row.salary_currency,
        salary_interval=row.salary_interval,
        posted_at=row.posted_at,
        url=row.url,
        apply_url=row.apply_url,
        tags=tuple(row.tags or ()),
        also_on=also_on,
        match_score=mine.score if mine else None,
        saved=bool(mine and mine.saved),
        hidden=bool(mine and mine.hidden),
        seen=bool(mine and mine.seen),
    )


def _text_type() -> Any:
    from sqlalchemy import Text

    return Text()
