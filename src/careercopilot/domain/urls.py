"""Canonical job URLs: the same posting reached through different links compares equal for dedup."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that only say where a click came from; they never select a different job.
_TRACKING = frozenset(
    {
        "gclid", "fbclid", "msclkid", "dclid", "yclid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "igshid",
        "ref", "referrer", "refid", "source", "src", "gh_src", "lever-source", "lever-origin",
        "lever-source[]", "trk", "trackingid", "tracking_id", "campaign", "cmp", "sid", "share", "oga",
        "feed", "from", "via", "medium",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "_ga", "_gl")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Already canonical: lower-case http(s) scheme and host, no port, query or fragment, a path not ending in "/".
_PLAIN = re.compile(r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)*/[^?#\s]*[^?#\s/]")


def canonical_url(url: object) -> str:
    """Lower-case scheme and host, no default port, fragment or tracking parameters, sorted query."""
    if not isinstance(url, str) or not url.strip():
        return ""
    if _PLAIN.fullmatch(url):  # most board links: nothing to parse or rebuild
        return url
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    # Only web links survive: a javascript: or data: "URL" from a board is dropped, never stored.
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return ""
    host = parts.hostname.lower().rstrip(".")
    if port and port != _DEFAULT_PORTS[parts.scheme.lower()]:
        host = f"{host}:{port}"
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in _TRACKING and not key.lower().startswith(_TRACKING_PREFIXES)
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(query), ""))


def is_http_url(url: object) -> bool:
    """True for absolute http(s) links, the only kind we store or open."""
    return isinstance(url, str) and url.strip().lower().startswith(("http://", "https://"))
