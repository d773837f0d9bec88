"""Copies of the database taken with SQLite's online backup API.

The backup API copies a consistent snapshot even while the counter is writing,
which a plain file copy of a WAL database does not.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

FOLDER = "backups"
_STAMP = re.compile(r"-(\d{8}T\d{12}Z)-")


def backup_database(source: Path, destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    # closing(): a sqlite3 connection's own `with` commits but does not close, and a
    # connection left open to the source keeps its log from being folded in at close.
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(destination)) as dst:
        src.backup(dst)
    dst_check = sqlite3.connect(destination)
    try:
        dst_check.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst_check.close()
    return destination


def backup_path(source: Path, label: str, now: datetime | None = None) -> Path:
    """A name beside the database: backups/<stem>-<UTC time>-<label>.sqlite."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    return backups_folder(source) / f"{source.stem}-{stamp}-{label}.sqlite"


def backups_folder(database: Path) -> Path:
    return Path(database).parent / FOLDER


def backup_time(file: Path) -> datetime:
    """When a backup was taken: the UTC time in its name (file times change when files are
    copied), else its modification time."""
    found = _STAMP.search(file.name)
    if found is not None:
        return datetime.strptime(found.group(1), "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    return datetime.fromtimestamp(file.stat().st_mtime, UTC)


def _belongs(file: Path, stem: str) -> bool:
    """A backup of the database named `stem` (not of `stem-2`, whose names start alike)."""
    found = _STAMP.search(file.name)
    return found is None or file.name[: found.start()] == stem


def backups_of(database: Path) -> list[Path]:
    """The backups of `database` in its backups folder, oldest first (by `backup_time`)."""
    stem = Path(database).stem
    found = (f for f in backups_folder(database).glob(f"{stem}-*.sqlite") if _belongs(f, stem))
    return sorted(found, key=backup_time)
