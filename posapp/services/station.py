"""The counter as the services see it: its database, store, terminal and clock.

Built once by the composition root (app.py / cli.py) and handed to every
service. A service opens one unit of work per user action through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from db.engine import make_engine, session_factories
from db.migrate import UpgradeResult, upgrade
from db.models import Store, Terminal
from posapp.core.program import LoyaltyProgram

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Station:
    path: Path
    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]
    clock: Clock = utc_now
    migration: UpgradeResult | None = None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work that writes: all of it is committed, or none of it."""
        with self.writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.reader() as session:
            yield session

    def now(self) -> datetime:
        return self.clock()

    def store(self, session: Session) -> Store:
        store = session.scalars(select(Store).order_by(Store.id)).first()
        if store is None:
            raise LookupError("this database has no store yet: run the setup first")
        return store

    def terminal(self, session: Session) -> Terminal:
        terminal = session.scalars(select(Terminal).where(Terminal.is_local)).first()
        if terminal is None:
            raise LookupError("this database has no local terminal yet: run the setup first")
        return terminal

    def program(self, session: Session) -> LoyaltyProgram:
        return LoyaltyProgram.from_json(self.store(session).program_json)

    def close(self) -> None:
        self.engine.dispose()


def open_station(path: Path | str, clock: Clock = utc_now) -> Station:
    """Open (creating or upgrading, with a backup) the counter's database."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    migration = upgrade(path)
    engine = make_engine(path)
    reader, writer = session_factories(engine)
    return Station(path, engine, reader, writer, clock, migration)
