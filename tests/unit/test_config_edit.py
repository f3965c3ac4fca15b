"""Changing one setting in config.toml: the user's comments and other keys stay; an invalid result writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from careercopilot.config import load_settings
from careercopilot.config_edit import parse_value, set_value
from careercopilot.errors import BadInput, ConfigError

WRITTEN_BY_HAND = """\
# my settings
[tui]
# dark at night
theme = "textual-dark"

[scrape]
timeout_seconds = 30  # slow proxy
"""


def test_one_key_changes_and_everything_else_stays_as_written(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(WRITTEN_BY_HAND, encoding="utf-8")
    set_value(config, "tui.theme", "nord")
    assert config.read_text(encoding="utf-8") == WRITTEN_BY_HAND.replace("textual-dark", "nord")
    set_value(config, "boards.reed.max_pages", 2)
    settings = load_settings(config)
    assert (settings.tui.theme, settings.boards["reed"].max_pages, settings.scrape.timeout_seconds) == ("nord", 2, 30)
    assert "# slow proxy" in config.read_text(encoding="utf-8")


def test_a_missing_file_is_created_with_just_that_key(tmp_path: Path) -> None:
    config = tmp_path / "new" / "config.toml"
    set_value(config, "tui.theme", "gruvbox")
    assert load_settings(config).tui.theme == "gruvbox"


@pytest.mark.parametrize(("key", "value", "error", "says"), [
    ("tui.theme", 3, ConfigError, "must be a string, not 3"),
    ("tui.colour", "red", ConfigError, "unknown key 'colour'"),
    ("auth.session_hours", -1, ConfigError, "must be a positive number"),
    ("theme", "nord", BadInput, "name it as section.key"),
    ("tui.theme.dark", "x", BadInput, "is a value, not a section"),
])
def test_an_invalid_change_is_refused_and_nothing_is_written(tmp_path: Path, key: str, value: object,
                                                             error: type[Exception], says: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(WRITTEN_BY_HAND, encoding="utf-8")
    with pytest.raises(error, match=says):
        set_value(config, key, value)
    assert config.read_text(encoding="utf-8") == WRITTEN_BY_HAND
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_broken_file_is_not_overwritten(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[tui\ntheme = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        set_value(config, "tui.theme", "nord")
    assert config.read_text(encoding="utf-8") == "[tui\ntheme = "


def test_values_typed_on_the_command_line_read_as_toml_or_text() -> None:
    assert (parse_value("3"), parse_value("true"), parse_value('["a", "b"]')) == (3, True, ["a", "b"])
    assert (parse_value("nord"), parse_value("http://proxy.local:3128")) == ("nord", "http://proxy.local:3128")


def test_a_theme_the_tui_does_not_offer_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(WRITTEN_BY_HAND, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'theme' must be one of .*nord.*, not 'bogus'"):
        set_value(config, "tui.theme", "bogus")
    assert config.read_text(encoding="utf-8") == WRITTEN_BY_HAND


def test_the_themes_config_accepts_are_the_themes_the_tui_offers() -> None:
    from careercopilot.config import TUI_THEMES, Settings
    from careercopilot.tui.app import CareerCopilotApp

    # Settings lists them from this app's themes, and saves the pick through the same check as `config set`.
    assert sorted(TUI_THEMES) == sorted(CareerCopilotApp(Settings()).available_themes)
