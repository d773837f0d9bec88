"""The newest migration's revision, read from the migration files without Alembic or
SQLAlchemy (the counter's first paint compares it with the database's before either is
imported)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION = re.compile(r'^revision: str = "([^"]+)"$', re.MULTILINE)
_DOWN_REVISION = re.compile(r'^down_revision: str \| None = (?:"([^"]+)"|None)$', re.MULTILINE)


@cache
def head_from_files() -> str | None:
    """The one revision no other names as its `down_revision`; None when the files are
    not all written in the usual form (Alembic decides then). Read once per process:
    the first paint and the migration check both ask."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        if script.name == "__init__.py":
            continue
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.findall(source), _DOWN_REVISION.findall(source)
        if len(revision) != 1 or len(down) != 1:
            return None
        revisions.add(revision[0])
        downs.add(down[0])
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None
