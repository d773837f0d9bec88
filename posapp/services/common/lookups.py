"""Hot reads through a plain sqlite3 connection: no session, no ORM, no pool.

A scan at the counter and a customer search are one indexed statement each; run
through a SQLAlchemy session they cost ten times the statement itself (the
session's begin and close, the compiled-cache look-up, the result set-up). Here
each thread keeps one read-only connection per station (sqlite3's own statement
cache prepares each statement once) and the station's engine closes them all
when it is disposed (`Station.close`).

Only for reads of plain columns (text and integers) in one statement: anything
that writes, or reads dates, goes through `Station.read` / `Station.write`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import event

from posapp.services.common.station import Station

_BUSY_MS = 5_000

_local = threading.local()
_lock = threading.Lock()
_opened: dict[int, tuple[object, list[sqlite3.Connection]]] = {}
"""Per station engine (by id): a token and every connection opened on it, closed together."""


def rows(station: Station, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
    """The rows of one read statement, as tuples."""
    return _connection(station).execute(sql, params).fetchall()


def _connection(station: Station) -> sqlite3.Connection:
    mine: dict[int, tuple[object, sqlite3.Connection]] = _local.__dict__.setdefault("mine", {})
    key = id(station.engine)
    found = mine.get(key)
    registered = _opened.get(key)
    if found is None or registered is None or registered[0] is not found[0]:
        found = _open(station)
        mine[key] = found
    return found[1]


def _open(station: Station) -> tuple[object, sqlite3.Connection]:
    # check_same_thread=False only so that the disposing thread may close it; each
    # connection is used by the one thread that opened it.
    connection = sqlite3.connect(
        station.path, isolation_level=None, check_same_thread=False, cached_statements=64
    )
    connection.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
    connection.execute("PRAGMA query_only=ON")
    key = id(station.engine)
    with _lock:
        if key not in _opened:
            _opened[key] = (object(), [])
            event.listen(station.engine, "engine_disposed", lambda _engine: _close(key))
        token, connections = _opened[key]
        connections.append(connection)
    return token, connection


def _close(key: int) -> None:
    with _lock:
        _token, connections = _opened.pop(key, (None, []))
    for connection in connections:
        connection.close()
