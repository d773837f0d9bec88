"""Vendas: voiding a sale paid by a dynamic Pix returns the Pix through the PSP and says
so beside the refund's figures (our PSP on 127.0.0.1)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from payments.amounts import from_decimal_text
from payments.testing.psp_server import PspServer
from posapp.core.pricing import Tender
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.ui.sales.screen import SalesScreen
from tests.payments.conftest import psp, psp_certificates  # noqa: F401
from tests.services.payments_support import configure_pix, mastercard_3x, pix_sale
from tests.support import MANAGER_PIN, Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def void_first_sale(shop: Shop, qtbot: QtBot) -> SalesScreen:
    screen = SalesScreen(make_context(shop, staff="cashier"))  # type: ignore[arg-type]
    qtbot.addWidget(screen)
    screen.resize(1280, 760)
    screen.show()
    qtbot.waitUntil(screen.idle)
    screen.table.selectRow(0)
    qtbot.waitUntil(lambda: screen.detail is not None)
    qtbot.mouseClick(screen.void_button, Qt.MouseButton.LeftButton)
    dialog = screen.void_dialog
    assert dialog is not None
    dialog.reason.setText("cliente desistiu")
    screen.ask_pin = lambda _parent, _action: MANAGER_PIN
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.result_label.text() != "", timeout=10_000)
    qtbot.waitUntil(screen.idle, timeout=10_000)
    return screen


def test_a_void_in_vendas_returns_the_pix_and_says_so(
    make_shop: MakeShop,
    psp: PspServer,  # noqa: F811
    qtbot: QtBot,
) -> None:
    shop = make_shop("salon")
    configure_pix(shop, psp)
    _sale, e2eid = pix_sale(shop, psp, "corte")
    screen = void_first_sale(shop, qtbot)
    # The PSP returned the R$ 80,00: nothing for the cashier to hand over as well.
    assert screen.result_label.text().splitlines() == [
        "Pix: R$ 80,00 devolvidos ao pagador pelo provedor.",
    ]
    assert [from_decimal_text(r["valor"]) for r in psp.refunds_of(e2eid)] == [8_000]
    screen.context.printing.close()


def test_a_psp_out_of_reach_is_said_and_the_void_stands(
    make_shop: MakeShop,
    psp: PspServer,  # noqa: F811
    qtbot: QtBot,
) -> None:
    shop = make_shop("salon")
    configure_pix(shop, psp)
    _sale, e2eid = pix_sale(shop, psp, "corte")
    configure_pix(shop, psp, psp_base_url="https://127.0.0.1:9/api/v2")
    screen = void_first_sale(shop, qtbot)
    (line,) = screen.result_label.text().splitlines()  # no cash to hand: the PSP sends it
    assert line.startswith("Pix: devolução de R$ 80,00 não enviada (")
    assert line.endswith("será enviada de novo a cada 15 minutos.")
    assert screen.message.text() == "Venda nº 000001 cancelada"
    assert psp.refunds_of(e2eid) == []
    screen.context.printing.close()


def test_a_void_of_pix_and_cash_says_to_hand_over_the_cash_only(
    make_shop: MakeShop,
    psp: PspServer,  # noqa: F811
    qtbot: QtBot,
) -> None:
    """R$ 80,00 paid R$ 50,00 by Pix and R$ 30,00 in cash: the cashier hands over the
    R$ 30,00 and the PSP returns the R$ 50,00. Before, the screen said 'Devolver em
    dinheiro: R$ 80,00' above 'Pix: R$ 50,00 devolvidos': the customer got R$ 50,00 twice."""
    shop = make_shop("salon")
    configure_pix(shop, psp)
    _sale, e2eid = pix_sale(shop, psp, "corte", cash=3_000)
    screen = void_first_sale(shop, qtbot)
    assert screen.result_label.text().splitlines() == [
        "Devolver em dinheiro: R$ 30,00",
        "Pix: R$ 50,00 devolvidos ao pagador pelo provedor.",
    ]
    assert [from_decimal_text(r["valor"]) for r in psp.refunds_of(e2eid)] == [5_000]
    screen.context.printing.close()


def test_a_void_of_a_card_and_cash_sale_says_what_goes_back_on_the_card(
    make_shop: MakeShop, qtbot: QtBot
) -> None:
    """R$ 115,00 paid R$ 15,00 in cash and R$ 100,00 by credit card: the cashier hands over
    R$ 15,00 and reverses R$ 100,00 on the card (before: 'Devolver em dinheiro: R$ 115,00',
    the card's share read as cash to hand over)."""
    shop = make_shop("salon")
    configure_pix(shop)
    checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=[LineRequest(shop.items["corte"]), LineRequest(shop.items["manicure"])],
            payments=[
                TenderRequest(Tender.CASH, 1_500),
                TenderRequest(Tender.CREDIT, 10_000, card=mastercard_3x()),
            ],
        ),
    )
    screen = void_first_sale(shop, qtbot)
    assert screen.result_label.text().splitlines() == [
        "Devolver em dinheiro: R$ 15,00",
        "Estornar no cartão de crédito: R$ 100,00",
    ]
    screen.context.printing.close()
