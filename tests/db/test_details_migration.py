"""Migration 0019 leaves the details a counter already holds undated: the moment of their
last edit was not kept, and dating them by the upgrade would make an edit still on its way
from another counter lose. So a pulled upsert applies as before until her next edit here."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db.models import Customer
from posapp.services.common.station import Station, open_station
from posapp.services.customers.edit import update_customer
from posapp.services.sync.client import PulledEvent
from posapp.services.sync.pull import apply_page
from tests.db.test_consent_migration import GRANTED
from tests.db.test_release_0001 import RELEASE
from tests.support import MovableClock


def test_the_upgrade_leaves_details_undated_and_the_next_edit_here_dates_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "loja.sqlite"
    shutil.copyfile(RELEASE, path)
    now = datetime.now(UTC).replace(microsecond=0)
    station = open_station(path, clock=MovableClock(now))
    try:
        with station.read() as session:
            assert set(session.scalars(select(Customer.details_changed_at))) == {None}
        older = now - timedelta(days=3)  # written at a counter before the field
        apply_page(station, [_upsert(station, "e1", older, phone="+5511911112222")], 1)
        assert _phone(station) == "+5511911112222"  # as before

        staff = 3  # the release file's cashier
        update_customer(station, _id(station), staff_id=staff, phone="(11) 93333-4444")
        apply_page(station, [_upsert(station, "e2", older, phone="+5511955556666")], 2)
        assert _phone(station) == "+5511933334444"  # the newer edit here stands
    finally:
        station.close()


def _upsert(station: Station, uuid: str, at: datetime, **changes: Any) -> PulledEvent:
    with station.read() as session:
        row = session.scalars(select(Customer).where(Customer.uuid == GRANTED)).one()
        body = {
            "uuid": GRANTED,
            "name": row.name,
            "cpf": row.cpf,
            "phone": row.phone,
            "email": row.email,
            "marketing_consent": row.marketing_consent,
            "consent_at": row.consent_at.isoformat() if row.consent_at else None,
            "referral_code": row.referral_code,
            **changes,
        }
    return PulledEvent(1, uuid, "customer.upsert", at.isoformat(), "other-terminal", None, body)


def _id(station: Station) -> int:
    with station.read() as session:
        return session.scalars(select(Customer.id).where(Customer.uuid == GRANTED)).one()


def _phone(station: Station) -> str | None:
    with station.read() as session:
        return session.scalars(select(Customer.phone).where(Customer.uuid == GRANTED)).one()
