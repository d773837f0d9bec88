"""Many sales on two counters while a proxy drops, delays, duplicates, cuts and fails calls."""

from __future__ import annotations

import random
from urllib.parse import urlparse

import psycopg
from sqlalchemy import select

from db.models import OutboxEvent, Voucher
from posapp.services.sync.status import sync_status
from tests.support import MovableClock
from tests.sync.conftest import Counter, Network, converge
from tests.sync.fault_proxy import FAULTS, FaultProxy

ROUNDS = 36


def _server_rows(dsn: str, query: str) -> list[tuple[object, ...]]:
    with psycopg.connect(dsn) as connection:
        return list(connection.execute(query.encode()).fetchall())


def _open_local_voucher(counter: Counter, customer_id: int) -> str | None:
    with counter.station.read() as session:
        return session.scalars(
            select(Voucher.code).where(
                Voucher.customer_id == customer_id,
                Voucher.status == "open",
                Voucher.issue_sale_id.is_not(None),  # issued here, never offered elsewhere
            )
        ).first()


def test_sync_converges_exactly_once_through_injected_faults(
    network: Network, clock: MovableClock
) -> None:
    port = urlparse(network.server.url).port
    assert port is not None
    proxy = FaultProxy(port, seed=20261123).start()
    try:
        a = network.make("Centro", url=proxy.url)
        b = network.make("Shopping", url=proxy.url)
        for counter in (a, b):
            counter.client(read_timeout=1.0)  # the proxy's long delay is a timeout
        rng = random.Random(7)
        own = {
            a.name: [a.shop.enrol(f"Cliente A{n}", phone=f"11 97{n:03d}-0001") for n in range(3)],
            b.name: [b.shop.enrol(f"Cliente B{n}", phone=f"11 96{n:03d}-0002") for n in range(3)],
        }
        outcomes = []
        for round_ in range(ROUNDS):
            clock.advance(minutes=3)
            for counter in (a, b):
                customer = rng.choice(own[counter.name])
                voucher = _open_local_voucher(counter, customer) if round_ % 4 == 3 else None
                if voucher is not None:  # claimed through the faulty proxy: never blocks a sale
                    counter.sell("shampoo", customer=customer, voucher=voucher, cash=2_500)
                else:
                    counter.sell(rng.choice(["batom", "vestido"]), customer=customer, cash=20_000)
            if round_ % 3 == 2:
                outcomes += [a.sync().ok, b.sync().ok]
        assert False in outcomes  # the faults did bite
        assert set(proxy.counts) == set(FAULTS), proxy.counts

        proxy.faulty = False
        converge(a, b, rounds=4)
    finally:
        proxy.stop()

    assert sync_status(a.station).waiting == sync_status(b.station).waiting == 0
    server_entries = _server_rows(
        network.server.dsn, "SELECT uuid, count(*) FROM ledger_entry GROUP BY uuid"
    )
    assert all(count == 1 for _, count in server_entries)
    server_uuids = sorted(str(uuid) for uuid, _ in server_entries)
    a_entries, b_entries = a.entry_uuids(), b.entry_uuids()
    assert len(a_entries) == len(set(a_entries)) and len(b_entries) == len(set(b_entries))
    assert sorted(a_entries) == sorted(b_entries) == server_uuids
    assert len(server_uuids) > 4 * ROUNDS

    events = {str(uuid) for (uuid,) in _server_rows(network.server.dsn, "SELECT uuid FROM event")}
    for counter in (a, b):
        with counter.station.read() as session:
            pushed = set(session.scalars(select(OutboxEvent.uuid)))
        assert pushed <= events  # every outbox event reached the endpoint, once (unique uuid)

    # Applied once: the endpoint's running balance is the sum of its entries, and both
    # counters hold the same balances.
    sums = dict(
        _server_rows(
            network.server.dsn,
            "SELECT customer_uuid, sum(amount) FROM ledger_entry GROUP BY customer_uuid",
        )
    )
    totals = dict(
        _server_rows(network.server.dsn, "SELECT customer_uuid, total FROM customer_balance")
    )
    assert {k: int(v) for k, v in sums.items()} == {k: int(v) for k, v in totals.items()}  # type: ignore[call-overload]
    assert a.balances() == b.balances() == {k: int(v) for k, v in totals.items()}  # type: ignore[call-overload]
    assert a.faults() == [] and b.faults() == []
