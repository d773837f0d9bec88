"""Migration 0020 keeps what older sales did: the customer's CPF stays on their note (sold
before the cashier was asked "CPF na nota?", they are taken as a yes), and it goes back down."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import select

from db.engine import make_engine
from db.migrate import alembic_config, head_revision, upgrade
from db.models import Sale
from posapp.services.common.station import open_station
from posapp.services.invoices.mapping import sale_for_note
from tests.db.test_release_0001 import RELEASE
from tests.support import MovableClock


def test_old_sales_keep_the_customers_cpf_on_their_note(tmp_path: Path) -> None:
    path = tmp_path / "loja.sqlite"
    shutil.copyfile(RELEASE, path)
    station = open_station(path, clock=MovableClock())
    try:
        with station.read() as session:
            assert set(session.scalars(select(Sale.cpf_on_note))) == {True}
            data = sale_for_note(session, 1)
            assert data is not None and data.consumer_cpf == "52998224725"
    finally:
        station.close()


def _columns(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(sale)")}
    connection.close()
    return columns


def test_the_column_goes_back_down_and_up(tmp_path: Path) -> None:
    path = tmp_path / "loja.sqlite"
    shutil.copyfile(RELEASE, path)
    upgrade(path)
    assert "cpf_on_note" in _columns(path)
    config = alembic_config()
    engine = make_engine(path)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0019")
    engine.dispose()
    columns = _columns(path)
    assert "cpf_on_note" not in columns and "customer_id" in columns
    assert upgrade(path).after == head_revision() and "cpf_on_note" in _columns(path)
