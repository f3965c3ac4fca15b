"""The application tracker area: a kanban board (move cards with keys or by clicking a column) and a table."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar
from weakref import WeakSet

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import ContentSwitcher, DataTable, Input, Select, Static

from careercopilot.domain.applications import ApplicationFilter, ApplicationView, SortKey, Stage
from careercopilot.domain.text import plural
from careercopilot.errors import CareerCopilotError
from careercopilot.tui.safe import toast
from careercopilot.tui.screens.applications_detail import ApplicationDetailScreen
from careercopilot.tui.screens.base import AreaScreen
from careercopilot.tui.widgets.application_board import ApplicationBoard, CardColumn
from careercopilot.tui.widgets.application_table import ApplicationTable

if TYPE_CHECKING:
    from careercopilot.domain.notifications import NotificationView
    from careercopilot.tui.app import CareerCopilotApp

# The TUI's own follow-up check, besides `careercopilot remind` from cron; each follow-up is raised once either way.
FOLLOW_UP_CHECK_SECONDS = 15 * 60
FIRST_CHECK_DELAY_SECONDS = 5.0  # after signing in, the first screens get the machine first
BOARD, TABLE = "board-view", "table-view"
_TIMED_APPS: WeakSet[CareerCopilotApp] = WeakSet()


class ApplicationsScreen(AreaScreen):
    TITLE = "Applications"
    DEFAULT_CSS = """
    #applications-views { height: 1fr; }
    #applications-filters { height: auto; padding: 1 1 0 1; }
    #applications-search { width: 1fr; margin-right: 1; }
    #applications-stage, #applications-sort { width: 24; margin-right: 1; }
    #applications-table { margin: 1 1 0 1; }
    #applications-status { height: 1; padding: 0 2; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+right,greater_than_sign", "move(1)", "Move →", id="applications.move_right"),
        Binding("shift+left,less_than_sign", "move(-1)", "← Move", id="applications.move_left"),
        Binding("u", "undo", "Undo move", id="applications.undo"),
        Binding("enter", "open", "Open", id="applications.open"),
        Binding("c", "toggle_closed", "Closed stages", id="applications.toggle_closed"),
        Binding("v", "toggle_view", "Board/Table", id="applications.toggle_view"),
        Binding("slash", "search", "Search", id="applications.search"),
        *(Binding(str(number), f"move_to('{stage.value}')", show=False, id=f"applications.move_to_{stage.value}")
          for number, stage in enumerate(Stage, start=1)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._save_lock = asyncio.Lock()  # saves run in the order the user moved, one at a time
        self._pending = 0
        self._moves = 0  # counts moves, so a reload that raced one is thrown away instead of undoing it on screen
        self._reload_after_saves = False
        self._own_links: set[str] = set()  # notifications about our own moves need no reload
        self._wanted: int | None = None

    def compose_body(self) -> ComposeResult:
        with ContentSwitcher(initial=BOARD, id="applications-views"):
            yield ApplicationBoard(self.app.clock(), id=BOARD)
        yield Static(id="applications-status")

    @staticmethod
    def table_view() -> Vertical:
        """Built on first use: the board is what opens, and it must open fast."""
        return Vertical(
            Horizontal(
                Input(placeholder="Search company, title, location, source", id="applications-search"),
                Select([(s.value.capitalize(), s.value) for s in Stage], prompt="All stages",
                       id="applications-stage"),
                Select([(f"Sort: {k.value}", k.value) for k in SortKey], value=SortKey.UPDATED.value,
                       allow_blank=False, id="applications-sort"),
                id="applications-filters"),
            ApplicationTable(id="applications-table"),
            id=TABLE)

    @property
    def board(self) -> ApplicationBoard:
        return self.query_one(ApplicationBoard)

    @property
    def table(self) -> ApplicationTable:
        return self.query_one(ApplicationTable)

    @property
    def view(self) -> str:
        return self.query_one(ContentSwitcher).current or BOARD

    # --- loading ----------------------------------------------------------------------------------

    @work(exclusive=True, group="applications", exit_on_error=False)
    async def reload(self) -> None:
        user, services = self.app.user, self.app.services
        if user is None or services is None:
            return
        filters = ApplicationFilter() if self.view == BOARD else self._filters()

        def load() -> tuple[list[ApplicationView], int]:  # one trip off the UI loop for both
            return services.applications.list(user, filters), services.followups.due_count(user)

        try:
            moves = self._moves
            apps, due = await self.app.call(load)
            if self.view == BOARD:
                if moves != self._moves or self._pending:
                    self._reload_after_saves = True  # read before the latest move was saved
                    return
                self.board.show(apps, self.app.clock())
                if self.screen.focused is None:
                    self.board.focus()
            else:
                self.table.show(apps)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        self._status(len(apps), due)
        if self._wanted is not None:
            self._select(self._wanted)
            self._wanted = None

    def _filters(self) -> ApplicationFilter:
        stage = self.query_one("#applications-stage", Select).value
        sort = self.query_one("#applications-sort", Select).value
        return ApplicationFilter(stages=(Stage(stage),) if isinstance(stage, str) else (),
                                 search=self.query_one("#applications-search", Input).value,
                                 sort=SortKey(sort) if isinstance(sort, str) else SortKey.UPDATED)

    def _status(self, shown: int, due: int) -> None:
        keys = "shift+←/→ or 1-9 move · click a column title to move there · u undo · enter open · v table"
        follow = f" · {plural(due, 'follow-up')} due" if due else ""
        self.query_one("#applications-status", Static).update(
            Content(f"{plural(shown, 'application')}{follow}   {keys if self.view == BOARD else ''}"))

    def notifications_arrived(self, notifications: list[NotificationView]) -> None:
        # Changes made elsewhere (the CLI, another window) show up; our own moves are on screen already.
        links = {n.link for n in notifications if (n.link or "").startswith("application:")}
        foreign = links - self._own_links
        self._own_links -= links
        if foreign and self._pending == 0:
            self.reload()
        elif foreign:
            self._reload_after_saves = True

    def applications_changed(self) -> None:
        # An application added, edited or removed elsewhere; never while our own saves are in flight.
        if self._pending:
            self._reload_after_saves = True
        elif self.is_current:
            self.reload()

    def open_item(self, item: str) -> None:
        if item.isdigit():
            self._wanted = int(item)
            self.reload()
            self.app.push_screen(self._detail_screen(int(item)), lambda _: self.reload())

    @on(Input.Changed, "#applications-search")
    @on(Select.Changed, "#applications-stage")
    @on(Select.Changed, "#applications-sort")
    def _filters_changed(self) -> None:
        if self.view == TABLE:
            self.reload()

    @on(DataTable.RowSelected, "#applications-table")
    def _row_chosen(self) -> None:
        self.action_open()

    @on(CardColumn.TitleClicked)
    def _title_clicked(self, message: CardColumn.TitleClicked) -> None:
        self.action_move_to(message.stage.value)

    # --- actions ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "move_to", "toggle_closed"):
            return self.view == BOARD
        return True

    def _current(self) -> ApplicationView | None:
        if self.view == TABLE:
            app_id = self.table.selected_id
            return next((c for col in self.board.columns.values() for c in col.cards if c.id == app_id),
                        None) if app_id is not None else None
        return self.board.current

    def _current_id(self) -> int | None:
        return self.table.selected_id if self.view == TABLE else (c.id if (c := self._current()) else None)

    def action_move(self, step: int) -> None:
        card, target = self.board.current, self.board.neighbour(self.board.active, step)
        if card is not None and target is not None:
            self._move(card, target)

    def action_move_to(self, stage: str) -> None:
        card = self.board.current
        if card is not None and card.stage.value != stage:
            self._move(card, Stage(stage))

    def _move(self, card: ApplicationView, to: Stage) -> None:
        self.board.move_card(card.id, to)  # on screen now; the save follows in order
        self._moves += 1
        self._pending += 1
        self._own_links.add(f"application:{card.id}")
        self._save_move(card, to)

    @work(group="application-moves", exit_on_error=False)
    async def _save_move(self, card: ApplicationView, to: Stage) -> None:
        try:
            async with self._save_lock:
                await self._next_frame()
                try:
                    saved = await self.app.call(self.app.services.applications.move, self.app.user, card.id, to)
                except CareerCopilotError as exc:
                    self.app.report(exc)
                    self._reload_after_saves = True  # show what is really stored
                    return
                self.board.replace_card(saved)
        finally:
            self._saved()

    async def _next_frame(self) -> None:
        """Wait until the screen has drawn: a save running beside the drawing would take half its time."""
        drawn = asyncio.get_running_loop().create_future()
        self.call_after_refresh(lambda: drawn.done() or drawn.set_result(None))
        await drawn

    def _saved(self) -> None:
        self._pending -= 1
        if self._pending == 0 and self._reload_after_saves:
            self._reload_after_saves = False
            self.reload()

    @work(group="application-moves", exit_on_error=False)
    async def action_undo(self) -> None:
        app_id = self._current_id()
        if app_id is None:
            return
        self._moves += 1
        self._pending += 1
        self._own_links.add(f"application:{app_id}")
        try:
            async with self._save_lock:
                try:
                    back = await self.app.call(self.app.services.applications.undo, self.app.user, app_id)
                except CareerCopilotError as exc:
                    self.app.report(exc)
                    return
                if self.view == BOARD:
                    self.board.move_card(back.id, back.stage, back)
        finally:
            self._saved()
        if self.view == TABLE:
            self.reload()
        toast(self, f"Moved back to {back.stage.value}.")

    def action_toggle_closed(self) -> None:
        self.board.show_closed = not self.board.show_closed

    async def action_toggle_view(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        if not switcher.query(f"#{TABLE}"):
            await switcher.mount(self.table_view())
        switcher.current = TABLE if self.view == BOARD else BOARD
        if self.view == TABLE:
            self.table.focus()
        else:
            self.board.focus()
        self.refresh_bindings()
        self.reload()

    async def action_search(self) -> None:
        if self.view == BOARD:
            await self.action_toggle_view()
        self.query_one("#applications-search", Input).focus()

    def action_open(self) -> None:
        app_id = self._current_id()
        if app_id is not None:
            self.app.push_screen(self._detail_screen(app_id), lambda _: self.reload())

    def _select(self, app_id: int) -> None:
        if self.view == BOARD:
            self.board.select(app_id)
        else:
            self.table.select(app_id)

    @staticmethod
    def _detail_screen(app_id: int) -> ApplicationDetailScreen:
        return ApplicationDetailScreen(app_id)


def start_follow_up_timer(app: CareerCopilotApp) -> None:
    """Raise due follow-ups now and every few minutes while someone is signed in."""

    async def check() -> None:
        if app.user is None or app.services is None:
            return
        try:
            await app.call(app.services.followups.raise_due, app.user)
        except CareerCopilotError as exc:
            app.log.warning(exc.message)  # cron raises them too; a missed round is caught up next time

    app.set_timer(FIRST_CHECK_DELAY_SECONDS, check)
    if app not in _TIMED_APPS:  # one timer per app, however often people sign in and out
        _TIMED_APPS.add(app)
        app.set_interval(FOLLOW_UP_CHECK_SECONDS, check, name="follow-ups")
