"""careercopilot dashboard layout show|reset through the real CLI."""

from __future__ import annotations

import json

from careercopilot.domain.dashboard import DEFAULT_LAYOUT, DashboardLayout, WidgetKind, WidgetSlot


def test_show_then_reset_a_saved_layout(signed_in):
    shown = signed_in("dashboard", "layout", "show", "--json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout) == {"columns": 3, "default": True, "widgets": DEFAULT_LAYOUT.to_json()}

    from careercopilot.cli.common import state

    assert state.services is not None
    own = DashboardLayout((WidgetSlot(WidgetKind.SKILL_GAPS, 2, 3),))
    state.services.dashboard.save_layout(state.services.auth.resume(), own)
    text = signed_in("dashboard", "layout", "show")
    assert text.exit_code == 0 and "your own" in text.stdout and "Skill gaps" in text.stdout
    assert "Skill gaps           2 x 3" in text.stdout
    assert json.loads(signed_in("dashboard", "layout", "show", "--json").stdout)["widgets"] == own.to_json()

    reset = signed_in("dashboard", "layout", "reset", "--json")
    assert reset.exit_code == 0 and json.loads(reset.stdout)["default"] is True
    assert json.loads(signed_in("dashboard", "layout", "show", "--json").stdout)["default"] is True


def test_layout_needs_a_signed_in_user(cli):
    result = cli("dashboard", "layout", "show")
    assert result.exit_code == 3
    assert result.stderr.strip()
