"""Bring a database file to the current schema, with a backup before any change.

Alembic (and Mako under it, ~0.15-0.3 s of imports) is loaded only when a database
needs upgrading: the head is read from the migration files' `revision` lines and the
stored revision from `alembic_version`, so a current database starts without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from db.backup import backup_database, backup_path
from db.engine import make_engine
from db.revisions import MIGRATIONS, head_from_files

if TYPE_CHECKING:
    from alembic.config import Config


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest migration: the one revision no other names as its `down_revision`."""
    found = head_from_files()
    return found if found is not None else alembic_head()


def alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        stored = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        versions = list(stored)
    return versions[0] if len(versions) == 1 else None


def upgrade(path: Path) -> UpgradeResult:
    """Upgrade `path` to head. An existing database is backed up first."""
    path = Path(path)
    existed = path.exists() and path.stat().st_size > 0
    engine = make_engine(path)
    try:
        before = current_revision(engine) if existed else None
        head = head_revision()
        if before == head:
            return UpgradeResult(before, head, None)
        saved = backup_database(path, backup_path(path, f"before-{head}")) if existed else None
        from alembic import command

        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        return UpgradeResult(before, head, saved)
    finally:
        engine.dispose()
