"""Two counters (two SQLite files, two terminals) and the real endpoint between them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.models import Customer, CustomerBalance, LedgerEntry, Store
from posapp.core.pricing import Tender
from posapp.services.common.station import Station
from posapp.services.loyalty.verify import verify
from posapp.services.sales.checkout import (
    CheckoutRequest,
    LineRequest,
    SaleResult,
    TenderRequest,
    checkout,
)
from posapp.services.sync.authority import OnlineAuthority
from posapp.services.sync.client import CONNECT_TIMEOUT, READ_TIMEOUT, SyncClient
from posapp.services.sync.config import SyncConfig, save_sync_config
from posapp.services.sync.cycle import SyncResult, run_cycle
from tests.cloud_fixtures import Chain, CloudServer
from tests.support import MANAGER_PIN, MovableClock, Shop, open_shop

PROGRAM = "cosmetics"
"""10 % cashback, no pending days, a R$ 5,00 voucher after a purchase above R$ 20,00."""


@dataclass
class Counter:
    """One shop's counter: its database, its terminal, its client."""

    name: str
    shop: Shop
    url: str
    token: str
    clients: list[SyncClient] = field(default_factory=list)

    @property
    def station(self) -> Station:
        return self.shop.station

    def client(
        self,
        *,
        url: str | None = None,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
    ) -> SyncClient:
        made = SyncClient(
            url or self.url,
            self.token,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
        )
        self.clients.append(made)
        return made

    def sync(self, client: SyncClient | None = None) -> SyncResult:
        return run_cycle(self.station, client or self.default_client)

    @property
    def default_client(self) -> SyncClient:
        if not self.clients:
            self.client()
        return self.clients[0]

    def sell(
        self,
        *items: str,
        customer: int | None = None,
        cash: int = 0,
        cashback: int = 0,
        voucher: str | None = None,
        online: bool = True,
    ) -> SaleResult:
        """A sale through checkout, asking the endpoint first when `online`."""
        payments = []
        if voucher:
            payments.append(TenderRequest(Tender.VOUCHER, voucher=voucher))
        if cashback:
            payments.append(TenderRequest(Tender.CASHBACK, cashback))
        if cash:
            payments.append(TenderRequest(Tender.CASH, cash))
        request = CheckoutRequest(
            staff_id=self.shop.cashier_id,
            lines=[LineRequest(self.shop.items[name]) for name in items],
            payments=payments,
            customer_id=customer,
        )
        authority = (
            OnlineAuthority(self.station, self.default_client, large_spend_centavos=5_000)
            if online
            else None
        )
        return checkout(self.station, request, authority)

    def customer_id(self, customer_uuid: str) -> int:
        with self.station.read() as session:
            found = session.scalar(select(Customer.id).where(Customer.uuid == customer_uuid))
        assert found is not None, f"{self.name} does not know customer {customer_uuid}"
        return found

    def customer_uuid(self, customer_id: int) -> str:
        with self.station.read() as session:
            found = session.scalar(select(Customer.uuid).where(Customer.id == customer_id))
        assert found is not None
        return found

    def balances(self) -> dict[str, int]:
        """Every customer's stored balance (units), by uuid."""
        with self.station.read() as session:
            rows = session.execute(
                select(Customer.uuid, CustomerBalance.units).join(
                    CustomerBalance, CustomerBalance.customer_id == Customer.id
                )
            ).all()
        return {customer_uuid: units for customer_uuid, units in rows}

    def entry_uuids(self) -> list[str]:
        with self.station.read() as session:
            return list(session.scalars(select(LedgerEntry.uuid)))

    def faults(self) -> list[str]:
        return [fault.message("en") for fault in verify(self.station)]

    def close(self) -> None:
        for made in self.clients:
            made.close()
        self.station.close()


@dataclass
class Network:
    server: CloudServer
    chain: Chain
    make: Callable[..., Counter]

    def network_balance(self, customer_uuid: str, via: Counter) -> int:
        return via.default_client.balance(customer_uuid).total


def rename_store(station: Station, name: str) -> None:
    with station.write() as session:
        store = session.scalars(select(Store)).one()
        store.name = name


@pytest.fixture(autouse=True)
def _counter_clocks_may_run_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests move a counter's clock months ahead (cashback expiry after 180 days)
    while the endpoint keeps the real one: its `serve` (started after this, by
    `cloud_server`) accepts event times up to 400 days ahead instead of 2."""
    monkeypatch.setenv("POSAPP_CLOUD_CLOCK_SKEW_DAYS", "400")


@pytest.fixture
def clock() -> MovableClock:
    """Near the wall clock: the endpoint judges expiry and claims' 15 minutes by its own."""
    return MovableClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def network(cloud_server: CloudServer, tmp_path: Path, clock: MovableClock) -> Iterator[Network]:
    chain = cloud_server.create_chain("Rede Bela")
    made: list[Counter] = []

    def make(name: str, *, url: str | None = None, program: Any = PROGRAM) -> Counter:
        shop = open_shop(tmp_path / f"{name}.sqlite", program, clock)
        rename_store(shop.station, name)
        token = cloud_server.add_terminal(chain, f"Caixa {name}")
        save_sync_config(
            shop.station,
            SyncConfig(url=url or cloud_server.url, token=token, enabled=True),
            staff_id=shop.manager_id,
            manager_pin=MANAGER_PIN,
        )
        counter = Counter(name, shop, url or cloud_server.url, token)
        made.append(counter)
        return counter

    yield Network(cloud_server, chain, make)
    for counter in made:
        counter.close()


def converge(*counters: Counter, rounds: int = 3) -> None:
    """Sync every counter in turn until a full round moves nothing."""
    for _ in range(rounds):
        moved = 0
        for counter in counters:
            result = counter.sync()
            assert result.ok, result.error_en
            moved += result.pushed + result.pulled
        if moved == 0:
            return
