"""apps add|list|show|move|undo|note|contact|interview|remove|export|import: the application tracker."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from careercopilot.cli.common import current_user, print_json, run_guarded, services
from careercopilot.domain.application_files import IMPORT_FIELDS  # plain tuples: cheap for --help
from careercopilot.domain.text import plural
from careercopilot.domain.tracker_presets import PRESETS  # loaded with application_files anyway

if TYPE_CHECKING:
    from datetime import datetime, tzinfo

    from careercopilot.domain.applications import ApplicationDetail, ApplicationView, Stage

app = typer.Typer(help="Track your applications: stages, history, notes, contacts and interviews.",
                  no_args_is_help=True)

STAGES = "saved, applied, screening, interviewing, offer, accepted, rejected, withdrawn, ghosted"
JSON_OPTION = typer.Option(False, "--json", help="Print as JSON.")
DATE_FORMAT_OPTION = typer.Option(None, "--date-format", help="strptime format for ambiguous dates, e.g. %d/%m/%Y.")


def when(text: str | None, date_format: str | None = None, zone: tzinfo | None = None) -> datetime | None:
    """A user-typed date or time as aware UTC, or BadInput naming the option's problem."""
    if text is None:
        return None
    from careercopilot.domain.applications import DateProblem, parse_when
    from careercopilot.errors import BadInput

    try:
        return parse_when(text, date_format, zone=zone)
    except DateProblem as exc:
        raise BadInput(f"Cannot read the date: {exc}.") from None


def stage_arg(text: str) -> Stage:
    from careercopilot.domain.applications import parse_stage
    from careercopilot.errors import BadInput

    try:
        return parse_stage(text)
    except ValueError as exc:
        raise BadInput(f"{exc}.") from None


def enum_arg(kind: type, text: str, what: str) -> Any:
    from careercopilot.errors import BadInput

    try:
        return kind(text.strip().lower())
    except ValueError:
        raise BadInput(f"{what} must be one of {', '.join(m.value for m in kind)}, not {text!r}.") from None


def local_time(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def local_date(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d") if value else ""


def report(value: Any, json_out: bool, message: str) -> None:
    """The result as JSON under --json, otherwise one sentence."""
    if json_out:
        print_json(value)
    else:
        typer.echo(message)


def print_application(view: ApplicationView, json_out: bool, done: str) -> None:
    report(view, json_out, f"{done} application {view.id}: {view.company} - {view.title} ({view.stage.value}).")


@app.command("add")
def add(
    company: str = typer.Option("", "--company", help="Company name (taken from --job when left out)."),
    title: str = typer.Option("", "--title", help="Job title (taken from --job when left out)."),
    job: str = typer.Option(None, "--job", help="The posting's id from the job feed: its company, title, "
                            "location, link and board fill what you leave out."),
    stage: str = typer.Option("saved", "--stage", help=f"First stage: {STAGES}."),
    applied_at: str = typer.Option(None, "--applied-at", help="When you applied: 2025-03-14, yesterday, 3 days ago."),
    source: str = typer.Option("", "--source", help="Where you found it (LinkedIn, referral...)."),
    cv_version: str = typer.Option("", "--cv-version", help="Which CV you sent."),
    location: str = typer.Option("", "--location"),
    url: str = typer.Option("", "--url", help="The posting's address."),
    priority: str = typer.Option("medium", "--priority", help="low, medium or high."),
    tags: list[str] = typer.Option([], "--tag", help="A tag; repeat for more."),
    next_action: str = typer.Option("", "--next-action", help="What to do next."),
    due: str = typer.Option(None, "--due", help="When the next action is due."),
    date_format: str = DATE_FORMAT_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """Add an application; prints it (with its id) under --json."""

    def body() -> None:
        from careercopilot.domain.applications import ApplicationDraft, Priority

        draft = ApplicationDraft(
            company=company, title=title, job_id=job, stage=stage_arg(stage),
            applied_at=when(applied_at, date_format), source=source, cv_version=cv_version, location=location,
            url=url, priority=enum_arg(Priority, priority, "--priority"), tags=tuple(tags),
            next_action=next_action, next_action_due=when(due, date_format))
        print_application(services().applications.add(current_user(), draft), json_out, "Added")

    run_guarded(body)


@app.command("list")
def list_(
    stages: list[str] = typer.Option([], "--stage", help="Only this stage; repeat for more."),
    search: str = typer.Option("", "--search", help="Text in company, title, location or source."),
    tag: str = typer.Option("", "--tag", help="Only applications with this tag."),
    sort: str = typer.Option("updated", "--sort", help="updated, applied, company, stage or due."),
    json_out: bool = JSON_OPTION,
) -> None:
    """List your applications, most recently updated first."""

    def body() -> None:
        from careercopilot.domain.applications import ApplicationFilter, SortKey

        filters = ApplicationFilter(tuple(stage_arg(s) for s in stages), search, tag,
                                    enum_arg(SortKey, sort, "--sort"))
        views = services().applications.list(current_user(), filters)
        if json_out:
            print_views_json(views)
            return
        from rich.table import Table
        from rich.text import Text

        from careercopilot.cli.common import console

        table = Table("id", "company", "title", "stage", "applied", "updated", "next action", "due")
        for v in views:
            table.add_row(str(v.id), Text(v.company), Text(v.title), v.stage.value, local_date(v.applied_at),
                          local_date(v.updated_at), Text(v.next_action), local_date(v.next_action_due))
        console().print(table if views else "No applications yet: add one with `careercopilot apps add`.")

    run_guarded(body)


def print_views_json(views: list[ApplicationView]) -> None:
    """Like print_json, with one flat pass: the generic walker takes twice as long on 5,000 applications."""
    import dataclasses

    from careercopilot.jsontext import json_text

    names = [f.name for f in dataclasses.fields(views[0])] if views else []
    rows = [dict(zip(names, (getattr(v, n) for n in names), strict=True)) for v in views]
    sys.stdout.write(json_text(rows, default=lambda value: value.isoformat()) + "\n")


@app.command("show")
def show(app_id: int = typer.Argument(..., help="Application id."), json_out: bool = JSON_OPTION) -> None:
    """Show one application with its history, notes, contacts and interviews."""

    def body() -> None:
        detail = services().applications.show(current_user(), app_id)
        if json_out:
            print_json(detail)
        else:
            print_detail(detail)

    run_guarded(body)


def print_detail(d: ApplicationDetail) -> None:
    from rich.text import Text

    from careercopilot.cli.common import console

    out = console()
    out.print(Text.assemble((f"#{d.id} ", "dim"), (d.company, "bold"), " - ", d.title, f"  [{d.stage.value}]"))
    facts = {"applied": local_date(d.applied_at), "source": d.source, "location": d.location, "url": d.url,
             "cv version": d.cv_version, "salary asked": d.salary_asked, "salary offered": d.salary_offered,
             "priority": d.priority.value, "tags": ", ".join(d.tags),
             "next action": f"{d.next_action} {local_date(d.next_action_due)}".strip()}
    for label, value in facts.items():
        if value:
            out.print(Text.assemble((f"  {label}: ", "dim"), value))
    out.print(Text("History", style="bold"))
    for h in d.history:
        move = f"{h.from_stage.value} -> {h.to_stage.value}" if h.from_stage else f"created in {h.to_stage.value}"
        out.print(Text.assemble(f"  {local_time(h.at)}  {move}", (f"  {h.note}" if h.note else "", "italic")))
    for heading, lines in (
        ("Notes", [f"  {local_time(n.created_at)}  {n.body}" for n in d.notes]),
        ("Contacts", [f"  #{c.id} {c.name}" + "".join(f", {x}" for x in (c.role, c.email, c.phone) if x)
                      for c in d.contacts]),
        ("Interviews", [f"  #{i.id} {local_time(i.starts_at)} ({i.timezone}) {i.round_name}, {i.kind.value}, "
                        f"{i.duration_minutes} min, {i.outcome.value}" for i in d.interviews]),
    ):
        if lines:
            out.print(Text(heading, style="bold"))
            for line in lines:
                out.print(Text(line))


@app.command("move")
def move(
    app_id: int = typer.Argument(..., help="Application id."),
    stage: str = typer.Argument(..., help=f"New stage: {STAGES}."),
    at: str = typer.Option(None, "--at", help="When it happened, if not now: 2025-03-11, yesterday, 3 days ago."),
    note: str = typer.Option("", "--note", help="What happened."),
    date_format: str = DATE_FORMAT_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """Move an application to another stage; the move is added to its history."""

    def body() -> None:
        view = services().applications.move(current_user(), app_id, stage_arg(stage), when(at, date_format), note)
        print_application(view, json_out, "Moved")

    run_guarded(body)


@app.command("undo")
def undo(app_id: int = typer.Argument(..., help="Application id."), json_out: bool = JSON_OPTION) -> None:
    """Revert the last move (the history keeps both); undo again to redo it, since an undo is a move too."""

    def body() -> None:
        print_application(services().applications.undo(current_user(), app_id), json_out, "Reverted")

    run_guarded(body)


@app.command("note")
def note(
    app_id: int = typer.Argument(..., help="Application id."),
    text: str = typer.Argument(..., help="The note (markdown); '-' reads it from standard input."),
    json_out: bool = JSON_OPTION,
) -> None:
    """Add a timestamped note."""

    def body() -> None:
        added = services().applications.add_note(current_user(), app_id, sys.stdin.read() if text == "-" else text)
        report(added, json_out, f"Added note {added.id} to application {app_id}.")

    run_guarded(body)


@app.command("contact")
def contact(
    app_id: int = typer.Argument(..., help="Application id; the contact is shared by all its company's."),
    name: str = typer.Option(..., "--name"),
    role: str = typer.Option("", "--role"),
    email: str = typer.Option("", "--email"),
    phone: str = typer.Option("", "--phone"),
    profile_url: str = typer.Option("", "--profile-url"),
    notes: str = typer.Option("", "--notes"),
    json_out: bool = JSON_OPTION,
) -> None:
    """Add a contact at the application's company."""

    def body() -> None:
        from careercopilot.domain.applications import ContactDraft

        added = services().applications.add_contact(current_user(), app_id,
                                                    ContactDraft(name, role, email, phone, profile_url, notes))
        report(added, json_out, f"Added contact {added.id} at {added.company}.")

    run_guarded(body)


@app.command("interview")
def interview(
    app_id: int = typer.Argument(..., help="Application id."),
    round_name: str = typer.Option(..., "--round", help="Round name, e.g. 'Technical interview'."),
    at: str = typer.Option(..., "--at", help="Start, e.g. '2025-03-14 15:00' (in --tz)."),
    kind: str = typer.Option("video", "--kind", help="phone, video, onsite, technical or take-home."),
    zone: str = typer.Option(None, "--tz", help="IANA time zone of --at, e.g. Europe/Berlin (default: local)."),
    duration: int = typer.Option(60, "--duration", help="Minutes."),
    location: str = typer.Option("", "--location", help="Address or meeting link."),
    interviewers: list[str] = typer.Option([], "--interviewer", help="Repeat for more."),
    date_format: str = DATE_FORMAT_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """Schedule an interview for an application."""

    def body() -> None:
        from zoneinfo import ZoneInfo

        from careercopilot.domain.applications import InterviewDraft, InterviewKind
        from careercopilot.services.applications import check_timezone

        zone_name = check_timezone(zone) if zone else local_zone_name()
        draft = InterviewDraft(round_name, enum_arg(InterviewKind, kind, "--kind"),
                               when(at, date_format, ZoneInfo(zone_name) if zone else None), zone_name, duration,
                               location, tuple(interviewers))
        added = services().applications.add_interview(current_user(), app_id, draft)
        report(added, json_out, f"Scheduled interview {added.id}: {added.round_name} on {local_time(added.starts_at)}.")

    run_guarded(body)


def local_zone_name() -> str:
    """The system's IANA zone name (TZ, then /etc/localtime), or UTC when it cannot be told."""
    import os

    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        target = os.path.realpath("/etc/localtime")
        name = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "UTC"
    from careercopilot.errors import BadInput
    from careercopilot.services.applications import check_timezone

    try:
        return check_timezone(name)
    except BadInput:
        return "UTC"


@app.command("remove")
def remove(
    app_id: int = typer.Argument(..., help="Application id."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Delete an application with its history, notes and interviews."""

    def body() -> None:
        user = current_user()
        view = services().applications.get(user, app_id)
        if not yes and not typer.confirm(f"Delete application {app_id} ({view.company} - {view.title})?"):
            raise typer.Exit(1)
        services().applications.remove(user, app_id)
        typer.echo(f"Deleted application {app_id}.")

    run_guarded(body)


@app.command("export")
def export(
    fmt: str = typer.Option("json", "--format", help="json (everything, re-importable) or csv (one row each)."),
    out: Path = typer.Option(None, "--out", help="File to write (default: standard output)."),
) -> None:
    """Export your applications."""

    def body() -> None:
        from careercopilot.errors import BadInput, writing

        if fmt not in ("json", "csv"):
            raise BadInput(f"--format must be json or csv, not {fmt!r}.")
        text = export_text(fmt)
        if out is None:
            sys.stdout.write(text)
            return
        with writing(out):
            out.write_text(text, encoding="utf-8", newline="")
        typer.echo(f"Wrote {out}.", err=True)

    run_guarded(body)


def export_text(fmt: str) -> str:
    from careercopilot.cli.common import json_part
    from careercopilot.domain.application_files import JSON_FORMAT, JSON_VERSION, to_csv

    details = services().applications.export(current_user())
    if fmt == "csv":
        return to_csv(details)
    document = {"format": JSON_FORMAT, "version": JSON_VERSION, "applications": details}
    from careercopilot.jsontext import json_text

    return json_text(document, json_part) + "\n"


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="Our JSON export, or a CSV file."),
    column_map: str = typer.Option(None, "--map", help='CSV header to field, e.g. "Company=company,Status=stage"; '
                                   f"fields: {', '.join(IMPORT_FIELDS)}. Usual header names map themselves."),
    preset: str = typer.Option(None, "--preset", help=f"Read the CSV as another tracker's export: "
                               f"{', '.join(PRESETS)}. Recognised from its header when it is unchanged; "
                               "--map entries override the preset's."),
    date_format: str = DATE_FORMAT_OPTION,
    skip_invalid: bool = typer.Option(False, "--skip-invalid", help="Import the valid rows and list the rest."),
    encoding: str = typer.Option(None, "--encoding", help="Force the file's encoding (default: detected)."),
    json_out: bool = JSON_OPTION,
) -> None:
    """Import applications; all or nothing unless --skip-invalid."""

    def body() -> None:
        from careercopilot.domain.application_files import (
            ImportReport,
            decode,
            importable,
            looks_like_json,
            parse_csv,
            parse_map_option,
        )
        from careercopilot.domain.tracker_presets import preset_named
        from careercopilot.errors import BadInput, require_file

        chosen = preset_named(preset) if preset else None
        require_file(file)
        mapping = parse_map_option(column_map) if column_map else None
        data = file.read_bytes()
        text, used = decode(data, encoding)
        if looks_like_json(text):
            if chosen:
                raise BadInput(f"--preset is for CSV files; {file} is JSON (our own export needs no preset).")
            report = services().applications.import_file(current_user(), data, encoding=encoding)
        else:  # parsed here rather than in import_file so the report can name the preset
            parsed = parse_csv(text, mapping, date_format, chosen)
            drafts = importable(parsed, skip_invalid)
            imported = services().applications.import_drafts(current_user(), drafts)
            report = ImportReport(len(imported), parsed.problems, used, "csv", parsed.preset)
        if json_out:
            print_json(report)
            return
        typer.echo(f"Imported {plural(report.imported, 'application')} ({report.format}, {report.encoding}).")
        if report.preset:
            typer.echo(f"Read as a {PRESETS[report.preset].label} (preset {report.preset}).")
        for problem in report.skipped:
            typer.echo(f"Skipped line {problem.line}: {problem.reason}.")

    run_guarded(body)
