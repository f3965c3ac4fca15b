"""One application: facts, the stage history timeline, notes with an editor, contacts and interviews."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from careercopilot.domain.applications import ApplicationDetail, Stage
from careercopilot.errors import CareerCopilotError
from careercopilot.tui.safe import safe, safe_line, toast
from careercopilot.tui.screens.applications_forms import (
    CONTACT_FIELDS,
    INTERVIEW_FIELDS,
    FieldsForm,
    contact_draft,
    interview_draft,
)
from careercopilot.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from careercopilot.tui.app import CareerCopilotApp

NONE = Content.styled("none yet", "$text-muted")


def when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def facts(d: ApplicationDetail) -> Content:
    rows = [("Stage", Content.styled(d.stage.value, "bold")), ("Applied", Content(when(d.applied_at)[:10])),
            ("Source", safe_line(d.source)), ("Location", safe_line(d.location)), ("URL", safe_line(d.url)),
            ("CV version", safe_line(d.cv_version)), ("Salary asked", safe_line(d.salary_asked)),
            ("Salary offered", safe_line(d.salary_offered)), ("Priority", Content(d.priority.value)),
            ("Tags", safe_line(", ".join(d.tags))),
            ("Next action", Content.assemble(safe_line(d.next_action), f"  {when(d.next_action_due)[:10]}"))]
    shown = [(label, value) for label, value in rows if value.plain.strip()]
    return Content("\n").join(Content.assemble((f"{label:<15}", "$text-muted"), value) for label, value in shown)


def timeline(d: ApplicationDetail) -> Content:
    lines = []
    for h in d.history:
        move = (Content.assemble(h.from_stage.value, " → ", (h.to_stage.value, "bold")) if h.from_stage
                else Content.assemble("created in ", (h.to_stage.value, "bold")))
        note = Content.assemble("  ", safe_line(h.note).stylize("italic $text-muted")) if h.note else Content("")
        lines.append(Content.assemble((f"{when(h.at)}  ", "$text-muted"), move, note))
    return Content("\n").join(lines)


def people(d: ApplicationDetail) -> Content:
    if not d.contacts:
        return NONE
    return Content("\n").join(
        Content.assemble(safe_line(c.name).stylize("bold"),
                         *(Content.assemble(" · ", safe_line(x)) for x in (c.role, c.email, c.phone, c.profile_url)
                           if x))
        for c in d.contacts)


def interviews(d: ApplicationDetail) -> Content:
    if not d.interviews:
        return NONE
    return Content("\n").join(
        Content.assemble((f"{when(i.starts_at)}  ", "$text-muted"), safe_line(i.round_name).stylize("bold"),
                         f" · {i.kind.value} · {i.duration_minutes} min · {i.outcome.value} · ",
                         safe_line(i.timezone), *((" · ", safe_line(i.location)) if i.location else ()))
        for i in d.interviews)


def notes(d: ApplicationDetail) -> Content:
    if not d.notes:
        return NONE
    return Content("\n\n").join(Content.assemble((f"{when(n.created_at)}\n", "$text-muted"), safe(n.body))
                                for n in reversed(d.notes))


class StagePicker(ModalScreen[Stage | None]):
    """Choose where an application moves; escape keeps it where it is."""

    DEFAULT_CSS = """
    StagePicker { align: center middle; }
    StagePicker > OptionList { width: 32; height: auto; border: round $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel", id="stage_picker.cancel")]

    def __init__(self, current: Stage) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        yield OptionList(*(Option(f"{n}  {s.value}", id=s.value, disabled=s is self.current)
                           for n, s in enumerate(Stage, start=1)), id="stage-options")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Stage(event.option.id))


class ApplicationDetailScreen(Screen[None]):
    app: CareerCopilotApp  # type: ignore[assignment]
    DEFAULT_CSS = """
    ApplicationDetailScreen > VerticalScroll { padding: 1 2; }
    #detail-title { margin-bottom: 1; }
    .detail-heading { margin-top: 1; color: $accent; text-style: bold; }
    #detail-note-editor { height: 6; margin-top: 1; }
    #detail-note-row { height: auto; }
    #detail-note-row Button { margin-right: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="application.close"),
        Binding("m", "move", "Move", id="application.move"),
        Binding("u", "undo", "Undo move", id="application.undo"),
        Binding("c", "add_contact", "Add contact", id="application.add_contact"),
        Binding("i", "add_interview", "Add interview", id="application.add_interview"),
        Binding("ctrl+s", "save_note", "Save note", id="application.save_note"),
    ]

    def __init__(self, app_id: int) -> None:
        super().__init__()
        self.app_id = app_id
        self.detail: ApplicationDetail | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="detail-title")
            yield Static(id="detail-facts")
            yield Static("History", classes="detail-heading")
            yield Static(id="detail-history")
            yield Static("Interviews", classes="detail-heading")
            yield Static(id="detail-interviews")
            yield Static("Contacts at this company", classes="detail-heading")
            yield Static(id="detail-contacts")
            yield Static("Notes", classes="detail-heading")
            with Vertical():
                yield TextArea(id="detail-note-editor", soft_wrap=True, show_line_numbers=False)
                with Horizontal(id="detail-note-row"):
                    yield Button("Add note (ctrl+s)", id="detail-add-note", variant="primary")
            yield Static(id="detail-notes")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    @work(exclusive=True, group="application-detail", exit_on_error=False)
    async def reload(self) -> None:
        try:
            detail = await self.app.call(self.app.services.applications.show, self.app.user, self.app_id)
        except CareerCopilotError as exc:
            self.app.report(exc)
            self.dismiss(None)
            return
        self.detail = detail
        self.sub_title = detail.company
        self.query_one("#detail-title", Static).update(Content.assemble(
            (f"#{detail.id}  ", "$text-muted"), safe_line(detail.company).stylize("bold"), " — ",
            safe_line(detail.title)))
        for selector, render in (("#detail-facts", facts), ("#detail-history", timeline),
                                 ("#detail-interviews", interviews), ("#detail-contacts", people),
                                 ("#detail-notes", notes)):
            self.query_one(selector, Static).update(render(detail))

    def action_close(self) -> None:
        if self.focused is self.query_one("#detail-note-editor"):
            self.set_focus(None)  # escape first leaves the editor, as in the other areas
            return
        self.dismiss(None)

    def action_move(self) -> None:
        if self.detail is not None:
            self.app.push_screen(StagePicker(self.detail.stage), self._moved)

    @work(exclusive=True, group="application-detail-write", exit_on_error=False)
    async def _moved(self, stage: Stage | None) -> None:
        if stage is None:
            return
        try:
            await self.app.call(self.app.services.applications.move, self.app.user, self.app_id, stage)
        except CareerCopilotError as exc:
            self.app.report(exc)
        self.reload()

    @work(exclusive=True, group="application-detail-write", exit_on_error=False)
    async def action_undo(self) -> None:
        try:
            back = await self.app.call(self.app.services.applications.undo, self.app.user, self.app_id)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        toast(self, f"Moved back to {back.stage.value}.")
        self.reload()

    def action_add_contact(self, typed: dict[str, str] | None = None) -> None:
        self.app.push_screen(FieldsForm("A contact at this company", CONTACT_FIELDS, typed or {}),
                             self._contact_typed)

    @work(exclusive=True, group="application-detail-write", exit_on_error=False)
    async def _contact_typed(self, values: dict[str, str] | None) -> None:
        if values is not None:
            await self._write(self.app.services.applications.add_contact, contact_draft, values,
                              self.action_add_contact)

    def action_add_interview(self, typed: dict[str, str] | None = None) -> None:
        self.app.push_screen(FieldsForm("An interview", INTERVIEW_FIELDS,
                                        typed or {"timezone": "UTC", "duration": "60"}), self._interview_typed)

    @work(exclusive=True, group="application-detail-write", exit_on_error=False)
    async def _interview_typed(self, values: dict[str, str] | None) -> None:
        if values is not None:
            await self._write(self.app.services.applications.add_interview, interview_draft, values,
                              self.action_add_interview)

    async def _write(self, method: Callable[..., object], draft_of: Callable[[dict[str, str]], object],
                     values: dict[str, str], reopen: Callable[[dict[str, str]], None]) -> None:
        """Save what a form returned; on a mistake, say it and open the form again with everything typed."""
        try:
            await self.app.call(method, self.app.user, self.app_id, draft_of(values))
        except CareerCopilotError as exc:
            self.app.report(exc)
            reopen(values)
            return
        self.reload()

    @on(Button.Pressed, "#detail-add-note")
    @work(exclusive=True, group="application-detail-write", exit_on_error=False)
    async def action_save_note(self) -> None:
        editor = self.query_one("#detail-note-editor", TextArea)
        if not editor.text.strip():
            toast(self, "Write the note first.", severity="warning")
            return
        try:
            await self.app.call(self.app.services.applications.add_note, self.app.user, self.app_id, editor.text)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        editor.clear()
        self.reload()
