"""A real OpenAI-compatible HTTP server on 127.0.0.1, scripted per test, that logs every request."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted answer: a JSON body, an SSE stream of text chunks, or an error status."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    stream: list[str] | None = None


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def free_port() -> int:
    """A port nothing listens on, for "endpoint unreachable" tests."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chat(text: str, prompt_tokens: int = 11, completion_tokens: int = 7) -> Reply:
    """A non-streaming chat completion whose message content is `text`."""
    return Reply(
        body={
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": "test-model",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }
    )


def error(status: int, message: str = "scripted error", **headers: str) -> Reply:
    return Reply(status=status, body={"error": {"message": message, "type": "test", "code": status}}, headers=headers)


class FakeLLMServer:
    def __init__(self) -> None:
        self.models = ["test-model", "other-model"]
        self.requests: list[Seen] = []
        self._script: defaultdict[str, deque[Reply]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        # A short poll interval makes shutdown, and so each test's teardown, quick.
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, route: str, *replies: Reply) -> None:
        """Queue replies for a route such as "chat/completions"; each request takes the next one."""
        with self._lock:
            self._script[route].extend(replies)

    def seen(self, route: str) -> list[Seen]:
        return [r for r in self.requests if r.path == f"/v1/{route}"]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _next(self, route: str) -> Reply:
        with self._lock:
            queue = self._script[route]
            if queue:
                return queue.popleft()
        if route == "models":
            return Reply(body={"object": "list", "data": [{"id": m, "object": "model"} for m in self.models]})
        return error(418, f"no reply scripted for {route}")

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                self._serve(b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._serve(self.rfile.read(length))

            def _serve(self, body: bytes) -> None:
                path = self.path.split("?", 1)[0]
                with server._lock:
                    server.requests.append(
                        Seen(self.command, path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                reply = server._next(path.removeprefix("/v1/"))
                time.sleep(reply.delay)
                try:
                    if reply.stream is not None:
                        self._send_stream(reply)
                    else:
                        self._send_json(reply)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing left to answer

            def _send_json(self, reply: Reply) -> None:
                payload = json.dumps(reply.body).encode() if not isinstance(reply.body, str) else reply.body.encode()
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def _send_stream(self, reply: Reply) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                for piece in reply.stream or []:
                    chunk = {
                        "id": "chatcmpl-test",
                        "object": "chat.completion.chunk",
                        "created": 1_700_000_000,
                        "model": "test-model",
                        "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
                    }
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        return Handler
