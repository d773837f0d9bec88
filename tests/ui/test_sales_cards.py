"""Vendas shows a sale's card details beside each card payment, in pt_BR and English."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from posapp.core.pricing import Tender
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.ui.sales.models import SALE_ID_ROLE
from posapp.ui.sales.screen import SalesScreen
from tests.services.payments_support import elo_debit, mastercard_3x
from tests.support import Shop
from tests.ui.ui_support import make_context


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@pytest.mark.parametrize(
    ("language", "credit", "debit"),
    [
        (
            "pt_BR",
            "Crédito R$ 200,00 (Mastercard Crédito 3x · NSU 000123456789 DOC 4321 AUT 123456"
            " · Credenciadora CNPJ 01.027.058/0001-91)",
            "Débito R$ 80,00 (Elo Débito · NSU 998877 DOC 55)",
        ),
        (
            "en",
            "Credit card R$200.00 (Mastercard Credit 3x · NSU 000123456789 DOC 4321 AUT 123456"
            " · Acquirer CNPJ 01.027.058/0001-91)",
            "Debit card R$80.00 (Elo Debit · NSU 998877 DOC 55)",
        ),
    ],
)
def test_vendas_shows_the_card_details_of_each_card_payment(
    make_shop: Callable[..., Shop], qtbot: QtBot, language: str, credit: str, debit: str
) -> None:
    shop = make_shop()
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["vestido"]), LineRequest(shop.items["corte"])],
        payments=[
            TenderRequest(Tender.CREDIT, 20_000, card=mastercard_3x()),
            TenderRequest(Tender.DEBIT, 8_000, card=elo_debit()),
        ],
    )
    sale = checkout(shop.station, request)
    screen = SalesScreen(make_context(shop, staff="cashier", language=language))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(screen.idle)
    screen.table.selectRow(0)
    assert screen.model.index(0, 0).data(SALE_ID_ROLE) == sale.sale_id
    qtbot.waitUntil(lambda: screen.detail is not None and screen.detail.id == sale.sale_id)
    qtbot.waitUntil(screen.idle)
    text = screen.payments_label.text()
    assert credit in text and debit in text
    screen.context.printing.close()
