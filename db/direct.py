"""Core statements run straight on the DB-API connection, for the sale's hot path.

A `Direct` statement is a Core statement compiled once (per set of parameter names)
by SQLAlchemy's own SQLite compiler, then run on the `sqlite3` connection of the
unit of work's `Connection`, inside its transaction. Parameters go through the
column types' bind processors and rows through their result processors, so the
values read and written are the ones `Connection.execute` would give; what is left
out is the engine's per-call work (cache key, execution context, result set-up,
events), ~15-40 µs a statement, most of a checkout's Python time above SQLite's.

Errors come back as SQLAlchemy's (`IntegrityError`, `OperationalError`...), as from
`Connection.execute`. Engine events (`before_cursor_execute`) do not see these
statements; `sqlite3.Connection.set_trace_callback` does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Executable
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import UpdateBase

Processor = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]
    """The bound name of each `?`, in order: a parameter's, or a constant's (below)."""
    processed: tuple[tuple[int, Processor], ...]
    """The `?`s whose values a column type converts (datetimes...), by position."""
    constants: dict[str, Any]
    """Values SQLAlchemy binds itself (a LIMIT, a literal compared with), converted."""
    expanding: dict[str, Processor | None]
    """IN-list parameters, with the converter of each item."""
    results: tuple[Processor | None, ...] | None
    """None when no column needs converting (the rows are sqlite3's tuples as they are)."""


class Direct:
    """A Core statement run on the DB-API cursor of a SQLAlchemy `Connection`."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._compiled: dict[tuple[str, ...], _Compiled] = {}

    def execute(self, connection: Connection, params: Mapping[str, Any]) -> sqlite3.Cursor:
        compiled = self._compile(connection, params)
        sql, values = _bound(compiled, params)
        return _run(connection, sql, values)

    def executemany(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """The same statement for each row: the rows must all have the same keys."""
        if not rows:
            return
        compiled = self._compile(connection, rows[0])
        if compiled.expanding:
            raise ValueError("executemany cannot expand IN lists")
        _run(connection, compiled.sql, [_values(compiled, row) for row in rows], many=True)

    def rows(self, connection: Connection, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        compiled = self._compile(connection, params)
        fetched = _run(connection, *_bound(compiled, params)).fetchall()
        return [_converted(compiled, row) for row in fetched] if compiled.results else fetched

    def first(self, connection: Connection, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        compiled = self._compile(connection, params)
        row = _run(connection, *_bound(compiled, params)).fetchone()
        return _converted(compiled, row) if row is not None and compiled.results else row

    def _compile(self, connection: Connection, params: Mapping[str, Any]) -> _Compiled:
        keys = tuple(params)
        compiled = self._compiled.get(keys)
        if compiled is None:
            compiled = self._compiled[keys] = _compile(self.statement, connection.dialect, keys)
        return compiled


def _run(connection: Connection, sql: str, values: Any, many: bool = False) -> sqlite3.Cursor:
    if not connection.in_transaction():
        connection.begin()  # as Connection.execute begins by itself: one transaction
    dbapi = connection.connection.driver_connection
    assert isinstance(dbapi, sqlite3.Connection)
    cursor = dbapi.cursor()
    try:
        if many:
            cursor.executemany(sql, values)
        else:
            cursor.execute(sql, values)
    except sqlite3.Error as error:
        raise DBAPIError.instance(
            sql, values, error, sqlite3.Error, dialect=connection.dialect
        ) from error
    return cursor


def _compile(statement: Executable, dialect: Dialect, keys: tuple[str, ...]) -> _Compiled:
    # INSERT and UPDATE take their columns from the parameters, as Connection.execute does.
    column_keys = list(keys) if isinstance(statement, UpdateBase) else None
    compiled = statement.compile(dialect=dialect, column_keys=column_keys)  # type: ignore[attr-defined]
    assert isinstance(compiled, SQLCompiler)
    names = tuple(compiled.positiontup or ())
    processors = compiled._bind_processors
    processed: list[tuple[int, Processor]] = []
    constants: dict[str, Any] = {}
    expanding: dict[str, Processor | None] = {}
    for index, name in enumerate(names):
        bind, process = compiled.binds[name], processors.get(name)
        if process is not None and not callable(process):
            raise ValueError(f"tuple parameters are not supported: {name!r} in {statement}")
        if name in keys and bind.expanding:
            expanding[name] = process
        elif name in keys:
            processed += [(index, process)] if process is not None else []
        elif bind.callable is None and bind.value is not None:
            constants[name] = bind.value if process is None else process(bind.value)
        else:  # a column default or a parameter not given: refuse, as nothing fills it
            raise ValueError(f"no value given for {name!r} in {statement}")
    results = tuple(
        column.type._cached_result_processor(dialect, None) for column in compiled._result_columns
    )
    return _Compiled(
        sql=compiled.string,
        names=names,
        processed=tuple(processed),
        constants=constants,
        expanding=expanding,
        results=results if any(p is not None for p in results) else None,
    )


def _values(compiled: _Compiled, params: Mapping[str, Any]) -> list[Any]:
    given = {**compiled.constants, **params} if compiled.constants else params
    values = [given[name] for name in compiled.names]
    for index, process in compiled.processed:
        values[index] = process(values[index])
    return values


def _bound(compiled: _Compiled, params: Mapping[str, Any]) -> tuple[str, list[Any]]:
    """The SQL and its values, each IN list written out as one `?` per item."""
    values = _values(compiled, params)
    if not compiled.expanding:
        return compiled.sql, values
    sql, flat = compiled.sql, []
    for name, value in zip(compiled.names, values, strict=True):
        if name not in compiled.expanding:
            flat.append(value)
            continue
        items = list(value)
        marks = ", ".join("?" * len(items)) if items else "NULL"
        sql = sql.replace(f"__[POSTCOMPILE_{name}]", marks, 1)
        process = compiled.expanding[name]
        flat += items if process is None else [process(item) for item in items]
    return sql, flat


def _converted(compiled: _Compiled, row: tuple[Any, ...]) -> tuple[Any, ...]:
    assert compiled.results is not None
    return tuple(
        value if p is None else p(value) for p, value in zip(compiled.results, row, strict=True)
    )
