"""Outbox events and audit rows a unit of work writes itself, all at once.

Nothing reads these rows back in the unit of work that adds them. A hot path (the
checkout) asks for them with `collect(session)`: `outbox.emit` and `audit.record`
then hand their rows here instead of building ORM objects for the session to flush,
and `write(session)` inserts them, in the order they were added, one statement per
run of rows of the same table. Elsewhere they go to the session as objects.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from db.direct import Direct
from db.models import AuditLog, Base, OutboxEvent, table_of

_KEY = "posapp.append_only_rows"
_INSERTS: dict[type[Base], Direct] = {
    model: Direct(insert(table_of(model))) for model in (OutboxEvent, AuditLog)
}


def collect(session: Session) -> None:
    """From now on, keep the outbox and audit rows added in `session` for `write`."""
    session.info[_KEY] = []


def add(session: Session, model: type[Base], values: dict[str, Any]) -> None:
    rows: list[tuple[type[Base], dict[str, Any]]] | None = session.info.get(_KEY)
    if rows is None:
        session.add(model(**values))
    else:
        rows.append((model, values))


def write(session: Session) -> None:
    """Insert the rows kept since `collect`, and keep no more."""
    rows: list[tuple[type[Base], dict[str, Any]]] = session.info.pop(_KEY, [])
    runs: list[tuple[type[Base], list[dict[str, Any]]]] = []
    for model, values in rows:
        if runs and runs[-1][0] is model and runs[-1][1][0].keys() == values.keys():
            runs[-1][1].append(values)
        else:
            runs.append((model, [values]))
    connection = session.connection()
    for model, values_run in runs:
        _INSERTS[model].executemany(connection, values_run)
