"""Small forms over the detail screen: a contact at the company, an interview. They return what was typed."""

from __future__ import annotations

from typing import ClassVar
from zoneinfo import ZoneInfo

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from careercopilot.domain.applications import ContactDraft, DateProblem, InterviewDraft, InterviewKind, parse_when
from careercopilot.errors import BadInput
from careercopilot.services.applications import check_timezone

# (field, label, placeholder)
CONTACT_FIELDS = (("name", "Name", "Jane Roe"), ("role", "Role", "Recruiter"), ("email", "Email", ""),
                  ("phone", "Phone", ""), ("profile_url", "Profile URL", "https://…"))
INTERVIEW_FIELDS = (("round_name", "Round", "Technical interview"),
                    ("kind", "Kind", "phone, video, onsite, technical or take-home"),
                    ("starts_at", "Starts", "2025-03-14 15:00"), ("timezone", "Time zone", "Europe/Berlin"),
                    ("duration", "Minutes", "60"), ("location", "Where", "address or meeting link"),
                    ("interviewers", "Interviewers", "names, comma-separated"))


class FieldsForm(ModalScreen[dict[str, str] | None]):
    """One input per field; enter on the last field or Save returns {field: text}, escape returns None."""

    DEFAULT_CSS = """
    FieldsForm { align: center middle; }
    FieldsForm > Vertical { width: 70; height: auto; padding: 1 2; border: round $accent; background: $surface; }
    FieldsForm .form-row { height: 3; }
    FieldsForm .form-row Label { width: 14; padding: 1 0 0 0; color: $text-muted; }
    FieldsForm .form-row Input { width: 1fr; }
    FieldsForm #form-buttons { height: auto; margin-top: 1; }
    FieldsForm #form-buttons Button { margin-right: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel", id="form.cancel")]

    def __init__(self, title: str, fields: tuple[tuple[str, str, str], ...], values: dict[str, str]) -> None:
        super().__init__()
        self.form_title = title
        self.fields = fields
        self.values = values

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content.styled(self.form_title, "bold"))
            for key, label, placeholder in self.fields:
                with Horizontal(classes="form-row"):
                    yield Label(label)
                    yield Input(self.values.get(key, ""), placeholder=placeholder, id=f"form-{key}")
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="form-save")
                yield Button("Cancel", id="form-cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#form-save")
    def _save(self) -> None:
        self.dismiss({key: self.query_one(f"#form-{key}", Input).value for key, _, _ in self.fields})

    @on(Button.Pressed, "#form-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def contact_draft(values: dict[str, str]) -> ContactDraft:
    return ContactDraft(**{key: values.get(key, "") for key, _, _ in CONTACT_FIELDS})


def interview_draft(values: dict[str, str]) -> InterviewDraft:
    """What the interview form says, or BadInput naming the field to fix."""
    zone_name = check_timezone(values.get("timezone", "").strip() or "UTC")
    try:
        kind = InterviewKind(values.get("kind", "").strip().lower() or "video")
    except ValueError:
        raise BadInput(f"Kind must be one of {', '.join(k.value for k in InterviewKind)}.") from None
    try:
        starts_at = parse_when(values.get("starts_at", ""), zone=ZoneInfo(zone_name))
    except DateProblem as exc:
        raise BadInput(f"Cannot read the start: {exc}.") from None
    duration = values.get("duration", "").strip() or "60"
    if not duration.isdigit():
        raise BadInput(f"Minutes must be a whole number, not {duration!r}.")
    return InterviewDraft(values.get("round_name", ""), kind, starts_at, zone_name, int(duration),
                          values.get("location", ""),
                          tuple(n.strip() for n in values.get("interviewers", "").split(",") if n.strip()))
