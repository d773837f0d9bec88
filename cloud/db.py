"""Engine, sessions and schema upgrades for the endpoint's PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from cloud.secrets import BOX_INFO, SecretBox

MIGRATIONS = Path(__file__).with_name("migrations")


def sqlalchemy_url(url: str) -> str:
    """A libpq-style URL (`postgresql://...`) as SQLAlchemy's psycopg 3 URL."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    return create_engine(
        sqlalchemy_url(url), pool_size=pool_size, max_overflow=10, pool_pre_ping=True
    )


def make_sessions(engine: Engine, box: SecretBox | None = None) -> sessionmaker[Session]:
    """Sessions whose code seals and opens secrets with `box` (else the environment's key)."""
    info = {} if box is None else {BOX_INFO: box}
    return sessionmaker(engine, expire_on_commit=False, info=info)


def upgrade(url: str) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    engine = make_engine(url, pool_size=1)
    try:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()


@contextmanager
def unit_of_work(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    with sessions() as session, session.begin():
        yield session
