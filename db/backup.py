"""Copies of the database taken with SQLite's online backup API.

The backup API copies a consistent snapshot even while the counter is writing,
which a plain file copy of a WAL database does not.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path


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
    return source.parent / "backups" / f"{source.stem}-{stamp}-{label}.sqlite"
