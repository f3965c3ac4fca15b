"""Read pay from structured board fields or from free text ("$100k - $115k", "€50,000/yr", "£400 per day")."""

from __future__ import annotations

import re

from careercopilot.domain.postings import Salary, SalaryInterval
from careercopilot.domain.text import clean_line

_SYMBOLS = {
    "ca$": "CAD", "c$": "CAD", "a$": "AUD", "au$": "AUD", "nz$": "NZD", "s$": "SGD", "hk$": "HKD",
    "r$": "BRL", "us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB",
    "zł": "PLN", "kr": "SEK", "fr.": "CHF",
}  # fmt: skip
_CODES = frozenset(
    [
        "USD",
        "EUR",
        "GBP",
        "CAD",
        "AUD",
        "NZD",
        "CHF",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "CZK",
        "HUF",
        "RON",
        "BGN",
        "INR",
        "JPY",
        "SGD",
        "HKD",
        "BRL",
        "MXN",
        "ZAR",
        "ILS",
        "TRY",
        "AED",
    ]
)
_WORDS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "rupee": "INR"}
_CURRENCY = re.compile(
    r"(ca\$|c\$|au\$|a\$|nz\$|s\$|hk\$|r\$|us\$|\$|€|£|¥|₹|₽|zł|\bkr\b|\bfr\.)|\b([A-Z]{3})\b"
    r"|\b(dollar|euro|pound|sterling|rupee)s?\b",
    re.IGNORECASE,
)
# Thousands separators are followed by exactly three digits; a decimal part has one or two.
_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[,.'\u00a0\u202f ]\d{3}(?!\d))+|\d+)(?:[.,](\d{1,2}))?(?!\d)"
    r"\s?([kK](?![a-zA-Z]))?"
    r"(\s?(?:[mM](?:n|io|illion)?|bn|billion)(?![a-zA-Z]))?"
)
_RANGE_JOIN = re.compile(r"^\s*(?:[-–—~]|to|bis|and|à|a)\s*$", re.IGNORECASE)
_INTERVALS = (
    (SalaryInterval.HOUR, r"hour|hourly|\bhr\b|/\s?h\b|\bph\b|p/h|stunde|std\b|heure"),
    (SalaryInterval.DAY, r"\bday\b|daily|per diem|/\s?d\b|\btag\b|\bjour\b"),
    (SalaryInterval.WEEK, r"week|\bwk\b|weekly|woche"),
    (SalaryInterval.MONTH, r"month|\bmo\b|monthly|monat|\bpcm\b|\bp\.?m\.?(?![a-z])|mois"),
    (
        SalaryInterval.YEAR,
        r"year|\byr\b|annual|annum|\bp\.?a\.?(?![a-z])|yearly|\bjahr|\bpa\b|\ban\b|\bbrutto",
    ),
)
_INTERVAL_PATTERNS = tuple((interval, re.compile(pattern, re.IGNORECASE)) for interval, pattern in _INTERVALS)
_CODE_INTERVALS = {
    "PA": SalaryInterval.YEAR,
    "PH": SalaryInterval.HOUR,
    "PD": SalaryInterval.DAY,
    "PW": SalaryInterval.WEEK,
    "PM": SalaryInterval.MONTH,
    "BW": SalaryInterval.WEEK,
}
# A pay range inside a long description: a currency sign, a number, a dash, another number.
_RANGE_IN_TEXT = re.compile(
    r"(?:(?:ca\$|a\$|us\$|\$|€|£)\s?\d[\d,.]*\s?[kK]?\s*(?:[-–—]|to)\s*(?:ca\$|a\$|us\$|\$|€|£)?\s?\d[\d,.]*\s?[kK]?"
    # "60.000 € - 75.000 €": the sign after the amount, as written in much of Europe.
    r"|\d[\d,.]*\s?[kK]?\s?(?:€|£|(?-i:EUR|GBP|CHF))\s*(?:[-–—]|to|bis)\s*\d[\d,.]*\s?[kK]?\s?(?:€|£|(?-i:EUR|GBP|CHF))?)"
    r"(?:\s*(?-i:[A-Z]{3})\b)?(?:\s*(?:/\s*|per\s+|pro\s+|an?\s+)\w+)?",
    re.IGNORECASE,
)
# Every range _RANGE_IN_TEXT matches holds one of these ("ca$", "a$" and "us$" hold "$").
_CURRENCY_MARKS = ("$", "€", "£", "EUR", "GBP", "CHF")
_MAX_PLAUSIBLE = 10_000_000


def parse_interval(value: object) -> SalaryInterval | None:
    """Map "annual", "per-year-salary", "1 YEAR", "hourly", "PA" and friends to an interval."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.upper() in _CODE_INTERVALS:
        return _CODE_INTERVALS[text.upper()]
    for interval, pattern in _INTERVAL_PATTERNS:
        if pattern.search(text):
            return interval
    return None


def parse_currency(text: str) -> str | None:
    """The ISO 4217 code named by a symbol, a code or a word in the text, if any."""
    for match in _CURRENCY.finditer(text):
        symbol, code, word = match.groups()
        if symbol:
            return _SYMBOLS[symbol.lower()]
        if code and code.upper() in _CODES and code.isupper():
            return code.upper()
        if word:
            return _WORDS[word.lower()]
    return None


def parse_salary(text: object, *, currency: str | None = None, interval: SalaryInterval | None = None) -> Salary:
    """Read min/max/currency/interval from free text; unknown parts stay None, the text stays in raw."""
    raw = clean_line(text if isinstance(text, str) else "")[:300]
    if not raw:
        return Salary()
    low, high = _amounts(raw)
    found_currency = parse_currency(raw) or currency
    found_interval = parse_interval(raw) or interval or _guess_interval(high or low)
    if low is None and high is None:
        return Salary(currency=found_currency, interval=found_interval if found_currency else None, raw=raw)
    return Salary(min=low, max=high, currency=found_currency, interval=found_interval, raw=raw)


def salary_from_fields(
    minimum: object,
    maximum: object,
    currency: object = None,
    interval: object = None,
    *,
    is_estimate: bool = False,
    raw: str = "",
) -> Salary:
    """Build a Salary from a board's numeric fields; 0, "" and nonsense count as unknown."""
    low, high = _number(minimum), _number(maximum)
    if low is not None and high is not None and low > high:
        low, high = high, low
    code = currency.strip().upper() if isinstance(currency, str) and currency.strip() else None
    if low is None and high is None:
        return parse_salary(raw, currency=code) if raw else Salary()
    period = interval if isinstance(interval, SalaryInterval) else parse_interval(interval)
    return Salary(
        min=low,
        max=high,
        currency=code if code and len(code) == 3 and code.isalpha() else None,
        interval=period or _guess_interval(high or low),
        is_estimate=is_estimate,
        raw=clean_line(raw)[:300],
    )


def find_salary(text: str) -> Salary | None:
    """Find a pay range stated inside a long description ("… $150,000 - $180,000 per year …")."""
    # A range names its currency by a sign or a code: a description with neither needs no regex scan.
    return _first_range(text) if any(mark in text for mark in _CURRENCY_MARKS) else None


def _first_range(text: str) -> Salary | None:
    for match in _RANGE_IN_TEXT.finditer(text):
        salary = parse_salary(match.group(0))
        top = salary.max or salary.min or 0
        if salary.min is not None and salary.max is not None and (top >= 1000 or salary.interval):
            return salary
    return None


def _amounts(text: str) -> tuple[float | None, float | None]:
    matches = list(_NUMBER.finditer(text))
    if not matches:
        return None, None
    # Millions are funding rounds or revenue, never pay.
    if any(match.group(4) for match in matches[:2]):
        return None, None
    first = matches[0]
    values = [_value(first)]
    if len(matches) > 1 and _RANGE_JOIN.match(_between(text, first, matches[1])):
        values.append(_value(matches[1]))
        # "$150 - 210K": a thousands suffix on the upper bound applies to the lower bound too.
        if matches[1].group(3) and not first.group(3) and values[0] < 1000 <= values[1]:
            values[0] *= 1000
    if any(value > _MAX_PLAUSIBLE or value <= 0 for value in values):
        return None, None
    if len(values) == 2:
        return min(values), max(values)
    lead = text[: first.start()].lower()
    if re.search(r"up to|max|bis zu|jusqu", lead):
        return None, values[0]
    if re.search(r"from|starting|min|\bab\b|à partir", lead):
        return values[0], None
    return values[0], values[0]


def _between(text: str, left: re.Match[str], right: re.Match[str]) -> str:
    # Currency signs and codes may sit between the two numbers ("$100k - $115k", "50 EUR - 60 EUR").
    middle = text[left.end() : right.start()]
    return _CURRENCY.sub("", middle)


def _value(match: re.Match[str]) -> float:
    whole = re.sub(r"[,.'\u00a0\u202f ]", "", match.group(1))
    value = float(f"{whole}.{match.group(2)}" if match.group(2) else whole)
    return value * 1000 if match.group(3) else value


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        value = value.replace(",", "").strip()
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if number != number or number <= 0 or number > _MAX_PLAUSIBLE:
        return None
    return number


def _guess_interval(amount: float | None) -> SalaryInterval | None:
    # Without a stated period a five-figure amount is a yearly salary; smaller amounts stay unknown.
    if amount is not None and amount >= 10_000:
        return SalaryInterval.YEAR
    return None
