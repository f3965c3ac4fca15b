"""draft cover-letter|cv-bullets JOB_ID: drafts for review and edit; nothing is ever sent."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from careercopilot.cli.common import console, current_user, print_json, run_guarded, services

if TYPE_CHECKING:
    from careercopilot.services.drafts import Draft

app = typer.Typer(help="Draft a cover letter or CV bullets for a job, for you to review and edit.",
                  no_args_is_help=True)

JSON_OPTION = typer.Option(False, "--json", help="Print as JSON.")
OUT_OPTION = typer.Option(None, "--out", "-o", help="Also write the draft to this file.")
EDIT_OPTION = typer.Option(False, "--edit", help="Open the draft in $EDITOR before it is shown and saved.")


def _deliver(draft: Draft, json_out: bool, out: Path | None, edit: bool) -> None:
    from rich.text import Text

    text = draft.text
    if edit:
        text = typer.edit(text, extension=".md") or text  # closing the editor without saving keeps the draft
    if out is not None:
        from careercopilot.errors import writing

        with writing(out):
            out.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    if json_out:
        print_json({**{k: getattr(draft, k) for k in ("kind", "job_id", "title", "company", "source", "note")},
                    "text": text, "bullets": list(draft.bullets)})
        return
    screen = console()
    screen.print(Text(f"Draft for {draft.title} at {draft.company} - review it; nothing has been sent.", "bold"))
    if draft.note:
        screen.print(Text(draft.note, "dim"))
    screen.print(Text("\n" + text))
    if out is not None:
        screen.print(Text(f"\nSaved to {out}.", "dim"))


@app.command("cover-letter")
def cover_letter(
    job_id: int = typer.Argument(..., help="The job id from 'careercopilot jobs list'."),
    out: Path = OUT_OPTION,
    edit: bool = EDIT_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """A cover letter for one job from your profile and CV (LLM when configured, else a template)."""
    run_guarded(lambda: _deliver(services().drafts.cover_letter(current_user(), job_id), json_out, out, edit))


@app.command("cv-bullets")
def cv_bullets(
    job_id: int = typer.Argument(..., help="The job id from 'careercopilot jobs list'."),
    out: Path = OUT_OPTION,
    edit: bool = EDIT_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """CV bullets from your own achievements, most relevant to this job first."""
    run_guarded(lambda: _deliver(services().drafts.cv_bullets(current_user(), job_id), json_out, out, edit))
