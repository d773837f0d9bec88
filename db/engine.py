"""SQLite engines with the pragmas a till needs, and read/write session factories.

Writes open with BEGIN IMMEDIATE so two writers (the counter and the sync
worker) queue on the lock instead of failing half-way; reads stay deferred.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000
IMMEDIATE = "posapp_begin_immediate"
KEPT_CONNECTIONS = 2
"""Connections the pool keeps open between uses (SQLAlchemy's default is 5); more threads
at once (the GUI's workers, sync) still get a connection each, closed after use."""
PAGE_CACHE_KIB = 1024
"""SQLite's page cache per connection (its default is 2 000 KiB), filled by whatever the
connection's last user read and dropped whenever another connection writes (WAL).

On the 1 000 000-customer bench database the counter held seven or eight connections;
their caches took it over 200 MiB resident once signed in (bench.memory: ~201 MiB). Two
kept connections with 1 024 KiB caches: ~195 MiB. Smaller caches (512 KiB) saved ~1 MiB
more but slowed the phone look-up bench measurably."""


def sqlite_url(path: Path | str) -> str:
    return f"sqlite+pysqlite:///{Path(path)}"


def make_engine(path: Path | str) -> Engine:
    engine = create_engine(
        sqlite_url(path),
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        pool_size=KEPT_CONNECTIONS,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def session_factories(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """(reader, writer): the writer takes the database's write lock when it begins."""
    reader = sessionmaker(engine, expire_on_commit=False)
    writer = sessionmaker(engine.execution_options(**{IMMEDIATE: True}), expire_on_commit=False)
    return reader, writer


def pragmas(engine: Engine) -> dict[str, Any]:
    with engine.connect() as connection:
        return {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in (
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "busy_timeout",
                "cache_size",
            )
        }
