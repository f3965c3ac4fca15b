"""The Board protocol every adapter implements, the search query, and the helpers adapters share."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable
from urllib.parse import urlsplit, urlunsplit

from careercopilot.domain.normalize import RawPosting, normalize
from careercopilot.domain.postings import Posting, RemoteMode
from careercopilot.domain.text import plural
from careercopilot.scraping.errors import MalformedResponse, NotConfigured
from careercopilot.scraping.runlog import current_log
from careercopilot.scraping.settings import BoardSettings

if TYPE_CHECKING:
    from careercopilot.scraping.http import PoliteClient

# An item that fails for one of these is malformed data, not a bug in the run: it is skipped.
ITEM_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


@dataclass(frozen=True)
class SearchQuery:
    """What the user looks for; boards pass what their API understands and the runner filters the rest."""

    query: str = ""
    location: str = ""
    remote: bool | None = None
    since: datetime | None = None
    max_pages: int | None = None

    def keywords(self) -> list[str]:
        return [word.casefold() for word in re.findall(r"[\w+#.-]+", self.query) if word.strip(".-")]

    def matches(self, posting: Posting, *, searched: bool = False) -> bool:
        """True when the posting fits the query; `searched`: the board already applied words and place."""
        if self.since is not None and posting.posted_at is not None and posting.posted_at < self.since:
            return False
        if self.remote is True and posting.remote in (RemoteMode.ONSITE, RemoteMode.HYBRID):
            return False
        if self.remote is False and posting.remote is RemoteMode.REMOTE:
            return False
        if searched:
            return True
        if self.location and posting.remote is not RemoteMode.REMOTE:
            place = " ".join(
                (posting.location.raw, *posting.location.additional, posting.location.country_code or "")
            ).casefold()
            if place.strip() and self.location.casefold() not in place:
                return False
        if self.query:
            haystack = " ".join((posting.title, posting.company, " ".join(posting.tags), posting.description_text))
            folded = haystack.casefold()
            return all(word in folded for word in self.keywords())
        return True


@runtime_checkable
class Board(Protocol):
    """One source of postings. `search` yields fully normalized postings page by page.

    Boards that need a browser later implement the same protocol and pace themselves with
    `client.throttle(url)` / `client.robots_allow(url)`, so politeness stays in one place.
    """

    name: str
    settings: BoardSettings
    searches_server_side: bool
    newest_first: bool

    def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]: ...


class BoardBase:
    """Shared plumbing: endpoint rebasing, JSON fetching with the board's rate, item parsing."""

    source: ClassVar[str]
    # True when the board's API filters by words and place itself; otherwise the runner filters locally.
    searches_server_side: ClassVar[bool] = False
    # True when pages come newest first: the runner stops paging once postings are older than `since`.
    newest_first: ClassVar[bool] = False

    def __init__(self, settings: BoardSettings) -> None:
        self.settings = settings
        self.name = settings.name

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"

    def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        raise NotImplementedError

    def endpoint(self, real_url: str) -> str:
        """The real API URL with scheme and host swapped for base_url when one is configured."""
        return rebase(real_url, self.settings.base_url)

    def page_limit(self, query: SearchQuery) -> int:
        return max(1, query.max_pages or self.settings.max_pages)

    def require_key(self) -> str:
        if not self.settings.api_key:
            variable = self.settings.api_key_env or "the API key variable"
            raise NotConfigured(f"{self.name} needs an API key; set the environment variable {variable}.")
        return self.settings.api_key

    async def get_json(
        self,
        client: PoliteClient,
        url: str,
        params: Mapping[str, str | int] | None = None,
        **options: Any,
    ) -> Any:
        response = await client.get(
            url, params=params, requests_per_minute=self.settings.requests_per_minute, **options
        )
        return response.json()

    def parse_items(self, items: Iterable[Any], parse: Callable[[Any], RawPosting]) -> Iterator[Posting]:
        """Normalize each item; skip the broken ones, but fail when none of a non-empty page can be read."""
        log = current_log()
        parsed = failed = 0
        first_error = ""
        for item in items:
            try:
                posting = normalize(parse(item))
            except ITEM_ERRORS as error:
                failed += 1
                log.skipped_items += 1
                first_error = first_error or f"{error.__class__.__name__}: {error}"
                continue
            parsed += 1
            yield posting
        if failed and not parsed:
            raise MalformedResponse(
                f"{self.name} returned {plural(failed, 'item')} in an unexpected shape ({first_error[:120]}); "
                "its API may have changed."
            )


class CompanyBoard(BoardBase):
    """An ATS board: the same API once per configured company token ("acme", or "eu:acme" for a region)."""

    # The real URL of one company's board, with {slug}; adapters that page override company_postings.
    company_endpoint: ClassVar[str] = ""

    async def search(self, query: SearchQuery, client: PoliteClient) -> AsyncIterator[Posting]:
        if not self.settings.companies:
            raise NotConfigured(
                f'{self.name} has no companies to read; add companies = ["token"] to [boards.{self.name}].'
            )
        for token in self.settings.companies:
            region, _, slug = token.rpartition(":")
            async for posting in self.company_postings(slug, region, query, client):
                yield posting

    async def company_postings(
        self, slug: str, region: str, query: SearchQuery, client: PoliteClient
    ) -> AsyncIterator[Posting]:
        data = await self.get_json(client, self.endpoint(self.company_endpoint.format(slug=slug)))
        for posting in self.postings(data, slug):
            yield posting

    def postings(self, data: Any, slug: str) -> Iterator[Posting]:
        raise NotImplementedError


def rebase(real_url: str, base_url: str | None) -> str:
    """Replace scheme and host only: path and query stay the real API's, so a recording server can answer."""
    if not base_url:
        return real_url
    real, base = urlsplit(real_url), urlsplit(base_url)
    return urlunsplit((base.scheme, base.netloc, real.path, real.query, real.fragment))


def expect(data: Any, key: str, kind: type, board: str) -> Any:
    """`data[key]` when it has the expected type; otherwise the board's schema changed."""
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, kind):
        raise MalformedResponse(
            f"{board} returned JSON without the expected '{key}' {kind.__name__}; its API may have changed."
        )
    return value


def dig(data: Any, path: str) -> Any:
    """Follow a dotted path ("company.name", "locations.0.name") through dicts and lists; None when absent."""
    current = data
    for part in path.split(".") if path else ():
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and part.lstrip("-").isdigit() and -len(current) <= int(part) < len(current):
            current = current[int(part)]
        else:
            return None
    return current


def company_name_from_token(token: str) -> str:
    """ATS APIs that never name the company: "acme-labs" -> "Acme Labs"."""
    return " ".join(part.capitalize() for part in re.split(r"[-_\s]+", token) if part)
