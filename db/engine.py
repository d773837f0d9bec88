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
PAGE_CACHE_KIB = 512
"""SQLite's page cache per connection (its default is 2 000 KiB). The counter holds one
connection per thread that has used the database (the GUI, its workers, sync: about
eight), each cache filled by whatever that thread last read; a cache is dropped anyway
whenever another connection writes (WAL), and the pages it would hold are in the OS's
cache. At a million customers the default caches took ~10 MiB of the counter's memory."""


def sqlite_url(path: Path | str) -> str:
    return f"sqlite+pysqlite:///{Path(path)}"


def make_engine(path: Path | str) -> Engine:
    engine = create_engine(sqlite_url(path), connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

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
