"""Edges where a one-line bug once left the whole suite green (issue 23).

Each test here was run against the bug it targets, put in by hand, and failed;
docs/testing.md lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from sqlalchemy import select

from db.models import SaleLine
from hardware.emulator.decoder import Receipt as Paper
from hardware.emulator.server import EmulatorServer
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.core.errors import VoucherMinimumNotMet
from posapp.services.cash.reports import x_report
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.customers.registry import account
from posapp.services.sales.printing import PrintService
from posapp.services.sales.refunds import RefundRequest, refund
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


# -- a voucher "usable from R$ 20,00" -------------------------------------------------


def _shop_with_voucher(make_shop: MakeShop) -> tuple[Shop, int, str]:
    """Cosmetics: a purchase above R$ 20 gives a R$ 5,00 voucher usable from R$ 20,00."""
    shop = make_shop("cosmetics")
    shop.add_item("kit20", "Kit esmalte", 2_000)
    shop.add_item("kit1999", "Kit lixa", 1_999)
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    assert voucher.value == 500
    return shop, maria, voucher.qr


def test_a_voucher_usable_from_r20_pays_a_purchase_of_exactly_r20(make_shop: MakeShop) -> None:
    shop, maria, qr = _shop_with_voucher(make_shop)
    sale = shop.sell("kit20", customer=maria, voucher=qr, pix=1_500)
    assert sale.total == 2_000 and dict(sale.payments) == {"voucher": 500, "pix": 1_500}


def test_a_voucher_usable_from_r20_refuses_r19_99_and_says_why(make_shop: MakeShop) -> None:
    shop, maria, qr = _shop_with_voucher(make_shop)
    with pytest.raises(VoucherMinimumNotMet) as refused:
        shop.sell("kit1999", customer=maria, voucher=qr, pix=1_499)
    pt, en = (" ".join(refused.value.message(lang).split()) for lang in ("pt_BR", "en"))
    assert pt.endswith("vale para compras a partir de R$ 20,00.")
    assert en.endswith("applies to purchases of R$20.00 or more.")


# -- points: a refund turns points into money and money into points ------------------


def test_a_points_refund_gives_the_points_share_back_as_points(make_shop: MakeShop) -> None:
    """1 point per real, 100 points = R$ 5,00 (1 point = 5 centavos)."""
    shop = make_shop("points")
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    assert shop.sell("vestido", customer=ana, pix=20_000).earned == 200
    # R$ 42,50 with R$ 10,00 of points (200 points): R$ 32,50 by Pix.
    paid = shop.sell("shampoo", "dipirona", customer=ana, cashback=1_000, pix=3_250)
    assert paid.redeemed == 200
    with shop.station.read() as session:
        shampoo_line = session.scalar(
            select(SaleLine.id).where(
                SaleLine.sale_id == paid.sale_id, SaleLine.item_id == shop.items["shampoo"]
            )
        )
    assert shampoo_line is not None
    back = refund(
        shop.station,
        RefundRequest(paid.sale_id, shop.cashier_id, MANAGER_PIN, "troca", {shampoo_line: 1}),
    )
    # The shampoo's R$ 30,00: 3000 x 1000 / 4250 = 705.88 -> R$ 7,06 was paid by points,
    # 706 / 5 = 141.2 -> 142 points back (rounded up, the customer's way); R$ 22,94 in money.
    assert (back.goods_amount, back.loyalty_share) == (3_000, 706)
    assert back.cashback_restored == 142
    assert back.money_back == 2_294


def test_a_points_refund_charges_points_already_spent_at_their_money_value(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("points")
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    bought = shop.sell("vestido", customer=ana, pix=20_000)
    spent = shop.sell("shampoo", customer=ana, cashback=1_000, pix=2_000)  # the 200 points
    assert (bought.earned, spent.redeemed) == (200, 200)
    back = refund(
        shop.station, RefundRequest(bought.sale_id, shop.cashier_id, MANAGER_PIN, "defeito")
    )
    # 200 points to take back, only those the shampoo earned are there; the rest is
    # kept from the money at 5 centavos a point.
    missing = 200 - spent.earned
    assert back.cashback_reversed == spent.earned
    assert back.clawback == missing * 5
    assert back.money_back == 20_000 - missing * 5
    assert account(shop.station, ana).balance.total == 0


# -- the sale receipt: masked CPF, drawer only for cash ---------------------------------


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    server = virtual_printer("edges-test", paper_dots=576)
    yield server
    stop_virtual_printers()


def _printed(shop: Shop, emulator: EmulatorServer, sale_ids: list[int]) -> list[Paper]:
    service = PrintService(
        shop.station, CounterSettings(printer_uri="virtual://edges-test", paper_mm=80)
    )
    try:
        for sale_id in sale_ids:
            assert service.print_sale(sale_id).result(timeout=10).printed
        return list(emulator.wait_for_receipts(len(sale_ids)))
    finally:
        service.close()


def test_the_sale_receipt_shows_the_cpf_masked_on_the_customer_line(
    make_shop: MakeShop, emulator: EmulatorServer
) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    sale = shop.sell("batom", customer=maria, pix=4_990)
    (paper,) = _printed(shop, emulator, [sale.sale_id])
    customer_lines = [line for line in paper.lines if line.startswith("Cliente:")]
    assert customer_lines == ["Cliente: Maria Silva ***.982.247-**"]
    assert not any("529" in line or "-25" in line for line in paper.lines)


def test_the_drawer_opens_only_for_a_sale_where_cash_moved(
    make_shop: MakeShop, emulator: EmulatorServer
) -> None:
    shop = make_shop("salon")
    by_pix = shop.sell("corte", pix=8_000)
    with_cash = shop.sell("manicure", cash=1_000, pix=2_500)
    pix_paper, cash_paper = _printed(shop, emulator, [by_pix.sale_id, with_cash.sale_id])
    assert pix_paper.pulses == []
    assert [pulse.pin for pulse in cash_paper.pulses] == [2]


# -- X/Z: a refund counts on the day it was made --------------------------------------


def test_a_refund_is_counted_on_the_refunds_day_not_the_sales(make_shop: MakeShop) -> None:
    shop = make_shop("salon")  # the clock starts 2026-03-02 13:00 UTC (10:00 in São Paulo)
    sale = shop.sell("corte", pix=8_000)
    shop.clock.advance(days=1)
    refund(shop.station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu"))
    sale_day, refund_day = (
        x_report(shop.station, date(2026, 3, 2)),
        x_report(shop.station, date(2026, 3, 3)),
    )
    assert (sale_day.sales_count, sale_day.refunds_count, sale_day.refunds) == (1, 0, 0)
    assert (refund_day.sales_count, refund_day.refunds_count, refund_day.refunds) == (0, 1, 8_000)
    assert refund_day.money_back == 8_000
    assert (sale_day.net, refund_day.net) == (8_000, -8_000)


# -- a sale paid entirely with cashback earns nothing, on any line -----------------------


def test_a_sale_paid_all_with_cashback_earns_nothing_on_any_line(make_shop: MakeShop) -> None:
    shop = make_shop("salon")  # 10 % back on services: two cuts of R$ 80,00 earn R$ 16,00
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    assert shop.sell(("corte", 2), customer=ana, pix=16_000).earned == 1_600
    free = shop.sell("dipirona", customer=ana, cashback=1_250)
    with shop.station.read() as session:
        earned_by_line = session.scalars(
            select(SaleLine.earned).where(SaleLine.sale_id == free.sale_id)
        ).all()
    assert (free.total, free.redeemed, free.earned, free.campaigns) == (1_250, 1_250, 0, ())
    assert earned_by_line == [0]
    assert account(shop.station, ana).balance.total == 1_600 - 1_250
