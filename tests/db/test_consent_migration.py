"""Migration 0018 dates the consent decisions a counter already holds, so a stale upsert
pulled after the upgrade (a yes written before a withdrawal) cannot grant them again."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from db.models import Customer
from posapp.services.common.station import open_station
from posapp.services.sync.client import PulledEvent
from posapp.services.sync.pull import apply_page
from tests.db.test_release_0001 import RELEASE
from tests.support import MovableClock

GRANTED = "5f77a8b7-8035-4afc-8279-e5ce9b546bc1"
"""Consent given 2026-03-02 13:00 in the release file."""
REFUSED = "6a88b9c8-9146-4bfd-9380-f6df0c657cd2"
"""No consent (never given, or withdrawn: 0001 kept no moment for it)."""


def test_the_upgrade_dates_each_consent_and_a_stale_yes_pulled_later_does_not_undo_a_no(
    tmp_path: Path,
) -> None:
    path = tmp_path / "loja.sqlite"
    shutil.copyfile(RELEASE, path)
    before = datetime.now(UTC) - timedelta(seconds=1)
    station = open_station(path, clock=MovableClock(datetime.now(UTC)))
    try:
        with station.read() as session:
            rows = {c.uuid: c for c in session.scalars(select(Customer))}
            granted, refused = rows[GRANTED], rows[REFUSED]
            assert (
                granted.consent_changed_at
                == granted.consent_at
                == datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
            )
            assert refused.consent_changed_at is not None and refused.consent_changed_at > before
            stale = {
                "uuid": REFUSED,
                "name": refused.name,
                "cpf": refused.cpf,
                "phone": refused.phone,
                "marketing_consent": True,
                "consent_at": (before - timedelta(days=3)).isoformat(),  # an older counter's
                "referral_code": refused.referral_code,
            }
        event = PulledEvent(
            1, "e1", "customer.upsert", before.isoformat(), "other-terminal", None, stale
        )
        apply_page(station, [event], 1)
        with station.read() as session:
            customer = session.scalars(select(Customer).where(Customer.uuid == REFUSED)).one()
            assert customer.marketing_consent is False
    finally:
        station.close()
