"""The SQLite file: migrations, pragmas, the schema against the models, append-only tables."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.pool import QueuePool

from db.engine import KEPT_CONNECTIONS, make_engine, pragmas
from db.migrate import alembic_config, head_revision, upgrade
from db.models import Base
from db.schema_sql import APPEND_ONLY_TABLES, FTS_TABLE
from tests.support import open_shop


def test_upgrade_from_empty_reaches_head_and_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    first = upgrade(path)
    assert (first.before, first.after, first.backup) == (None, head_revision(), None)
    again = upgrade(path)
    assert again.before == head_revision() and again.backup is None


def test_the_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    upgrade(path)
    engine = make_engine(path)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": lambda name, kind, _parent: not (name or "").startswith(FTS_TABLE),
            },
        )
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_pragmas_for_a_till(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    upgrade(path)
    engine = make_engine(path)
    assert pragmas(engine) == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": 10_000,
        "cache_size": -1024,  # KiB per connection
    }
    engine.dispose()


def test_connections_used_at_once_are_not_all_kept_open_after(tmp_path: Path) -> None:
    """Each kept connection holds up to 2 MB of page cache: a burst of threads reading at
    once leaves only KEPT_CONNECTIONS open."""
    path = tmp_path / "db.sqlite"
    upgrade(path)
    engine = make_engine(path)
    together = threading.Barrier(5)

    def read() -> None:
        with engine.connect() as connection:
            together.wait(timeout=10)  # all five connections checked out at once
            connection.exec_driver_sql("SELECT count(*) FROM customer").scalar()

    threads = [threading.Thread(target=read) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    pool = engine.pool
    assert isinstance(pool, QueuePool)
    assert pool.checkedin() == KEPT_CONNECTIONS == 2
    engine.dispose()


def test_an_older_database_is_backed_up_before_it_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    upgrade(path)
    config = alembic_config()
    engine = make_engine(path)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        connection.exec_driver_sql("CREATE TABLE legacy_marker (x INTEGER)")
    engine.dispose()

    result = upgrade(path)
    assert result.backup is not None and result.backup.exists()
    with sqlite3.connect(result.backup) as backup:
        tables = {row[0] for row in backup.execute("SELECT name FROM sqlite_master")}
    assert "legacy_marker" in tables and "sale" not in tables
    assert result.after == head_revision()


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_append_only_tables_refuse_updates_and_deletes(tmp_path: Path, table: str) -> None:
    path = tmp_path / "db.sqlite"
    shop = open_shop(path, "salon")
    customer = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=customer, pix=8_000)
    shop.station.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute(f"UPDATE {table} SET id = id")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute(f"DELETE FROM {table}")
