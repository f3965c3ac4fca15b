"""The dashboard's layout: which widgets, in what order, how many grid columns and rows each spans."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import pairwise
from typing import Any

from careercopilot.errors import BadInput

COLUMNS = 3  # the dashboard grid is this many columns wide
MAX_ROWS = 3  # a widget spans at most this many grid rows


class WidgetKind(StrEnum):
    PROFILE = "profile"
    QUICK_STATS = "quick_stats"
    PIPELINE = "pipeline"
    WEEKLY_GOAL = "weekly_goal"
    RECENT_MATCHES = "recent_matches"
    RECOMMENDED_JOBS = "recommended_jobs"
    UPCOMING_INTERVIEWS = "upcoming_interviews"
    FOLLOW_UPS = "follow_ups"
    ACTIVITY = "activity"
    SKILL_GAPS = "skill_gaps"
    NOTIFICATIONS = "notifications"
    AREAS = "areas"

    @property
    def title(self) -> str:
        return WIDGET_TITLES[self]


WIDGET_TITLES: Mapping[WidgetKind, str] = {
    WidgetKind.PROFILE: "Profile",
    WidgetKind.QUICK_STATS: "Quick stats",
    WidgetKind.PIPELINE: "Pipeline",
    WidgetKind.WEEKLY_GOAL: "Weekly goal",
    WidgetKind.RECENT_MATCHES: "Recent matches",
    WidgetKind.RECOMMENDED_JOBS: "Recommended jobs",
    WidgetKind.UPCOMING_INTERVIEWS: "Upcoming interviews",
    WidgetKind.FOLLOW_UPS: "Follow-ups due",
    WidgetKind.ACTIVITY: "Activity",
    WidgetKind.SKILL_GAPS: "Skill gaps",
    WidgetKind.NOTIFICATIONS: "Notifications",
    WidgetKind.AREAS: "Go to",
}


@dataclass(frozen=True, slots=True)
class WidgetSlot:
    kind: WidgetKind
    width: int = 1  # grid columns spanned
    height: int = 1  # grid rows spanned


@dataclass(frozen=True, slots=True)
class DashboardLayout:
    """Widgets in reading order; the grid flows them left to right, top to bottom."""

    widgets: tuple[WidgetSlot, ...]

    @property
    def kinds(self) -> tuple[WidgetKind, ...]:
        return tuple(slot.kind for slot in self.widgets)

    def missing(self) -> tuple[WidgetKind, ...]:
        """Widgets that could still be added, in catalogue order."""
        return tuple(kind for kind in WidgetKind if kind not in self.kinds)

    def add(self, kind: WidgetKind) -> DashboardLayout:
        return self if kind in self.kinds else DashboardLayout((*self.widgets, WidgetSlot(kind)))

    def remove(self, index: int) -> DashboardLayout:
        return DashboardLayout(self.widgets[:index] + self.widgets[index + 1:])

    def move(self, index: int, offset: int) -> DashboardLayout:
        """Swap the widget at `index` with its neighbour `offset` places away; unchanged at either end."""
        target = index + offset
        if not (0 <= index < len(self.widgets) and 0 <= target < len(self.widgets)):
            return self
        widgets = list(self.widgets)
        widgets[index], widgets[target] = widgets[target], widgets[index]
        return DashboardLayout(tuple(widgets))

    def resize(self, index: int, columns: int = 0, rows: int = 0) -> DashboardLayout:
        """Grow (positive) or shrink (negative) one widget, kept within the grid."""
        slot = self.widgets[index]
        resized = replace(slot, width=_clamp(slot.width + columns, COLUMNS),
                          height=_clamp(slot.height + rows, MAX_ROWS))
        return DashboardLayout((*self.widgets[:index], resized, *self.widgets[index + 1:]))

    def placements(self) -> tuple[tuple[int, int], ...]:
        """Each widget's top-left grid cell (column, row): in reading order, a widget starts at the first free
        cell from which it fits, so one too wide for the rest of its row starts the next; skipped cells stay empty."""
        taken: set[tuple[int, int]] = set()
        found: list[tuple[int, int]] = []
        cell = 0  # the next cell to try, counted in reading order
        for slot in self.widgets:
            while True:
                row, column = divmod(cell, COLUMNS)
                covered = {(c, r) for c in range(column, column + slot.width) for r in range(row, row + slot.height)}
                if column + slot.width <= COLUMNS and not covered & taken:
                    break
                cell += 1
            taken |= covered
            found.append((column, row))
            cell += 1
        return tuple(found)

    def blanks_before(self) -> tuple[int, ...]:
        """How many cells stay empty between each widget and the one before it, in reading order."""
        placed = self.placements()
        starts = [row * COLUMNS + column for column, row in placed]
        covered = {r * COLUMNS + c for (column, row), slot in zip(placed, self.widgets, strict=True)
                   for c in range(column, column + slot.width) for r in range(row, row + slot.height)}
        return tuple(sum(cell not in covered for cell in range(previous + 1, start))
                     for previous, start in pairwise([-1, *starts]))

    def to_json(self) -> list[dict[str, Any]]:
        return [{"widget": str(s.kind), "width": s.width, "height": s.height} for s in self.widgets]


def _clamp(value: int, most: int) -> int:
    return max(1, min(most, value))


def layout_from_json(items: Iterable[Any]) -> DashboardLayout:
    """Check a stored or user-given layout: known widgets, each once, sizes within the grid."""
    slots: list[WidgetSlot] = []
    for item in items:
        if not isinstance(item, Mapping):
            raise BadInput("Each dashboard widget is an object with 'widget', 'width' and 'height'.")
        name = item.get("widget")
        try:
            kind = WidgetKind(name)
        except ValueError:
            known = ", ".join(k.value for k in WidgetKind)
            raise BadInput(f"There is no dashboard widget {name!r}; known widgets: {known}.") from None
        width, height = item.get("width", 1), item.get("height", 1)
        if not (_size_ok(width, COLUMNS) and _size_ok(height, MAX_ROWS)):
            raise BadInput(f"Widget {kind.value} spans 1 to {COLUMNS} columns and 1 to {MAX_ROWS} rows, "
                           f"not {width}x{height}.")
        if kind in (s.kind for s in slots):
            raise BadInput(f"Widget {kind.value} appears twice in the dashboard layout.")
        slots.append(WidgetSlot(kind, width, height))
    return DashboardLayout(tuple(slots))


def _size_ok(value: Any, most: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= most


DEFAULT_LAYOUT = DashboardLayout((
    WidgetSlot(WidgetKind.PROFILE, 1, 2),
    WidgetSlot(WidgetKind.QUICK_STATS),
    WidgetSlot(WidgetKind.WEEKLY_GOAL),
    WidgetSlot(WidgetKind.PIPELINE),
    WidgetSlot(WidgetKind.FOLLOW_UPS),
    WidgetSlot(WidgetKind.NOTIFICATIONS, 2),
    WidgetSlot(WidgetKind.UPCOMING_INTERVIEWS),
    WidgetSlot(WidgetKind.RECOMMENDED_JOBS, 2),
    WidgetSlot(WidgetKind.SKILL_GAPS),
    WidgetSlot(WidgetKind.RECENT_MATCHES, 2),
    WidgetSlot(WidgetKind.ACTIVITY),
    WidgetSlot(WidgetKind.AREAS, 3),
))
