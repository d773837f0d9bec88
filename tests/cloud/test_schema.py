"""The migrations build exactly the tables the models describe."""

from __future__ import annotations

from collections.abc import Callable

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from cloud.db import make_engine
from cloud.models import Base


def test_the_migrated_schema_matches_the_models(postgres: Callable[[], str]) -> None:
    engine = make_engine(postgres(), pool_size=1)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()
