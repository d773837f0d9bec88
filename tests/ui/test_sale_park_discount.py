"""F5/F6 with an F11 discount: a parked cart with 10 % off comes back with 10 % off (still a
percentage, so it follows the cart), the totals and the earn preview show it, and checkout
charges it; an amount stays an amount."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import ParkedSale, Sale
from posapp.services.customers.registry import account
from posapp.services.sales import parking
from posapp.ui.sale import SaleScreen
from posapp.ui.sale.discount_dialog import SaleDiscount
from tests.support import Shop
from tests.ui.sale_support import Counter, counter_factory, scan, settle
from tests.ui.test_sale_discount import DIPIRONA, give_discount, pay_by_pix, ring_up

MakeShop = Callable[..., Shop]


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def park(screen: SaleScreen, qtbot: QtBot) -> None:
    screen.buttons["keyPark"].click()
    settle(screen, qtbot)
    assert screen.model.rowCount() == 0 and screen.sale_discount is None
    assert screen.total_label.text() == "Total: R$ 0,00"


def recall_the_only_one(screen: SaleScreen, qtbot: QtBot, rows: int) -> None:
    screen.buttons["keyRecall"].click()
    qtbot.waitUntil(lambda: screen.parked_dialog is not None)
    dialog = screen.parked_dialog
    assert dialog is not None and dialog.list.count() == 1
    dialog.choose()
    qtbot.waitUntil(lambda: screen.model.rowCount() == rows)
    qtbot.waitUntil(lambda: screen.account is not None)
    settle(screen, qtbot)


def test_ten_percent_off_is_parked_recalled_and_charged(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    joana = ring_up(counter, qtbot)  # R$ 72,50 for Joana
    give_discount(counter, qtbot, "10")
    discounted = "Subtotal R$ 72,50 · Descontos R$ 7,25 (na venda: 10 %) · Total: R$ 65,25"
    assert screen.total_label.text() == discounted

    park(screen, qtbot)
    (parked,) = parking.parked(shop.station)
    assert (parked.sale_discount, parked.sale_discount_bps) == (0, 1_000)
    assert parked.customer_id == joana

    recall_the_only_one(screen, qtbot, rows=2)
    assert screen.sale_discount == SaleDiscount(percent_bps=1_000)
    assert screen.total_label.text() == discounted
    quote = screen.quote
    assert quote is not None and (quote.gross, quote.discount, quote.total) == (7_250, 725, 6_525)
    assert screen.earn_label.text() == "Esta compra rende: R$ 3,26"  # 5 % of R$ 65,25
    assert parking.parked(shop.station) == []

    scan(screen, DIPIRONA)  # still a percentage: 10 % of R$ 85,00
    settle(screen, qtbot)
    assert screen.total_label.text() == (
        "Subtotal R$ 85,00 · Descontos R$ 8,50 (na venda: 10 %) · Total: R$ 76,50"
    )

    asked: list[str] = []
    screen.ask_pin = lambda _parent, action: asked.append(action) or ""  # type: ignore[func-returns-value]
    pay_by_pix(counter)
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    assert asked == []  # 10 %: within the limit
    sale = screen.last_sale
    assert sale is not None and (sale.total, sale.earned) == (7_650, 382)
    with shop.station.read() as session:
        stored = session.scalars(select(Sale)).one()
        assert (stored.gross, stored.discount, stored.total) == (8_500, 850, 7_650)
    assert account(shop.station, joana).balance.total == 382
    (paper,) = counter.printer.wait_for_receipts(1)
    text = [" ".join(line.split()) for line in paper.lines]
    assert "Descontos -R$ 8,50" in text and "TOTAL R$ 76,50" in text
    settle(screen, qtbot)
    assert screen.sale_discount is None  # gone with the cart that was sold


def test_an_amount_off_comes_back_as_the_same_amount(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    ring_up(counter, qtbot)
    give_discount(counter, qtbot, "5,00", percent=False)
    park(screen, qtbot)
    with shop.station.read() as session:
        payload = json.loads(session.scalars(select(ParkedSale.payload)).one())
    assert payload["sale_discount"] == 500 and "sale_discount_bps" not in payload

    recall_the_only_one(screen, qtbot, rows=2)
    assert screen.sale_discount == SaleDiscount(amount=500)
    assert screen.total_label.text() == (
        "Subtotal R$ 72,50 · Descontos R$ 5,00 (na venda: R$ 5,00) · Total: R$ 67,50"
    )
    scan(screen, DIPIRONA)  # an amount does not grow with the cart
    settle(screen, qtbot)
    assert screen.total_label.text() == (
        "Subtotal R$ 85,00 · Descontos R$ 5,00 (na venda: R$ 5,00) · Total: R$ 80,00"
    )


def test_a_cart_parked_without_a_discount_comes_back_without_one(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    """No discount is None on the screen, not an empty SaleDiscount (which the totals would
    show as "na venda: R$ 0,00")."""
    counter = counters("pharmacy")
    screen = counter.screen
    ring_up(counter, qtbot)
    park(screen, qtbot)
    recall_the_only_one(screen, qtbot, rows=2)
    assert screen.sale_discount is None
    assert screen.total_label.text() == "Total: R$ 72,50"
