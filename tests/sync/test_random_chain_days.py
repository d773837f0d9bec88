"""Random days of a chain of two counters against the real endpoint (PostgreSQL behind it).

Customers enrol at either store, earn and spend cashback and vouchers at both, asking
the endpoint first (online) or not (a counter that cannot reach it); sales are
refunded or voided where they were rung up; either counter syncs at any moment; days
pass with each counter's nightly upkeep. After every step both files pass their own
checks; at the end, synced, both hold the same ledger and balances, and the endpoint
gives each customer the same balance.

The steps come from fixed seeds and a failure's message lists them all; a rerun may
take other turns (the counters' clock starts at the wall clock's time, and the endpoint
judges holds and expiry by its own), so a failure found here is pinned by a test of its
own: the overdraft of a refund's reversal (tests/sync/test_conflicts_and_orders.py) came
from this test.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from sqlalchemy import select

from db.models import Customer, Item, SyncConflict
from posapp.core.errors import PosError
from posapp.services.admin import loyalty_upkeep
from posapp.services.customers import registry as customers
from posapp.services.customers.registry import Enrolment, enrol
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, checkout
from posapp.services.sales.refunds import void
from posapp.services.sync.authority import OnlineAuthority
from tests.support import MANAGER_PIN, MovableClock, random_return, random_tenders
from tests.sync.conftest import Counter, Network, converge

CPFS = ("529.982.247-25", "111.444.777-35", "390.533.447-05", "123.456.789-09")
STEPS = 40


class ChainDays:
    """Two counters, the customers' uuids, and where each sale was rung up."""

    def __init__(self, counters: list[Counter], clock: MovableClock, rng: random.Random) -> None:
        self.counters = counters
        self.clock = clock
        self.rng = rng
        self.customers: list[str] = []
        self.sales: list[tuple[Counter, int]] = []
        self.log: list[str] = []

    def step(self) -> None:
        actions: dict[str, Callable[[Counter], str]] = {
            "sell": self.sell,
            "refund": self.give_back,
            "void": self.cancel,
            "sync": self.sync,
            "days": self.days_pass,
            "enrol": self.enrol,
        }
        name = self.rng.choices(list(actions), [10, 3, 2, 5, 2, 2])[0]
        counter = self.rng.choice(self.counters)
        try:
            self.log.append(f"{counter.name}: {actions[name](counter)}")
        except PosError as refused:
            self.log.append(f"{counter.name}: {name} refused: {refused.message('en')}")

    def _known_here(self, counter: Counter) -> list[int]:
        with counter.station.read() as session:
            found = session.scalars(select(Customer.id).where(Customer.uuid.in_(self.customers)))
            return sorted(found)

    def sell(self, counter: Counter) -> str:
        rng = self.rng
        with counter.station.read() as session:
            prices = {row.id: row.price for row in session.execute(select(Item.id, Item.price))}
        chosen = rng.sample(sorted(prices), rng.randint(1, 3))
        lines = [LineRequest(item, rng.randint(1, 2), 0) for item in chosen]
        total = sum(prices[line.item_id] * line.quantity for line in lines)
        who = rng.choice([*self._known_here(counter), None])
        payments = random_tenders(counter.station, counter.shop.program, who, total, rng)
        online = rng.random() < 0.7
        authority = (
            OnlineAuthority(counter.station, counter.default_client, large_spend_centavos=5_000)
            if online
            else None
        )
        request = CheckoutRequest(
            staff_id=counter.shop.cashier_id, lines=lines, payments=payments, customer_id=who
        )
        sale = checkout(counter.station, request, authority)
        self.sales.append((counter, sale.sale_id))
        paid = [(p.tender.value, p.amount) for p in payments]
        where = "online" if online else "offline"
        return f"sale {sale.sale_id} ({where}): customer {who}, R$ {total / 100:.2f}, {paid}"

    def _a_sale_of(self, counter: Counter) -> int | None:
        here = [sale_id for at, sale_id in self.sales if at is counter]
        return self.rng.choice(here) if here else None

    def give_back(self, counter: Counter) -> str:
        sale_id = self._a_sale_of(counter)
        if sale_id is None:
            return "refund: no sale here yet"
        return random_return(counter.shop, sale_id, self.rng, 0.5)

    def cancel(self, counter: Counter) -> str:
        sale_id = self._a_sale_of(counter)
        if sale_id is None:
            return "void: no sale here yet"
        void(counter.station, sale_id, counter.shop.cashier_id, MANAGER_PIN, "errada")
        return f"void of sale {sale_id}"

    def sync(self, counter: Counter) -> str:
        result = counter.sync()
        assert result.ok, result.error_en
        return f"sync: {result.pushed} pushed, {result.pulled} pulled"

    def days_pass(self, counter: Counter) -> str:
        days = self.rng.choice([1, 7, 31])
        self.clock.advance(days=days)
        for each in self.counters:
            loyalty_upkeep.run_daily(each.station)
        return f"{days} days pass (upkeep at both)"

    def enrol(self, counter: Counter) -> str:
        if len(self.customers) == len(CPFS):
            return "enrol: every CPF used"
        cpf = CPFS[len(self.customers)]
        made = enrol(counter.station, Enrolment(name=f"Cliente {len(self.customers)}", cpf=cpf))
        self.customers.append(made.uuid)
        return f"customer {made.uuid[:8]} enrolled"

    def check(self) -> None:
        """No fault in either file; a balance below zero only as an overdraft the endpoint
        reported (cashback spent at one store while another took it back), for a manager."""
        for counter in self.counters:
            assert counter.faults() == [], self.story()
            with counter.station.read() as session:
                disputed = set(
                    session.scalars(
                        select(SyncConflict.customer_uuid).where(SyncConflict.status == "open")
                    )
                )
            for customer_id in self._known_here(counter):
                account = customers.account(counter.station, customer_id)
                if account.balance.total < 0:
                    assert account.summary.uuid in disputed, f"{counter.name}\n{self.story()}"

    def story(self) -> str:
        return "\n".join(f"{n}. {line}" for n, line in enumerate(self.log, start=1))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("program", "seed"),
    [("pharmacy", 34), ("pharmacy", 3), ("cosmetics", 25), ("cosmetics", 2), ("fashion", 35)],
)
def test_random_chain_days_end_with_one_ledger_and_the_same_balances(
    network: Network, clock: MovableClock, program: str, seed: int
) -> None:
    a, b = network.make("Centro", program=program), network.make("Shopping", program=program)
    days = ChainDays([a, b], clock, random.Random(seed))
    days.enrol(a)
    for _ in range(STEPS):
        days.step()
        days.check()
    converge(a, b, rounds=5)
    story = days.story()
    assert a.balances() == b.balances(), story
    assert sorted(a.entry_uuids()) == sorted(b.entry_uuids()), story
    assert a.faults() == [] and b.faults() == [], story
    for customer_uuid, units in a.balances().items():
        assert network.network_balance(customer_uuid, b) == units, story
    assert sum(line.split(": ", 1)[1].startswith("sale ") for line in days.log) >= 5, story
