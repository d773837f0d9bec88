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

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class _Slot:
    """A `?` of the statement: the parameter it takes, or the constant SQLAlchemy bound."""

    name: str | None
    constant: Any
    process: Processor
    expanding: bool


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    slots: tuple[_Slot, ...]
    expanding: bool
    plain: tuple[tuple[str, ...], tuple[tuple[int, Callable[[Any], Any]], ...]] | None
    """For a statement of parameters only (no constants, no IN list): their names in order
    and the processors of the few that have one, by position. None: go slot by slot."""
    results: tuple[Processor, ...] | None
    """None when no column needs processing (the rows are sqlite3's tuples as they are)."""


class Direct:
    """A Core statement run on the DB-API cursor of a SQLAlchemy `Connection`."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._compiled: dict[tuple[str, ...], _Compiled] = {}

    def execute(self, connection: Connection, params: Mapping[str, Any]) -> sqlite3.Cursor:
        return self._execute(connection, self._compile(connection, params), params)

    def _execute(
        self, connection: Connection, compiled: _Compiled, params: Mapping[str, Any]
    ) -> sqlite3.Cursor:
        sql, values = _bound(compiled, params)
        return self._run(connection, sql, values, lambda cursor: cursor.execute(sql, values))

    def executemany(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """The same statement for each row: the rows must all have the same keys."""
        if not rows:
            return
        compiled = self._compile(connection, rows[0])
        if compiled.expanding:
            raise ValueError("executemany cannot expand IN lists")
        values = [_values(compiled, row) for row in rows]
        self._run(connection, compiled.sql, values, lambda c: c.executemany(compiled.sql, values))

    def rows(self, connection: Connection, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        compiled = self._compile(connection, params)
        fetched = self._execute(connection, compiled, params).fetchall()
        results = compiled.results
        if results is None:
            return fetched
        return [
            tuple(value if p is None else p(value) for p, value in zip(results, row, strict=True))
            for row in fetched
        ]

    def first(self, connection: Connection, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        found = self.rows(connection, params)
        return found[0] if found else None

    def _compile(self, connection: Connection, params: Mapping[str, Any]) -> _Compiled:
        keys = tuple(params)
        compiled = self._compiled.get(keys)
        if compiled is None:
            compiled = self._compiled[keys] = _compile(self.statement, connection.dialect, keys)
        return compiled

    def _run(
        self,
        connection: Connection,
        sql: str,
        values: Any,
        call: Callable[[sqlite3.Cursor], object],
    ) -> sqlite3.Cursor:
        if not connection.in_transaction():
            connection.begin()  # as Connection.execute begins by itself: one transaction
        dbapi = connection.connection.driver_connection
        assert isinstance(dbapi, sqlite3.Connection)
        cursor = dbapi.cursor()
        try:
            call(cursor)
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
    positions = tuple(compiled.positiontup or ())
    processors = compiled._bind_processors
    slots: list[_Slot] = []
    for name in positions:
        bind = compiled.binds[name]
        process = processors.get(name)
        if process is not None and not callable(process):
            raise ValueError(f"tuple parameters are not supported: {name!r} in {statement}")
        if name in keys:
            slots.append(_Slot(name, None, process, bind.expanding))
        elif bind.callable is None and bind.value is not None:
            # A value written into the statement (a LIMIT, a literal compared with):
            # SQLAlchemy binds it too.
            value = bind.value if process is None else process(bind.value)
            slots.append(_Slot(None, value, None, False))
        else:  # a column default or a parameter not given: refuse, as nothing fills it
            raise ValueError(f"no value given for {name!r} in {statement}")
    results = tuple(
        column.type._cached_result_processor(dialect, None) for column in compiled._result_columns
    )
    plain = None
    if all(slot.name is not None and not slot.expanding for slot in slots):
        plain = (
            tuple(slot.name for slot in slots if slot.name is not None),
            tuple(
                (index, slot.process)
                for index, slot in enumerate(slots)
                if slot.process is not None
            ),
        )
    return _Compiled(
        sql=compiled.string,
        slots=tuple(slots),
        expanding=any(slot.expanding for slot in slots),
        plain=plain,
        results=results if any(p is not None for p in results) else None,
    )


def _values(compiled: _Compiled, params: Mapping[str, Any]) -> list[Any]:
    if compiled.plain is None:
        return _slot_values(compiled, params)
    names, processed = compiled.plain
    values = [params[name] for name in names]
    for index, process in processed:
        values[index] = process(values[index])
    return values


def _slot_values(compiled: _Compiled, params: Mapping[str, Any]) -> list[Any]:
    values = []
    for slot in compiled.slots:
        if slot.name is None:
            values.append(slot.constant)
        else:
            value = params[slot.name]
            values.append(value if slot.process is None else slot.process(value))
    return values


def _bound(compiled: _Compiled, params: Mapping[str, Any]) -> tuple[str, list[Any]]:
    if not compiled.expanding:
        return compiled.sql, _values(compiled, params)
    sql, values = compiled.sql, []
    for slot in compiled.slots:
        if slot.name is None:
            values.append(slot.constant)
        elif slot.expanding:
            items = list(params[slot.name])
            marks = ", ".join("?" * len(items)) if items else "NULL"
            sql = sql.replace(f"__[POSTCOMPILE_{slot.name}]", marks, 1)
            values += items if slot.process is None else [slot.process(item) for item in items]
        else:
            value = params[slot.name]
            values.append(value if slot.process is None else slot.process(value))
    return sql, values
