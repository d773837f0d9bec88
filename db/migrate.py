"""Bring a database file to the current schema, with a backup before any change."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from db.backup import backup_database, backup_path
from db.engine import make_engine

MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


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
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        return UpgradeResult(before, head, saved)
    finally:
        engine.dispose()
