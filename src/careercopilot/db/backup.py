"""Online backup: consistent even while the TUI or a cron job writes."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from careercopilot.db.engine import sqlite_files, sqlite_path
from careercopilot.errors import BadInput, OperationFailed


def _refuse_database_files(database: Path, target: Path) -> None:
    """Writing the copy over the live database or its -wal/-shm/-journal file (a hard link too) would lose both."""
    for file in sqlite_files(database):
        if target.resolve() == file.resolve() or (target.exists() and file.exists() and os.path.samefile(target, file)):
            raise BadInput(f"Cannot back up onto {target}: it is the live database or one of its files ({file.name}); "
                           "choose another file.")


def backup_database(url: str, target: Path) -> str:
    """Copy a SQLite database to target (0600); for PostgreSQL explain how to use pg_dump instead."""
    source = sqlite_path(url)
    if source is None:
        raise BadInput("PostgreSQL databases are backed up with pg_dump, e.g. 'pg_dump -Fc DBNAME > backup.dump'.")
    if not source.exists():
        raise OperationFailed(f"There is no database at {source} yet; nothing to back up.")
    target = target.expanduser()
    if target.exists() and target.is_dir():
        target = target / f"{source.stem}-backup.db"
    _refuse_database_files(source, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        with closing(sqlite3.connect(source, timeout=10)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
        os.replace(partial, target)  # a failed backup never leaves a half file under the real name
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise OperationFailed(f"Backup failed: {exc}.") from exc
    return f"Backed up {source} to {target}."
