"""The dashboard: the user's own layout of widgets, editable in place (e), saved per user when editing ends."""

from __future__ import annotations

import asyncio
from itertools import pairwise
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.events import Click
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from careercopilot.domain.dashboard import DEFAULT_LAYOUT, DashboardLayout, WidgetKind
from careercopilot.errors import CareerCopilotError
from careercopilot.tui.screens.base import AreaScreen
from careercopilot.tui.widgets.dashboard_cards import DashboardCard

if TYPE_CHECKING:
    from careercopilot.domain.accounts import UserContext
    from careercopilot.domain.notifications import NotificationView
    from careercopilot.services.dashboard import DashboardView
    from careercopilot.tui.app import CareerCopilotApp

EDIT_HINT = ("Editing the layout:  ←/→ select · shift+←/→ move · [ ] narrower/wider · { } shorter/taller · "
             "+ add · x remove · r reset · e or esc saves")
# Profile and notifications at once, so login is not kept waiting; skill gaps (a scan per saved search) last.
FIRST_FIGURES = frozenset(WidgetKind) - {WidgetKind.SKILL_GAPS}
LOADING_ORDER = (frozenset[WidgetKind](), FIRST_FIGURES, frozenset({WidgetKind.SKILL_GAPS}))
EDIT_ACTIONS = frozenset({"select", "move", "resize", "add_widget", "remove_widget", "reset_layout"})
# Keys that scroll the cards; bound on the screen so they work with nothing focused, in edit mode too.
SCROLL_KEYS = {"up": "scroll_up", "down": "scroll_down", "pageup": "page_up", "pagedown": "page_down",
               "home": "scroll_home", "end": "scroll_end"}


class WidgetPicker(ModalScreen[WidgetKind | None]):
    """Choose a widget to add; escape adds nothing."""

    DEFAULT_CSS = """
    WidgetPicker { align: center middle; }
    WidgetPicker > OptionList { width: 36; height: auto; border: round $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel", id="widget_picker.cancel")]

    def __init__(self, choices: tuple[WidgetKind, ...]) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        yield OptionList(*(Option(kind.title, id=kind.value) for kind in self.choices), id="widget-options")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(WidgetKind(event.option.id))


class DashboardScreen(AreaScreen):
    TITLE = "Dashboard"
    shows_applications = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "toggle_edit", "Edit layout", id="dashboard.edit"),
        Binding("left", "select(-1)", "Previous", id="dashboard.select_previous"),
        Binding("right", "select(1)", "Next", id="dashboard.select_next"),
        Binding("shift+left", "move(-1)", "Move back", id="dashboard.move_back"),
        Binding("shift+right", "move(1)", "Move on", id="dashboard.move_on"),
        Binding("left_square_bracket", "resize(-1, 0)", "Narrower", show=False, id="dashboard.narrower"),
        Binding("right_square_bracket", "resize(1, 0)", "Wider", id="dashboard.wider"),
        Binding("left_curly_bracket", "resize(0, -1)", "Shorter", show=False, id="dashboard.shorter"),
        Binding("right_curly_bracket", "resize(0, 1)", "Taller", id="dashboard.taller"),
        Binding("plus", "add_widget", "Add", id="dashboard.add_widget"),
        Binding("x,delete", "remove_widget", "Remove", id="dashboard.remove_widget"),
        Binding("r", "reset_layout", "Reset layout", id="dashboard.reset_layout"),
        *(Binding(key, f"scroll_cards('{action}')", show=False, id=f"dashboard.{action}")
          for key, action in SCROLL_KEYS.items()),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown_layout = DEFAULT_LAYOUT  # drawn at once, before the user's own is loaded: a fast first paint
        self.board: DashboardView | None = None
        self.editing = False
        self.saving = False  # the layout on screen is newer than the stored one until the save is done
        self.selected = 0
        self.arranging = asyncio.Lock()  # a reload and a key may both rearrange: one at a time, on fresh cards

    def compose_body(self) -> ComposeResult:
        yield Static(EDIT_HINT, id="dashboard-edit-hint")
        with Grid(id="dashboard-grid"):
            for slot, blanks in zip(self.shown_layout.widgets, self.shown_layout.blanks_before(), strict=True):
                yield from blank_cells(blanks)
                yield DashboardCard(slot)

    @classmethod
    def fetch_ahead(cls, app: CareerCopilotApp, user: UserContext) -> asyncio.Future[DashboardView] | None:
        """At sign-in, all but the skill gaps: the queries run while the cards are being built."""
        if app.services is None:
            return None
        return asyncio.ensure_future(app.call(app.services.dashboard.summary, user, app.clock(), only=FIRST_FIGURES))

    @work(exclusive=True, group="dashboard", exit_on_error=False)
    async def reload(self) -> None:
        user, services = self.app.user, self.app.services
        if user is None or services is None:
            return
        ahead = self.app.take_first_area_data(user)  # the first visit after signing in: asked for already
        for figures in LOADING_ORDER:
            if ahead is not None and figures <= FIRST_FIGURES:
                if figures != FIRST_FIGURES:
                    continue  # held in what signing in asked for
                pending = ahead
            else:
                pending = self.app.call(services.dashboard.summary, user, self.app.clock(), only=figures)
            try:
                view = await pending
            except CareerCopilotError as exc:
                self.app.report(exc)
                return
            self.board = view
            if view.layout != self.shown_layout and not (self.editing or self.saving):  # else the screen's is newer
                await self.apply_layout(view.layout)
            self.show(view)
        self.app.warm_up()  # the dashboard is filled: the idle moment to load what other areas need

    def show(self, view: DashboardView) -> None:
        now = self.app.clock()
        for card in self.query(DashboardCard):
            card.show(view, now)

    async def apply_layout(self, layout: DashboardLayout) -> None:
        """Draw `layout`: cards already on screen are kept, moved and resized; the others come and go."""
        async with self.arranging:
            await self._arrange(layout)

    async def _arrange(self, layout: DashboardLayout) -> None:
        grid = self.query_one("#dashboard-grid", Grid)
        cards = {card.kind: card for card in self.query(DashboardCard)}
        await grid.remove_children([*(card for kind, card in cards.items() if kind not in layout.kinds),
                                    *grid.query_children(".blank-cell")])
        new = [DashboardCard(slot) for slot in layout.widgets if slot.kind not in cards]
        await grid.mount_all(new)
        cards |= {card.kind: card for card in new}
        ordered = [cards[slot.kind] for slot in layout.widgets]
        grid.move_child(ordered[0], before=0)
        for previous, card in pairwise(ordered):
            grid.move_child(card, after=previous)
        for slot, card, blanks in zip(layout.widgets, ordered, layout.blanks_before(), strict=True):
            card.fit(slot)
            if blanks:  # the grid would squeeze a widget into a row too short for it: skip to where it fits
                await grid.mount_all(blank_cells(blanks), before=card)
        self.shown_layout = layout
        self.selected = min(self.selected, len(layout.widgets) - 1)
        self._mark_selected()
        if self.board is not None and new:
            now = self.app.clock()
            for card in new:
                card.show(self.board, now)

    # --- edit mode ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Layout keys act only while editing, so arrows and letters keep their usual meaning otherwise."""
        return self.editing if action in EDIT_ACTIONS else True

    def action_toggle_edit(self) -> None:
        self.editing = not self.editing
        self.set_class(self.editing, "-editing")
        self._mark_selected()
        self.refresh_bindings()
        if not self.editing:
            self.saving = True
            self.save_layout()

    def action_leave_field(self) -> None:
        if self.editing:
            self.action_toggle_edit()
        else:
            super().action_leave_field()

    def action_select(self, step: int) -> None:
        self.selected = (self.selected + step) % len(self.shown_layout.widgets)
        self._mark_selected()

    async def action_move(self, offset: int) -> None:
        moved = self.shown_layout.move(self.selected, offset)
        if moved != self.shown_layout:
            self.selected += offset
            await self.apply_layout(moved)

    async def action_resize(self, columns: int, rows: int) -> None:
        await self.apply_layout(self.shown_layout.resize(self.selected, columns, rows))

    async def action_remove_widget(self) -> None:
        if len(self.shown_layout.widgets) > 1:  # an empty dashboard could not be edited back
            await self.apply_layout(self.shown_layout.remove(self.selected))

    async def action_reset_layout(self) -> None:
        await self.apply_layout(DEFAULT_LAYOUT)

    def action_add_widget(self) -> None:
        choices = self.shown_layout.missing()
        if not choices:
            self.notify("Every widget is already on the dashboard.")
            return

        async def added(kind: WidgetKind | None) -> None:
            if kind is not None:
                self.selected = len(self.shown_layout.widgets)
                await self.apply_layout(self.shown_layout.add(kind))

        self.app.push_screen(WidgetPicker(choices), added)

    @on(Click)
    def _select_clicked(self, event: Click) -> None:
        if not self.editing or event.widget is None:
            return
        card = next((node for node in event.widget.ancestors_with_self if isinstance(node, DashboardCard)), None)
        if card is not None:
            self.selected = self.shown_layout.kinds.index(card.kind)
            self._mark_selected()

    def _mark_selected(self) -> None:
        for index, card in enumerate(self.query(DashboardCard)):
            card.set_class(self.editing and index == self.selected, "-selected")
            if self.editing and index == self.selected:
                card.scroll_visible(animate=False)  # what x would remove is always in sight

    async def action_scroll_cards(self, action: str) -> None:
        await self.query_one("#dashboard-grid", Grid).run_action(action)

    @work(exclusive=True, group="dashboard-layout", exit_on_error=False)
    async def save_layout(self) -> None:
        user, services = self.app.user, self.app.services
        try:
            if user is None or services is None:
                return
            await self.app.call(services.dashboard.save_layout, user, self.shown_layout)
        except CareerCopilotError as exc:
            self.app.report(exc)
            return
        finally:
            self.saving = False
        self.notify("Dashboard layout saved.")
        self.reload()  # widgets just added have no figures yet

    def notifications_arrived(self, notifications: list[NotificationView]) -> None:
        self.reload()


def blank_cells(count: int) -> list[Static]:
    return [Static(classes="blank-cell") for _ in range(count)]
