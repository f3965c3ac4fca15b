"""Job export and import formats: our JSON/CSV export and JobSpy's CSV, read through the same normalizer."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from careercopilot.domain.normalize import RawPosting, normalize
from careercopilot.domain.postings import Posting, RemoteMode, Salary
from careercopilot.domain.salary import parse_currency, parse_interval
from careercopilot.domain.text import spreadsheet_safe
from careercopilot.errors import BadInput

EXPORT_FIELDS = (
    "id", "source", "source_id", "title", "company", "location", "country_code", "remote", "employment_type",
    "seniority", "salary_min", "salary_max", "salary_currency", "salary_interval", "posted_at", "url", "apply_url",
    "tags", "also_on", "match_score", "saved", "hidden", "description_text",
)  # fmt: skip
# JobSpy (python-jobspy) writes these columns in its CSV output.
JOBSPY_REQUIRED = ("site", "job_url", "title", "company")


def to_csv(records: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, EXPORT_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        row = dict(record)
        for key in ("employment_type", "tags"):
            row[key] = "; ".join(row.get(key) or ())
        row["also_on"] = "; ".join(a["source"] for a in row.get("also_on") or ())
        writer.writerow({key: spreadsheet_safe(v) if isinstance(v, str) else v for key, v in row.items()})
    return out.getvalue()


def read_postings(text: str, filename: str) -> list[Posting]:
    """Postings from our JSON export or a JobSpy CSV; BadInput names the record and the problem."""
    stripped = text.lstrip("\ufeff").lstrip()
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{filename} is not valid JSON: {exc.msg} at line {exc.lineno}.") from None
        records = data if isinstance(data, list) else data.get("jobs") if isinstance(data, dict) else None
        if not isinstance(records, list):
            raise BadInput(f"{filename} must hold a list of jobs, as 'careercopilot jobs export' writes.")
        return [_normalized(_from_export(r), filename, f"job {n}") for n, r in enumerate(records, start=1)]
    reader = csv.DictReader(io.StringIO(stripped))
    missing = [c for c in JOBSPY_REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        raise BadInput(f"{filename} is neither our JSON export nor a JobSpy CSV: column '{missing[0]}' is missing.")
    return [_normalized(_from_jobspy(row), filename, f"line {n}") for n, row in enumerate(reader, start=2)]


def _normalized(raw: RawPosting | None, filename: str, where: str) -> Posting:
    try:
        if raw is None:
            raise ValueError("it is not an object")
        return normalize(raw)
    except ValueError as exc:
        raise BadInput(f"{filename}, {where}: {exc}; nothing was imported.") from None


def _from_export(record: Any) -> RawPosting | None:
    if not isinstance(record, dict):
        return None
    salary = Salary(min=_float(record.get("salary_min")), max=_float(record.get("salary_max")),
                    currency=record.get("salary_currency"), interval=parse_interval(record.get("salary_interval")))
    return RawPosting(
        source=str(record.get("source") or "import"), source_id=record.get("source_id"),
        title=record.get("title"), company=record.get("company"), url=record.get("url"),
        apply_url=record.get("apply_url"), location=record.get("location"), country=record.get("country_code"),
        remote=_remote(record.get("remote")), employment=record.get("employment_type") or (),
        seniority=record.get("seniority"), salary=salary if salary.min or salary.max else None,
        posted_at=record.get("posted_at"), description=record.get("description_html")
        or record.get("description_text"), tags=record.get("tags") or (),
    )


def _from_jobspy(row: Mapping[str, str]) -> RawPosting:
    site = (row.get("site") or "jobspy").strip().lower()
    low, high = _float(row.get("min_amount")), _float(row.get("max_amount"))
    salary = Salary(min=low, max=high, currency=parse_currency(row.get("currency") or "") or row.get("currency"),
                    interval=parse_interval(row.get("interval")), is_estimate=row.get("salary_source") == "description")
    remote = {"true": RemoteMode.REMOTE, "false": None}.get((row.get("is_remote") or "").strip().lower())
    return RawPosting(
        source=site, source_id=row.get("id") or row.get("job_url"), title=row.get("title"),
        company=row.get("company"), url=row.get("job_url"), apply_url=row.get("job_url_direct"),
        location=row.get("location"), remote=remote, employment=row.get("job_type") or (),
        seniority=row.get("job_level"), salary=salary if low or high else None, posted_at=row.get("date_posted"),
        description=row.get("description"), company_url=row.get("company_url"),
        category=row.get("job_function"),
    )


def _remote(value: Any) -> RemoteMode | None:
    try:
        return RemoteMode(value) if value and value != "unknown" else None
    except ValueError:
        return None


def _float(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
