"""Bad input is refused with a clear message in pt_BR and en, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from db.models import AuditLog, Customer, LedgerEntry, OutboxEvent, Sale, Voucher
from posapp.core.errors import (
    CashbackAboveBalance,
    CustomerIdentityRequired,
    CustomerRequired,
    DuplicateCustomer,
    InvalidCPF,
    InvalidPrice,
    InvalidQuantity,
    NotAuthorized,
    PaymentOver,
    PaymentShort,
    PosError,
    UnknownItem,
    UnknownVoucher,
    VoucherExpired,
)
from posapp.core.pricing import Tender
from posapp.services.customers.adjustments import adjust
from posapp.services.customers.registry import Enrolment, enrol
from posapp.services.sales import catalog
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]
TABLES = (Sale, LedgerEntry, Voucher, OutboxEvent, AuditLog, Customer)


def counts(shop: Shop) -> dict[str, int]:
    """Rows of each table, but the audit of refused approvals (written by design)."""
    with shop.station.read() as session:
        found = {
            t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0
            for t in TABLES
        }
        found["audit_log"] -= (
            session.scalar(
                select(func.count()).select_from(AuditLog).where(AuditLog.action == "auth.refused")
            )
            or 0
        )
        return found


@contextmanager
def refused(shop: Shop, error: type[PosError], *words: str) -> Iterator[None]:
    before = counts(shop)
    with pytest.raises(error) as caught:
        yield
    assert counts(shop) == before, "a refused action wrote something"
    pt, en = caught.value.message("pt_BR"), caught.value.message("en")
    assert pt != en and pt and en
    for word in words:
        assert word in pt


def test_refusals_at_the_counter(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    shop.sell("batom", customer=maria, pix=4_990)  # R$ 4,99 of cashback

    with refused(shop, InvalidCPF, "CPF inválido"):
        enrol(shop.station, Enrolment(name="Zé", cpf="123.456.789-00"))
    with refused(shop, CustomerIdentityRequired):
        enrol(shop.station, Enrolment(name="Sem documento"))
    with refused(shop, DuplicateCustomer):
        enrol(shop.station, Enrolment(name="Outra Maria", cpf="52998224725"))
    with refused(shop, UnknownItem, "não cadastrado"):
        catalog.find_by_code(shop.station, "7891234567895")
    with refused(shop, UnknownItem):
        checkout(
            shop.station,
            CheckoutRequest(shop.cashier_id, [LineRequest(9_999)], [TenderRequest(Tender.PIX, 1)]),
        )
    for quantity in (0, -2):
        with refused(shop, InvalidQuantity):
            checkout(
                shop.station,
                CheckoutRequest(
                    shop.cashier_id,
                    [LineRequest(shop.items["batom"], quantity)],
                    [TenderRequest(Tender.PIX, 4_990)],
                ),
            )
    with refused(shop, InvalidPrice):
        checkout(
            shop.station,
            CheckoutRequest(
                shop.cashier_id,
                [LineRequest(shop.items["batom"], unit_price=-100)],
                [TenderRequest(Tender.PIX, 100)],
                manager_pin=MANAGER_PIN,
            ),
        )
    with refused(shop, NotAuthorized, "gerente"):
        checkout(
            shop.station,
            CheckoutRequest(
                shop.cashier_id,
                [LineRequest(shop.items["batom"], unit_price=1_000)],
                [TenderRequest(Tender.PIX, 1_000)],
                manager_pin=CASHIER_PIN,
            ),
        )
    with refused(shop, NotAuthorized):
        shop.sell("vestido", sale_discount=5_000, pix=15_000)  # 25 % off needs a manager
    with refused(shop, PaymentShort, "R$ 0,90"):
        shop.sell("batom", pix=4_900)
    with refused(shop, PaymentOver):
        shop.sell("batom", pix=5_000)  # only cash gives change
    with refused(shop, CustomerRequired):
        shop.sell("batom", cashback=100, pix=4_890)
    with refused(shop, CashbackAboveBalance, "R$ 4,99"):
        shop.sell("batom", customer=maria, cashback=500, pix=4_490)
    with refused(shop, UnknownVoucher):
        shop.sell("batom", customer=maria, voucher="AAAA-BBBB-CCCC-D", pix=4_990)
    with refused(shop, NotAuthorized):
        adjust(
            shop.station,
            customer_id=maria,
            units=1_000,
            reason="cortesia",
            staff_id=shop.cashier_id,
            manager_pin=CASHIER_PIN,
        )


def test_an_expired_voucher_is_refused_with_its_date(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    shop.clock.advance(days=61)
    day = voucher.expires_at.astimezone(ZoneInfo("America/Sao_Paulo"))
    with refused(shop, VoucherExpired, f"venceu em {day:%d/%m/%Y}"):
        shop.sell("vestido", customer=maria, voucher=voucher.code, pix=18_000)


def test_cash_gives_change_and_a_manager_may_discount(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    sale = shop.sell("batom", cash=5_000)
    assert sale.change == 10
    discounted = checkout(
        shop.station,
        CheckoutRequest(
            shop.cashier_id,
            [LineRequest(shop.items["vestido"])],
            [TenderRequest(Tender.CREDIT, 15_000)],
            sale_discount=5_000,
            manager_pin=MANAGER_PIN,
        ),
    )
    assert (discounted.total, discounted.discount) == (15_000, 5_000)
    with shop.station.read() as session:
        row = session.scalars(select(AuditLog).where(AuditLog.target == "sale:2")).one()
        assert row.authorized_by_id == shop.manager_id


def test_manual_adjustment_is_a_new_entry_by_a_manager(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    after = adjust(
        shop.station,
        customer_id=carla,
        units=1_500,
        reason="cortesia pelo atraso",
        staff_id=shop.cashier_id,
        manager_pin=MANAGER_PIN,
    )
    assert after.spendable == 1_500
    with shop.station.read() as session:
        row = session.scalars(select(AuditLog).where(AuditLog.action == "cashback.adjust")).one()
        assert row.authorized_by_id == shop.manager_id
        assert "cortesia" in row.details
