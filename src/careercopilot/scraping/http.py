"""A polite async HTTP client: per-host pacing, robots.txt, retries with back-off, conditional requests."""

from __future__ import annotations

import asyncio
import json
import random
import re
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from careercopilot import __version__
from careercopilot.scraping.cache import CachedResponse, MemoryResponseCache, ResponseCache
from careercopilot.scraping.errors import FetchFailed, HttpStatusError, MalformedResponse, RobotsDisallowed
from careercopilot.scraping.runlog import current_log

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Query parameters that carry secrets: never part of a cache key or an error message.
_SECRET_PARAMS = re.compile(r"([?&](?:app_key|app_id|api_key|apikey|key|token|access_token)=)[^&]*", re.I)
_DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
# Re-exported: callers that store responses (the database cache) import them from here too.
__all__ = [
    "CachedResponse",
    "HttpSettings",
    "MemoryResponseCache",
    "PoliteClient",
    "Response",
    "ResponseCache",
    "redact",
]


@dataclass(frozen=True)
class HttpSettings:
    """How the client behaves on the network; tests shrink the delays."""

    user_agent: str = f"CareerCopilot/{__version__} (personal job search assistant)"
    timeout: float = 20.0
    connect_timeout: float = 10.0
    proxy: str | None = None
    max_retries: int = 3
    backoff_base: float = 1.0
    backoff_cap: float = 30.0
    # The longest Retry-After we sleep through; a server asking for more fails the board for this run.
    retry_after_cap: float = 120.0
    robots_timeout: float = 10.0
    default_requests_per_minute: float = 30.0
    max_body_bytes: int = 50_000_000


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    from_cache: bool = False

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The decoded JSON body; a block page, an empty or a truncated body raises MalformedResponse."""
        stripped = self.body.lstrip()
        if not stripped:
            raise MalformedResponse(f"{self.host} returned an empty body where JSON was expected.", self.status)
        if stripped[:1] == b"<":
            raise MalformedResponse(
                f"{self.host} returned an HTML page where JSON was expected (probably a block or error page).",
                self.status,
            )
        try:
            return json.loads(stripped)
        except ValueError as error:
            raise MalformedResponse(
                f"{self.host} returned malformed or truncated JSON ({error.__class__.__name__} at byte "
                f"{getattr(error, 'pos', '?')}).",
                self.status,
            ) from None


class HostPacer:
    """Spaces requests to each host by at least 60/requests_per_minute seconds, across all tasks."""

    def __init__(self, default_interval: float) -> None:
        self._default = default_interval
        self._intervals: dict[str, float] = {}
        self._next: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    def set_rate(self, host: str, requests_per_minute: float) -> None:
        # Two boards on one host (several ATS companies) share it: the strictest limit wins.
        interval = 60.0 / requests_per_minute
        self._intervals[host] = max(interval, self._intervals.get(host, 0.0))

    def slow_down(self, host: str, interval: float) -> None:
        self._intervals[host] = max(interval, self._intervals.get(host, self._default))

    def defer(self, host: str, seconds: float) -> None:
        """Hold every request to the host for a while (the server sent Retry-After)."""
        now = asyncio.get_running_loop().time()
        self._next[host] = max(self._next.get(host, now), now + seconds)

    async def wait(self, host: str) -> None:
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            loop = asyncio.get_running_loop()
            delay = self._next.get(host, 0.0) - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            self._next[host] = loop.time() + self._intervals.get(host, self._default)


class PoliteClient:
    """Shared by all boards of a run; use as `async with PoliteClient(settings) as client:`."""

    def __init__(
        self,
        settings: HttpSettings | None = None,
        cache: ResponseCache | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings or HttpSettings()
        self.cache = cache if cache is not None else MemoryResponseCache()
        self.pacer = HostPacer(60.0 / self.settings.default_requests_per_minute)
        self._robots: dict[str, Any] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        # trust_env=False: proxies come from our settings only, so a stray HTTP_PROXY never reroutes a run.
        self._http = httpx.AsyncClient(
            headers={"User-Agent": self.settings.user_agent},
            timeout=httpx.Timeout(self.settings.timeout, connect=self.settings.connect_timeout),
            proxy=self.settings.proxy,
            follow_redirects=True,
            trust_env=False,
            transport=transport,
        )

    async def __aenter__(self) -> PoliteClient:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def get(
        self,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        requests_per_minute: float | None = None,
        robots: bool = False,
        conditional: bool = True,
    ) -> Response:
        """GET with pacing and retries; `robots=True` for HTML pages; 304 answers come back from the cache."""
        return await self.request(
            "GET",
            url,
            params=params,
            headers=headers,
            auth=auth,
            requests_per_minute=requests_per_minute,
            robots=robots,
            conditional=conditional,
        )

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        json_body: Any = None,
        requests_per_minute: float | None = None,
        robots: bool = False,
        conditional: bool = True,
    ) -> Response:
        # Merge, not replace: endpoints such as Greenhouse carry their own query (?content=true).
        full_url = str(httpx.URL(url).copy_merge_params(params)) if params else url
        host = urlsplit(full_url).netloc
        if requests_per_minute:
            self.pacer.set_rate(host, requests_per_minute)
        if robots and not await self.robots_allow(full_url):
            raise RobotsDisallowed(f"robots.txt of {host} asks crawlers not to fetch {urlsplit(full_url).path}.")
        key = redact(full_url)
        # The cache may be a database: read and write it on a worker thread, never blocking the event loop.
        cached = await asyncio.to_thread(self.cache.get, key) if conditional and method == "GET" else None
        send_headers = dict(headers or {})
        if cached is not None:
            if cached.etag:
                send_headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                send_headers["If-Modified-Since"] = cached.last_modified
        response, body = await self._send_with_retries(method, full_url, host, send_headers, auth, json_body)
        log = current_log()
        if response.status_code == 304 and cached is not None:
            log.page()
            return Response(full_url, 304, cached.body, {"content-type": cached.content_type}, from_cache=True)
        if response.status_code >= 400:
            raise HttpStatusError(_status_message(response.status_code, host, full_url), response.status_code)
        etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
        if conditional and method == "GET" and (etag or modified):
            content_type = response.headers.get("content-type", "")
            await asyncio.to_thread(self.cache.put, key, CachedResponse(body, etag, modified, content_type))
        log.page()
        return Response(full_url, response.status_code, body, dict(response.headers))

    async def throttle(self, url: str, requests_per_minute: float | None = None) -> None:
        """Wait for the host's turn; for adapters that fetch through something else (a browser)."""
        host = urlsplit(url).netloc
        if requests_per_minute:
            self.pacer.set_rate(host, requests_per_minute)
        await self.pacer.wait(host)

    async def robots_allow(self, url: str) -> bool:
        """Whether robots.txt lets our user agent fetch the URL; its Crawl-delay slows the host down."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._robots:
                self._robots[origin] = await self._load_robots(origin, parts.netloc)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(url, self.settings.user_agent)

    async def _load_robots(self, origin: str, host: str) -> Any:
        from protego import Protego

        await self.pacer.wait(host)
        try:
            response = await self._http.get(f"{origin}/robots.txt", timeout=self.settings.robots_timeout)
        except httpx.HTTPError as failure:
            if _not_resolved(failure):  # not a robots.txt that is down: the whole host is, say so
                raise _lookup_failed(host) from failure
            # Unreachable robots.txt: stay away, as the big crawlers do, rather than guess.
            return Protego.parse(_DISALLOW_ALL)
        if 400 <= response.status_code < 500:
            return None
        if response.status_code >= 500:
            return Protego.parse(_DISALLOW_ALL)
        rules = Protego.parse(response.text)
        delay = rules.crawl_delay(self.settings.user_agent)
        if delay:
            self.pacer.slow_down(host, min(float(delay), self.settings.retry_after_cap))
        return rules

    async def _send_with_retries(
        self,
        method: str,
        url: str,
        host: str,
        headers: dict[str, str],
        auth: tuple[str, str] | None,
        json_body: Any,
    ) -> tuple[httpx.Response, bytes]:
        log = current_log()
        attempts = self.settings.max_retries + 1
        for attempt in range(attempts):
            await self.pacer.wait(host)
            try:
                response, body = await self._read(method, url, host, headers, auth, json_body)
            except httpx.TimeoutException:
                error: FetchFailed = FetchFailed(f"{host} did not answer within {self.settings.timeout:g} s.")
            except httpx.HTTPError as failure:
                if _not_resolved(failure):  # offline or no such host: retrying, paced, only made the user wait
                    raise _lookup_failed(host) from failure
                error = FetchFailed(f"Could not reach {host} ({failure.__class__.__name__}).")
            else:
                log.status(response.status_code)
                if response.status_code not in _RETRY_STATUSES:
                    return response, body
                wait = self._retry_after(response)
                if wait is not None and wait > self.settings.retry_after_cap:
                    # Waiting that long would hold up the other boards and the scrape lock: the next run retries.
                    raise HttpStatusError(_come_back_later(response.status_code, host, wait), response.status_code)
                if attempt == attempts - 1:
                    return response, body
                if wait is not None:
                    self.pacer.defer(host, wait)
                await asyncio.sleep(wait if wait is not None else self._backoff(attempt))
                continue
            if attempt == attempts - 1:
                raise error
            await asyncio.sleep(self._backoff(attempt))
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _read(
        self,
        method: str,
        url: str,
        host: str,
        headers: dict[str, str],
        auth: tuple[str, str] | None,
        json_body: Any,
    ) -> tuple[httpx.Response, bytes]:
        request = self._http.build_request(method, url, headers=headers, json=json_body)
        response = await self._http.send(request, auth=auth, stream=True)
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                # A runaway or hostile server must not fill memory: stop reading at the cap.
                if size > self.settings.max_body_bytes:
                    raise MalformedResponse(
                        f"{host} sent more than {self.settings.max_body_bytes / 1e6:g} MB; the answer was not read.",
                        response.status_code,
                    )
                chunks.append(chunk)
        finally:
            await response.aclose()
        return response, b"".join(chunks)

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.settings.backoff_cap, self.settings.backoff_base * 2**attempt)
        # Jitter keeps boards that failed together from retrying in lockstep.
        return ceiling * random.uniform(0.5, 1.0)

    def _retry_after(self, response: httpx.Response) -> float | None:
        """Seconds the server asks us to wait (Retry-After as seconds or an HTTP date), or None if it did not say."""
        value = response.headers.get("retry-after", "").strip()
        if not value:
            return None
        if value.isdigit():
            seconds = float(value)
        else:
            try:
                when = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                return None
            seconds = (when - datetime.now(UTC)).total_seconds() if when.tzinfo else 0.0
        return max(0.0, seconds)


def redact(url: str) -> str:
    """The URL with secret query values blanked: safe as a cache key and in messages."""
    return _SECRET_PARAMS.sub(r"\1***", url)


def _lookup_failed(host: str) -> FetchFailed:
    return FetchFailed(f"Could not look up {host}: no such host, or no network to ask.")


def _not_resolved(failure: BaseException) -> bool:
    """Whether a failed request never got past the host name lookup (httpx wraps socket.gaierror twice)."""
    seen: BaseException | None = failure
    while seen is not None:
        if isinstance(seen, socket.gaierror) or any(isinstance(arg, socket.gaierror) for arg in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _come_back_later(status: int, host: str, seconds: float) -> str:
    refused = f"Rate-limited by {host} (HTTP 429)" if status == 429 else f"{host} is unavailable (HTTP {status})"
    return f"{refused}; it asks to retry after {_duration(seconds)}."


def _duration(seconds: float) -> str:
    """'45 s', '20 min', '1 h', '1.5 h', '3 days': short, and exact enough for a wait a server asked for."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f}".removesuffix(".0") + " h"
    return f"{seconds / 86400:.0f} days"


def _status_message(status: int, host: str, url: str) -> str:
    path = urlsplit(url).path or "/"
    if status == 401:
        return f"{host} rejected our credentials (HTTP 401); check the API key."
    if status == 403:
        return f"{host} refused access (HTTP 403); it may be blocking automated requests."
    if status == 404:
        return f"{host} has nothing at {path} (HTTP 404); check the company token or URL."
    if status == 429:
        return f"{host} kept rate-limiting us (HTTP 429); try again later."
    if status >= 500:
        return f"{host} kept failing with HTTP {status}; try again later."
    return f"{host} answered HTTP {status} for {path}."
