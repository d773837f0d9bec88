"""The migrations build exactly the tables the models describe."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect, text

from cloud.db import MIGRATIONS, make_engine, upgrade
from cloud.models import Base


def test_the_migrated_schema_matches_the_models(postgres: Callable[[], str]) -> None:
    engine = make_engine(postgres(), pool_size=1)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_the_details_moment_goes_down_and_up_again_keeping_the_customers(
    postgres: Callable[[], str],
) -> None:
    """Migration 0010's downgrade drops `details_changed_at` only; the upgrade back
    leaves the customers held undated (their next upsert applies as before)."""
    url = postgres()
    engine = make_engine(url, pool_size=1)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0009")
            assert "details_changed_at" not in _customer_columns(connection)
            connection.execute(
                text(
                    "INSERT INTO chain (id, name, admin_key_hash, webhook_secret_hash, "
                    "online_terminal_uuid, online_seq, online_head, last_seq, created_at) "
                    "VALUES ('r1', 'Rede', 'a', 'w', 't1', 0, 'h', 0, now())"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO customer (chain_id, uuid, anonymized, data, updated_at) "
                    "VALUES ('r1', 'c1', false, '{\"phone\": \"+5511911112222\"}', now())"
                )
            )
        upgrade(url)
        with engine.connect() as connection:
            assert "details_changed_at" in _customer_columns(connection)
            held = connection.execute(
                text("SELECT details_changed_at, data->>'phone' FROM customer")
            ).one()
            assert tuple(held) == (None, "+5511911112222")
    finally:
        engine.dispose()


def _customer_columns(connection: Connection) -> set[str]:
    return {column["name"] for column in inspect(connection).get_columns("customer")}
