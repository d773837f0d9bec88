"""Schema objects the ORM does not model: name search and append-only guards.

Kept in one place so the migration that creates them and the test that checks
them read the same statements.
"""

from __future__ import annotations

from collections.abc import Callable

APPEND_ONLY_TABLES = ("ledger_entry", "audit_log")
FTS_TABLE = "customer_fts"

_FTS = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "name, content='customer', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER customer_fts_ai AFTER INSERT ON customer BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, name) VALUES (new.id, new.name); END",
    f"CREATE TRIGGER customer_fts_ad AFTER DELETE ON customer BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name) VALUES ('delete', old.id, old.name); END",
    f"CREATE TRIGGER customer_fts_au AFTER UPDATE OF name ON customer BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name) VALUES ('delete', old.id, old.name); "
    f"INSERT INTO {FTS_TABLE}(rowid, name) VALUES (new.id, new.name); END",
]


def _guards(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN "
        f"SELECT RAISE(ABORT, '{table} is append-only'); END",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN "
        f"SELECT RAISE(ABORT, '{table} is append-only'); END",
    ]


def create_sql_objects(execute: Callable[[str], object]) -> None:
    for statement in _FTS + [s for table in APPEND_ONLY_TABLES for s in _guards(table)]:
        execute(statement)


def drop_sql_objects(execute: Callable[[str], object]) -> None:
    for table in APPEND_ONLY_TABLES:
        execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    for trigger in ("customer_fts_ai", "customer_fts_ad", "customer_fts_au"):
        execute(f"DROP TRIGGER IF EXISTS {trigger}")
    execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
