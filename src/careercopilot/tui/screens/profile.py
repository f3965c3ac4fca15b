"""View and edit the profile; import a CV from a path. The service validates, the screen only shows."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from careercopilot.domain.profile import ProfileView, RemotePreference, SalaryPeriod
from careercopilot.errors import CareerCopilotError
from careercopilot.tui.safe import safe_line, toast
from careercopilot.tui.screens.base import AreaScreen

# (profile field, label, placeholder or the enum a Select offers), in the order the form shows them.
FIELDS: tuple[tuple[str, str, str | type[StrEnum]], ...] = (
    ("full_name", "Full name", "How employers should address you"),
    ("target_titles", "Target titles", "Comma-separated, e.g. Backend Engineer, Data Engineer"),
    ("skills", "Skills", "Comma-separated, e.g. python, sql, docker"),
    ("locations", "Locations", "Comma-separated, e.g. Berlin, Lisbon"),
    ("remote_preference", "Remote", RemotePreference),
    ("salary_floor", "Salary floor", "The lowest pay you accept, a whole number"),
    ("salary_currency", "Currency", "3-letter code, e.g. EUR"),
    ("salary_period", "Salary per", SalaryPeriod),
    ("years_experience", "Experience", "Years, e.g. 6"),
    ("weekly_goal", "Weekly goal", "Applications per week"),
)


def form_values(profile: ProfileView) -> dict[str, str]:
    """What each input shows for a stored profile."""
    values: dict[str, str] = {}
    for name, _, _ in FIELDS:
        value = getattr(profile, name)
        if isinstance(value, tuple):
            values[name] = ", ".join(value)
        elif isinstance(value, StrEnum):
            values[name] = value.value
        elif isinstance(value, float):
            values[name] = f"{value:g}"
        else:
            values[name] = "" if value is None else str(value)
    return values


def in_form_words(message: str) -> str:
    """A service sentence naming a field as the CLI spells it ("salary_floor must be…") in the form's words
    ("Salary floor must be…")."""
    for name, label, _ in FIELDS:
        if message.startswith(f"{name} "):
            return label + message[len(name):]
    return message


def cv_summary(profile: ProfileView) -> Content:
    if not profile.cv_filename:
        return Content.styled("No CV imported yet (.txt, .md, .pdf or .docx).", "$text-muted")
    return Content.assemble("Current CV: ", safe_line(profile.cv_filename).stylize("bold"),
                            (f"  ({len(profile.cv_text):,} characters of text)", "$text-muted"))


class ProfileScreen(AreaScreen):
    TITLE = "Profile"
    AUTO_FOCUS = None  # a focused field would swallow the single-letter area keys on arrival
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="profile.save"),
        Binding("ctrl+r", "revert", "Revert", id="profile.revert"),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="profile-form"):
            with Grid(id="profile-fields"):
                for name, label, hint in FIELDS:
                    yield Label(label, classes="field-label")
                    if isinstance(hint, str):
                        yield Input(placeholder=hint, id=f"field-{name}", compact=True)
                    else:
                        yield Select([(m.value, m.value) for m in hint], allow_blank=False, id=f"field-{name}",
                                     compact=True)
            with Horizontal(classes="form-buttons"):
                yield Button("Save", variant="primary", id="profile-save")
                yield Button("Revert", id="profile-revert")
            yield Static(id="cv-summary")
            with Horizontal(id="cv-row"):
                yield Input(placeholder="Path to your CV, e.g. ~/Documents/cv.pdf", id="cv-path", compact=True)
                yield Button("Import CV", id="cv-import")

    def __init__(self) -> None:
        super().__init__()
        self._loaded = False

    def shown(self) -> None:
        """Load once; coming back to the screen keeps unsaved edits."""
        if not self._loaded:
            self.reload()

    @work(exclusive=True, group="profile", exit_on_error=False)
    async def reload(self) -> None:
        user, services = self.app.user, self.app.services
        if user is None or services is None:
            return
        try:
            self.show(await self.app.call(services.profiles.get, user))
        except CareerCopilotError as exc:
            self.app.report(exc)

    def show(self, profile: ProfileView) -> None:
        self._loaded = True
        for name, value in form_values(profile).items():
            self.query_one(f"#field-{name}").value = value  # type: ignore[attr-defined]
        self.query_one("#cv-summary", Static).update(cv_summary(profile))

    def changes(self) -> dict[str, str]:
        """Every field as typed; the profile service turns them into values or names the bad one."""
        return {name: str(self.query_one(f"#field-{name}").value) for name, _, _ in FIELDS}  # type: ignore[attr-defined]

    @on(Button.Pressed, "#profile-save")
    @on(Input.Submitted, "#profile-fields Input")
    def action_save(self) -> None:
        self.save()

    @on(Button.Pressed, "#cv-import")
    @on(Input.Submitted, "#cv-path")
    def _import_pressed(self) -> None:
        self.import_cv()

    @work(exclusive=True, group="profile", exit_on_error=False)
    async def save(self) -> None:
        user, services = self.app.user, self.app.services
        if user is None or services is None:
            return
        try:
            profile = await self.app.call(services.profiles.update, user, **self.changes())
        except CareerCopilotError as exc:
            toast(self, in_form_words(exc.message), severity="error")
            return
        self.show(profile)
        toast(self, "Profile saved.")

    @on(Button.Pressed, "#profile-revert")
    def action_revert(self) -> None:
        self.reload()

    @work(exclusive=True, group="profile", exit_on_error=False)
    async def import_cv(self) -> None:
        user, services = self.app.user, self.app.services
        path = self.query_one("#cv-path", Input).value.strip()
        if user is None or services is None:
            return
        if not path:
            toast(self, "Type the path of your CV file first.", severity="warning")
            return
        try:
            profile = await self.app.call(services.profiles.import_cv, user, Path(path).expanduser())
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        self.query_one("#cv-path", Input).clear()
        self.query_one("#cv-summary", Static).update(cv_summary(profile))
        toast(self, f"Imported {profile.cv_filename}.")
