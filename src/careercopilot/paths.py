"""Where Career Copilot keeps its files: platform dirs, overridable for tests, demos and servers."""

from __future__ import annotations

import os
from pathlib import Path

from careercopilot.errors import ConfigError

APP_NAME = "careercopilot"


def data_dir() -> Path:
    """Database, logs and fallback secrets; CAREERCOPILOT_HOME moves all of them."""
    home = os.environ.get("CAREERCOPILOT_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    home = os.environ.get("CAREERCOPILOT_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def config_file(explicit: str | Path | None = None) -> Path:
    """--config beats CAREERCOPILOT_CONFIG beats the platform config dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("CAREERCOPILOT_CONFIG")
    if env:
        return Path(env).expanduser()
    return config_dir() / "config.toml"


def default_database_path() -> Path:
    return data_dir() / "careercopilot.db"


def log_dir() -> Path:
    return data_dir() / "logs"


def ensure_private_dir(path: Path) -> Path:
    """Create a directory readable only by its owner (it holds the database and secrets)."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        reason = "it is a file, not a folder" if path.is_file() else exc.strerror or str(exc)
        raise ConfigError(f"Cannot use the folder {path}: {reason}; point CAREERCOPILOT_HOME "
                          "(or [database] url) at a writable folder.") from None
    return path


def write_atomically(path: Path, text: str, mode: int = 0o644) -> None:
    """Write through a temporary file and a rename: a crash never leaves half a file under the real name."""
    temporary = path.with_name(f".{path.name}.tmp")
    fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, mode)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)
