"""The kanban board: one column per stage, counts in headers, cards drawn line by line so thousands stay fast.

The board is a single focus target with an active column: moving a card or the cursor between columns never
changes focus, so nothing else on screen (the footer's key list) has to be rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.containers import Horizontal
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from careercopilot.domain.applications import ApplicationView, Stage, group_by_stage
from careercopilot.domain.text import clean_line
from careercopilot.tui.widgets.notification_table import format_age

CARD_LINES = 3  # company, title, and a dim line of facts
CARD_HEIGHT = CARD_LINES + 1  # plus a blank separator line
AGE_RESOLUTION_SECONDS = 60


def card_lines(card: ApplicationView, now: datetime) -> tuple[str, str, str]:
    """What a card shows; company and title are outside text, cleaned of controls (segments are never markup)."""
    facts = [f"#{card.id}", format_age(card.stage_changed_at, now)]
    if card.next_action:
        facts.append(f"next: {card.next_action}")
    return clean_line(card.company), clean_line(card.title), clean_line(" · ".join(facts))


def fit(text: str, width: int) -> str:
    """Cut to `width` cells with an ellipsis, the way the other tables end long titles."""
    if width <= 0:
        return ""
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"


class CardColumn(ScrollView):
    """The cards of one stage. Only the visible lines are ever rendered."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"card", "card--cursor", "card--active-cursor", "card--facts"}
    DEFAULT_CSS = """
    CardColumn {
        width: 1fr; height: 1fr; margin: 0 0 0 1; scrollbar-size-vertical: 0;
        border: round $primary 40%; border-title-color: $text; border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    CardColumn.-active { border: round $primary; }
    ApplicationBoard:focus CardColumn.-active { border: round $accent; }
    CardColumn.-collapsed { display: none; }
    CardColumn:hover { border-title-style: bold underline; }
    CardColumn > .card { background: $surface; }
    CardColumn > .card--facts { color: $text-muted; }
    CardColumn > .card--cursor { background: $boost; }
    CardColumn > .card--active-cursor { background: $accent 40%; }
    """
    cursor: reactive[int] = reactive(0, init=False)

    class Clicked(Message):
        """A card was clicked: the board makes this column the active one."""

        def __init__(self, column: CardColumn) -> None:
            super().__init__()
            self.column = column

    class TitleClicked(Message):
        """The column's title (its top border) was clicked: the mouse way to move the selected card here."""

        def __init__(self, stage: Stage) -> None:
            super().__init__()
            self.stage = stage

    def __init__(self, stage: Stage, now: datetime, classes: str = "") -> None:
        super().__init__(id=f"cards-{stage.value}", classes=classes)
        self.stage = stage
        self.now = now
        self.cards: list[ApplicationView] = []
        self.active = False  # the board's active column draws its cursor in the accent colour
        self._styles: dict[tuple[bool, int, bool], Style] = {}
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._texts: LRUCache[tuple[object, ...], tuple[str, str, str]] = LRUCache(512)

    @property
    def current(self) -> ApplicationView | None:
        return self.cards[self.cursor] if 0 <= self.cursor < len(self.cards) else None

    def set_cards(self, cards: list[ApplicationView], now: datetime) -> None:
        # Coming back to an unchanged board draws nothing again; ages ("5m") are shown to the minute.
        if cards == self.cards and (now - self.now).total_seconds() < AGE_RESOLUTION_SECONDS:
            return
        resized = len(cards) != len(self.cards)
        self.cards, self.now = cards, now
        self._strips.clear()  # ages are relative to `now`
        self._texts.clear()
        self.cursor = min(self.cursor, max(0, len(cards) - 1))
        if resized:
            self._resized()
        else:
            self.refresh()

    def take(self, app_id: int) -> ApplicationView | None:
        """Remove a card and return it, or None when this column does not hold it."""
        index = self.index_of(app_id)
        if index is None:
            return None
        card = self.cards.pop(index)
        self.cursor = min(self.cursor, max(0, len(self.cards) - 1))
        self._resized()
        return card

    def put_first(self, card: ApplicationView) -> None:
        """Newest first: a card moved here goes on top and gets the cursor."""
        self.cards.insert(0, card)
        self._resized()
        self.cursor = 0
        self.scroll_to(y=0, animate=False)

    def index_of(self, app_id: int) -> int | None:
        return next((i for i, c in enumerate(self.cards) if c.id == app_id), None)

    def select(self, app_id: int) -> bool:
        index = self.index_of(app_id)
        if index is not None:
            self.cursor = index
        return index is not None

    def set_active(self, active: bool) -> None:
        if active != self.active:
            self.active = active
            self.set_class(active, "-active")
            self.refresh()

    def refresh_count(self) -> None:
        self.border_title = f"{self.stage.value.capitalize()}  {len(self.cards)}"

    def step(self, rows: int) -> None:
        if self.cards:
            self.cursor = max(0, min(len(self.cards) - 1, self.cursor + rows))

    def _resized(self) -> None:
        # Cards fit the column's width: the widget's own width (border included) made a horizontal scrollbar.
        self.virtual_size = Size(0, len(self.cards) * CARD_HEIGHT)
        self.refresh()
        self._show_position()

    def _show_position(self) -> None:
        """Which cards are in view, in the bottom border: the column has no scrollbar to say it.

        Textual's scrollbars were the largest cost of drawing the board: five of them redrawn on every frame.
        """
        rows = max(1, self.scrollable_content_region.height)
        first = round(self.scroll_y) // CARD_HEIGHT
        last = min(len(self.cards), (round(self.scroll_y) + rows + 1) // CARD_HEIGHT)
        shown = len(self.cards) > last - first
        self.border_subtitle = f"{first + 1}-{last} of {len(self.cards)}" if shown and last > first else ""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._show_position()

    def watch_cursor(self) -> None:
        top = self.cursor * CARD_HEIGHT
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False)
        elif top + CARD_LINES > self.scroll_offset.y + self.scrollable_content_region.height:
            self.scroll_to(y=top + CARD_LINES - self.scrollable_content_region.height, animate=False)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        line = y + self.scroll_offset.y
        index, row = divmod(line, CARD_HEIGHT)
        width = self.scrollable_content_region.width
        if index >= len(self.cards) or row == CARD_LINES:
            # One blank strip per width: each new Strip builds a handful of caches, and most lines are blank.
            blank = self._strips.get(("blank", width))
            if blank is None:
                blank = self._strips[("blank", width)] = Strip.blank(width, self.rich_style)
            return blank
        card = self.cards[index]
        # Every change to a card moves updated_at (or stage_changed_at, for a move not saved yet).
        key = (card.id, card.updated_at, card.stage_changed_at, row, index == self.cursor, self.active, width)
        strip = self._strips.get(key)
        if strip is None:
            style = self._style(index == self.cursor, row)
            text = self._text(card)[row]
            shown = " " + fit(text, width - 2)
            # Padded here: adjust_cell_length would build a second Strip for every line.
            strip = Strip([Segment(shown + " " * max(0, width - cell_len(shown)), style)], width)
            self._strips[key] = strip
        return strip

    def _text(self, card: ApplicationView) -> tuple[str, str, str]:
        """A card's three lines, worked out once for all three of its rows."""
        key = (card.id, card.updated_at, card.stage_changed_at)
        lines = self._texts.get(key)
        if lines is None:
            lines = self._texts[key] = card_lines(card, self.now)
        return lines

    def _style(self, cursor: bool, row: int) -> Style:
        """Card styles, resolved once per theme: render_line runs for every visible line."""
        key = (cursor, row, self.active)
        if key not in self._styles:
            name = ("card--active-cursor" if self.active else "card--cursor") if cursor else "card"
            style = self.get_component_rich_style(name)
            if row == 0:
                style += Style(bold=True)
            elif row == CARD_LINES - 1:
                style += Style(color=self.get_component_rich_style("card--facts").color)
            self._styles[key] = style
        return self._styles[key]

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._strips.clear()
        super().notify_style_update()

    def on_resize(self) -> None:
        self._resized()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:  # on the border, where the title is
            if event.y == 0:
                self.post_message(self.TitleClicked(self.stage))
            return
        index = (offset.y + self.scroll_offset.y) // CARD_HEIGHT
        if 0 <= index < len(self.cards):
            self.cursor = index
        self.post_message(self.Clicked(self))


class ApplicationBoard(Horizontal, can_focus=True):
    """Columns in pipeline order; closed stages start collapsed. Moves here are instant, the save follows."""

    DEFAULT_CSS = """
    ApplicationBoard { height: 1fr; padding: 1 1 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "step(-1)", "Up", show=False, id="board.card_up"),
        Binding("down,j", "step(1)", "Down", show=False, id="board.card_down"),
        Binding("pageup", "step(-10)", show=False, id="board.card_page_up"),
        Binding("pagedown", "step(10)", show=False, id="board.card_page_down"),
        Binding("home", "step(-1000000)", show=False, id="board.card_first"),
        Binding("end", "step(1000000)", show=False, id="board.card_last"),
        Binding("left", "column(-1)", "Column", show=False, id="board.column_left"),
        Binding("right", "column(1)", "Column", show=False, id="board.column_right"),
    ]
    show_closed: reactive[bool] = reactive(False)
    active: reactive[Stage] = reactive(Stage.SAVED, init=False)

    def __init__(self, now: datetime, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        # Born with the classes the first frame needs: changing them after mounting restyles each column again.
        self.columns = {stage: CardColumn(stage, now, "-collapsed" if stage.is_closed else "") for stage in Stage}
        first = self.columns[self.active]
        first.active = True
        first.add_class("-active", update=False)

    def compose(self) -> ComposeResult:
        yield from self.columns.values()

    @property
    def active_column(self) -> CardColumn:
        return self.columns[self.active]

    @property
    def current(self) -> ApplicationView | None:
        return self.active_column.current

    def show(self, apps: Iterable[ApplicationView], now: datetime) -> None:
        """Replace every card, keeping the cursor on the same application where it is still shown."""
        selected = self.current.id if self.current else None
        for stage, cards in group_by_stage(apps).items():
            self.columns[stage].set_cards(cards, now)
            self.columns[stage].refresh_count()
        if (selected is None or not self.select(selected)) and not self.active_column.cards:
            self.active = next((s for s in self.visible_stages if self.columns[s].cards), self.active)

    def watch_show_closed(self, show: bool) -> None:
        for stage in Stage:
            if stage.is_closed:
                self.columns[stage].set_class(not show, "-collapsed")
        if not show and self.active.is_closed:
            self.active = Stage.OFFER

    def watch_active(self, old: Stage, new: Stage) -> None:
        self.columns[old].set_active(False)
        self.columns[new].set_active(True)

    @property
    def visible_stages(self) -> list[Stage]:
        return [s for s in Stage if self.show_closed or not s.is_closed]

    def neighbour(self, stage: Stage, step: int) -> Stage | None:
        """The stage `step` columns away among those shown, or None at the edge."""
        order = self.visible_stages
        if stage not in order:
            return None
        index = order.index(stage) + step
        return order[index] if 0 <= index < len(order) else None

    def move_card(self, app_id: int, to: Stage, updated: ApplicationView | None = None) -> ApplicationView | None:
        """Take the card from wherever it is and put it on top of `to`; returns the card as it was."""
        for column in self.columns.values():
            card = column.take(app_id)
            if card is not None:
                column.refresh_count()
                break
        else:
            return None
        if to.is_closed and not self.show_closed:
            self.show_closed = True  # the card stays in sight, and so does where it went
        target = self.columns[to]
        target.put_first(updated or replace(card, stage=to, stage_changed_at=target.now))
        target.refresh_count()
        self.active = to  # the cursor follows the card
        return card

    def replace_card(self, view: ApplicationView) -> None:
        """Swap in the saved version of a card (new updated_at) without moving the cursor."""
        column = self.columns[view.stage]
        index = column.index_of(view.id)
        if index is not None:
            column.cards[index] = view
            column.refresh()

    def select(self, app_id: int) -> bool:
        for stage, column in self.columns.items():
            if column.select(app_id):
                if stage.is_closed:
                    self.show_closed = True
                self.active = stage
                return True
        return False

    def action_step(self, rows: int) -> None:
        self.active_column.step(rows)

    def action_column(self, step: int) -> None:
        target = self.neighbour(self.active, step)
        if target is not None:
            self.active = target

    def on_card_column_clicked(self, message: CardColumn.Clicked) -> None:
        self.active = message.column.stage
        self.focus()
