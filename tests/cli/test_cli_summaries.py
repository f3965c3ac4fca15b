"""`careercopilot --help` lists sub-commands from a table without importing them: the table must not drift."""

from __future__ import annotations

import pytest

from careercopilot.cli.lazy import LazyGroup, load


@pytest.mark.parametrize("name", sorted(LazyGroup.lazy))
def test_each_listed_summary_is_the_commands_own_help(name):
    target, summary = LazyGroup.lazy[name]
    command = load(name, target)
    assert " ".join((command.help or "").split("\n\n")[0].split()) == summary
