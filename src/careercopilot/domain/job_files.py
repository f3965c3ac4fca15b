"""Job export and import formats: our JSON/CSV export and JobSpy's CSV, read through the same normalizer."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from careercopilot.domain.dates import parse_datetime
from careercopilot.domain.jobs import IngestResult
from careercopilot.domain.normalize import RawPosting, normalize
from careercopilot.domain.postings import EmploymentType, Posting, RemoteMode, Salary, SalaryInterval, Seniority
from careercopilot.domain.salary import parse_currency, parse_interval
from careercopilot.domain.text import spreadsheet_safe
from careercopilot.domain.urls import is_http_url
from careercopilot.errors import BadInput

EXPORT_FIELDS = (
    "id", "source", "source_id", "title", "company", "location", "country_code", "remote", "employment_type",
    "seniority", "salary_min", "salary_max", "salary_currency", "salary_interval", "posted_at", "url", "apply_url",
    "tags", "also_on", "match_score", "saved", "hidden", "seen", "description_text", "description_html",
)  # fmt: skip
FLAGS = ("saved", "hidden", "seen")
# Export fields whose value replaces what normalize would infer, by the Posting field they set.
_EXACT = (("remote", "remote"), ("employment_type", "employment_types"), ("seniority", "seniority"))
# A CSV cell holds a list as its items joined by this.
LIST_SEPARATOR = "; "
LIST_FIELDS = ("employment_type", "tags", "also_on")
# Our CSV export has these columns; JobSpy's names them site and job_url.
EXPORT_REQUIRED = ("source", "source_id", "url")
# JobSpy (python-jobspy) writes these columns in its CSV output.
JOBSPY_REQUIRED = ("site", "job_url", "title", "company")


@dataclass(frozen=True, slots=True)
class ImportedJob:
    posting: Posting
    flags: tuple[str, ...] = ()  # the importing user's flags (of FLAGS) the file marks true


@dataclass(frozen=True, slots=True)
class JobImport:
    stored: IngestResult
    flags_restored: int  # flags set on the importing user's rows that were not set before


def to_csv(records: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, EXPORT_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        row = {**record, "also_on": [a["source"] for a in record.get("also_on") or ()]}
        for key in LIST_FIELDS:
            row[key] = LIST_SEPARATOR.join(row.get(key) or ())
        writer.writerow({key: spreadsheet_safe(v) if isinstance(v, str) else v for key, v in row.items()})
    return out.getvalue()


def read_jobs(text: str, filename: str) -> list[ImportedJob]:
    """Jobs from our JSON or CSV export or a JobSpy CSV; BadInput names the record, the field and the problem."""
    stripped = text.lstrip("\ufeff").lstrip()
    if stripped.startswith(("[", "{")):
        records = _json_records(stripped, filename)
        return [_exported(r, filename, f"job {n}") for n, r in enumerate(records, start=1)]
    reader = csv.DictReader(io.StringIO(stripped))
    columns = reader.fieldnames or ()
    if all(c in columns for c in EXPORT_REQUIRED):
        return [_exported(_csv_record(row), filename, f"line {n}") for n, row in _numbered(reader)]
    missing = [c for c in JOBSPY_REQUIRED if c not in columns]
    if missing:
        raise BadInput(f"{filename} is neither our JSON or CSV export nor a JobSpy CSV: column '{missing[0]}' "
                       "is missing.")
    return [_jobspy(row, filename, f"line {n}") for n, row in _numbered(reader)]


def _json_records(text: str, filename: str) -> list[Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{filename} is not valid JSON: {exc.msg} at line {exc.lineno}.") from None
    records = data if isinstance(data, list) else data.get("jobs") if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise BadInput(f"{filename} must hold a list of jobs, as 'careercopilot jobs export' writes.")
    return records


def _numbered(reader: csv.DictReader) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each row with the line it starts on: a quoted description spans several lines."""
    start = reader.line_num + 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _csv_record(row: Mapping[str | None, Any]) -> dict[str, Any]:
    """A row of our CSV export as the JSON export's record: formula guards undone, lists split."""
    record = {key: _unguarded(value) for key, value in row.items() if key and isinstance(value, str)}
    for key in LIST_FIELDS:
        if record.get(key):
            record[key] = [item.strip() for item in record[key].split(LIST_SEPARATOR) if item.strip()]
    return record


def _unguarded(cell: str) -> str:
    """Undo spreadsheet_safe: drop the apostrophe it puts before a formula-like cell, and no other."""
    return cell[1:] if cell.startswith("'") and spreadsheet_safe(cell[1:]) == cell else cell


@contextmanager
def _record(filename: str, where: str) -> Iterator[None]:
    """One bad record stops the whole import: its problem becomes the sentence the user reads."""
    try:
        yield
    except ValueError as exc:
        raise BadInput(f"{filename}, {where}: {exc}; nothing was imported.") from None


def _exported(record: Any, filename: str, where: str) -> ImportedJob:
    with _record(filename, where):
        if not isinstance(record, dict):
            raise ValueError("it is not an object")
        values = _typed(record, EXPORT_TYPES)
        posting = normalize(_from_export(values))
    # The file's own enum values are exact: kept rather than guessed again from the title and labels.
    exact = {name: values[key] for key, name in _EXACT if key in values}
    return ImportedJob(replace(posting, **exact), tuple(flag for flag in FLAGS if values.get(flag)))


def _jobspy(row: Mapping[str, Any], filename: str, where: str) -> ImportedJob:
    with _record(filename, where):
        return ImportedJob(normalize(_from_jobspy(row, _typed(row, JOBSPY_TYPES))))


def _from_export(values: Mapping[str, Any]) -> RawPosting:
    salary = Salary(min=values.get("salary_min"), max=values.get("salary_max"),
                    currency=values.get("salary_currency"), interval=values.get("salary_interval"))
    return RawPosting(
        source=values.get("source") or "import", source_id=values.get("source_id"), title=values.get("title"),
        company=values.get("company"), url=values.get("url"), apply_url=values.get("apply_url"),
        location=values.get("location"), country=values.get("country_code"),
        salary=salary if salary.min is not None or salary.max is not None else None,
        posted_at=values.get("posted_at"), description=values.get("description_html")
        or values.get("description_text"), tags=values.get("tags", ()),
    )


def _from_jobspy(row: Mapping[str, Any], values: Mapping[str, Any]) -> RawPosting:
    site = (row.get("site") or "jobspy").strip().lower()
    low, high = values.get("min_amount"), values.get("max_amount")
    salary = Salary(min=low, max=high, currency=parse_currency(row.get("currency") or "") or row.get("currency"),
                    interval=values.get("interval"), is_estimate=row.get("salary_source") == "description")
    return RawPosting(
        source=site, source_id=row.get("id") or row.get("job_url"), title=row.get("title"),
        company=row.get("company"), url=row.get("job_url"), apply_url=row.get("job_url_direct"),
        location=row.get("location"), remote=RemoteMode.REMOTE if values.get("is_remote") else None,
        employment=row.get("job_type") or (), seniority=row.get("job_level"),
        salary=salary if low or high else None, posted_at=values.get("date_posted"),
        description=row.get("description"), company_url=row.get("company_url"), category=row.get("job_function"),
    )


# --- typed fields: a field that is there must read as its type -------------------------------------------------


def _typed(record: Mapping[str, Any], readers: Mapping[str, Callable[[Any], Any]]) -> dict[str, Any]:
    """The fields of `readers` the record gives (neither null nor empty), each read as its type."""
    values = {}
    for name, read in readers.items():
        value = record.get(name)
        if value is None or value == "":
            continue
        try:
            values[name] = read(value)
        except ValueError as exc:
            raise ValueError(f"{name} {_shown(value)} {exc}") from None
    return values


def _shown(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("is not text")
    return value


def _identifier(value: Any) -> str:
    # Boards number their postings: a JSON number is as good as text.
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("is not text or a whole number")
    return str(value)


def _link(value: Any) -> str:
    if not is_http_url(value):
        raise ValueError("is not a web link starting with http:// or https://")
    return value.strip()


def _amount(value: Any) -> float:
    try:
        number = math.nan if isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or number < 0:
        raise ValueError("is not an amount (digits and a decimal point only, such as 67172)")
    return number


def _date(value: Any) -> datetime:
    found = parse_datetime(value)
    if found is None:
        raise ValueError("is not a date (use ISO 8601, such as 2026-11-20 or 2026-11-20T09:00:00+00:00)")
    return found


def _flag(value: Any) -> bool:
    word = value.strip().lower() if isinstance(value, str) else value
    if word not in (True, False, "true", "false"):
        raise ValueError("is not true or false")
    return word in (True, "true")


def _interval(value: Any) -> SalaryInterval:
    found = parse_interval(value)
    if found is None:
        raise ValueError(f"is not a pay interval ({', '.join(SalaryInterval)})")
    return found


def _code(size: int, what: str) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        code = value.strip() if isinstance(value, str) else ""
        if len(code) != size or not (code.isascii() and code.isalpha()):
            raise ValueError(f"is not a {what}")
        return code.upper()

    return read


def _choice(kind: type[StrEnum]) -> Callable[[Any], StrEnum]:
    def read(value: Any) -> StrEnum:
        try:
            return kind(value.strip().lower())
        except (AttributeError, ValueError):
            raise ValueError(f"is not one of {', '.join(kind)}") from None

    return read


def _list_of(read_item: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    def read(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ValueError("is not a list")
        items = []
        for item in value:
            try:
                items.append(read_item(item))
            except ValueError as exc:
                raise ValueError(f"holds {_shown(item)}, which {exc}") from None
        return tuple(items)

    return read


EXPORT_TYPES: dict[str, Callable[[Any], Any]] = {
    "source": _text, "source_id": _identifier, "title": _text, "company": _text, "location": _text,
    "country_code": _code(2, "two-letter country code"), "remote": _choice(RemoteMode),
    "employment_type": _list_of(_choice(EmploymentType)), "seniority": _choice(Seniority),
    "salary_min": _amount, "salary_max": _amount, "salary_currency": _code(3, "three-letter currency code"),
    "salary_interval": _interval, "posted_at": _date, "url": _link, "apply_url": _link, "tags": _list_of(_text),
    "saved": _flag, "hidden": _flag, "seen": _flag, "description_text": _text, "description_html": _text,
}  # fmt: skip
JOBSPY_TYPES: dict[str, Callable[[Any], Any]] = {
    "min_amount": _amount, "max_amount": _amount, "interval": _interval, "date_posted": _date, "is_remote": _flag,
}  # fmt: skip
