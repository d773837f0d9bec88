"""Random days at the counter keep every balance equal to its entries and verify clean."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import func, select

from db.models import CustomerBalance, LedgerEntry, SaleLine
from posapp.core.errors import PosError
from posapp.services.admin import loyalty_upkeep
from posapp.services.customers import adjustments
from posapp.services.customers import registry as customers
from posapp.services.loyalty.verify import verify
from posapp.services.sales.refunds import RefundRequest, refund, void
from tests.support import MANAGER_PIN, MovableClock, open_shop

ITEMS = ["shampoo", "dipirona", "batom", "corte", "manicure", "vestido"]


class CounterDay(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp())
        self.shop = open_shop(self.folder / "p.sqlite", "pharmacy", MovableClock())
        self.customers = [
            self.shop.enrol("Ana Souza", cpf="529.982.247-25"),
            self.shop.enrol("João Lima", phone="11 98765-4321"),
        ]
        self.sales: list[int] = []

    def teardown(self) -> None:
        self.shop.station.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(
        items=st.lists(st.sampled_from(ITEMS), min_size=1, max_size=4),
        who=st.integers(0, 2),
        spend=st.integers(0, 100),
    )
    def sell(self, items: list[str], who: int, spend: int) -> None:
        customer = self.customers[who] if who < 2 else None
        total = sum(self.price(name) for name in items)
        cashback = 0
        if customer is not None:
            account = customers.account(self.shop.station, customer)
            cap = self.shop.program.redeem_cap(total)
            cashback = min(account.spendable_value, cap) * spend // 100
        sale = self.shop.sell(*items, customer=customer, cashback=cashback, pix=total - cashback)
        self.sales.append(sale.sale_id)

    def price(self, name: str) -> int:
        return {
            "shampoo": 3_000,
            "dipirona": 1_250,
            "batom": 4_990,
            "corte": 8_000,
            "manicure": 3_500,
            "vestido": 20_000,
        }[name]

    @precondition(lambda self: bool(self.sales))
    @rule(pick=st.integers(0, 10**6), whole=st.booleans())
    def give_back(self, pick: int, whole: bool) -> None:
        sale_id = self.sales[pick % len(self.sales)]
        with self.shop.station.read() as session:
            first_line = session.scalar(select(SaleLine.id).where(SaleLine.sale_id == sale_id))
        lines = None if whole else {first_line: 1} if first_line else None
        with contextlib.suppress(PosError):  # already returned: refused, nothing written
            refund(
                self.shop.station,
                RefundRequest(sale_id, self.shop.cashier_id, MANAGER_PIN, "teste", lines),
            )

    @precondition(lambda self: bool(self.sales))
    @rule(pick=st.integers(0, 10**6))
    def cancel(self, pick: int) -> None:
        with contextlib.suppress(PosError):
            void(
                self.shop.station,
                self.sales[pick % len(self.sales)],
                self.shop.cashier_id,
                MANAGER_PIN,
                "teste",
            )

    @rule(days=st.integers(1, 200))
    def time_passes(self, days: int) -> None:
        self.shop.clock.advance(days=days)
        loyalty_upkeep.run_daily(self.shop.station)

    @rule(who=st.integers(0, 1), units=st.integers(-3_000, 3_000))
    def manager_adjusts(self, who: int, units: int) -> None:
        with contextlib.suppress(PosError):  # would overdraw: refused
            adjustments.adjust(
                self.shop.station,
                customer_id=self.customers[who],
                units=units,
                reason="ajuste",
                staff_id=self.shop.cashier_id,
                manager_pin=MANAGER_PIN,
            )

    @invariant()
    def balances_are_their_entries_and_never_overspent(self) -> None:
        with self.shop.station.read() as session:
            for customer in self.customers:
                total = session.scalar(
                    select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
                        LedgerEntry.customer_id == customer
                    )
                )
                projection = session.get(CustomerBalance, customer)
                assert (projection.units if projection else 0) == total
                assert total >= 0
        account = customers.account(self.shop.station, self.customers[0])
        assert account.balance.spendable >= 0

    @invariant()
    def verify_is_clean(self) -> None:
        assert verify(self.shop.station) == []


CounterDay.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestCounterDay = CounterDay.TestCase
