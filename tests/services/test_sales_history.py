"""The sales of a day or by number, and one sale in full with what was returned of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from posapp.core.errors import UnknownSale
from posapp.services.sales.history import recent_sales, sale_detail
from posapp.services.sales.refunds import RefundRequest, refund, void
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]
MONDAY = date(2026, 3, 2)  # the test clock starts at 10:00 in São Paulo


def test_sales_of_a_day_newest_first_with_customer_staff_and_status(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    first = shop.sell("corte", customer=carla, pix=8_000)
    shop.clock.advance(hours=1)
    second = shop.sell("manicure", pix=3_500, staff=shop.manager_id)
    shop.clock.advance(hours=13)  # 00:00 of Tuesday in São Paulo
    third = shop.sell("shampoo", pix=3_000)
    void(shop.station, second.sale_id, shop.cashier_id, MANAGER_PIN, "errada")

    monday = recent_sales(shop.station, day=MONDAY)
    assert [(s.number, s.customer_name, s.total, s.status, s.staff_name) for s in monday] == [
        (second.number, None, 3_500, "voided", "Marta Gerente"),
        (first.number, "Carla Dias", 8_000, "completed", "Carlos Caixa"),
    ]
    assert monday[1].customer_id == carla
    assert [s.id for s in recent_sales(shop.station, day=date(2026, 3, 3))] == [third.sale_id]
    assert [s.id for s in recent_sales(shop.station)] == [
        third.sale_id,
        second.sale_id,
        first.sale_id,
    ]
    assert len(recent_sales(shop.station, limit=2)) == 2
    assert recent_sales(shop.station, day=date(2026, 3, 1)) == []


def test_a_sale_is_found_by_its_number_on_any_day(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    sales = [shop.sell("corte", pix=8_000) for _ in range(3)]
    shop.clock.advance(days=3)
    (found,) = recent_sales(shop.station, number=sales[1].number)
    assert found.id == sales[1].sale_id
    assert recent_sales(shop.station, number=sales[1].number, day=date(2026, 3, 5)) == []
    assert recent_sales(shop.station, number=999) == []


def test_the_detail_counts_what_was_returned_of_each_line(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)
    sale = shop.sell(("shampoo", 2), "manicure", customer=carla, cashback=800, pix=8_700)
    detail = sale_detail(shop.station, sale.sale_id)
    assert detail.refundable and detail.voidable
    assert [(line.description, line.quantity, line.returned) for line in detail.lines] == [
        ("Shampoo 300 ml", 2, 0),
        ("Manicure", 1, 0),
    ]
    assert sorted((p.tender, p.amount) for p in detail.payments) == [
        ("cashback", 800),
        ("pix", 8_700),
    ]
    shampoo = detail.lines[0].id

    done = refund(
        shop.station,
        RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "vencido", {shampoo: 1}),
    )
    after = sale_detail(shop.station, sale.sale_id)
    assert after.summary.status == "partially_refunded"
    assert [(line.returned, line.left) for line in after.lines] == [(1, 1), (0, 1)]
    (made,) = after.refunds
    assert (made.kind, made.money_back, made.goods_amount, made.reason) == (
        "refund",
        done.money_back,
        3_000,
        "vencido",
    )
    assert (made.staff_name, made.authorized_by) == ("Carlos Caixa", "Marta Gerente")
    assert after.refundable and not after.voidable

    refund(shop.station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "resto"))
    last = sale_detail(shop.station, sale.sale_id)
    assert last.summary.status == "refunded" and not last.refundable
    assert [line.left for line in last.lines] == [0, 0]


def test_a_voucher_payment_names_its_code_and_an_unknown_sale_is_refused(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    paid = shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)
    payments = sale_detail(shop.station, paid.sale_id).payments
    assert {(p.tender, p.voucher_code) for p in payments} == {
        ("voucher", voucher.code),
        ("pix", None),
    }
    with pytest.raises(UnknownSale):
        sale_detail(shop.station, 999)
