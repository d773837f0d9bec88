"""A small catalogue of fakes and builders shared by the tests."""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from db.models import Customer, SaleLine
from posapp.core.codes import CROCKFORD, normalize_voucher_code
from posapp.core.errors import UnknownVoucher
from posapp.core.presets import preset
from posapp.core.pricing import Tender
from posapp.core.program import LoyaltyProgram
from posapp.services.admin.store_setup import set_up_store
from posapp.services.cash.shifts import open_shift
from posapp.services.common.auth import Role, add_staff
from posapp.services.common.station import Station, open_station
from posapp.services.customers.adjustments import adjust
from posapp.services.customers.registry import Enrolment, account, enrol
from posapp.services.sales import catalog
from posapp.services.sales.checkout import (
    CheckoutRequest,
    LineRequest,
    SaleResult,
    TenderRequest,
    checkout,
)
from posapp.services.sales.refunds import RefundRequest, refund

MANAGER_PIN = "9999"
CASHIER_PIN = "1111"


class MovableClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime(2026, 3, 2, 13, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@dataclass
class Shop:
    """A set-up counter with a few items and staff, on a real SQLite file."""

    station: Station
    clock: MovableClock
    program: LoyaltyProgram
    admin_id: int
    manager_id: int
    cashier_id: int
    professional_id: int
    items: dict[str, int] = field(default_factory=dict)

    def enrol(
        self, name: str, cpf: str | None = None, phone: str | None = None, **kw: object
    ) -> int:
        return enrol(self.station, Enrolment(name=name, cpf=cpf, phone=phone, **kw)).id  # type: ignore[arg-type]

    def add_item(self, key: str, name: str, price: int, category: str = "cosmeticos") -> None:
        """A product sold by `key` in `sell`, like the items the shop opened with."""
        with self.station.write() as session:
            self.items[key] = catalog.add_item(
                session, name=name, price=price, sku=key.upper(), category_code=category
            ).id

    def line_id(self, sale_id: int, description: str) -> int:
        """The id of the sale's line with this description (what a refund names)."""
        with self.station.read() as session:
            found = session.scalars(
                select(SaleLine.id).where(
                    SaleLine.sale_id == sale_id, SaleLine.description == description
                )
            ).first()
        assert found is not None
        return found

    def credit(self, customer_id: int, units: int) -> None:
        """A manager's adjustment: `units` on the customer's balance, spendable at once."""
        adjust(
            self.station,
            customer_id=customer_id,
            units=units,
            reason="teste",
            staff_id=self.manager_id,
            manager_pin=MANAGER_PIN,
        )

    def customer_uuid(self, customer_id: int) -> str:
        """The customer's uuid, as sync and the chain's events name them."""
        with self.station.read() as session:
            found = session.scalar(select(Customer.uuid).where(Customer.id == customer_id))
        assert found is not None
        return found

    def sell(
        self,
        *items: str | tuple[str, int],
        customer: int | None = None,
        cash: int | None = None,
        pix: int | None = None,
        cashback: int = 0,
        voucher: str | None = None,
        sale_discount: int = 0,
        staff: int | None = None,
    ) -> SaleResult:
        """Ring up items by name (or (name, qty)), paid with the tenders given."""
        lines = []
        for entry in items:
            name, qty = (entry, 1) if isinstance(entry, str) else entry
            lines.append(LineRequest(self.items[name], qty))
        payments = []
        if voucher:
            payments.append(TenderRequest(Tender.VOUCHER, voucher=voucher))
        if cashback:
            payments.append(TenderRequest(Tender.CASHBACK, cashback))
        if cash:
            payments.append(TenderRequest(Tender.CASH, cash))
        if pix:
            payments.append(TenderRequest(Tender.PIX, pix))
        request = CheckoutRequest(
            staff_id=staff or self.cashier_id,
            lines=lines,
            payments=payments,
            customer_id=customer,
            sale_discount=sale_discount,
        )
        return checkout(self.station, request)


def open_shop(
    path: Path,
    program: LoyaltyProgram | str,
    clock: MovableClock | None = None,
    *,
    opening_float: int | None = 0,
) -> Shop:
    """A set-up shop whose cashier has opened the shift (no shift when opening_float is None)."""
    clock = clock or MovableClock()
    program = preset(program) if isinstance(program, str) else program
    station = open_station(path, clock=clock)
    result = set_up_store(
        station, name="Loja Teste", program=program, admin_name="Ana Admin", admin_pin="0000"
    )
    with station.write() as session:
        manager = add_staff(session, "Marta Gerente", Role.MANAGER, MANAGER_PIN, clock())
        cashier = add_staff(session, "Carlos Caixa", Role.CASHIER, CASHIER_PIN, clock())
        pro = add_staff(session, "Paula Manicure", Role.PROFESSIONAL, "2222", clock())
        items = {
            "shampoo": catalog.add_item(
                session,
                name="Shampoo 300 ml",
                price=3_000,
                gtin="7891000100103",
                category_code="higiene",
            ),
            "dipirona": catalog.add_item(
                session,
                name="Dipirona 500 mg",
                price=1_250,
                gtin="7896004700014",
                category_code="medicamentos",
            ),
            "batom": catalog.add_item(
                session, name="Batom matte", price=4_990, sku="BAT-01", category_code="cosmeticos"
            ),
            "corte": catalog.add_item(
                session,
                name="Corte feminino",
                price=8_000,
                kind=catalog.SERVICE,
                sku="SRV-CORTE",
                duration_min=60,
                category_code="servicos",
            ),
            "manicure": catalog.add_item(
                session,
                name="Manicure",
                price=3_500,
                kind=catalog.SERVICE,
                sku="SRV-MANI",
                duration_min=40,
                category_code="servicos",
            ),
            "vestido": catalog.add_item(
                session, name="Vestido midi", price=20_000, sku="VES-01", category_code="roupas"
            ),
        }
        ids = {name: item.id for name, item in items.items()}
        manager_id, cashier_id, pro_id = manager.id, cashier.id, pro.id
    if opening_float is not None:
        open_shift(station, cashier_id, opening_float)
    return Shop(station, clock, program, result.admin_id, manager_id, cashier_id, pro_id, ids)


def random_return(shop: Shop, sale_id: int, rng: random.Random, part_chance: float) -> str:
    """Take back some units of one line of the sale (with `part_chance`) or all of it, as
    the random-day tests do; the goods must come back exactly: money + loyalty + clawback."""
    with shop.station.read() as session:
        lines = session.execute(
            select(SaleLine.id, SaleLine.quantity).where(SaleLine.sale_id == sale_id)
        ).all()
    some = None
    if rng.random() < part_chance:
        line_id, quantity = rng.choice(lines)
        some = {line_id: rng.randint(1, quantity)}
    request = RefundRequest(sale_id, shop.cashier_id, MANAGER_PIN, "troca", some)
    done = refund(shop.station, request)
    assert done.money_back >= 0
    assert done.money_back + done.loyalty_share + done.clawback == done.goods_amount, done
    return f"refund of sale {sale_id}: {some or 'everything'}"


def voucher_code_beginning(start: str) -> str:
    """A well-formed voucher code (its check symbol right) whose first symbols are `start`
    (up to 12 Crockford symbols; the rest of the body is 7s)."""
    body = (start + "7" * 12)[:12]
    for symbol in CROCKFORD:
        with contextlib.suppress(UnknownVoucher):
            return normalize_voucher_code(body + symbol)
    raise AssertionError(f"no check symbol fits {body}")


def random_tenders(
    station: Station,
    program: LoyaltyProgram,
    customer_id: int | None,
    total: int,
    rng: random.Random,
) -> list[TenderRequest]:
    """How the random-day tests pay `total`: none, one or two of the customer's usable
    vouchers, some of the cashback the program lets her spend, the rest in cash or PIX."""
    payments, due = [], total
    if customer_id is not None:
        holder = account(station, customer_id)
        usable = [v for v in holder.open_vouchers if v.min_purchase <= total and v.value > 0]
        rng.shuffle(usable)
        for voucher in usable[: rng.randint(0, 2)]:
            if due <= 0:
                break
            payments.append(TenderRequest(Tender.VOUCHER, voucher=voucher.code))
            due -= min(voucher.value, due)
        cashback = min(holder.spendable_value, program.redeem_cap(total), due)
        if cashback > 0 and rng.random() < 0.6:
            cashback = rng.randint(1, cashback)
            payments.append(TenderRequest(Tender.CASHBACK, cashback))
            due -= cashback
    if due > 0:
        payments.append(TenderRequest(rng.choice([Tender.CASH, Tender.PIX]), due))
    return payments
