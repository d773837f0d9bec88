"""Refunds and voids: money back, cashback reversed and given back, figures by hand."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from db.models import AuditLog, Sale, SaleLine, Voucher
from posapp.core.errors import InvalidQuantity, NotAuthorized, ReasonRequired, SaleNotRefundable
from posapp.services.customers import registry as customers
from posapp.services.loyalty.verify import verify
from posapp.services.sales.refunds import RefundRequest, refund, void
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def line_ids(shop: Shop, sale_id: int) -> dict[str, int]:
    with shop.station.read() as session:
        lines = session.scalars(select(SaleLine).where(SaleLine.sale_id == sale_id))
        return {line.description: line.id for line in lines}


def spendable(shop: Shop, customer: int) -> int:
    return customers.account(shop.station, customer).balance.spendable


def test_partial_then_full_refund_gives_back_exactly_what_was_paid(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)  # +800
    sale = shop.sell("corte", "manicure", customer=carla, cashback=800, pix=10_700)
    # Money R$ 107,00 spread over R$ 80,00 / R$ 35,00 = 74,43 / 32,57 -> 10 % = R$ 10,70,
    # of which the manicure line earned R$ 3,26.
    assert sale.earned == 1_070
    assert spendable(shop, carla) == 1_070
    ids = line_ids(shop, sale.sale_id)

    first = refund(
        shop.station,
        RefundRequest(
            sale.sale_id, shop.cashier_id, MANAGER_PIN, "cliente desistiu", {ids["Manicure"]: 1}
        ),
    )
    # R$ 35,00 back: cashback paid 8,00 of 115,00, so R$ 2,43 returns as cashback.
    assert (first.goods_amount, first.loyalty_share, first.money_back) == (3_500, 243, 3_257)
    assert (first.cashback_restored, first.cashback_reversed) == (243, 326)
    assert spendable(shop, carla) == 1_070 + 243 - 326

    rest = refund(shop.station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "troca"))
    assert (rest.goods_amount, rest.loyalty_share, rest.money_back) == (8_000, 557, 7_443)
    assert first.money_back + rest.money_back == 10_700  # exactly the money paid
    assert spendable(shop, carla) == 800  # as before the sale
    with shop.station.read() as session:
        assert session.get(Sale, sale.sale_id).status == "refunded"  # type: ignore[union-attr]
    with pytest.raises(SaleNotRefundable):
        refund(shop.station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "de novo"))
    assert verify(shop.station) == []


def test_refunding_units_one_by_one_never_loses_a_centavo(make_shop: MakeShop) -> None:
    shop = make_shop("pharmacy")
    sale = shop.sell(("dipirona", 3), sale_discount=100, pix=3_650)
    line = line_ids(shop, sale.sale_id)["Dipirona 500 mg"]
    amounts = [
        refund(
            shop.station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "r", {line: 1})
        ).money_back
        for _ in range(3)
    ]
    assert amounts == [1_216, 1_216, 1_218]
    assert sum(amounts) == 3_650
    with pytest.raises(SaleNotRefundable):
        refund(shop.station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "r"))


def test_void_of_a_sale_that_issued_a_voucher_cancels_it(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    sale = shop.sell("vestido", customer=maria, pix=20_000)
    (voucher,) = sale.vouchers_issued

    result = void(shop.station, sale.sale_id, shop.cashier_id, MANAGER_PIN, "lançada errada")
    assert result.money_back == 20_000
    assert result.vouchers_cancelled == (voucher.code,)
    account = customers.account(shop.station, maria)
    assert account.balance.total == 0 and account.open_vouchers == ()
    assert verify(shop.station) == []


def test_void_of_a_sale_paid_with_a_voucher_reopens_the_voucher(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    paid = shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)
    assert paid.earned == 100

    result = void(shop.station, paid.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")
    assert (result.money_back, result.vouchers_reopened) == (1_000, (voucher.code,))
    account = customers.account(shop.station, maria)
    assert account.balance.total == 0
    assert [v.code for v in account.open_vouchers] == [voucher.code]
    again = shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)
    assert dict(again.payments)["voucher"] == 2_000
    assert verify(shop.station) == []


def test_cashback_already_spent_is_kept_from_the_money_back(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    first = shop.sell("corte", customer=carla, pix=8_000)  # +800
    shop.sell("manicure", customer=carla, cashback=800, pix=2_700)  # -800, +270

    result = refund(shop.station, RefundRequest(first.sale_id, shop.cashier_id, MANAGER_PIN, "x"))
    # R$ 8,00 to reverse, only R$ 2,70 left: R$ 5,30 is kept from the R$ 80,00.
    assert (result.cashback_reversed, result.clawback, result.money_back) == (270, 530, 7_470)
    assert customers.account(shop.station, carla).balance.total == 0
    assert verify(shop.station) == []


def test_refunds_need_a_manager_a_reason_and_sane_quantities(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    sale = shop.sell("corte", pix=8_000)
    line = line_ids(shop, sale.sale_id)["Corte feminino"]
    with pytest.raises(NotAuthorized) as refused:
        refund(shop.station, RefundRequest(sale.sale_id, shop.cashier_id, CASHIER_PIN, "x"))
    assert "gerente" in refused.value.message("pt_BR")
    with pytest.raises(ReasonRequired):
        refund(shop.station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "  "))
    with pytest.raises(InvalidQuantity):
        refund(
            shop.station,
            RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "x", {line: -1}),
        )
    with pytest.raises(SaleNotRefundable) as too_many:
        refund(
            shop.station,
            RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "x", {line: 2}),
        )
    assert "de Corte feminino resta(m) 1 para devolver" in too_many.value.message("pt_BR")
    done = refund(shop.station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "x"))
    with shop.station.read() as session:
        row = session.scalars(select(AuditLog).where(AuditLog.action == "sale.refund")).one()
        assert (row.staff_id, row.authorized_by_id) == (shop.cashier_id, shop.manager_id)
        assert session.scalar(select(Voucher.id)) is None
    assert done.money_back == 8_000
