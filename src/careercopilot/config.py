"""Typed settings: defaults <- config.toml <- environment <- CLI flags, with precise one-sentence errors."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

from careercopilot import paths
from careercopilot.errors import ConfigError

NOTIFICATION_KINDS = (
    "job_match",
    "application_status",
    "analytics_update",
    "skill_gap",
    "interview_reminder",
    "system",
)
# Textual's built-in themes: the ones the TUI's Settings offers (a test keeps them in step with Textual).
# Named here so checking a config file never imports Textual.
TUI_THEMES = (
    "ansi-dark", "ansi-light", "atom-one-dark", "atom-one-light", "catppuccin-frappe", "catppuccin-latte",
    "catppuccin-macchiato", "catppuccin-mocha", "dracula", "flexoki", "gruvbox", "monokai", "nord", "rose-pine",
    "rose-pine-dawn", "rose-pine-moon", "solarized-dark", "solarized-light", "textual-dark", "textual-light",
    "tokyo-night",
)


@dataclass(frozen=True)
class DatabaseSettings:
    url: str = ""  # empty: the SQLite file in the data dir


@dataclass(frozen=True)
class AuthSettings:
    session_hours: float = 24.0


@dataclass(frozen=True)
class NotificationSettings:
    poll_seconds: float = 1.0
    desktop: tuple[str, ...] = ()  # kinds also sent to notify-send


@dataclass(frozen=True)
class TuiSettings:
    theme: str = "textual-dark"
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys, e.g. {"app.quit" = "ctrl+x"}


@dataclass(frozen=True)
class ScrapeSettings:
    user_agent: str = ""  # empty: "CareerCopilot/<version> (personal job search assistant)"
    proxy: str = ""  # e.g. "http://proxy.local:3128"
    timeout_seconds: float = 20.0
    expire_after_days: float = 30.0  # postings not seen again for this long are marked expired
    match_threshold: float = 70.0  # job_match notifications for users without a saved search's own threshold
    exchange_rates: dict[str, float] = field(default_factory=dict)  # value of one unit in a common base


@dataclass(frozen=True)
class Settings:
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    auth: AuthSettings = field(default_factory=AuthSettings)
    notifications: NotificationSettings = field(default_factory=NotificationSettings)
    tui: TuiSettings = field(default_factory=TuiSettings)
    scrape: ScrapeSettings = field(default_factory=ScrapeSettings)
    boards: dict[str, Any] = field(default_factory=dict)  # name -> scraping.settings.BoardSettings
    llm: Any = None  # llm.settings.LLMSettings, parsed only when the file has an [llm] table
    source: Path | None = None  # the config file these came from, if it existed

    @property
    def database_url(self) -> str:
        return self.database.url or f"sqlite:///{paths.default_database_path()}"


_SECTIONS: dict[str, type] = {
    "database": DatabaseSettings,
    "auth": AuthSettings,
    "notifications": NotificationSettings,
    "tui": TuiSettings,
    "scrape": ScrapeSettings,
}


def load_settings(config_path: str | Path | None = None, database_url: str | None = None) -> Settings:
    """Read the config file (if any), then apply the environment and CLI overrides."""
    path = paths.config_file(config_path)
    raw = _read_toml(path, must_exist=config_path is not None)
    settings = _parse(raw, path)
    env_url = os.environ.get("CAREERCOPILOT_DATABASE_URL")
    for url, origin in ((env_url, "CAREERCOPILOT_DATABASE_URL"), (database_url, "--database-url")):
        if url:
            _check_database_url(url, origin)
            settings = dataclasses.replace(settings, database=DatabaseSettings(url=url))
    return settings


def check_config_text(text: str, path: Path) -> Settings:
    """The settings a config file with this text would give, or ConfigError saying what is wrong with it."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Config file {path} would not be valid TOML: {exc}.") from exc
    settings = _parse(raw, path)
    # Only when writing: a file that names a theme gone from Textual still opens, in the default theme.
    if settings.tui.theme not in TUI_THEMES:
        raise ConfigError(f"Config file {path}: [tui] key 'theme' must be one of {', '.join(TUI_THEMES)}, "
                          f"not {settings.tui.theme!r}.")
    return settings


def _read_toml(path: Path, must_exist: bool) -> dict[str, Any]:
    if not path.exists():
        if must_exist:
            raise ConfigError(f"Config file {path} does not exist; create it with 'careercopilot config init'.")
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Config file {path} is not valid TOML: {exc}.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Config file {path} cannot be read: {exc}.") from exc


def _parse(raw: dict[str, Any], path: Path) -> Settings:
    where = f"Config file {path}"
    known = {*_SECTIONS, "boards", "llm"}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown section [{key}]; expected one of {', '.join(sorted(known))}.")
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: '{key}' must be a table ([{key}]).")
    sections = {name: _build(cls, raw.get(name, {}), f"{where}: [{name}]") for name, cls in _SECTIONS.items()}
    if sections["database"].url:
        _check_database_url(sections["database"].url, f"{where}: key 'database.url'")
    for kind in sections["notifications"].desktop:
        if kind not in NOTIFICATION_KINDS:
            raise ConfigError(
                f"{where}: key 'notifications.desktop' lists unknown kind '{kind}'; "
                f"expected some of {', '.join(NOTIFICATION_KINDS)}."
            )
    return Settings(
        **sections,
        boards=_parse_boards(raw.get("boards", {}), where),
        llm=_parse_llm(raw["llm"], where) if "llm" in raw else None,
        source=path if path.exists() else None,
    )


def _parse_boards(tables: dict[str, Any], where: str) -> dict[str, Any]:
    if not tables:
        return {}
    from careercopilot.scraping.settings import parse_board_settings

    boards = {}
    for name, table in tables.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: 'boards.{name}' must be a table ([boards.{name}]).")
        try:
            boards[name] = parse_board_settings(name, table)
        except ValueError as exc:
            raise ConfigError(f"{where}: [boards.{name}] {exc}") from exc
    return boards


def _parse_llm(table: dict[str, Any], where: str) -> Any:
    from careercopilot.llm.settings import parse_llm_settings

    try:
        return parse_llm_settings(table)
    except ValueError as exc:
        raise ConfigError(f"{where}: [llm] {exc}") from exc


def _build(cls: type, table: dict[str, Any], where: str) -> Any:
    hints = get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    values = {}
    for key, value in table.items():
        if key not in names:
            raise ConfigError(f"{where} has unknown key '{key}'; expected one of {', '.join(names)}.")
        values[key] = _coerce(value, hints[key], f"{where} key '{key}'")
    return cls(**values)


def _coerce(value: Any, expected: Any, where: str) -> Any:
    origin = get_origin(expected)
    if expected is float:
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ConfigError(f"{where} must be a positive number, not {value!r}.")
        return float(value)
    if expected is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false, not {value!r}.")
        return value
    if expected is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where} must be a string, not {value!r}.")
        return value
    if origin is tuple:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{where} must be a list of strings, not {value!r}.")
        return tuple(value)
    if origin is dict:
        _, value_type = get_args(expected)
        if value_type is float:
            return {k: _coerce(v, float, f"{where} entry '{k}'") for k, v in _table(value, where).items()}
        if not all(isinstance(v, value_type) for v in _table(value, where).values()):
            raise ConfigError(f"{where} must be a table of strings, not {value!r}.")
        return dict(value)
    raise AssertionError(f"unsupported setting type {expected!r}")  # a programming error, not user input


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table, not {value!r}.")
    return value


def _check_database_url(url: str, origin: str) -> None:
    from careercopilot.db.sqlite_setup import plain_sqlite_file

    if plain_sqlite_file(url) is not None:
        return  # nothing to parse, so commands that run without SQLAlchemy (analytics summary) still can
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        # Not echoed: a URL that does not parse may still hold a password.
        raise ConfigError(f"{origin} is not a database URL; expected sqlite:///PATH or "
                          "postgresql+psycopg://USER@HOST/DB.") from exc
    except ValueError as exc:  # the only part make_url converts is the port
        raise ConfigError(f"{origin} has a port that is not a number; expected "
                          "postgresql+psycopg://USER@HOST:5432/DB.") from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise ConfigError(f"{origin} uses '{backend}'; only sqlite and postgresql are supported.")
    if backend == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise ConfigError(f"{origin} names no database file, so nothing would be saved; "
                          "expected sqlite:///PATH/TO/careercopilot.db, or leave it empty for the data dir.")
    if backend == "postgresql" and parsed.get_driver_name() != "psycopg":
        raise ConfigError(f"{origin} must use the psycopg driver: postgresql+psycopg://USER@HOST/DB.")
    # Without one, libpq picks the database named after the user: the server's own `postgres` database.
    if backend == "postgresql" and not parsed.database and not {"dbname", "service"} & parsed.query.keys():
        raise ConfigError(f"{origin} names no database; expected postgresql+psycopg://USER@HOST:5432/DB.")


def example_config() -> str:
    """The commented example shipped as config.example.toml (also what 'config init' writes)."""
    from importlib.resources import files

    return files("careercopilot.data").joinpath("config.example.toml").read_text(encoding="utf-8")
