"""Enviar comprovante: the dialog refuses a bad address in words and stays open; a good one
queues the receipt; Vendas opens it for the chosen sale."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from posapp.core.pricing import Tender
from posapp.ui.sale.send_receipt_dialog import SendReceiptDialog
from posapp.ui.sales.models import SALE_ID_ROLE
from posapp.ui.sales.screen import SalesScreen
from tests.services.messages_support import configure, email_settings, rows
from tests.support import Shop
from tests.ui.sale_support import Counter, counter_factory, scan, settle
from tests.ui.ui_support import make_context, top_level

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def test_a_bad_address_is_said_in_the_dialog_and_a_good_one_queues_the_receipt(
    make_shop: MakeShop, qtbot: QtBot
) -> None:
    shop = make_shop("fashion")
    configure(
        shop, email_settings(1, channels=("email", "whatsapp"), webhook_url="http://127.0.0.1:9/")
    )
    sale = shop.sell("vestido", pix=20_000)
    told: list[str] = []
    dialog = SendReceiptDialog(
        shop.station, sale.sale_id, sale.number, shop.cashier_id, "pt_BR",
        on_sent=lambda sent: told.append(sent.to),
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == f"Enviar comprovante da venda nº {sale.number:06d}"

    qtbot.keyClicks(dialog.address, "ana@exemplo")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert not dialog.send_button.isEnabled()  # one click queues once
    qtbot.waitUntil(dialog.idle)

    assert dialog.isVisible() and dialog.problem.isVisible()
    assert dialog.problem.text().startswith("E-mail inválido: ana@exemplo.")
    assert rows(shop, "receipt") == []

    dialog.channel.setCurrentIndex(1)  # WhatsApp
    assert "(11) 91234-5678" in dialog.address.placeholderText()
    dialog.address.clear()
    qtbot.keyClicks(dialog.address, "(21) 99876-5432")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)  # a double click
    qtbot.waitUntil(dialog.idle)

    assert not dialog.isVisible() and told == ["+5521998765432"]
    [row] = rows(shop, "receipt")
    assert (row.channel, row.to_address, row.status) == ("whatsapp", "+5521998765432", "queued")


def test_vendas_sends_the_chosen_sales_receipt(make_shop: MakeShop, qtbot: QtBot) -> None:
    shop = make_shop("fashion")
    configure(shop, email_settings(1))
    maria = shop.enrol("Maria Souza", cpf="529.982.247-25", email="maria@example.com")
    sale = shop.sell("vestido", customer=maria, pix=20_000)
    screen = SalesScreen(make_context(shop, staff="cashier"))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(screen.idle)
    screen.table.selectRow(0)
    assert screen.model.index(0, 0).data(SALE_ID_ROLE) == sale.sale_id
    qtbot.waitUntil(lambda: screen.detail is not None and screen.send_button.isEnabled())

    qtbot.mouseClick(screen.send_button, Qt.MouseButton.LeftButton)
    [dialog] = top_level(SendReceiptDialog)
    assert isinstance(dialog, SendReceiptDialog)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)  # blank: hers on file

    qtbot.waitUntil(lambda: screen.message.text() == "Comprovante na fila para maria@example.com.")
    assert not top_level(SendReceiptDialog)
    [row] = rows(shop, "receipt")
    assert (row.to_address, row.customer_id) == ("maria@example.com", maria)
    qtbot.waitUntil(screen.idle, timeout=10_000)
    screen.context.printing.close()


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def test_ctrl_e_after_a_sale_sends_its_receipt_to_the_typed_address(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    configure(shop, email_settings(1))
    screen.activateWindow()
    qtbot.waitUntil(screen.input.hasFocus, timeout=3_000)
    QTest.keyClick(screen.input, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert screen.message.text() == "Nenhuma venda para enviar o comprovante."

    scan(screen, "7896004700014")
    settle(screen, qtbot)
    screen.pay()
    payment = screen.payment_dialog
    assert payment is not None
    payment.fill_remaining(Tender.DEBIT)
    payment.submit()
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    settle(screen, qtbot)
    assert "Ctrl+E envia o comprovante" in screen.message.text()
    sale = screen.last_sale
    assert sale is not None

    screen.activateWindow()
    qtbot.waitUntil(screen.input.hasFocus, timeout=3_000)
    QTest.keyClick(screen.input, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.send_dialog
    assert dialog.isVisible() and f"nº {sale.number:06d}" in dialog.windowTitle()
    qtbot.keyClicks(dialog.address, "cliente@example.com")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(
        lambda: screen.message.text() == "Comprovante na fila para cliente@example.com."
    )
    assert not top_level(SendReceiptDialog)
    [row] = rows(shop, "receipt")
    assert (row.to_address, row.status) == ("cliente@example.com", "queued")
