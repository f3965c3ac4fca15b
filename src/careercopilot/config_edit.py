"""Changing one key of the config file in place: comments, order and every other key stay as the user wrote them."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from careercopilot import paths
from careercopilot.config import Settings, check_config_text
from careercopilot.errors import BadInput, ConfigError


def parse_value(text: str) -> Any:
    """A value as typed on the command line: TOML when it reads as TOML (3, true, ["a"]), otherwise a string."""
    try:
        return tomllib.loads(f"value = {text}")["value"]
    except tomllib.TOMLDecodeError:
        return text


def set_value(path: Path, key: str, value: Any) -> Settings:
    """Set `section.name` (or `boards.reed.max_pages`) and save; nothing is written unless the result is valid."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    *sections, name = key.split(".")
    if not sections or not all(sections) or not name:
        raise BadInput(f"'{key}' is not a setting; name it as section.key, such as tui.theme.")
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    except (TOMLKitError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Config file {path} is not valid TOML ({exc}); fix it by hand first.") from exc
    except OSError as exc:
        raise ConfigError(f"Config file {path} cannot be read: {exc}.") from exc
    table: Any = document
    for section in sections:
        if section not in table:
            table[section] = tomlkit.table()
        table = table[section]
        if not isinstance(table, dict):
            raise BadInput(f"'{section}' in {key} is a value, not a section, in {path}.")
    table[name] = value
    text = tomlkit.dumps(document)
    settings = check_config_text(text, path)  # the app would refuse it: say so now and keep the old file
    path.parent.mkdir(parents=True, exist_ok=True)
    paths.write_atomically(path, text, mode=path.stat().st_mode & 0o777 if path.exists() else 0o644)
    return settings
