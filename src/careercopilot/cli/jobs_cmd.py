"""jobs list|search|show|save|hide|split|export|import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from careercopilot.cli.common import console, current_user, print_json, run_guarded, services, to_jsonable
from careercopilot.domain.text import plural

app = typer.Typer(help="Browse, search and act on job postings.", no_args_is_help=True)


def _filters(query: str, remote: bool, location: str, salary_min: float | None, since: str | None,
             source: list[str] | None, employment_type: str | None, seniority: str | None, hide_seen: bool,
             saved: bool, sort: str, limit: int) -> Any:
    from careercopilot.domain.dates import parse_datetime
    from careercopilot.domain.jobs import JobFilters, JobSort
    from careercopilot.errors import BadInput

    posted_since = parse_datetime(since) if since else None
    if since and posted_since is None:
        raise BadInput(f"--since '{since}' is not a date; use YYYY-MM-DD or e.g. '7 days ago'.")
    try:
        order = JobSort(sort)
    except ValueError:
        raise BadInput(f"--sort must be one of {', '.join(JobSort)}, not '{sort}'.") from None
    return JobFilters(query=query, remote_only=remote, location=location, salary_floor_yearly=salary_min,
                      posted_since=posted_since, sources=tuple(source or ()), employment_type=employment_type,
                      seniority=seniority, hide_seen=hide_seen, saved_only=saved, sort=order, limit=limit)


def _print_jobs(jobs: list[Any]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table("id", "score", "title", "company", "location", "remote", "salary", "posted", "also on")
    for j in jobs:
        salary = ""
        if j.salary_min or j.salary_max:
            salary = f"{j.salary_min or ''}-{j.salary_max or ''} {j.salary_currency or ''}/{j.salary_interval or ''}"
        table.add_row(str(j.id), "" if j.match_score is None else str(j.match_score), Text(j.title), Text(j.company),
                      Text(j.location), j.remote, salary, j.posted_at.strftime("%Y-%m-%d") if j.posted_at else "",
                      ", ".join(a.source for a in j.also_on))
    console().print(table if jobs else "No jobs match.")


def _listing(query: str, json_out: bool, **options: Any) -> None:
    jobs = services().jobs.feed(current_user(), _filters(query, **options))
    if json_out:
        print_json(jobs)
    else:
        _print_jobs(jobs)


_REMOTE = typer.Option(False, "--remote", help="Only remote jobs.")
_LOCATION = typer.Option("", "--location", "-l", help="City or region, or a 2-letter country code.")
_SALARY = typer.Option(None, "--salary-min", help="Yearly salary at least this (in the posting's currency).")
_SINCE = typer.Option(None, "--since", help="Posted on or after this date.")
_SOURCE = typer.Option(None, "--source", help="Only from this board (repeatable).")
_TYPE = typer.Option(None, "--type", help="Employment type: full_time, part_time, contract, internship...")
_SENIORITY = typer.Option(None, "--seniority", help="intern, entry, mid, senior, lead, manager, director...")
_HIDE_SEEN = typer.Option(False, "--hide-seen", help="Leave out jobs you have opened.")
_SAVED = typer.Option(False, "--saved", help="Only jobs you saved.")
_SORT = typer.Option("match", "--sort", help="match, date or salary.")
_LIMIT = typer.Option(50, "--limit", min=1, max=10_000, help="At most this many.")
_JSON = typer.Option(False, "--json", help="Print as JSON.")


@app.command("list")
def list_(remote: bool = _REMOTE, location: str = _LOCATION, salary_min: float = _SALARY, since: str = _SINCE,
          source: list[str] = _SOURCE, employment_type: str = _TYPE, seniority: str = _SENIORITY,
          hide_seen: bool = _HIDE_SEEN, saved: bool = _SAVED, sort: str = _SORT, limit: int = _LIMIT,
          json_out: bool = _JSON) -> None:
    """Your job feed: one row per job even when several boards list it."""
    run_guarded(lambda: _listing("", json_out, remote=remote, location=location, salary_min=salary_min, since=since,
                                 source=source, employment_type=employment_type, seniority=seniority,
                                 hide_seen=hide_seen, saved=saved, sort=sort, limit=limit))


@app.command("search")
def search(query: str = typer.Argument(..., help="Words to find in title, company, description and tags."),
           remote: bool = _REMOTE, location: str = _LOCATION, salary_min: float = _SALARY, since: str = _SINCE,
           source: list[str] = _SOURCE, employment_type: str = _TYPE, seniority: str = _SENIORITY,
           hide_seen: bool = _HIDE_SEEN, saved: bool = _SAVED, sort: str = _SORT, limit: int = _LIMIT,
           json_out: bool = _JSON) -> None:
    """Full-text search over stored jobs, with the same filters as list."""
    run_guarded(lambda: _listing(query, json_out, remote=remote, location=location, salary_min=salary_min,
                                 since=since, source=source, employment_type=employment_type, seniority=seniority,
                                 hide_seen=hide_seen, saved=saved, sort=sort, limit=limit))


@app.command("show")
def show(job_id: int = typer.Argument(..., help="Job id from 'jobs list'."),
         explain: bool = typer.Option(False, "--explain", help="Show how the match score was made."),
         json_out: bool = _JSON) -> None:
    """One job in full; marks it seen."""

    def body() -> None:
        user = current_user()
        services().jobs.set_flags(user, job_id, seen=True)
        detail = services().jobs.get(user, job_id)
        if json_out:
            print_json(detail)
            return
        from rich.text import Text

        job = detail.job
        out = console()
        out.print(Text(f"{job.title} - {job.company}", style="bold"))
        out.print(Text(f"{job.location or 'location not given'} · {job.remote} · {job.source} · {job.url}"))
        if job.apply_url:
            out.print(Text(f"Apply: {job.apply_url}"))
        for member in detail.group_members:
            out.print(Text(f"Also on {member.source} (job {member.id}): {member.url}"))
        if explain:
            out.print(Text(f"\nMatch score: {job.match_score if job.match_score is not None else 'not scored yet'}",
                           style="bold"))
            for part in detail.breakdown:
                out.print(Text(f"  {part.name:<10} {part.points:>5.1f} / {part.max_points:<5.1f} {part.reason}"))
        out.print(Text("\n" + detail.description_text))
        if detail.attribution:
            out.print(Text(f"\n{detail.attribution}", style="dim"))

    run_guarded(body)


def _flag(job_id: int, message: str, **flags: bool) -> None:
    services().jobs.set_flags(current_user(), job_id, **flags)
    typer.echo(message)


@app.command("save")
def save(job_id: int = typer.Argument(...), undo: bool = typer.Option(False, "--undo", help="Unsave.")) -> None:
    """Save a job for later (or --undo)."""
    run_guarded(lambda: _flag(job_id, f"{'Unsaved' if undo else 'Saved'} job {job_id}.", saved=not undo))


@app.command("hide")
def hide(job_id: int = typer.Argument(...), undo: bool = typer.Option(False, "--undo", help="Show it again.")) -> None:
    """Hide a job from your feed (or --undo)."""
    run_guarded(lambda: _flag(job_id, f"{'Unhid' if undo else 'Hid'} job {job_id}.", hidden=not undo))


@app.command("split")
def split(job_id: int = typer.Argument(..., help="The posting to take out of its group of duplicates.")) -> None:
    """Take a posting out of a wrong group of duplicates; later scrapes remember it."""

    def body() -> None:
        services().jobs.split(current_user(), job_id)
        typer.echo(f"Job {job_id} now stands on its own.")

    run_guarded(body)


@app.command("export")
def export(fmt: str = typer.Option("json", "--format", help="json or csv."),
           out: Path = typer.Option(None, "--out", help="File to write; standard output without it.")) -> None:
    """Export every stored job with your scores and flags."""

    def body() -> None:

        from careercopilot.domain.job_files import to_csv
        from careercopilot.errors import BadInput, writing
        from careercopilot.jsontext import json_text

        if fmt not in ("json", "csv"):
            raise BadInput(f"--format must be json or csv, not '{fmt}'.")
        records = [{**to_jsonable(d.job), "description_text": d.description_text,
                    "description_html": d.description_html} for d in services().jobs.export(current_user())]
        text = json_text(records) + "\n" if fmt == "json" else to_csv(records)
        if out is None:
            typer.echo(text, nl=False)
        else:
            with writing(out):
                out.write_text(text, encoding="utf-8")
            typer.echo(f"Wrote {plural(len(records), 'job')} to {out}.", err=True)

    run_guarded(body)


@app.command("import")
def import_(path: Path = typer.Argument(..., help="Our JSON or CSV export, or a CSV written by JobSpy.")) -> None:
    """Import jobs from a file, with your saved/hidden/seen flags; a bad record stops it before anything is stored."""

    def body() -> None:
        user = current_user()
        done = services().jobs.import_file(user, path)
        result, flags = done.stored, done.flags_restored
        typer.echo(f"Imported {plural(result.seen, 'job')}: {result.new} new, {result.updated} updated. "
                   f"Restored {plural(flags, 'saved, hidden or seen flag')} for {user.username}.")

    run_guarded(body)
