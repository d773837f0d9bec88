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

from sqlalchemy import Engine, event

from posapp.services.common.station import Station

_BUSY_MS = 5_000
_TOKEN = "_posapp_lookups_token"

_local = threading.local()
_lock = threading.Lock()
_opened: dict[int, tuple[object, list[sqlite3.Connection]]] = {}
"""Per station engine (by id): a token and every connection opened on it, closed together."""


def rows(station: Station, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
    """The rows of one read statement, as tuples."""
    return _connection(station).execute(sql, params).fetchall()


def _connection(station: Station) -> sqlite3.Connection:
    """This thread's connection for this station's engine.

    An engine is told apart by a token set on it, not by `id()` alone: a test (or a
    restore) that drops one station and opens another can get the old engine's id back,
    and must never read through a connection to the old file.
    """
    mine: dict[int, tuple[object, sqlite3.Connection]] = _local.__dict__.setdefault("mine", {})
    engine = station.engine
    key = id(engine)
    token = getattr(engine, _TOKEN, None) or _token(station)  # set once, under the lock
    found = mine.get(key)
    if found is None or found[0] is not token:
        found = (token, _open(station, key, token))
        mine[key] = found
    return found[1]


def _token(station: Station) -> object:
    engine = station.engine
    with _lock:
        token = getattr(engine, _TOKEN, None)
        if token is None:
            token = object()
            setattr(engine, _TOKEN, token)
            _opened[id(engine)] = (token, [])
            if not event.contains(engine, "engine_disposed", _disposed):
                event.listen(engine, "engine_disposed", _disposed)
        return token


def _open(station: Station, key: int, token: object) -> sqlite3.Connection:
    # check_same_thread=False only so that the disposing thread may close it; each
    # connection is used by the one thread that opened it.
    connection = sqlite3.connect(
        station.path, isolation_level=None, check_same_thread=False, cached_statements=64
    )
    connection.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
    connection.execute("PRAGMA query_only=ON")
    with _lock:
        registered = _opened.get(key)
        if registered is not None and registered[0] is token:
            registered[1].append(connection)
    return connection


def _disposed(engine: Engine) -> None:
    """Close the engine's connections; a later read on it (a station reopened on the
    same engine) gets a new token, so never a closed connection."""
    with _lock:
        if getattr(engine, _TOKEN, None) is not None:
            delattr(engine, _TOKEN)
        _token, connections = _opened.pop(id(engine), (None, []))
    for connection in connections:
        connection.close()
