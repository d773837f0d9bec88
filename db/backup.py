"""Copies of the database taken with SQLite's online backup API.

The backup API copies a consistent snapshot even while the counter is writing,
which a plain file copy of a WAL database does not.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def backup_database(source: Path, destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(destination) as dst:
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
    return source.parent / "backups" / f"{source.stem}-{stamp}-{label}.sqlite"
