"""Which databases have a stored session, as a plain list in the data dir (no secret: just database names).

The TUI reads it at start to decide whether to open the database at once (to resume the session) or only when the
user starts typing; reading the keyring itself would load its backends (and their crypto) on an idle login screen.
"""

from __future__ import annotations

from careercopilot import paths
from careercopilot.db.identity import database_identity

HINT_FILE = "signed-in-databases"


def _names() -> set[str]:
    try:
        text = (paths.data_dir() / HINT_FILE).read_text(encoding="utf-8")
    except OSError:
        return set()
    return {line for line in text.splitlines() if line}


def _write(names: set[str]) -> None:
    folder = paths.ensure_private_dir(paths.data_dir())
    (folder / HINT_FILE).write_text("".join(f"{name}\n" for name in sorted(names)), encoding="utf-8")


def mark(url: str) -> None:
    _write(_names() | {database_identity(url)})


def unmark(url: str) -> None:
    names = _names()
    if database_identity(url) in names:
        _write(names - {database_identity(url)})


def is_marked(url: str) -> bool:
    return database_identity(url) in _names()
