"""Many rows in one short statement: a push's inserts and look-ups.

psycopg parses a statement's placeholders in Python and caches that only for statements
of at most 50 parameters; a multi-row INSERT of a 1 000-event push (thousands of
parameters) or an `IN (...)` of 1 000 uuids was parsed anew every time, and that parsing
was most of a push's time. Here every batch is ONE parameter: the rows as a JSON array
expanded by PostgreSQL (`jsonb_to_recordset`, in their order), the uuids as an array
(`= ANY(...)`). The statement's text depends only on the columns, so it is cached.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, String, Table, any_, bindparam, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import InstrumentedAttribute, Session

_DIALECT = postgresql.dialect()  # type: ignore[no-untyped-call]


def any_of(column: InstrumentedAttribute[Any], values: Collection[str]) -> ColumnElement[bool]:
    """`column = ANY(:array)`: one parameter, however many values."""
    return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(String)))


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def insert_rows(
    session: Session,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    tail: str = "",
) -> Sequence[Row[Any]]:
    """INSERT the rows (all with the same keys) in their order; `tail` is the statement's
    end (`ON CONFLICT ...`, `RETURNING ...`). Returns what RETURNING gives, else []."""
    if not rows:
        return []
    names = list(rows[0])
    spec = ", ".join(f"{name} {table.c[name].type.compile(dialect=_DIALECT)}" for name in names)
    listed = ", ".join(names)
    statement = text(
        f"INSERT INTO {table.name} AS target ({listed}) "
        f"SELECT {listed} FROM ROWS FROM (jsonb_to_recordset(CAST(:rows AS jsonb)) AS ({spec})) "
        f"WITH ORDINALITY AS r({listed}, position) ORDER BY position {tail}"
    )
    result = session.execute(
        statement, {"rows": json.dumps(list(rows), default=_json_value, ensure_ascii=False)}
    )
    return result.all() if "RETURNING" in tail.upper() else []
