"""A real HTTP server on 127.0.0.1 replaying our own board fixtures, errors and slow replies, plus run helpers."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from careercopilot.scraping.base import Board, SearchQuery
from careercopilot.scraping.http import HttpSettings, PoliteClient
from careercopilot.scraping.registry import build_board
from careercopilot.scraping.runner import BoardResult, run_boards
from careercopilot.scraping.settings import parse_board_settings

FIXTURES = Path(__file__).parent / "fixtures"
# Small delays keep retries and pacing tests fast; the logic under test is the same.
FAST = HttpSettings(
    user_agent="CareerCopilotTests/1.0",
    timeout=0.5,
    connect_timeout=0.5,
    max_retries=2,
    backoff_base=0.01,
    backoff_cap=0.05,
    retry_after_cap=2.0,
    robots_timeout=0.5,
    default_requests_per_minute=60_000,
)


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class Hit:
    at: float  # server-side monotonic clock
    path: str
    query: dict[str, str]
    headers: dict[str, str]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def json_reply(name: str, **options: object) -> Reply:
    return Reply(body=fixture(name), headers={"Content-Type": "application/json"}, **options)  # type: ignore[arg-type]


class FixtureServer:
    """Routes by path and (optionally) exact query; a route's replies are served in order, the last repeats."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, tuple[tuple[str, str], ...] | None], list[Reply]] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.answer(self)

            def log_message(self, *args: object) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def add(self, path: str, *replies: Reply, query: dict[str, str] | None = None) -> None:
        key = (path, tuple(sorted(query.items())) if query is not None else None)
        self.routes[key] = list(replies)

    def reset(self) -> None:
        with self.lock:
            self.routes.clear()
            self.hits.clear()

    def hits_for(self, path: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.path == path]

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        with self.lock:
            self.hits.append(Hit(time.monotonic(), parts.path, query, dict(handler.headers.items())))
            replies = self.routes.get((parts.path, tuple(sorted(query.items())))) or self.routes.get((parts.path, None))
            reply = (replies.pop(0) if len(replies) > 1 else replies[0]) if replies else Reply(404, b"Not Found")
        if reply.delay:
            time.sleep(reply.delay)
        try:
            handler.send_response(reply.status)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(reply.body)))
            handler.end_headers()
            handler.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (timeout tests)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def make_board(name: str, server: FixtureServer, env: dict[str, str] | None = None, **table: object) -> Board:
    # Published limits would make tests wait seconds between pages; pacing has its own tests.
    table = {"base_url": server.url, "requests_per_minute": 600, **table}
    settings = parse_board_settings(name, table, env or {})
    return build_board(settings)


def run(
    boards: Board | Sequence[Board],
    query: SearchQuery | None = None,
    settings: HttpSettings = FAST,
    **client_options: object,
) -> list[BoardResult]:
    """Run boards through a fresh client against the fixture server."""
    board_list = [boards] if isinstance(boards, Board) else list(boards)

    async def main() -> list[BoardResult]:
        async with PoliteClient(settings, **client_options) as client:  # type: ignore[arg-type]
            return await run_boards(board_list, query or SearchQuery(), client)

    return asyncio.run(main())


def fast(**changes: object) -> HttpSettings:
    return replace(FAST, **changes)  # type: ignore[arg-type]
