"""The migrations build exactly the tables the models describe."""

from __future__ import annotations

import json
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
    try:
        with engine.begin() as connection:
            _downgrade(connection, "0009")
            assert "details_changed_at" not in _customer_columns(connection)
            _add_chain(connection)
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


def _downgrade(connection: Connection, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.downgrade(config, revision)


def _add_chain(connection: Connection) -> None:
    """Chain 'r1', to hold the customers a test writes below the current schema."""
    connection.execute(
        text(
            "INSERT INTO chain (id, name, admin_key_hash, webhook_secret_hash, "
            "online_terminal_uuid, online_seq, online_head, last_seq, created_at) "
            "VALUES ('r1', 'Rede', 'a', 'w', 't1', 0, 'h', 0, now())"
        )
    )


def _customer_columns(connection: Connection) -> set[str]:
    return {column["name"] for column in inspect(connection).get_columns("customer")}


BACKFILLED = {  # data->>'phone' as counters wrote it: phone_digits after migration 0011
    "+5511987654321": "11987654321",
    "+55 (21) 98765-4322": "21987654322",
    "31987654323": "31987654323",
    "5541987654324": "41987654324",
    "555187654325": "51987654325",  # a WhatsApp id's form, without the ninth digit
    "(61) 3322-1100": "6133221100",  # a landline keeps its 10 digits
    "011987654326": "11987654326",  # the long-distance trunk 0
    "98765-4327": None,  # no DDD
    "+351912345678": None,  # not Brazilian
    "": None,
}


def test_the_phone_lookup_column_is_backfilled_from_the_customers_held_and_goes_down_again(
    postgres: Callable[[], str],
) -> None:
    """Migration 0011 fills `phone_digits` of the rows written before it from
    data->>'phone' (anonymized ones and those with no phone stay NULL) and indexes it;
    its downgrade drops both and keeps the customers."""
    url = postgres()
    engine = make_engine(url, pool_size=1)
    insert = text(
        "INSERT INTO customer (chain_id, uuid, anonymized, data, updated_at) "
        "VALUES ('r1', :uuid, :anonymized, CAST(:data AS jsonb), now())"
    )
    try:
        with engine.begin() as connection:
            _downgrade(connection, "0010")
            assert "phone_digits" not in _customer_columns(connection)
            _add_chain(connection)
            for n, phone in enumerate(BACKFILLED):
                data = json.dumps({"uuid": f"c{n}", "phone": phone})
                connection.execute(insert, {"uuid": f"c{n}", "anonymized": False, "data": data})
            for uuid, data in (
                ("no-phone", {"uuid": "no-phone"}),
                ("null-phone", {"uuid": "null-phone", "phone": None}),
                ("forgotten", {"uuid": "forgotten", "phone": "+5511987654321"}),
            ):
                anonymized = uuid == "forgotten"
                connection.execute(
                    insert, {"uuid": uuid, "anonymized": anonymized, "data": json.dumps(data)}
                )
        upgrade(url)
        with engine.connect() as connection:
            held = dict(
                connection.execute(text("SELECT data->>'uuid', phone_digits FROM customer")).all()
            )
            expected = {f"c{n}": digits for n, digits in enumerate(BACKFILLED.values())}
            assert held == {**expected, "no-phone": None, "null-phone": None, "forgotten": None}
            assert "ix_customer_phone" in _customer_indexes(connection)
        from cloud.phones import phone_digits  # what the endpoint writes from an upsert

        assert {phone: phone_digits(phone) for phone in BACKFILLED} == BACKFILLED
        with engine.begin() as connection:
            _downgrade(connection, "0010")
            assert "phone_digits" not in _customer_columns(connection)
            assert "ix_customer_phone" not in _customer_indexes(connection)
            count = connection.execute(text("SELECT count(*) FROM customer")).scalar_one()
            assert count == len(BACKFILLED) + 3
        upgrade(url)
    finally:
        engine.dispose()


def _customer_indexes(connection: Connection) -> set[str]:
    return {str(index["name"]) for index in inspect(connection).get_indexes("customer")}
