"""Random days at the counter, checked against a small model of what each balance must be.

The model (`Expected`) knows only the program's rules as a customer would state them
(10 % back on what was paid in money, cashback spent comes off, a refund or a void gives
the spent cashback back and takes the earned cashback back as far as the balance
allows, a manager's adjustment moves it) and never reads the ledger. Each step checks
the code's answer against it; the refusals the model expects are named (a sale undone
twice, an adjustment below zero) and must happen exactly when the model says so. The
run also counts its successful refunds and voids: a refund that always refused would
fail here.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from posapp.core.errors import BalanceWouldGoNegative, SaleNotRefundable
from posapp.core.program import LoyaltyProgram
from posapp.services.admin import loyalty_upkeep
from posapp.services.customers import adjustments
from posapp.services.customers import registry as customers
from posapp.services.loyalty.verify import verify
from posapp.services.sales.refunds import RefundRequest, refund, void
from tests.support import MANAGER_PIN, MovableClock, open_shop

PROGRAM = LoyaltyProgram(
    key="propriedades",
    name="10% de cashback em tudo, sem validade",
    segment="salon",
    earn_bps=1_000,
    expiry_days=0,
    max_redeem_bps=10_000,
)
PRICES = {
    "shampoo": 3_000,
    "dipirona": 1_250,
    "batom": 4_990,
    "corte": 8_000,
    "manicure": 3_500,
    "vestido": 20_000,
}

TALLY: Counter[str] = Counter()
"""What the run did, over every example: refunds and voids must have succeeded."""


@dataclass
class SaleModel:
    customer: int | None
    earned: int
    redeemed: int
    undone: bool = False


@dataclass
class Expected:
    """Each customer's balance as the program's rules say, computed apart from the code."""

    balance: dict[int, int] = field(default_factory=dict)
    sales: dict[int, SaleModel] = field(default_factory=dict)

    def sold(self, sale_id: int, customer: int | None, total: int, cashback: int) -> int:
        earned = (total - cashback) * 1_000 // 10_000 if customer is not None else 0
        self.sales[sale_id] = SaleModel(customer, earned, cashback)
        if customer is not None:
            self.balance[customer] += earned - cashback
        return earned

    def undone(self, sale_id: int) -> tuple[int, int]:
        """(restored, reversed): spent cashback back, then earned cashback taken as it can."""
        sale = self.sales[sale_id]
        sale.undone = True
        if sale.customer is None:
            return 0, 0
        self.balance[sale.customer] += sale.redeemed
        taken = min(sale.earned, max(self.balance[sale.customer], 0))
        self.balance[sale.customer] -= taken
        return sale.redeemed, taken


class CounterDay(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp())
        self.shop = open_shop(self.folder / "p.sqlite", PROGRAM, MovableClock())
        self.customers = [
            self.shop.enrol("Ana Souza", cpf="529.982.247-25"),
            self.shop.enrol("João Lima", phone="11 98765-4321"),
        ]
        self.model = Expected({customer: 0 for customer in self.customers})

    def teardown(self) -> None:
        self.shop.station.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(
        items=st.lists(st.sampled_from(sorted(PRICES)), min_size=1, max_size=4),
        who=st.integers(0, 2),
        spend=st.integers(0, 100),
    )
    def sell(self, items: list[str], who: int, spend: int) -> None:
        customer = self.customers[who] if who < 2 else None
        total = sum(PRICES[name] for name in items)
        cashback = min(self.model.balance[customer], total) * spend // 100 if customer else 0
        sale = self.shop.sell(*items, customer=customer, cashback=cashback, pix=total - cashback)
        expected_earned = self.model.sold(sale.sale_id, customer, total, cashback)
        assert (sale.total, sale.redeemed, sale.earned) == (total, cashback, expected_earned)
        TALLY["sale"] += 1

    def _pick(self, pick: int) -> int:
        return sorted(self.model.sales)[pick % len(self.model.sales)]

    @precondition(lambda self: bool(self.model.sales))
    @rule(pick=st.integers(0, 10**6))
    def give_back(self, pick: int) -> None:
        sale_id = self._pick(pick)
        request = RefundRequest(sale_id, self.shop.cashier_id, MANAGER_PIN, "teste")
        if self.model.sales[sale_id].undone:
            with pytest.raises(SaleNotRefundable):
                refund(self.shop.station, request)
            TALLY["refund refused"] += 1
            return
        done = refund(self.shop.station, request)
        restored, taken = self.model.undone(sale_id)
        assert (done.cashback_restored, done.cashback_reversed) == (restored, taken)
        TALLY["refund"] += 1

    @precondition(lambda self: bool(self.model.sales))
    @rule(pick=st.integers(0, 10**6))
    def cancel(self, pick: int) -> None:
        sale_id = self._pick(pick)
        if self.model.sales[sale_id].undone:
            with pytest.raises(SaleNotRefundable):
                void(self.shop.station, sale_id, self.shop.cashier_id, MANAGER_PIN, "teste")
            TALLY["void refused"] += 1
            return
        done = void(self.shop.station, sale_id, self.shop.cashier_id, MANAGER_PIN, "teste")
        restored, taken = self.model.undone(sale_id)
        assert (done.cashback_restored, done.cashback_reversed) == (restored, taken)
        TALLY["void"] += 1

    @rule(days=st.integers(1, 200))
    def time_passes(self, days: int) -> None:
        self.shop.clock.advance(days=days)
        loyalty_upkeep.run_daily(self.shop.station)

    @rule(who=st.integers(0, 1), units=st.integers(-3_000, 3_000).filter(bool))
    def manager_adjusts(self, who: int, units: int) -> None:
        customer = self.customers[who]

        def adjust() -> None:
            adjustments.adjust(
                self.shop.station,
                customer_id=customer,
                units=units,
                reason="ajuste",
                staff_id=self.shop.cashier_id,
                manager_pin=MANAGER_PIN,
            )

        if self.model.balance[customer] + units < 0:
            with pytest.raises(BalanceWouldGoNegative):
                adjust()
            TALLY["adjust refused"] += 1
            return
        adjust()
        self.model.balance[customer] += units
        TALLY["adjust"] += 1

    @invariant()
    def every_balance_is_the_models(self) -> None:
        for customer in self.customers:
            balance = customers.account(self.shop.station, customer).balance
            assert balance.total == self.model.balance[customer]
            assert balance.spendable == self.model.balance[customer] >= 0

    @invariant()
    def verify_is_clean(self) -> None:
        assert verify(self.shop.station) == []


def test_random_days_keep_every_balance_as_the_model_says() -> None:
    TALLY.clear()
    run_state_machine_as_test(
        CounterDay,
        settings=settings(
            max_examples=25,
            stateful_step_count=12,
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    assert TALLY["refund"] > 0 and TALLY["void"] > 0, TALLY
    assert TALLY["refund refused"] + TALLY["void refused"] > 0, TALLY
    assert TALLY["adjust"] > 0 and TALLY["adjust refused"] > 0, TALLY
