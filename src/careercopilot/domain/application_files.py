"""Reading tracker files: our JSON export, and CSV from spreadsheets and other trackers. Pure functions.

CSV columns are matched to our fields by a header mapping: `--map "Company=company,Status=stage"`, a built-in
preset for another tracker's export (tracker_presets: its columns, stage words and date format; recognised by its
header row, or named with `--preset`), or otherwise by the usual header names trackers and spreadsheets use
("Company Name", "Job Title", "Date Applied", "Status", "Job URL"...), which also covers our own CSV export.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from careercopilot.domain.applications import (
    ApplicationDetail,
    ApplicationDraft,
    ApplicationView,
    ContactView,
    DateProblem,
    HistoryEntry,
    InterviewKind,
    InterviewOutcome,
    InterviewView,
    NoteView,
    Priority,
    Stage,
    future_applied_date,
    infer_day_first,
    parse_stage,
    parse_when,
)
from careercopilot.domain.text import FORMULA_START, spreadsheet_safe
from careercopilot.domain.tracker_presets import TrackerPreset, detect_preset
from careercopilot.errors import BadInput

JSON_FORMAT = "careercopilot.applications"
JSON_VERSION = 1
EXPORT_COLUMNS = ("id", "company", "title", "stage", "applied_at", "updated_at", "source", "url", "location",
                  "job_id", "salary_asked", "salary_offered", "cv_version", "cover_letter_path", "priority",
                  "tags", "next_action", "next_action_due")
IMPORT_FIELDS = ("company", "title", "stage", "applied_at", "source", "url", "location", "job_id",
                 "salary_asked", "salary_offered", "cv_version", "cover_letter_path", "priority", "tags",
                 "next_action", "next_action_due", "notes")
DATE_FIELDS = ("applied_at", "next_action_due")
# Header names (folded: lower-case letters and digits only) that mean each field.
HEADER_SYNONYMS = {
    "company": ("company", "companyname", "employer", "organization", "organisation"),
    "title": ("title", "jobtitle", "position", "role", "jobposition", "job"),
    "stage": ("stage", "status", "applicationstatus", "state"),
    "applied_at": ("appliedat", "dateapplied", "applied", "applieddate", "applicationdate", "appliedon", "date"),
    "source": ("source", "jobboard", "channel", "board"),
    "url": ("url", "link", "joburl", "joblink", "postingurl", "jobposting"),
    "location": ("location", "city"),
    "job_id": ("jobid",),
    "salary_asked": ("salaryasked", "salaryexpectation", "expectedsalary", "desiredsalary"),
    "salary_offered": ("salaryoffered", "offeredsalary"),
    "cv_version": ("cvversion", "resumeversion", "resume", "cv"),
    "cover_letter_path": ("coverletterpath", "coverletter"),
    "priority": ("priority",),
    "tags": ("tags", "labels"),
    "next_action": ("nextaction", "nextstep"),
    "next_action_due": ("nextactiondue", "followupdate", "duedate"),
    "notes": ("notes", "note", "comments"),
}
_MAX_ROWS = 100_000


@dataclass(frozen=True, slots=True)
class ImportProblem:
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ParsedCsv:
    drafts: tuple[tuple[int, ApplicationDraft], ...]  # (line number, draft)
    problems: tuple[ImportProblem, ...]
    mapping: dict[str, str]  # header -> field actually used
    preset: str | None = None  # the tracker preset the file was read with


@dataclass(frozen=True, slots=True)
class ImportReport:
    imported: int
    skipped: tuple[ImportProblem, ...]
    encoding: str
    format: str  # "csv" or "json"
    preset: str | None = None  # the tracker preset a CSV was read with


class ImportRejected(BadInput):
    """Nothing was imported; `problems` lists every bad row with its line number."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        shown = "; ".join(f"line {p.line}: {p.reason}" for p in problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(f"Nothing was imported: {len(problems)} invalid row(s) - {shown}{more}. "
                         f"Fix them, or pass --skip-invalid to import the rest.")
        self.problems = tuple(problems)


# --- text and encodings --------------------------------------------------------------------------------------


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The file's text and the encoding it was read with: UTF-8 (with or without BOM), UTF-16 with a BOM,
    else Windows-1252/Latin-1, which is what spreadsheets on Windows write."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise BadInput(f"The file cannot be read as {encoding}: {exc}.") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise BadInput("The file looks binary (it contains NUL bytes); export it as CSV or JSON text.")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined: plain ISO-8859-1 has them
        return data.decode("latin-1"), "latin-1"


def looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


# --- CSV -----------------------------------------------------------------------------------------------------


def parse_map_option(option: str) -> dict[str, str]:
    """`"Company=company,Date Applied=applied_at"` -> {header: field}; BadInput naming a wrong field."""
    mapping: dict[str, str] = {}
    for pair in filter(None, (part.strip() for part in option.split(","))):
        header, sep, field = pair.rpartition("=")
        field = field.strip()
        if not sep or not header.strip():
            raise BadInput(f"--map takes HEADER=field pairs separated by commas; '{pair}' is not one.")
        if field not in IMPORT_FIELDS:
            raise BadInput(f"--map: '{field}' is not a field; fields are: {', '.join(IMPORT_FIELDS)}.")
        mapping[header.strip()] = field
    return mapping


def fold_header(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


def auto_mapping(headers: Sequence[str]) -> dict[str, str]:
    """Map each header that names one of our fields; the first header wins when two mean the same."""
    by_synonym = {syn: field for field, synonyms in HEADER_SYNONYMS.items() for syn in synonyms}
    mapping: dict[str, str] = {}
    for header in headers:
        field = by_synonym.get(fold_header(header))
        if field and field not in mapping.values():
            mapping[header] = field
    return mapping


def parse_csv(text: str, explicit_map: dict[str, str] | None = None, date_format: str | None = None,
              preset: TrackerPreset | None = None) -> ParsedCsv:
    """Rows of a CSV as drafts with their line numbers, plus the rows that cannot be imported and why.

    Without `preset`, a header row that is exactly a tracker preset's columns selects that preset. A preset maps
    its own columns only; `explicit_map` entries replace the preset's for the same header or field, and an
    explicit `date_format` wins over the preset's."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        raise BadInput("The CSV file is empty: it needs a header row and at least one row.") from None
    except csv.Error as exc:
        raise BadInput(f"The CSV header cannot be read: {exc}.") from None
    preset = preset or detect_preset(headers)
    mapping = _mapping(headers, explicit_map, preset)
    date_format = date_format or (preset.date_format if preset else None)
    index = {field: headers.index(header) for header, field in mapping.items()}
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[ImportProblem] = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(ImportProblem(reader.line_num, f"unreadable CSV ({exc})"))
            break
        if not any(c.strip() for c in cells):
            continue
        if len(rows) >= _MAX_ROWS:
            raise BadInput(f"The file has more than {_MAX_ROWS} rows; split it into smaller files.")
        line = reader.line_num
        if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers):]):
            problems.append(ImportProblem(line, f"{len(cells)} cells but the header has {len(headers)} columns"))
            continue
        values = {f: _unescape(cells[i]).strip() if i < len(cells) else "" for f, i in index.items()}
        rows.append((line, _preset_values(values, preset) if preset else values))
    day_first = None
    if not date_format:
        try:
            day_first = infer_day_first(r[f] for _, r in rows for f in DATE_FIELDS if r.get(f))
        except DateProblem as exc:
            raise BadInput(f"The dates in this file are ambiguous: {exc}.") from None
    drafts = []
    for line, values in rows:
        try:
            drafts.append((line, row_draft(values, date_format, day_first)))
        except (ValueError, DateProblem) as exc:
            problems.append(ImportProblem(line, str(exc)))
    return ParsedCsv(tuple(drafts), tuple(sorted(problems, key=lambda p: p.line)), mapping,
                     preset.name if preset else None)


def importable(parsed: ParsedCsv, skip_invalid: bool) -> list[ApplicationDraft]:
    """The drafts to write, all or nothing: ImportRejected when a row is bad (unless `skip_invalid`)."""
    if parsed.problems and not skip_invalid:
        raise ImportRejected(parsed.problems)
    if not parsed.drafts and not parsed.problems:
        raise BadInput("The CSV file has a header but no rows to import.")
    return [draft for _, draft in parsed.drafts]


def _preset_values(values: dict[str, str], preset: TrackerPreset) -> dict[str, str]:
    """A row in our words: the tool's empty markers blanked, its stage word translated, its defaults filled."""
    values = {f: "" if v in preset.blanks else v for f, v in values.items()}
    stage = preset.stage(values["stage"]) if values.get("stage") else None
    if stage is not None:
        values["stage"] = stage.value
    for field, value in preset.defaults.items():
        values[field] = values.get(field) or value
    return values


def row_draft(values: dict[str, str], date_format: str | None, day_first: bool | None) -> ApplicationDraft:
    """One CSV row as a draft; ValueError with the reason when a cell is wrong."""
    company, title = values.get("company", ""), values.get("title", "")
    if not company:
        raise ValueError("the company is empty")
    if not title:
        raise ValueError("the title is empty")
    dates = {f: parse_when(values[f], date_format, day_first=day_first) if values.get(f) else None
             for f in DATE_FIELDS}
    problem = future_applied_date(dates["applied_at"], datetime.now(UTC))
    if problem:
        raise ValueError(problem)
    stage = parse_stage(values["stage"]) if values.get("stage") else (
        Stage.APPLIED if dates["applied_at"] else Stage.SAVED)
    try:
        priority = Priority(values["priority"].casefold()) if values.get("priority") else Priority.MEDIUM
    except ValueError:
        raise ValueError(f"'{values['priority']}' is not a priority (low, medium, high)") from None
    return ApplicationDraft(
        company=company, title=title, stage=stage, applied_at=dates["applied_at"],
        next_action_due=dates["next_action_due"],
        tags=tuple(t.strip() for t in re.split(r"[,;]", values.get("tags", "")) if t.strip()),
        notes=(values["notes"],) if values.get("notes") else (),
        priority=priority, job_id=values.get("job_id") or None,
        **{f: values.get(f, "") for f in ("source", "url", "location", "salary_asked", "salary_offered",
                                          "cv_version", "cover_letter_path", "next_action")},
    )


def to_csv(apps: Iterable[ApplicationView]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for app in apps:
        writer.writerow(spreadsheet_safe(_cell(getattr(app, column))) for column in EXPORT_COLUMNS)
    return out.getvalue()


def _mapping(headers: list[str], explicit: dict[str, str] | None, preset: TrackerPreset | None) -> dict[str, str]:
    if len(set(headers)) != len(headers):
        duplicate = next(h for h in headers if headers.count(h) > 1)
        raise BadInput(f"The CSV header names the column '{duplicate}' twice; rename one of them.")
    if explicit:
        missing = [h for h in explicit if h not in headers]
        if missing:
            raise BadInput(f"--map names column(s) {', '.join(repr(m) for m in missing)} that the file lacks; "
                           f"its columns are: {', '.join(headers)}.")
    base = {h: f for h, f in preset.columns.items() if h in headers} if preset else auto_mapping(headers)
    if explicit:
        mapping = {**{h: f for h, f in base.items() if f not in explicit.values() and h not in explicit}, **explicit}
    else:
        mapping = base
    lacking = [f for f in ("company", "title") if f not in mapping.values()]
    if lacking:
        raise BadInput(f"No column is mapped to {' and '.join(lacking)}; the file's columns are: "
                       f"{', '.join(headers)}. Map them with --map \"HEADER=company,HEADER=title\".")
    return mapping


def _delimiter(text: str) -> str:
    try:  # spreadsheets in comma-decimal locales write semicolons; only the header line is a safe sample
        return csv.Sniffer().sniff(text[:8192].split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def _unescape(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


# --- JSON (our own export) -----------------------------------------------------------------------------------


def parse_json_export(text: str) -> list[ApplicationDetail]:
    """Applications from `apps export --format json`; BadInput naming the first wrong entry."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"The file is not valid JSON: {exc.msg} at line {exc.lineno}.") from None
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise BadInput(f"The JSON file is not a Career Copilot export (its \"format\" is not {JSON_FORMAT!r}).")
    if document.get("version") != JSON_VERSION:
        raise BadInput(f"The export is version {document.get('version')!r}; this version reads {JSON_VERSION}.")
    items = document.get("applications")
    if not isinstance(items, list):
        raise BadInput("The export has no \"applications\" list.")
    details = []
    for number, item in enumerate(items, start=1):
        try:
            details.append(_detail(item))
        except (KeyError, TypeError, ValueError) as exc:
            raise BadInput(f"Application {number} in the export is malformed: {_reason(exc)}.") from None
    return details


def _detail(item: dict[str, Any]) -> ApplicationDetail:
    when = _instant
    maybe = _maybe_instant
    base = ApplicationView(
        id=int(item["id"]), company=str(item["company"]), title=str(item["title"]), stage=Stage(item["stage"]),
        applied_at=maybe(item.get("applied_at")), updated_at=when(item["updated_at"]),
        source=str(item.get("source", "")), next_action=str(item.get("next_action", "")),
        next_action_due=maybe(item.get("next_action_due")), location=str(item.get("location", "")),
        url=str(item.get("url", "")), job_id=item.get("job_id"), salary_asked=str(item.get("salary_asked", "")),
        salary_offered=str(item.get("salary_offered", "")), cv_version=str(item.get("cv_version", "")),
        cover_letter_path=str(item.get("cover_letter_path", "")), priority=Priority(item.get("priority", "medium")),
        tags=tuple(str(t) for t in item.get("tags", ())), stage_changed_at=when(item["stage_changed_at"]),
        created_at=when(item["created_at"]),
    )
    history = tuple(HistoryEntry(int(h["id"]), Stage(h["from_stage"]) if h.get("from_stage") else None,
                                 Stage(h["to_stage"]), when(h["at"]), str(h.get("note", "")), h.get("reverts_id"),
                                 when(h.get("recorded_at") or h["at"])) for h in item.get("history", ()))
    notes = tuple(NoteView(int(n["id"]), str(n["body"]), when(n["created_at"])) for n in item.get("notes", ()))
    contacts = tuple(ContactView(int(c["id"]), str(c.get("company", base.company)), str(c["name"]),
                                 *(str(c.get(k, "")) for k in ("role", "email", "phone", "profile_url", "notes")),
                                 when(c["created_at"])) for c in item.get("contacts", ()))
    interviews = tuple(InterviewView(int(i["id"]), base.id, str(i["round_name"]), InterviewKind(i["kind"]),
                                     when(i["starts_at"]), str(i.get("timezone", "UTC")),
                                     int(i.get("duration_minutes", 60)), str(i.get("location", "")),
                                     tuple(str(n) for n in i.get("interviewers", ())),
                                     InterviewOutcome(i.get("outcome", "pending"))) for i in item.get("interviews", ()))
    fields = {name: getattr(base, name) for name in ApplicationView.__dataclass_fields__}
    return ApplicationDetail(**fields, history=history, notes=notes, contacts=contacts, interviews=interviews)


def _instant(value: Any) -> datetime:
    parsed = datetime.fromisoformat(str(value))
    if parsed.tzinfo is None:
        raise ValueError(f"time {value!r} has no UTC offset")
    return parsed


def _maybe_instant(value: Any) -> datetime | None:
    return None if value in (None, "") else _instant(value)


def _reason(exc: Exception) -> str:
    return f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
