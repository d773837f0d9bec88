"""The counter as the services see it: its database, store, terminal and clock.

Built once by the composition root (app.py / cli.py) and handed to every
service. A service opens one unit of work per user action through it.

The store row, the local terminal row and the program they carry are read once
and cached: they change only through the settings. Any change made through the
ORM (in any session of this process) drops the cache by itself; after changing
them any other way (raw SQL, another process), call `Station.invalidate()`.
The same holds for what services keep with `Station.cached` (the tier ladder,
the campaigns, the messaging settings): they are read from the `setting`,
`campaign` and `message_template` tables, whose ORM writes drop the cache too.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import Engine, event, inspect, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, make_transient_to_detached, object_session, sessionmaker

from db.engine import make_engine, session_factories
from db.migrate import UpgradeResult, upgrade
from db.models import AuditLog, Base, Campaign, MessageTemplate, Setting, Store, Terminal
from posapp.core.errors import PosError
from posapp.core.program import LoyaltyProgram
from posapp.services.common.changes import ChangeHub
from posapp.services.machine.database_file import check_before_opening, classify

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
_Row = TypeVar("_Row", Store, Terminal)
_T = TypeVar("_T")


def utc_now() -> datetime:
    return datetime.now(UTC)


_generation = 0
"""Bumped whenever a store or terminal row is written through the ORM, and again when that
transaction ends: a snapshot taken before the latest bump is stale."""
_TOUCHED = "posapp.station_rows_written"


def _written(_mapper: Any, _connection: Any, row: Base) -> None:
    global _generation
    _generation += 1
    session = object_session(row)
    if session is not None:
        session.info[_TOUCHED] = True


def _ended(session: Session, *_args: Any) -> None:
    """A snapshot read by another session between the flush and the commit is stale too."""
    global _generation
    if session.info.pop(_TOUCHED, False):
        _generation += 1


for _model in (Store, Terminal, Setting, Campaign, MessageTemplate):
    for _event in ("after_insert", "after_update", "after_delete"):
        event.listen(_model, _event, _written)
for _event in ("after_commit", "after_soft_rollback"):
    event.listen(Session, _event, _ended)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The store, the local terminal and the program, as last read.

    `store` and `terminal` are detached copies, for reading only: to change them,
    get them attached with `Station.store(session)` / `Station.terminal(session)`.
    """

    store: Store
    terminal: Terminal
    program: LoyaltyProgram
    generation: int


@dataclass
class Station:
    path: Path
    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]
    clock: Clock = utc_now
    migration: UpgradeResult | None = None
    changes: ChangeHub = field(default_factory=ChangeHub, repr=False, compare=False)
    """Where services announce what they changed (posapp.services.common.changes)."""
    _snapshot: Snapshot | None = field(default=None, init=False, repr=False, compare=False)
    _extras: dict[str, tuple[int, object]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work that writes: all of it is committed, or none of it.

        A refused manager approval (`auth.Refusal` on the error) is audited in a unit of
        work of its own once this one has rolled back: the attempt stays on record.
        """
        try:
            with self.writer() as session, session.begin():
                yield session
        except PosError as refused:
            self._audit_refusal(refused)
            raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self.reader() as session:
                yield session
        except PosError as refused:
            self._audit_refusal(refused)
            raise

    def _audit_refusal(self, error: PosError) -> None:
        refusal = getattr(error, "refusal", None)
        if refusal is None:
            return
        try:
            with self.writer() as session, session.begin():
                terminal = session.scalars(select(Terminal).where(Terminal.is_local)).first()
                session.add(
                    AuditLog(
                        at=refusal.at,
                        terminal_uuid=terminal.uuid if terminal is not None else "",
                        staff_id=refusal.tried_by or refusal.pin_of,
                        authorized_by_id=None,
                        action="auth.refused",
                        target=refusal.action,
                        details=json.dumps(
                            {"reason": refusal.reason, "pin_of": refusal.pin_of},
                            sort_keys=True,
                        ),
                    )
                )
        except SQLAlchemyError:
            log.exception("could not audit a refused approval")

    def now(self) -> datetime:
        return self.clock()

    def snapshot(self, session: Session) -> Snapshot:
        """The cached store, terminal and program; read through `session` when not cached."""
        cached = self._snapshot
        if cached is not None and cached.generation == _generation:
            return cached
        generation = _generation
        store = session.scalars(select(Store).order_by(Store.id)).first()
        if store is None:
            raise LookupError("this database has no store yet: run the setup first")
        terminal = session.scalars(select(Terminal).where(Terminal.is_local)).first()
        if terminal is None:
            raise LookupError("this database has no local terminal yet: run the setup first")
        cached = Snapshot(
            _detached_copy(store),
            _detached_copy(terminal),
            LoyaltyProgram.from_json(store.program_json),
            generation,
        )
        self._snapshot = cached
        return cached

    def invalidate(self) -> None:
        """Forget the cached store, terminal, program and extras (read again on next use)."""
        self._snapshot = None
        self._extras.clear()

    def cached(self, name: str, session: Session, load: Callable[[Session], _T]) -> _T:
        """`load(session)`, kept under `name` until a store, terminal, setting, campaign or
        template row is written through the ORM (or `invalidate()`): for what a sale reads
        every time and a manager changes rarely (the tier ladder, the campaigns)."""
        hit = self._extras.get(name)
        if hit is not None and hit[0] == _generation:
            return cast(_T, hit[1])
        generation = _generation  # read first: a write during the load leaves it stale
        value = load(session)
        self._extras[name] = (generation, value)
        return value

    def store(self, session: Session) -> Store:
        """The store row, attached to `session` (read from the cache, not the database)."""
        return _attached(session, self.snapshot(session).store)

    def terminal(self, session: Session) -> Terminal:
        """The local terminal row, attached to `session` (read from the cache)."""
        return _attached(session, self.snapshot(session).terminal)

    def program(self, session: Session) -> LoyaltyProgram:
        return self.snapshot(session).program

    def close(self) -> None:
        self.engine.dispose()


def _attached(session: Session, cached: _Row) -> _Row:
    """The session's own object for the cached row: the one it holds, or a copy merged in."""
    key = inspect(cached).key
    held = session.identity_map.get(key) if key is not None else None
    if isinstance(held, type(cached)):
        return held
    return session.merge(cached, load=False)


def _detached_copy(row: _Row) -> _Row:
    """A copy of a loaded row that belongs to no session, so no rollback can expire it."""
    mapper = inspect(type(row))
    copy = type(row)(**{attr.key: getattr(row, attr.key) for attr in mapper.column_attrs})
    make_transient_to_detached(copy)
    return copy


def open_station(path: Path | str, clock: Clock = utc_now) -> Station:
    """Open (creating or upgrading, with a backup) the counter's database."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    check_before_opening(path)
    try:
        migration = upgrade(path)
        engine = make_engine(path)
        with engine.connect() as connection:  # reads a page: a damaged file says so here
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").all()
    except (sa_exc.DBAPIError, sqlite3.Error) as error:
        problem = classify(error, path)
        if problem is None:
            raise
        raise problem from error
    reader, writer = session_factories(engine)
    return Station(path, engine, reader, writer, clock, migration)
