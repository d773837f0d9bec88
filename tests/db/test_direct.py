"""`Direct` statements read and write what `Connection.execute` would, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, bindparam, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from db.direct import Direct
from db.engine import make_engine
from db.migrate import upgrade
from db.models import Customer, CustomerBalance, loaded_row, table_of

CUSTOMER = table_of(Customer)
SAO_PAULO = timezone(timedelta(hours=-3))


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    path = tmp_path / "direct.sqlite"
    upgrade(path)
    return make_engine(path)


def _customer(number: int, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "uuid": f"00000000-0000-4000-8000-{number:012d}",
        "cpf": None,
        "phone": None,
        "name": f"Cliente {number}",
        "email": None,
        "birthday": date(1990, 5, number),
        "marketing_consent": number % 2 == 0,
        "consent_at": None,
        "referral_code": f"REF{number:04d}",
        "referred_by_id": None,
        "created_at": datetime(2026, 12, 7, 13, 30, number, 250, tzinfo=SAO_PAULO),
    }
    return values | changes


def test_rows_written_directly_read_back_the_same_through_sqlalchemy(engine: Engine) -> None:
    with engine.begin() as connection:
        Direct(insert(CUSTOMER)).executemany(connection, [_customer(1), _customer(2)])
        through_core = connection.execute(select(CUSTOMER).order_by(CUSTOMER.c.id)).all()
        direct = Direct(select(CUSTOMER).order_by(CUSTOMER.c.id)).rows(connection, {})
    assert [tuple(row) for row in through_core] == direct
    first = direct[0]
    assert first[CUSTOMER.c.keys().index("created_at")] == datetime(
        2026, 12, 7, 16, 30, 1, 250, tzinfo=UTC
    )  # stored as UTC, returned aware
    assert first[CUSTOMER.c.keys().index("birthday")] == date(1990, 5, 1)
    assert [row[CUSTOMER.c.keys().index("marketing_consent")] for row in direct] == [False, True]


def test_an_in_list_a_limit_and_a_repeated_parameter(engine: Engine) -> None:
    names = Direct(
        select(CUSTOMER.c.name)
        .where(CUSTOMER.c.id.in_(bindparam("ids", expanding=True)))
        .where(CUSTOMER.c.name != bindparam("not_named"))
        .order_by(CUSTOMER.c.id.desc())
        .limit(2)
    )
    with engine.begin() as connection:
        Direct(insert(CUSTOMER)).executemany(connection, [_customer(n) for n in range(1, 6)])
        wanted = {"ids": [1, 2, 3, 5], "not_named": "Cliente 5"}
        assert names.rows(connection, wanted) == [("Cliente 3",), ("Cliente 2",)]
        assert names.first(connection, wanted) == ("Cliente 3",)  # the first in order
        assert names.rows(connection, {"ids": [], "not_named": ""}) == []
        assert names.first(connection, {"ids": [4], "not_named": ""}) == ("Cliente 4",)


def test_an_update_takes_its_columns_from_the_parameters(engine: Engine) -> None:
    rename = Direct(update(CUSTOMER).where(CUSTOMER.c.id == bindparam("customer_id")))
    with engine.begin() as connection:
        Direct(insert(CUSTOMER)).execute(connection, _customer(1))
        moved = rename.execute(connection, {"customer_id": 1, "name": "Ana", "consent_at": None})
        assert moved.rowcount == 1
        assert rename.execute(connection, {"customer_id": 9, "name": "X"}).rowcount == 0
        assert connection.execute(select(CUSTOMER.c.name)).scalar_one() == "Ana"


def test_a_broken_constraint_is_sqlalchemys_error_and_the_transaction_can_roll_back(
    engine: Engine,
) -> None:
    write = Direct(insert(CUSTOMER))
    with pytest.raises(IntegrityError), engine.begin() as connection:
        write.execute(connection, _customer(1))
        write.execute(connection, _customer(2, referral_code="REF0001"))
    with engine.connect() as connection:
        assert connection.execute(select(CUSTOMER.c.id)).all() == []  # both rolled back


def test_on_a_connection_not_begun_it_begins_the_transaction_as_sqlalchemy_would(
    engine: Engine,
) -> None:
    with engine.connect() as connection:
        Direct(insert(CUSTOMER)).execute(connection, _customer(1))
        assert connection.in_transaction()
        connection.rollback()
    with engine.connect() as connection:
        assert connection.execute(select(CUSTOMER.c.id)).all() == []  # nothing autocommitted


def test_a_missing_value_is_refused_before_anything_runs(engine: Engine) -> None:
    balance = Direct(insert(table_of(CustomerBalance)))
    with engine.begin() as connection:
        Direct(insert(CUSTOMER)).execute(connection, _customer(1))
        # `units` has a Python-side default that only Connection.execute would fill in.
        with pytest.raises(ValueError, match="units"):
            balance.execute(connection, {"customer_id": 1, "last_entry_at": None})
        nowhere = Table("nowhere", MetaData(), Column("id", Integer))
        with pytest.raises(OperationalError, match="no such table: nowhere"):
            Direct(select(nowhere)).rows(connection, {})


def test_a_loaded_row_is_the_sessions_object_and_its_changes_are_flushed(engine: Engine) -> None:
    with engine.begin() as connection:
        Direct(insert(CUSTOMER)).execute(connection, _customer(1))
    read = Direct(select(CUSTOMER).where(CUSTOMER.c.id == 1))
    with Session(engine) as session, session.begin():
        row = read.first(session.connection(), {})
        assert row is not None
        customer = loaded_row(session, Customer, row)
        assert customer is session.get(Customer, 1)  # no second object for the same row
        assert loaded_row(session, Customer, row) is customer
        assert customer.created_at == datetime(2026, 12, 7, 16, 30, 1, 250, tzinfo=UTC)
        assert customer.referred_by is None  # relationships load as for any loaded object
        customer.name = "Ana Souza"
    with Session(engine) as session:
        assert session.get(Customer, 1).name == "Ana Souza"  # type: ignore[union-attr]
