"""Why a board could not be read: one sentence a user can act on, the HTTP status when there was one."""

from __future__ import annotations

from careercopilot.errors import OperationFailed


class BoardError(OperationFailed):
    """A board failed; `status` is the last HTTP status seen, if any."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class HttpStatusError(BoardError):
    """The server answered with an error status (after retries for 429 and 5xx)."""


class FetchFailed(BoardError):
    """No answer: timeout, refused connection, DNS or TLS failure (after retries)."""


class MalformedResponse(BoardError):
    """An answer we cannot read: empty, truncated, HTML where JSON was expected, or a changed schema."""


class RobotsDisallowed(BoardError):
    """robots.txt asks crawlers like us to stay away from this page."""


class NotConfigured(BoardError):
    """A board lacks a setting it cannot run without: an API key or company tokens."""
