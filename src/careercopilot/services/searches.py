"""Saved searches: what each user looks for, run by every scrape."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from careercopilot.db.engine import Database
from careercopilot.db.models import SavedSearch, User
from careercopilot.domain.accounts import UserContext
from careercopilot.domain.text import clean_line
from careercopilot.errors import BadInput, NotFound


@dataclass(frozen=True, slots=True)
class SearchView:
    id: int
    user_id: int
    name: str
    query: str
    location: str
    remote: bool
    boards: tuple[str, ...]
    threshold: int


def _view(row: SavedSearch) -> SearchView:
    return SearchView(row.id, row.user_id, row.name, row.query, row.location, row.remote, tuple(row.boards or ()),
                      row.threshold)


class SearchService:
    def __init__(self, db: Database, known_boards: frozenset[str]) -> None:
        self.db = db
        self.known_boards = known_boards

    def add(self, user: UserContext, name: str, query: str, location: str = "", remote: bool = False,
            boards: tuple[str, ...] = (), threshold: int = 70) -> SearchView:
        name, query, location = clean_line(name)[:100], clean_line(query)[:500], clean_line(location)[:200]
        if not name:
            raise BadInput("A saved search needs a name.")
        if not query:
            raise BadInput("A saved search needs a query, e.g. --query 'python developer'.")
        if not 0 <= threshold <= 100:
            raise BadInput(f"The threshold is a match score from 0 to 100, not {threshold}.")
        unknown = [b for b in boards if b not in self.known_boards]
        if unknown:
            raise BadInput(f"Unknown board '{unknown[0]}'; see 'careercopilot boards list'.")
        with self.db.begin() as s:
            if s.scalar(select(SavedSearch.id).where(SavedSearch.user_id == user.user_id, SavedSearch.name == name)):
                raise BadInput(f"You already have a saved search named '{name}'; remove it first.")
            row = SavedSearch(user_id=user.user_id, name=name, query=query, location=location, remote=remote,
                              boards=list(dict.fromkeys(boards)), threshold=threshold)
            s.add(row)
            s.flush()
            return _view(row)

    def list(self, user: UserContext) -> list[SearchView]:
        with self.db.read() as s:
            query = select(SavedSearch).where(SavedSearch.user_id == user.user_id).order_by(SavedSearch.name)
            return [_view(r) for r in s.scalars(query)]

    def remove(self, user: UserContext, name: str) -> None:
        with self.db.begin() as s:
            gone = s.execute(delete(SavedSearch).where(SavedSearch.user_id == user.user_id,
                                                       SavedSearch.name == name)).rowcount
        if not gone:
            raise NotFound(f"You have no saved search named '{name}'.")

    def all_active(self) -> list[SearchView]:
        """Every active user's searches: what an unattended scrape runs."""
        with self.db.read() as s:
            query = (select(SavedSearch).join(User, User.id == SavedSearch.user_id)
                     .where(User.is_active.is_(True)).order_by(SavedSearch.id))
            return [_view(r) for r in s.scalars(query)]
