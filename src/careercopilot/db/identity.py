"""A database's name for the keyring, computed without SQLAlchemy so the TUI can check it before loading it."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def database_identity(url: str) -> str:
    """The URL with any password replaced by ***, so a keyring entry never names a secret."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username or ''}:***@{parts.hostname or ''}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def session_secret_name(url: str) -> str:
    """Where the client keeps its session token for this database."""
    return f"session:{database_identity(url)}"
