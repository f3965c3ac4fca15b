"""The pure dashboard layout: editing stays within the grid, JSON round-trips, bad input is named."""

from __future__ import annotations

import pytest

from careercopilot.domain.dashboard import (
    COLUMNS,
    DEFAULT_LAYOUT,
    MAX_ROWS,
    DashboardLayout,
    WidgetKind,
    WidgetSlot,
    layout_from_json,
)
from careercopilot.errors import BadInput


def test_the_default_shows_every_widget_once():
    assert sorted(DEFAULT_LAYOUT.kinds) == sorted(WidgetKind)
    assert DEFAULT_LAYOUT.missing() == ()


def test_add_remove_move_resize():
    layout = DashboardLayout((WidgetSlot(WidgetKind.PROFILE), WidgetSlot(WidgetKind.SKILL_GAPS)))
    assert layout.add(WidgetKind.PROFILE) == layout
    added = layout.add(WidgetKind.ACTIVITY)
    assert added.kinds == (WidgetKind.PROFILE, WidgetKind.SKILL_GAPS, WidgetKind.ACTIVITY)
    assert added.move(2, -1).kinds == (WidgetKind.PROFILE, WidgetKind.ACTIVITY, WidgetKind.SKILL_GAPS)
    assert added.move(0, -1) == added and added.move(2, 1) == added
    assert added.remove(1).kinds == (WidgetKind.PROFILE, WidgetKind.ACTIVITY)
    assert WidgetKind.SKILL_GAPS in added.remove(1).missing()
    grown = added.resize(0, columns=5, rows=5).widgets[0]
    assert (grown.width, grown.height) == (COLUMNS, MAX_ROWS)
    shrunk = added.resize(0, columns=-5, rows=-5).widgets[0]
    assert (shrunk.width, shrunk.height) == (1, 1)


def test_json_round_trip():
    assert layout_from_json(DEFAULT_LAYOUT.to_json()) == DEFAULT_LAYOUT
    assert layout_from_json([{"widget": "profile"}]).widgets == (WidgetSlot(WidgetKind.PROFILE, 1, 1),)


@pytest.mark.parametrize(
    ("items", "message"),
    [(["profile"], "an object"), ([{"widget": "clock"}], "no dashboard widget 'clock'"),
     ([{"widget": "profile", "width": True}], "columns"), ([{"widget": "profile", "height": "2"}], "rows"),
     ([{"widget": "profile"}, {"widget": "profile"}], "twice")],
)
def test_bad_json_is_refused(items, message):
    with pytest.raises(BadInput, match=message):
        layout_from_json(items)
