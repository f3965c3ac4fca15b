"""Turn every date format the boards use into an aware UTC datetime (or None when it cannot be read)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

# Outside this window a value is garbage (or a different unit), not a job date.
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
_LATEST_AHEAD = timedelta(days=3 * 365)
# Epoch values above this are milliseconds (1e11 seconds is the year 5138).
_MS_THRESHOLD = 100_000_000_000
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
_UNITS = {
    "second": 1, "sec": 1, "s": 1,
    "minute": 60, "min": 60, "m": 60,
    "hour": 3600, "hr": 3600, "h": 3600, "std": 3600, "stunde": 3600, "stunden": 3600,
    "day": 86400, "d": 86400, "t": 86400, "tag": 86400, "tage": 86400, "tagen": 86400,
    "jour": 86400, "jours": 86400,
    "week": 604800, "wk": 604800, "w": 604800, "woche": 604800, "wochen": 604800,
    "month": 2592000, "mo": 2592000, "monat": 2592000, "monaten": 2592000, "mois": 2592000,
    "year": 31536000, "yr": 31536000, "y": 31536000, "jahr": 31536000,
}  # fmt: skip
_RELATIVE = re.compile(r"(?:vor\s+|il y a\s+)?(\d+|an?|one)\+?\s*([a-z]+?)s?\.?(?:\s+ago)?$")
_WORDS = {
    "just now": 0, "now": 0, "today": 0, "heute": 0, "new": 0, "just posted": 0,
    "yesterday": 86400, "gestern": 86400, "hier": 86400,
}  # fmt: skip


def parse_datetime(value: object, *, now: datetime | None = None) -> datetime | None:
    """Read epoch s/ms, ISO 8601 (naive is UTC), DD/MM/YYYY, RFC 822 or relative text ("3 days ago")."""
    now = now or datetime.now(UTC)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, datetime):
        result: datetime | None = value
    elif isinstance(value, date):
        result = datetime(value.year, value.month, value.day)
    elif isinstance(value, int | float):
        result = _from_epoch(value)
    elif isinstance(value, str):
        result = _from_text(value.strip(), now)
    else:
        return None
    return _plausible(result, now)


def is_relative(value: object) -> bool:
    """True when the text is relative ("2 days ago"), so the date is only as precise as a day."""
    return isinstance(value, str) and _relative_seconds(value.strip().lower()) is not None


def _from_epoch(value: float) -> datetime | None:
    if value != value or value in (float("inf"), float("-inf")):  # NaN or infinite
        return None
    seconds = value / 1000 if abs(value) >= _MS_THRESHOLD else value
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _from_text(text: str, now: datetime) -> datetime | None:
    if not text or len(text) > 80:
        return None
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return _from_epoch(float(text))
    match = _DAY_FIRST.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime(year, month, day)
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        pass
    # JobScout24 writes "1+M" for a month or more, where a lower-case m would read as minutes.
    relative = _relative_seconds(re.sub(r"(?<=[\d+\s])M$", "month", text).lower())
    if relative is not None:
        return now - timedelta(seconds=relative)
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    return _with_dateutil(text)


def _relative_seconds(text: str) -> int | None:
    text = " ".join(text.split())
    if text in _WORDS:
        return _WORDS[text]
    if text.startswith(("posted ", "active ")):
        return _relative_seconds(text.split(" ", 1)[1])
    match = _RELATIVE.fullmatch(text)
    if not match:
        return None
    amount, unit = match.groups()
    seconds = _UNITS.get(unit) or _UNITS.get(unit.rstrip("s"))
    if seconds is None:
        return None
    count = 1 if amount in ("a", "an", "one") else int(amount)
    return count * seconds if count < 100_000 else None


def _with_dateutil(text: str) -> datetime | None:
    # Imported here: dateutil is only needed for the rare free-form date, and startup stays light.
    from dateutil import parser as dateutil_parser

    try:
        return dateutil_parser.parse(text, dayfirst=True)
    except (ValueError, OverflowError, TypeError, ArithmeticError):
        return None


def _plausible(result: datetime | None, now: datetime) -> datetime | None:
    if result is None:
        return None
    try:
        aware = result.replace(tzinfo=UTC) if result.tzinfo is None else result.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    if aware < _EARLIEST or aware > now + _LATEST_AHEAD:
        return None
    return aware
