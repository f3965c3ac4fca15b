"""Stored postings: ingest with dedup, the per-user feed with full-text search, flags and group splits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, bindparam, func, insert, or_, select, text, update
from sqlalchemy.orm import Session, aliased

from careercopilot.db.base import utcnow
from careercopilot.db.bulk import BulkStatement
from careercopilot.db.engine import Database
from careercopilot.db.in_lists import chunks
from careercopilot.db.models import GroupSplit, JobPosting, UserPosting
from careercopilot.db.posting_rows import posting_columns
from careercopilot.domain.accounts import UserContext
from careercopilot.domain.dedup import DedupKeys, GroupedPosting, assign_groups, dedup_keys
from careercopilot.domain.job_files import JobImport, read_jobs
from careercopilot.domain.jobs import (
    ATS_SOURCES,
    AlsoOn,
    IngestResult,
    JobDetail,
    JobFilters,
    JobSort,
    JobView,
    ScoreComponent,
    StoredPosting,
    search_terms,
)
from careercopilot.domain.locations import country_code, country_name
from careercopilot.domain.matching import posting_skills
from careercopilot.domain.postings import Location, Posting
from careercopilot.errors import BadInput, NotFound, require_file
from careercopilot.services.matching import MatchingService

MANY_SHOWN = 5000  # more duplicate groups than this on a board: matched by subquery, not a list of ids
BROAD_MATCHES = 2000  # this many text matches or more: the feed walks scores instead of sorting the matches


def _uid(row: JobPosting) -> str:
    return f"{row.source}:{row.source_id}"


def _primary_rank(row: Any) -> tuple:
    """The group's best row: the employer's own ATS, then the fullest description, then the oldest."""
    return (row.source not in ATS_SOURCES, row.description_is_partial, -(row.length or 0), row.first_seen_at, row.id)


# What ingest writes besides a posting's content: for a new row, and for a changed one (its id first).
_INSERTED_KEYS = ("source", "source_id", "group_key", "is_primary", "first_seen_at", "last_seen_at", "changed_at",
                  "is_expired")
_UPDATED_KEYS = ("row_id", "last_seen_at", "changed_at", "is_expired")

# What ingest needs of a stored posting: no descriptions.
_STORED_COLUMNS = (JobPosting.id, JobPosting.source, JobPosting.source_id, JobPosting.content_hash,
                   JobPosting.group_key)
# What dedup needs of a stored row: enough to rebuild its keys without loading the description.
_DEDUP_COLUMNS = (JobPosting.id, JobPosting.source, JobPosting.source_id, JobPosting.group_key, JobPosting.title,
                  JobPosting.company, JobPosting.url, JobPosting.apply_url, JobPosting.location_raw, JobPosting.city,
                  JobPosting.region, JobPosting.country_code)

# What a feed row shows: plain columns, never the descriptions, so a page reads a fraction of the bytes.
_VIEW_COLUMNS = (JobPosting.id, JobPosting.source, JobPosting.source_id, JobPosting.group_key, JobPosting.title,
                 JobPosting.company, JobPosting.location_raw, JobPosting.country_code, JobPosting.remote,
                 JobPosting.employment_types, JobPosting.seniority, JobPosting.salary_min, JobPosting.salary_max,
                 JobPosting.salary_currency, JobPosting.salary_interval, JobPosting.posted_at, JobPosting.url,
                 JobPosting.apply_url, JobPosting.tags, UserPosting.score, UserPosting.saved, UserPosting.hidden,
                 UserPosting.seen)


def _dedup_posting(row: Any) -> Posting:
    location = Location(raw=row.location_raw, city=row.city, region=row.region, country_code=row.country_code)
    return Posting(source=row.source, source_id=row.source_id, title=row.title, company=row.company, url=row.url,
                   apply_url=row.apply_url, location=location)


def _done_ahead(ready: Mapping[str, Prepared], posting: Posting) -> Prepared | None:
    """The work `prepare` did for this very posting object, if it did."""
    hit = ready.get(posting.id)
    return hit if hit is not None and hit.posting is posting else None


def _prepared(postings: list[Posting], ready: Mapping[str, Prepared]) -> dict[str, Prepared]:
    """Each posting's prepared work: taken from `ready` when it was done for this very posting."""
    hits = {p.id: hit for p in postings if (hit := _done_ahead(ready, p)) is not None}
    return {**hits, **prepare([p for p in postings if p.id not in hits])}


def _content_hash(posting: Posting, ready: Mapping[str, Prepared]) -> str:
    hit = _done_ahead(ready, posting)
    return hit.columns["content_hash"] if hit is not None else posting.content_hash


def _content(posting: Posting, keys: DedupKeys, skills: tuple[str, ...]) -> dict[str, Any]:
    """The columns a scrape may change, with the posting's skills and dedup link."""
    return {**posting_columns(posting, keys), "skills": list(skills)}

@dataclass(frozen=True, slots=True)
class Prepared:
    """What ingest works out of one posting without the database, so it can be done ahead of the write."""

    posting: Posting
    keys: DedupKeys
    skills: tuple[str, ...]
    columns: dict[str, Any]  # what a scrape may change, as _content gives it


def prepare(postings: Sequence[Posting]) -> dict[str, Prepared]:
    """Dedup keys, skills and column values of each posting, by posting id: the CPU-heavy part of ingest.

    Needs no database, so the scrape's fetching side can run it while this side stores.
    """
    ready = {}
    for p in postings:
        keys, skills = dedup_keys(p), posting_skills(p)
        ready[p.id] = Prepared(p, keys, skills, _content(p, keys, skills))
    return ready


class JobService:
    def __init__(self, db: Database, matching: MatchingService) -> None:
        self.db = db
        self.matching = matching
        self._bulk_statements: dict[tuple[str, tuple[str, ...]], BulkStatement] = {}

    # --- ingest ---------------------------------------------------------------------------------

    def ingest(self, postings: Iterable[Posting], now: datetime | None = None,
               prepared: Mapping[str, Prepared] | None = None) -> IngestResult:
        """Store a batch: new postings inserted, changed ones updated in place, all grouped with duplicates.

        `prepared` holds what `prepare` already worked out for some of these postings.
        """
        now = now or utcnow()
        batch = list({p.id: p for p in postings}.values())  # a board may repeat a posting across pages
        if not batch:
            return IngestResult(0, 0, 0, ())
        table = JobPosting.__table__
        ready = prepared or {}
        with self.db.begin() as s:
            stored = self._stored(s, [p.id for p in batch])
            new, changed, unchanged_ids = [], [], []
            for posting in batch:
                row = stored.get(posting.id)
                if row is None:
                    new.append(posting)
                elif row.content_hash != _content_hash(posting, ready):
                    changed.append(posting)
                else:
                    unchanged_ids.append(row.id)
            for ids in chunks(unchanged_ids):
                s.execute(update(table).where(table.c.id.in_(ids)).values(last_seen_at=now, is_expired=False))
            work = _prepared(new + changed, ready)
            keys = {uid: w.keys for uid, w in work.items()}  # computed once: dedup's costliest step
            content_keys = tuple(next(iter(work.values())).columns) if work else ()
            if changed:
                self._bulk("update", content_keys).run(s.connection(), [
                    (*work[p.id].columns.values(), stored[p.id].id, now, now, False) for p in changed])
            # Read before this batch's own rows go in: they have no group yet and would only be skipped.
            candidates = self._candidates(s, keys)
            if new:
                self._bulk("insert", content_keys).run(s.connection(), [
                    (*work[p.id].columns.values(), p.source, p.source_id, p.id, True, now, now, now, False)
                    for p in new])
                stored.update(self._stored(s, [p.id for p in new]))
            self._group(s, [*new, *changed], keys, stored, {p.id for p in new}, candidates)
        done = tuple(StoredPosting(stored[p.id].id, p, work[p.id].skills) for p in (*new, *changed))
        return IngestResult(len(batch), len(new), len(changed), tuple(d.id for d in done), done)

    def _bulk(self, kind: str, content_keys: tuple[str, ...]) -> BulkStatement:
        """Ingest's insert of new postings or update of changed ones, for rows of `content_keys` and the rest."""
        found = self._bulk_statements.get((kind, content_keys))
        if found is None:
            table = JobPosting.__table__
            if kind == "insert":
                statement, rest = insert(table), _INSERTED_KEYS
            else:
                statement, rest = update(table).where(table.c.id == bindparam("row_id")), _UPDATED_KEYS
            found = BulkStatement(statement, (*content_keys, *rest), self.db.engine.dialect)
            self._bulk_statements[(kind, content_keys)] = found
        return found

    def _stored(self, s: Session, uids: Sequence[str]) -> dict[str, Any]:
        """id, content hash and group of stored postings, by "source:source_id" (no descriptions loaded)."""
        found: dict[str, Any] = {}
        by_source: dict[str, list[str]] = defaultdict(list)
        for uid in uids:
            source, _, source_id = uid.partition(":")
            by_source[source].append(source_id)
        # One source per query: a plain IN on source_id binds its values, a tuple IN is rendered row by row.
        for source, source_ids in by_source.items():
            for part in chunks(source_ids):
                query = select(*_STORED_COLUMNS).where(JobPosting.source == source, JobPosting.source_id.in_(part))
                found.update((f"{r.source}:{r.source_id}", r) for r in s.execute(query))
        return found

    def _candidates(self, s: Session, keys: dict[str, DedupKeys]) -> list[Any]:
        """Stored rows that could be duplicates of the batch: the same company or the same job link."""
        companies = sorted({k.company for k in keys.values() if k.company})
        links = sorted({url for k in keys.values() for url in k.urls})
        candidates: dict[int, Any] = {}
        for column, values in ((JobPosting.company_key, companies), (JobPosting.canonical_url, links)):
            for part in chunks(values):
                candidates.update((r.id, r) for r in s.execute(select(*_DEDUP_COLUMNS).where(column.in_(part))))
        return list(candidates.values())

    def _group(self, s: Session, postings: list[Posting], keys: dict[str, DedupKeys], stored: dict[str, Any],
               new_uids: set[str], candidates: list[Any]) -> None:
        """Join new and changed postings to stored duplicates, then pick each affected group's best row."""
        if not postings:
            return
        existing = []
        for r in candidates:
            uid = f"{r.source}:{r.source_id}"
            existing.append(GroupedPosting(uid, keys.get(uid) or dedup_keys(_dedup_posting(r)), r.group_key))
        splits = self._splits(s, [stored[p.id].id for p in postings])
        assigned = assign_groups(postings, existing, splits, keys)
        moves = [(p.id, assigned[p.id]) for p in postings if assigned[p.id] != stored[p.id].group_key]
        if moves:
            table = JobPosting.__table__
            s.execute(update(table).where(table.c.id == bindparam("row_id")),
                      [{"row_id": stored[uid].id, "group_key": group} for uid, group in moves])
        # A new posting alone in its own new group is already its primary; only real groups need a choice.
        affected = {stored[uid].group_key for uid, _ in moves} | {group for _, group in moves}
        affected |= {stored[p.id].group_key for p in postings if p.id not in new_uids}
        self._choose_primaries(s, affected)

    def _splits(self, s: Session, posting_ids: list[int]) -> set[tuple[str, str]]:
        pairs: set[tuple[str, str]] = set()
        for part in chunks(posting_ids):
            query = (select(JobPosting.source, JobPosting.source_id, GroupSplit.group_key)
                     .join(GroupSplit, GroupSplit.posting_id == JobPosting.id).where(JobPosting.id.in_(part)))
            pairs.update((f"{source}:{sid}", group) for source, sid, group in s.execute(query))
        return pairs

    def _choose_primaries(self, s: Session, group_keys: Iterable[str]) -> None:
        members: dict[str, list[Any]] = defaultdict(list)
        for part in chunks(sorted(group_keys)):
            query = select(JobPosting.id, JobPosting.group_key, JobPosting.source, JobPosting.description_is_partial,
                           func.length(JobPosting.description_text).label("length"), JobPosting.first_seen_at,
                           JobPosting.is_primary).where(JobPosting.group_key.in_(part))
            for row in s.execute(query):
                members[row.group_key].append(row)
        flips = []
        for rows in members.values():
            best = min(rows, key=_primary_rank)
            flips += [{"row_id": r.id, "is_primary": r is best} for r in rows if r.is_primary != (r is best)]
        if flips:
            table = JobPosting.__table__
            s.execute(update(table).where(table.c.id == bindparam("row_id")), flips)

    def expire_stale(self, days: int, now: datetime | None = None) -> int:
        """Mark postings not seen for `days` days as expired; returns how many."""
        cutoff = (now or utcnow()) - timedelta(days=days)
        with self.db.begin() as s:
            stale = and_(JobPosting.last_seen_at < cutoff, JobPosting.is_expired.is_(False))
            return s.execute(update(JobPosting).where(stale).values(is_expired=True)).rowcount

    # --- reading --------------------------------------------------------------------------------

    def feed(self, user: UserContext, filters: JobFilters = JobFilters()) -> list[JobView]:
        """One row per group of duplicates, filtered and sorted for this user."""
        filters = filters.understood()
        with self.db.read() as s:
            ids = self._page_ids(s, user, filters)
            if not ids:
                return []
            query = (select(*_VIEW_COLUMNS)
                     .outerjoin(UserPosting, and_(UserPosting.posting_id == JobPosting.id,
                                                  UserPosting.user_id == user.user_id))
                     .where(JobPosting.id.in_(ids)))
            found = {r.id: r for r in s.execute(query)}
            rows = [found[i] for i in ids if i in found]
            also = self._also_on(s, rows)
        # Score, saved, hidden and seen are NULL where the user has no row for the posting.
        return [_view(r, also.get(r.group_key, ())) for r in rows]

    def _page_ids(self, s: Session, user: UserContext, f: JobFilters) -> list[int]:
        """The ids of one page, found on narrow columns only; whole rows are read for those ids alone."""
        wanted = f.offset + f.limit
        # A common word matches tens of thousands of postings: then walking the sort order (scores, dates or
        # salaries) and testing each row against the matches beats sorting every match (SQLite would start from
        # the matches otherwise).
        narrowed = (f.remote_only or f.location or f.salary_floor_yearly is not None or f.posted_since or f.sources
                    or f.seniority or f.employment_type or f.saved_only)  # the walk would pass too many rows
        broad = not narrowed and self._many_text_matches(s, search_terms(f.query)[0])
        conditions = self.feed_conditions(f, probe_text=broad)
        after = None
        if f.after_id is not None:
            after = self._sort_key(s, user, f.after_id)
            if after is None:
                return []
        if f.sort is not JobSort.MATCH and after is None:
            order = self._sort_column(f.sort).desc().nulls_last()
            query = self._joined_ids(user).where(*conditions).order_by(order, JobPosting.id.desc())
            return list(s.scalars(query.limit(f.limit).offset(f.offset)))
        ids: list[int] = []
        for query in self._page_queries(user, f.sort, conditions, after):
            ids += s.scalars(query.limit(wanted - len(ids)))
            if len(ids) >= wanted:
                break
        return ids[f.offset:]

    def _page_queries(self, user: UserContext, sort: JobSort, conditions: list[Any], after: Any) -> Iterator[Any]:
        """The queries that list the feed in order, each one going on where the one before ran out.

        `after` (a row's sort key) starts the list just past that row: keyset paging, so a page far down costs
        what the first one does.
        """
        up = UserPosting
        if sort is JobSort.MATCH:
            if after is None or after.score is not None:
                # Walk this user's scores from the top; postings only probed through the narrow filter index.
                past = [] if after is None else [up.score <= after.score,
                                                 or_(up.score < after.score, up.posting_id < after.id)]
                yield (select(up.posting_id).join(JobPosting, JobPosting.id == up.posting_id)
                       .where(up.user_id == user.user_id, *conditions, *past)
                       .order_by(up.score.desc(), up.posting_id.desc())
                       .with_hint(JobPosting, "INDEXED BY ix_postings_filter", dialect_name="sqlite"))
                after = None
            conditions = [*conditions, up.posting_id.is_(None)]  # postings not scored for this user follow
            sort = JobSort.DATE
        column = self._sort_column(sort)
        for past in _past(column, after):
            yield (self._joined_ids(user).where(*conditions, *past)
                   .order_by(column.desc().nulls_last(), JobPosting.id.desc()))

    @staticmethod
    def _sort_column(sort: JobSort) -> Any:
        return JobPosting.posted_at if sort is JobSort.DATE else JobPosting.salary_yearly

    @staticmethod
    def _sort_key(s: Session, user: UserContext, posting_id: int) -> Any:
        """What the feed sorts a posting by (this user's score, its date and salary), or None if it is gone."""
        up = UserPosting
        query = (select(JobPosting.id, JobPosting.posted_at, JobPosting.salary_yearly, up.score)
                 .outerjoin(up, and_(up.posting_id == JobPosting.id, up.user_id == user.user_id))
                 .where(JobPosting.id == posting_id))
        return s.execute(query).first()

    @staticmethod
    def _joined_ids(user: UserContext) -> Any:
        up = UserPosting
        return select(JobPosting.id).outerjoin(up, and_(up.posting_id == JobPosting.id, up.user_id == user.user_id))

    def feed_conditions(self, f: JobFilters, probe_text: bool = False) -> list[Any]:
        """The WHERE clauses of the feed for these filters (analytics reuses them so its matches are the feed's)."""
        up = UserPosting
        where: list[Any] = [JobPosting.is_primary.is_(True), JobPosting.is_expired.is_(False)]
        terms, skills = search_terms(f.query)
        if terms:
            where.append(self._matches_text(terms, probe_text))
        for skill in skills:  # JSON lists are stored as text on both backends; the quotes bound the name
            where.append(func.cast(JobPosting.skills, _text_type()).like(f'%"{skill}"%'))
        if f.remote_only:
            where.append(JobPosting.remote == "remote")
        if f.location.strip():
            where.append(_place_condition(f.location.strip()))
        if f.salary_floor_yearly is not None:
            where.append(JobPosting.salary_yearly >= f.salary_floor_yearly)
        if f.posted_since is not None:
            where.append(JobPosting.posted_at >= f.posted_since)
        if f.sources:
            where.append(self._on_boards(f.sources))
        if f.seniority:
            where.append(JobPosting.seniority == f.seniority)
        if f.employment_type:
            # JSON lists are stored as text on both backends; a quoted value cannot match a longer one.
            where.append(func.cast(JobPosting.employment_types, _text_type()).like(f'%"{f.employment_type}"%'))
        if f.hide_seen:
            where.append(or_(up.seen.is_(None), up.seen.is_(False)))
        if not f.include_hidden:
            where.append(or_(up.hidden.is_(None), up.hidden.is_(False)))
        if f.saved_only:
            where.append(up.saved.is_(True))
        return where

    def _on_boards(self, sources: tuple[str, ...]) -> Any:
        """Postings on these boards, and the shown row of each group with a duplicate there (the row shown may be
        another board's). Those rows are few and looked up first, by id: the feed's probes then stay in its
        covering index, as a plain source filter's do."""
        member = aliased(JobPosting)
        # "== False" as ix_postings_group_members is written, so the planner takes that small index.
        grouped = select(member.group_key).where(member.source.in_(sources), member.is_primary == False)  # noqa: E712
        shown = select(JobPosting.id).where(JobPosting.group_key.in_(grouped), JobPosting.is_primary.is_(True),
                                            JobPosting.source.not_in(sources))
        with self.db.read() as s:
            ids = list(s.scalars(shown.limit(MANY_SHOWN + 1)))
        on_board = JobPosting.source.in_(sources)
        if not ids:
            return on_board
        return or_(on_board, JobPosting.id.in_(ids if len(ids) <= MANY_SHOWN else shown))

    def _matches_text(self, terms: list[str], probe: bool = False) -> Any:
        if self.db.is_sqlite:
            matching = text("SELECT rowid FROM postings_fts WHERE postings_fts MATCH :match").bindparams(
                match=_fts5_match(terms))
            # "+ 0" keeps SQLite from starting at the matches, so it can walk the scores and probe them instead.
            return (JobPosting.id + 0 if probe else JobPosting.id).in_(matching)
        return text("postings.search_vector @@ plainto_tsquery('english', cc_fold(:match))").bindparams(
            match=" ".join(terms))

    def _many_text_matches(self, s: Session, terms: list[str]) -> bool:
        if not terms or not self.db.is_sqlite:
            return False
        count = text("SELECT count(*) FROM (SELECT rowid FROM postings_fts WHERE postings_fts MATCH :match LIMIT :cap)")
        return s.scalar(count.bindparams(match=_fts5_match(terms), cap=BROAD_MATCHES)) >= BROAD_MATCHES

    def _also_on(self, s: Session, primaries: Sequence[Any]) -> dict[str, tuple[AlsoOn, ...]]:
        groups = sorted({r.group_key for r in primaries})
        primary_ids = {r.id for r in primaries}
        found: dict[str, list[AlsoOn]] = defaultdict(list)
        for part in chunks(groups):
            query = (select(JobPosting.group_key, JobPosting.id, JobPosting.source, JobPosting.url)
                     .where(JobPosting.group_key.in_(part)).order_by(JobPosting.id))
            for key, pid, source, url in s.execute(query):
                if pid not in primary_ids:
                    found[key].append(AlsoOn(source, url, pid))
        return {key: tuple(values) for key, values in found.items()}

    def get(self, user: UserContext, posting_id: int) -> JobDetail:
        with self.db.read() as s:
            row = s.get(JobPosting, posting_id)
            if row is None:
                raise NotFound(f"There is no job {posting_id}; 'careercopilot jobs list' shows their ids.")
            mine = s.get(UserPosting, (user.user_id, posting_id))
            others = [r for r in s.scalars(select(JobPosting).where(JobPosting.group_key == row.group_key,
                                                                     JobPosting.id != row.id))]
        return _detail(row, mine, tuple(AlsoOn(r.source, r.url, r.id) for r in others))

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


    def seed_demo(self, user: UserContext, now: datetime | None = None) -> int:
        """The demo feed: fictional postings from several boards, scored for the demo user."""
        from careercopilot.domain.job_demo import demo_postings

        result = self.ingest(demo_postings(now or utcnow()), now)
        self.matching.score_stored(result.changed, [user.user_id], now)
        return result.new

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

    def import_file(self, user: UserContext, path: Path) -> JobImport:
        """Our JSON or CSV export or a JobSpy CSV: all records are checked before anything is stored; the
        saved/hidden/seen flags the file marks are restored for `user` alone."""
        require_file(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"{path} cannot be read as UTF-8 text: {exc}.") from None
        jobs = read_jobs(text, path.name)
        result = self.ingest(job.posting for job in jobs)
        if result.changed:
            self.matching.score_stored(result.changed)
        return JobImport(result, self._restore_flags(user, {job.posting.id: job.flags for job in jobs if job.flags}))

    def _restore_flags(self, user: UserContext, flags: Mapping[str, tuple[str, ...]]) -> int:
        """Set the flags the file marks on this user's rows; a flag set here and cleared in the file stays set."""
        restored = 0
        with self.db.begin() as s:
            marked = {row.id: flags[uid] for uid, row in self._stored(s, list(flags)).items()}
            mine: dict[int, UserPosting] = {}
            for part in chunks(list(marked)):
                query = select(UserPosting).where(UserPosting.user_id == user.user_id,
                                                  UserPosting.posting_id.in_(part))
                mine.update((row.posting_id, row) for row in s.scalars(query))
            for posting_id, names in marked.items():
                row = mine.get(posting_id)
                if row is None:  # not scored for this user (no profile yet), as set_flags would add it
                    row = UserPosting(user_id=user.user_id, posting_id=posting_id, score=0, breakdown=[],
                                      saved=False, hidden=False, seen=False)
                    s.add(row)
                restored += sum(not getattr(row, name) for name in names)
                for name in names:
                    setattr(row, name, True)
        return restored


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
    posting = tuple(getattr(row, column.key) for column in _VIEW_COLUMNS if column.class_ is JobPosting)
    user = tuple(getattr(mine, column.key) if mine else None for column in _VIEW_COLUMNS
                 if column.class_ is UserPosting)
    return _view((*posting, *user), also_on)


def _view(values: Sequence[Any], also_on: tuple[AlsoOn, ...]) -> JobView:
    """A feed row from the values of _VIEW_COLUMNS, in their order (unpacked: a result row's attributes are slow)."""
    (posting_id, source, source_id, _, title, company, location, country_code, remote, employment_types, seniority,
     salary_min, salary_max, salary_currency, salary_interval, posted_at, url, apply_url, tags,
     score, saved, hidden, seen) = values
    return JobView(
        id=posting_id,
        source=source,
        source_id=source_id,
        title=title,
        company=company,
        location=location,
        country_code=country_code,
        remote=remote,
        employment_type=tuple(employment_types or ()),
        seniority=seniority,
        salary_min=salary_min,
        salary_max=salary_max,
        salary_currency=salary_currency,
        salary_interval=salary_interval,
        posted_at=posted_at,
        url=url,
        apply_url=apply_url,
        tags=tuple(tags or ()),
        also_on=also_on,
        match_score=score,
        saved=bool(saved),
        hidden=bool(hidden),
        seen=bool(seen),
    )


def _past(column: Any, after: Any) -> list[list[Any]]:
    """Conditions, one list per query, for the rows after `after` in `column DESC NULLS LAST, id DESC` order.

    Rows with a value come first and can be sought in the column's index; rows without one follow.
    """
    if after is None:
        return [[]]
    value = after.posted_at if column is JobPosting.posted_at else after.salary_yearly
    if value is None:
        return [[column.is_(None), JobPosting.id < after.id]]
    return [[column <= value, or_(column < value, JobPosting.id < after.id)], [column.is_(None)]]


def _place_condition(place: str) -> Any:
    """A country however it is written ("UK", "United Kingdom", "gb") matches its code, and location text naming
    it ("LATAM, Canada, USA" is open to Canada too); a state code its region; anything else the text or city."""
    code = country_code(place)
    if code is not None:
        name = country_name(code) or place.lower()
        return or_(JobPosting.country_code == code, func.lower(JobPosting.location_raw).like(f"%{name}%"))
    if len(place) == 2 and place.isalpha():  # "NY", "ON": a state or province, never a fragment of a word
        return JobPosting.region == place.upper()
    pattern = f"%{place.lower()}%"
    return or_(func.lower(JobPosting.location_raw).like(pattern), func.lower(JobPosting.city).like(pattern))


def _fts5_match(terms: list[str]) -> str:
    """Each word quoted: user text never reaches FTS5 as query syntax."""
    return " ".join('"' + t.replace('"', "") + '"' for t in terms)


def _text_type() -> Any:
    from sqlalchemy import Text

    return Text()
