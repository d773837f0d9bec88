"""What the sign-in shows, read with sqlite3 alone.

The counter paints its sign-in from this before the database layer (SQLAlchemy, the
models, the services) is imported, and builds the rest while the cashier taps a name.
Anything unusual (no file, a store not set up, a schema behind the migrations, a file
sqlite3 cannot read) gives None: the counter then starts the long way, whose checks
explain or repair it.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from db.revisions import head_from_files
from posapp.core.roles import Role, StaffRef

DEFAULT_LANGUAGE = "pt_BR"


@dataclass(frozen=True)
class Doorway:
    store_name: str
    language: str
    people: tuple[StaffRef, ...]
    """Active staff by name, as `admin.staff.list_staff` orders them."""
    demo: bool = False


def read_doorway(path: Path, *, demo: bool = False) -> Doorway | None:
    head = head_from_files()
    if head is None or not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        with closing(connection):
            versions = [
                row[0] for row in connection.execute("SELECT version_num FROM alembic_version")
            ]
            store = connection.execute(
                "SELECT store.name FROM store JOIN terminal ON terminal.store_id = store.id"
                " WHERE terminal.is_local"
            ).fetchone()
            staff = connection.execute(
                "SELECT id, name, role FROM staff WHERE active ORDER BY name"
            ).fetchall()
            setting = connection.execute(
                "SELECT value FROM setting WHERE key = 'counter'"
            ).fetchone()
        if versions != [head] or store is None:
            return None
        people = tuple(StaffRef(id, name, Role(role)) for id, name, role in staff)
        stored = json.loads(setting[0]) if setting is not None else {}
    except (sqlite3.Error, ValueError):  # a damaged file, an unknown role, broken JSON
        return None
    language = stored.get("language") if isinstance(stored, dict) else None
    return Doorway(
        store_name=str(store[0]),
        language=language if isinstance(language, str) and language else DEFAULT_LANGUAGE,
        people=people,
        demo=demo,
    )
