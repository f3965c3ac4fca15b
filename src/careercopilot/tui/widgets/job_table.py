"""The job feed table: one row per group of duplicates, filled a page at a time as the user scrolls down."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowDoesNotExist

from careercopilot.domain.jobs import JobView
from careercopilot.tui.formatting import format_age
from careercopilot.tui.safe import safe_cell

# Fetch the next page once fewer than this many loaded rows remain below the cursor or the viewport.
PREFETCH_ROWS = 40
INTERVAL_SUFFIX = {"year": "", "month": "/mo", "week": "/wk", "day": "/day", "hour": "/h"}
COLUMNS = (("Match", "score"), ("Title", "title"), ("Company", "company"), ("Location", "location"),
           ("Salary", "salary"), ("Posted", "posted"), ("Source", "source"))
LABEL_WIDTHS = {key: len(label) for label, key in COLUMNS}  # no column is narrower than its heading
# Short values of bounded form ("110k–135k EUR/mo", "weworkremotely +1"): as wide as the longest loaded one, capped.
FITTED_CAPS = {"score": 5, "salary": 20, "posted": 10, "source": 22}
# Company and location get up to their longest loaded value (capped) from what is left; the title gets the rest.
SHARED_CAPS = {"company": 28, "location": 24}
TITLE_SHARE = 0.55  # of what is left, the title keeps at least this much however narrow the terminal
MIN_TITLE = 16  # below this the table scrolls sideways instead


def column_widths(room: int, widest: dict[str, int]) -> dict[str, int]:
    """Each column's text width for `room` cells in all (cell padding excluded), from its widest loaded value."""
    widths = {key: min(widest[key], cap) for key, cap in FITTED_CAPS.items()}
    left = room - sum(widths.values())
    wanted = {key: min(widest[key], cap) for key, cap in SHARED_CAPS.items()}
    least = LABEL_WIDTHS["company"] + LABEL_WIDTHS["location"]
    shared = max(min(sum(wanted.values()), left - max(round(left * TITLE_SHARE), MIN_TITLE)), least)
    company = min(max(shared * wanted["company"] // sum(wanted.values()), LABEL_WIDTHS["company"]),
                  shared - LABEL_WIDTHS["location"])
    return widths | {"company": company, "location": shared - company, "title": max(left - shared, MIN_TITLE)}


def short_money(amount: float) -> str:
    return f"{amount / 1000:.0f}k" if amount >= 10_000 else f"{amount:,.0f}"


def salary_label(job: JobView) -> str:
    """"70k–90k EUR", "45–60 USD/h", "" when the posting names no salary."""
    amounts = [a for a in (job.salary_min, job.salary_max) if a]
    if not amounts:
        return ""
    span = "–".join(dict.fromkeys(short_money(a) for a in amounts))  # one figure when min equals max
    suffix = INTERVAL_SUFFIX.get(job.salary_interval or "year", "")
    return f"{span} {job.salary_currency or ''}".rstrip() + suffix


def sources_label(job: JobView) -> str:
    return job.source + (f" +{len(job.also_on)}" if job.also_on else "")


class JobTable(DataTable[Text]):
    """Columns sized to the loaded rows and the terminal (see `column_widths`); narrow terminals scroll sideways."""

    DEFAULT_CSS = """
    JobTable { height: 1fr; overflow-x: auto; }
    """
    # Rows are the unit here (the columns always fit): Home/End go to the first/last loaded job.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First job", show=False, id="jobs.first"),
        Binding("end", "scroll_bottom", "Last job", show=False, id="jobs.last"),
    ]

    class NearEnd(Message):
        """Few loaded rows remained below what the user sees (check `near_end` again: rows may have arrived)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self.jobs: dict[int, JobView] = {}  # loaded rows by posting id, in feed order
        self.now: datetime | None = None
        self.widest = dict(LABEL_WIDTHS)  # per column: its widest loaded value or heading
        for label, key in COLUMNS:
            self.add_column(label, key=key, width=self.widest[key])

    # --- filling ----------------------------------------------------------------------------------

    def show(self, jobs: Iterable[JobView], now: datetime) -> None:
        """Replace every row (new filters or sort): the cursor goes back to the top."""
        self.clear()
        self.jobs, self.now = {}, now
        self.widest = dict(LABEL_WIDTHS)
        self.append(jobs)

    def append(self, jobs: Iterable[JobView]) -> None:
        """Add the next page; a posting already listed (the feed shifted under a flag change) is skipped."""
        for job in jobs:
            if job.id not in self.jobs:
                self.jobs[job.id] = job
                self.add_row(*self._measured(self._cells(job)), key=str(job.id))
        self._fit_columns()

    def replace(self, job: JobView) -> None:
        """Redraw one row after the user changed it (saved, seen)."""
        if job.id not in self.jobs:
            return
        self.jobs[job.id] = job
        for (_, key), cell in zip(COLUMNS, self._measured(self._cells(job)), strict=True):
            self.update_cell(str(job.id), key, cell)
        self._fit_columns()

    def drop(self, job_id: int) -> None:
        """Take a row out (hidden, or unsaved under "Saved only"); the cursor stays on the row that follows."""
        if self.jobs.pop(job_id, None) is not None:
            self.remove_row(str(job_id))

    def _cells(self, job: JobView) -> tuple[Text, ...]:
        title = safe_cell(job.title)
        if not job.seen:
            title.stylize("bold")
        if job.hidden:  # listed only because "Show hidden" is ticked
            title.stylize("dim strike")
        if job.saved:
            title = Text.assemble(("★ ", "bold yellow"), title)
        company, location = safe_cell(job.company), safe_cell(job.location)
        for cut in (title, company, location):  # the columns that may be narrower than their text say so with "…"
            cut.overflow, cut.no_wrap = "ellipsis", True
        score = "" if job.match_score is None else str(job.match_score)
        return (
            Text(score, justify="right", style="bold"),
            title,
            company,
            location,
            safe_cell(salary_label(job)),  # the currency comes from the board
            Text(format_age(job.posted_at, self.now or job.posted_at) if job.posted_at else "", style="dim"),
            safe_cell(sources_label(job)),
        )

    def _measured(self, cells: tuple[Text, ...]) -> tuple[Text, ...]:
        for (_, key), cell in zip(COLUMNS, cells, strict=True):
            self.widest[key] = max(self.widest[key], cell.cell_len)
        return cells

    # --- cursor and scrolling ---------------------------------------------------------------------

    @property
    def selected_id(self) -> int | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    @property
    def selected(self) -> JobView | None:
        selected = self.selected_id
        return self.jobs.get(selected) if selected is not None else None

    def select(self, job_id: int) -> bool:
        """Move the cursor to a posting; False when it is not loaded."""
        try:
            self.move_cursor(row=self.get_row_index(str(job_id)))
        except RowDoesNotExist:
            return False
        return True

    def watch_cursor_coordinate(self, old: object, new: object) -> None:
        super().watch_cursor_coordinate(old, new)  # type: ignore[arg-type]
        self._check_near_end()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_near_end()

    @property
    def near_end(self) -> bool:
        last_visible = int(self.scroll_y) + self.scrollable_content_region.height
        return bool(self.row_count) and self.row_count - max(self.cursor_row, last_visible) < PREFETCH_ROWS

    def _check_near_end(self) -> None:
        if self.near_end:
            self.post_message(self.NearEnd())

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        # Room for the vertical scrollbar is kept even while the rows fit: the columns do not jump when a page arrives.
        room = (self.content_region.width - self.styles.scrollbar_size_vertical
                - 2 * self.cell_padding * len(COLUMNS))
        if room <= 0:  # not laid out yet: on_resize comes
            return
        changed = False
        for key, width in column_widths(room, self.widest).items():
            column = self.columns[ColumnKey(key)]
            changed |= column.width != width
            column.width = width
        if changed:
            # DataTable has no public way to resize a column: drop its cached lines and re-measure on idle.
            self._clear_caches()
            self._require_update_dimensions = True
            self.refresh()
