"""boards list|doctor|test: which boards exist, how they did, and what one of them parses to."""

from __future__ import annotations

import typer

from careercopilot.cli.common import console, print_json, run_guarded, services
from careercopilot.domain.text import plural

app = typer.Typer(help="Job boards: health and set-up checks.", no_args_is_help=True)


@app.command("list")
def list_(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Every board with whether it is enabled and how its last run went."""

    def body() -> None:
        rows = services().scrape.health()
        if json_out:
            print_json(rows)
            return
        from rich.table import Table
        from rich.text import Text

        table = Table("board", "type", "enabled", "last run", "status", "seen", "flags")
        for h in rows:
            when = h.last_run.astimezone().strftime("%Y-%m-%d %H:%M") if h.last_run else "never"
            table.add_row(h.board, h.type, "yes" if h.enabled else "no", when, h.last_status or "",
                          str(h.last_seen), Text("; ".join(h.flags)))
        console().print(table)

    run_guarded(body)


@app.command("doctor")
def doctor() -> None:
    """Point out boards that need attention: failures, blocks, 0 results, fewer fields filled."""

    def body() -> None:
        from rich.text import Text

        problems = 0
        for h in services().scrape.health():
            if not h.enabled and h.last_run is None:
                continue
            issues = list(h.flags) + ([f"last run failed: {h.last_reason}"] if h.last_status == "failed" else [])
            if h.enabled and h.last_run is None:
                issues.append("never run yet")
            for issue in issues:
                problems += 1
                console().print(Text(f"{h.board}: {issue}"))
        console().print("All boards look healthy." if not problems else f"{plural(problems, 'thing')} to look at.")
        if problems:
            raise typer.Exit(1)

    run_guarded(body)


@app.command("test")
def test(
    name: str = typer.Argument(..., help="Board name, built in or defined in config.toml."),
    query: str = typer.Option("", "--query", "-q", help="Search words."),
    json_out: bool = typer.Option(False, "--json", help="Print the parsed postings as JSON."),
) -> None:
    """Fetch one page from a board and show what each field parsed to (nothing is stored)."""

    def body() -> None:
        result = services().scrape.try_board(name, query)
        if json_out:
            print_json(result)
            return
        from rich.table import Table
        from rich.text import Text

        console().print(Text(f"{name}: {result.status} - {result.reason}"))
        for posting in result.postings[:5]:
            table = Table("field", "value", show_header=False, title=Text(posting.id))
            for field in ("title", "company", "url", "apply_url", "location", "remote", "employment_types",
                          "seniority", "salary", "posted_at", "tags"):
                table.add_row(field, Text(str(getattr(posting, field))))
            table.add_row("description", Text(posting.description_text[:200]))
            console().print(table)
        if result.status != "ok":
            raise typer.Exit(1)

    run_guarded(body)
