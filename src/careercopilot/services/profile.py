"""The user's profile: read, update with validation, and import a CV from a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from careercopilot.db.engine import Database
from careercopilot.db.models import Profile
from careercopilot.domain.accounts import UserContext
from careercopilot.domain.profile import ProfileView, RemotePreference, SalaryPeriod
from careercopilot.domain.text import clean_line, clean_text
from careercopilot.errors import BadInput, require_file

CV_SUFFIXES = (".txt", ".md", ".pdf", ".docx")
MAX_CV_BYTES = 20 * 1024 * 1024
LIST_FIELDS = ("target_titles", "skills", "locations", "blocked_companies", "blocked_keywords")


def _view(row: Profile) -> ProfileView:
    return ProfileView(
        full_name=row.full_name,
        target_titles=tuple(row.target_titles or ()),
        skills=tuple(row.skills or ()),
        locations=tuple(row.locations or ()),
        remote_preference=RemotePreference(row.remote_preference),
        salary_floor=row.salary_floor,
        salary_currency=row.salary_currency,
        salary_period=SalaryPeriod(row.salary_period),
        years_experience=row.years_experience,
        weekly_goal=row.weekly_goal,
        blocked_companies=tuple(row.blocked_companies or ()),
        blocked_keywords=tuple(row.blocked_keywords or ()),
        needs_visa_sponsorship=row.needs_visa_sponsorship,
        cv_filename=row.cv_filename,
        cv_text=row.cv_text,
        updated_at=row.updated_at,
    )


def validate_profile_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Turn user-supplied values into column values, or raise BadInput naming the field."""
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key in LIST_FIELDS:
            items = value.split(",") if isinstance(value, str) else list(value)
            clean[key] = list(dict.fromkeys(clean_line(v) for v in items if clean_line(v)))
        elif key == "full_name":
            clean[key] = clean_line(value)[:200]
        elif key == "remote_preference":
            clean[key] = _enum(RemotePreference, value, key).value
        elif key == "salary_period":
            clean[key] = _enum(SalaryPeriod, value, key).value
        elif key == "salary_currency":
            if not (isinstance(value, str) and len(value) == 3 and value.isalpha()):
                raise BadInput(f"salary_currency must be a 3-letter currency code such as EUR, not {value!r}.")
            clean[key] = value.upper()
        elif key in ("salary_floor", "weekly_goal"):
            clean[key] = None if value in (None, "") and key == "salary_floor" else _number(value, key, int)
        elif key == "needs_visa_sponsorship":
            clean[key] = _flag(value, key)
        elif key == "years_experience":
            clean[key] = None if value in (None, "") else _number(value, key, float)
        else:
            raise BadInput(f"'{key}' is not a profile field; fields are: {', '.join(PROFILE_FIELDS)}.")
    return clean


PROFILE_FIELDS = (*LIST_FIELDS, "full_name", "remote_preference", "salary_floor", "salary_currency",
                  "salary_period", "years_experience", "weekly_goal", "needs_visa_sponsorship")


def _enum(kind: type, value: Any, key: str) -> Any:
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        raise BadInput(f"{key} must be one of {', '.join(m.value for m in kind)}, not {value!r}.") from None


def _flag(value: Any, key: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("yes", "true", "1", "on"):
        return True
    if text in ("no", "false", "0", "off"):
        return False
    raise BadInput(f"{key} must be yes or no, not {value!r}.")


def _number(value: Any, key: str, kind: type) -> Any:
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise BadInput(f"{key} must be a number, not {value!r}.") from None
    if number < 0:
        raise BadInput(f"{key} cannot be negative.")
    return number


def read_cv(path: Path) -> str:
    """Plain text of a CV file (.txt, .md, .pdf, .docx); BadInput with the reason when unreadable."""
    suffix = path.suffix.lower()
    if suffix not in CV_SUFFIXES:
        raise BadInput(f"{path.name} is not a supported CV file; use one of {', '.join(CV_SUFFIXES)}.")
    require_file(path, "CV")
    if path.stat().st_size > MAX_CV_BYTES:
        raise BadInput(f"{path.name} is larger than 20 MB; export a smaller file.")
    try:
        if suffix == ".pdf":
            from pypdf import PdfReader

            text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        elif suffix == ".docx":
            from docx import Document

            text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        else:
            text = path.read_text(encoding="utf-8", errors="replace")
    except Exception as exc:  # pypdf and python-docx raise many kinds on damaged files
        raise BadInput(f"{path.name} could not be read as {suffix[1:].upper()}: {exc}.") from exc
    text = clean_text(text).strip()
    if not text:
        raise BadInput(f"{path.name} contains no text (a scanned PDF needs OCR first).")
    return text


class ProfileService:
    def __init__(self, db: Database, on_change: Callable[[UserContext], object] | None = None) -> None:
        self.db = db
        self.on_change = on_change  # match scores depend on the profile: they are recomputed after a change

    def get(self, user: UserContext) -> ProfileView:
        with self.db.begin() as s:
            return _view(self._row(s, user))

    def update(self, user: UserContext, **changes: Any) -> ProfileView:
        values = validate_profile_changes(changes)
        with self.db.begin() as s:
            row = self._row(s, user)
            for key, value in values.items():
                setattr(row, key, value)
            s.flush()
            view = _view(row)
        if self.on_change is not None:
            self.on_change(user)
        return view

    def import_cv(self, user: UserContext, path: Path) -> ProfileView:
        text = read_cv(path)  # read before opening the transaction: a bad file changes nothing
        with self.db.begin() as s:
            row = self._row(s, user)
            row.cv_text, row.cv_filename = text, path.name
            s.flush()
            return _view(row)

    @staticmethod
    def _row(s: Any, user: UserContext) -> Profile:
        row = s.scalar(select(Profile).where(Profile.user_id == user.user_id))
        if row is None:  # accounts made before profiles existed get one on first use
            row = Profile(user_id=user.user_id)
            s.add(row)
            s.flush()
        return row
