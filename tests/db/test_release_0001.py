"""The first release's database, with its data, upgraded through every migration and sold on.

tests/data/release_0001.sqlite3 is built by tests/data/make_release_0001.py: schema 0001
only, rows in every table written as that release wrote them (its program JSON, its PIN
hashes, its hash chain).
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import select

from db.migrate import alembic_config, head_revision
from db.models import LedgerEntry, Voucher
from posapp.core.pricing import Tender
from posapp.services.common.station import open_station
from posapp.services.customers.registry import account
from posapp.services.loyalty.verify import verify
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.support import MovableClock

RELEASE = Path(__file__).parent.parent / "data" / "release_0001.sqlite3"


def _tables(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                "'CREATE VIRTUAL%' AND name NOT LIKE 'customer_fts%' AND name <> 'alembic_version'"
            )
        ]
        counts = {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    connection.close()
    return counts


def test_the_release_file_is_schema_0001_with_rows_in_every_table() -> None:
    with sqlite3.connect(RELEASE) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0001",)
        ]
    connection.close()
    counts = _tables(RELEASE)
    assert len(counts) == 18
    assert [table for table, rows in counts.items() if rows == 0] == []


def test_a_0001_database_upgrades_to_head_keeps_its_data_verifies_and_sells(
    tmp_path: Path,
) -> None:
    path = tmp_path / "loja.sqlite"
    shutil.copyfile(RELEASE, path)
    revisions = [s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()]
    assert revisions[-1] == "0001" and len(revisions) > 1

    station = open_station(path, clock=MovableClock(datetime(2026, 3, 3, 13, 0, tzinfo=UTC)))
    try:
        migration = station.migration
        assert migration is not None
        assert (migration.before, migration.after) == ("0001", head_revision())
        assert migration.backup is not None and migration.backup.exists()
        assert verify(station) == []

        maria = account(station, 1)
        assert (maria.balance.total, maria.spendable_value) == (499, 499)
        with station.read() as session:
            head = session.scalars(select(LedgerEntry).order_by(LedgerEntry.seq.desc())).first()
            assert head is not None and head.seq == 10
            old_hash = head.hash
            assert station.program(session).key == "cosmetics"

        # Maria, the next day: a lipstick with the voucher the refund gave back, her
        # R$ 4,99 of cashback and cash, on the shift still open and the staff of 0001.
        sale = checkout(
            station,
            CheckoutRequest(
                staff_id=3,
                lines=[LineRequest(1)],
                payments=[
                    TenderRequest(Tender.VOUCHER, voucher="NGVQ-31MP-V94N-C"),
                    TenderRequest(Tender.CASHBACK, 499),
                    TenderRequest(Tender.CASH, 5_000),
                ],
                customer_id=1,
            ),
        )
        assert (sale.number, sale.total, sale.redeemed) == (3, 4_990, 499)
        assert sale.change == 500 + 499 + 5_000 - 4_990
        assert sale.earned == (4_990 - 500 - 499) // 10  # 10 % of what was paid in money
        assert verify(station) == []
        with station.read() as session:
            first_new = session.scalars(select(LedgerEntry).where(LedgerEntry.seq == 11)).one()
            assert first_new.prev_hash == old_hash
            voucher = session.scalars(
                select(Voucher).where(Voucher.code == "NGVQ-31MP-V94N-C")
            ).one()
            assert (voucher.status, voucher.redeemed_sale_id) == ("redeemed", sale.sale_id)
        assert account(station, 1).balance.total == sale.earned
    finally:
        station.close()
