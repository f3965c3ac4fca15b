"""A database's name for the keyring, computed without SQLAlchemy so the TUI can check it before loading it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

# libpq also takes the password as a query option: "…/db?password=secret".
_QUERY_PASSWORD = re.compile(r"(^|&)(password=)[^&]*", re.IGNORECASE)


def database_identity(url: str) -> str:
    """The URL with any password replaced by ***, so neither a keyring entry nor a screen shows a secret."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        userinfo, _, host_and_port = netloc.rpartition("@")
        netloc = f"{userinfo.partition(':')[0]}:***@{host_and_port}"  # the host as written: [::1] keeps brackets
    query = _QUERY_PASSWORD.sub(r"\1\2***", parts.query)
    if (netloc, query) == (parts.netloc, parts.query):
        return url
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def session_secret_name(url: str) -> str:
    """Where the client keeps its session token for this database."""
    return f"session:{database_identity(url)}"
