"""Vendas: refund and void receipts printed at once, and again with "Imprimir comprovante"."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.ui.sales.models import SALE_ID_ROLE
from posapp.ui.sales.screen import SalesScreen
from tests.support import MANAGER_PIN, Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@pytest.fixture
def screen(make_shop: MakeShop, qtbot: QtBot) -> Iterator[SalesScreen]:
    """Carla's second sale (corte + manicure, R$ 8,00 of cashback, R$ 107,00 by PIX)."""
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)
    shop.clock.advance(minutes=30)
    shop.sell("corte", "manicure", customer=carla, cashback=800, pix=10_700)
    view = SalesScreen(make_context(shop, staff="cashier", printer="virtual://sales-refund"))
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    qtbot.waitUntil(view.idle)
    view.ask_pin = lambda _parent, _action: MANAGER_PIN
    view.table.selectRow(0)
    sale_id = view.model.index(0, 0).data(SALE_ID_ROLE)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == sale_id)
    qtbot.waitUntil(view.idle)
    yield view
    qtbot.waitUntil(view.idle, timeout=10_000)
    view.context.printing.close()


def return_one(screen: SalesScreen, qtbot: QtBot, description: str, reason: str) -> None:
    qtbot.mouseClick(screen.return_button, Qt.MouseButton.LeftButton)
    dialog = screen.return_dialog
    assert dialog is not None
    for line in dialog.detail.lines:
        dialog.spins[line.id].setValue(1 if line.description == description else 0)
    dialog.reason.setText(reason)
    with qtbot.waitSignal(screen.context.events.printer_state, timeout=15_000) as state:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert state.args == [True, ""]


def test_a_refund_prints_its_receipt_and_it_can_be_printed_again(
    screen: SalesScreen, qtbot: QtBot
) -> None:
    printer = virtual_printer("sales-refund")
    assert not screen.refund_row.isVisibleTo(screen)  # no refund yet: nothing to print
    assert not screen.refund_print_button.isEnabled()

    return_one(screen, qtbot, "Manicure", "cliente desistiu")
    (paper,) = printer.wait_for_receipts(1)
    text = list(paper.lines)
    assert "COMPROVANTE DE DEVOLUÇÃO" in text
    assert any(line.startswith("Manicure") and line.endswith("R$ 35,00") for line in text)
    assert any(line.startswith("  Estorno PIX") and line.endswith("R$ 32,57") for line in text)
    assert "Motivo: cliente desistiu" in text
    assert "Feito por: Carlos Caixa" in text and "Autorizado por: Marta Gerente" in text
    # the refund's own headline stays on screen; the status bar said it printed
    assert screen.message.text() == "Devolução na venda nº 000002: R$ 35,00 em itens"

    qtbot.waitUntil(lambda: screen.refund_row.isVisibleTo(screen))
    qtbot.waitUntil(screen.idle)
    assert screen.refund_print_button.text() == "Imprimir comprovante"
    assert screen.refund_print_button.isEnabled()
    assert not screen.refund_choice.isVisibleTo(screen)  # one refund: nothing to choose
    with qtbot.waitSignal(screen.context.events.printer_state, timeout=15_000):
        qtbot.mouseClick(screen.refund_print_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "Comprovante impresso"
    (_, again) = printer.wait_for_receipts(2)
    assert again.lines[0] == "2ª VIA" and filled(again.lines[1:]) == filled(text)
    assert again.pulses == []  # a reprint never opens the drawer

    return_one(screen, qtbot, "Corte feminino", "alergia")  # the rest of the sale
    printer.wait_for_receipts(3)
    qtbot.waitUntil(lambda: screen.refund_choice.count() == 2)
    qtbot.waitUntil(screen.idle)
    assert screen.refund_choice.isVisibleTo(screen)
    assert screen.refund_choice.itemText(0).startswith("Devolução")
    assert screen.refund_choice.itemText(0).endswith("R$ 80,00")  # newest first
    screen.refund_choice.setCurrentIndex(1)  # the first refund, the manicure
    with qtbot.waitSignal(screen.context.events.printer_state, timeout=15_000):
        qtbot.mouseClick(screen.refund_print_button, Qt.MouseButton.LeftButton)
    (*_, fourth) = printer.wait_for_receipts(4)
    assert fourth.lines[0] == "2ª VIA" and filled(fourth.lines[1:]) == filled(text)


def test_a_void_prints_the_cancellation(screen: SalesScreen, qtbot: QtBot) -> None:
    printer = virtual_printer("sales-refund")
    qtbot.mouseClick(screen.void_button, Qt.MouseButton.LeftButton)
    dialog = screen.void_dialog
    assert dialog is not None
    dialog.reason.setText("lançada errada")
    with qtbot.waitSignal(screen.context.events.printer_state, timeout=15_000) as state:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert state.args == [True, ""]
    (paper,) = printer.wait_for_receipts(1)
    text = list(paper.lines)
    assert "CANCELAMENTO DE VENDA" in text
    assert any(line.startswith("Cashback devolvido") and line.endswith("R$ 8,00") for line in text)
    assert any(line.startswith("  Estorno PIX") and line.endswith("R$ 107,00") for line in text)


def filled(lines: Sequence[str]) -> list[str]:
    """The printed lines without the blank ones (feeds may fall differently on a copy)."""
    return [line for line in lines if line.strip()]
