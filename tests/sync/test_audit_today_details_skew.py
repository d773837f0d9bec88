"""Audit of a customer's details across the chain (cc85fd0): a counter whose clock once
ran days ahead. The endpoint keeps its default 2 days of clock skew here."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import select

from db.models import SyncConflict
from posapp.services.customers.edit import update_customer
from tests.support import MovableClock
from tests.sync.conftest import Network, converge
from tests.sync.test_customer_details_across_counters import edit


@pytest.fixture(autouse=True)
def _counter_clocks_may_run_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """The endpoint's own skew (2 days), not the 400 the other sync tests allow."""
    monkeypatch.setenv("POSAPP_CLOUD_CLOCK_SKEW_DAYS", "2")


def consent_at_endpoint(network: Network, customer_uuid: str) -> object:
    with psycopg.connect(network.server.dsn) as connection:
        row = connection.execute(
            "SELECT data->>'marketing_consent' FROM customer WHERE uuid = %s", (customer_uuid,)
        ).fetchone()
    assert row is not None
    return row[0]


def test_a_consent_withdrawn_after_the_clock_is_set_right_reaches_the_chain(
    network: Network, clock: MovableClock
) -> None:
    """Counter A's clock ran ten days ahead for a while (a cashier edited Maria's e-mail
    then; the endpoint refused that push, too far ahead). The clock set right, Maria
    withdraws her marketing consent at A: that withdrawal reaches the endpoint, though
    her record at A still says her details were edited 'ten days from now' (sent as
    edited now: no edit is later than the present); a later edit at another counter is
    then the chain's."""
    a, b = network.make("A"), network.make("B")
    maria = a.customer_uuid(
        a.shop.enrol("Maria Souza", phone="+5511987654321", marketing_consent=True)
    )
    converge(a, b)
    assert consent_at_endpoint(network, maria) == "true"

    clock.advance(days=10)
    edit(a, maria, email="maria@example.com")
    a.sync()  # refused by the endpoint: set aside for the managers
    clock.advance(days=-10)
    update_customer(
        a.station, a.customer_id(maria), staff_id=a.shop.cashier_id, marketing_consent=False
    )
    before = refused(a)
    assert a.sync().ok
    assert refused(a) == before  # nothing more set aside
    assert consent_at_endpoint(network, maria) == "false"

    clock.advance(minutes=5)  # B, whose clock was always right, edits her: the chain has it
    edit(b, maria, phone="+5511933334444")
    converge(b, a)
    with psycopg.connect(network.server.dsn) as connection:
        row = connection.execute(
            "SELECT data->>'phone' FROM customer WHERE uuid = %s", (maria,)
        ).fetchone()
    assert row == ("+5511933334444",)


def refused(counter: object) -> int:
    with counter.station.read() as session:  # type: ignore[attr-defined]
        return len(
            session.scalars(select(SyncConflict).where(SyncConflict.kind == "event_refused")).all()
        )
