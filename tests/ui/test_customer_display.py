"""The customer's screen, placed on a monitor's geometry given explicitly (the offscreen
platform has one screen): it follows a real sale screen through the cart, the Pix QR the
cashier shows and the paid sale, and each QR it draws reads back."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from payments import brcode
from posapp.app import install_translator
from posapp.services.customers import registry as customers
from posapp.services.sales import catalog
from posapp.ui.sale.customer_display import (
    CustomerDisplay,
    DisplayState,
    open_customer_display,
    second_screen,
)
from posapp.ui.sale.pix_dialog import PixDialog
from tests.services.payments_support import configure_pix
from tests.ui.sale_support import Counter, MakeShop, counter_factory, paid_in_cash

SECOND_MONITOR = QRect(1366, 0, 1024, 768)


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def shown_qr(label: QLabel) -> str:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    label.pixmap().toImage().save(buffer, "PNG")  # type: ignore[call-overload]
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data().data()))))
    return str(found.text)


def maria_buying(counter: Counter, qtbot: QtBot) -> tuple[Counter, CustomerDisplay]:
    """The customer's screen on the second monitor, showing "Bem-vindo!", then Maria (440
    of credit) buying a shampoo R$ 30,00 and two dipironas R$ 12,50 at the counter."""
    shop, screen = counter.shop, counter.screen
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    shop.credit(maria, 440)
    display = CustomerDisplay("Loja Teste", "pt_BR")
    qtbot.addWidget(display)
    display.follow(lambda: screen)
    display.place(SECOND_MONITOR)
    assert display.geometry() == SECOND_MONITOR and display.isVisible()
    qtbot.waitUntil(lambda: display.lines.text() == "Bem-vindo!", timeout=2_000)
    screen.add_item(catalog.find_by_code(shop.station, "7891000100103"))
    screen.add_item(catalog.find_by_code(shop.station, "7896004700014"), 2)
    screen.attach_customer(customers.search(shop.station, "Maria")[0])
    qtbot.waitUntil(lambda: screen.idle() and screen.account is not None, timeout=5_000)
    return counter, display


def test_the_customer_follows_the_cart_the_pix_qr_and_the_paid_sale(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter, display = maria_buying(counters("pharmacy"), qtbot)
    shop, screen = counter.shop, counter.screen
    quote = screen.quote
    assert quote is not None and quote.earn_value > 0
    qtbot.waitUntil(lambda: display.total.text() == "Total: R$ 55,00", timeout=2_000)
    assert display.lines.text() == ("1 × Shampoo 300 ml   R$ 30,00\n2 × Dipirona 500 mg   R$ 25,00")
    assert display.customer.text() == "Maria Silva\nSeu saldo de cashback: R$ 4,40"
    assert display.earned.text() == (
        f"Esta compra rende {screen.money(quote.earn_value)} de cashback"
    )

    configure_pix(shop)
    pix = PixDialog(shop.station, 5_500, shop.cashier_id, dynamic=False, parent=screen)
    pix.open()
    qtbot.waitUntil(lambda: bool(pix.code_text), timeout=5_000)
    qtbot.waitUntil(lambda: display.state.pix == pix.code_text, timeout=2_000)
    assert display.qr_caption.text() == "Pague com Pix: R$ 55,00"
    read = shown_qr(display.qr)
    assert read == pix.code_text and brcode.verify_crc(read)
    assert brcode.parse(read).amount_centavos == 5_500
    pix.reject()
    qtbot.waitUntil(lambda: display.qr.pixmap().isNull(), timeout=2_000)

    sale = paid_in_cash(screen, qtbot, "60,00")
    qtbot.waitUntil(lambda: display.state.paid, timeout=2_000)
    assert display.lines.text() == "Obrigado pela preferência!"
    assert display.total.text() == "Total pago: R$ 55,00   Troco: R$ 5,00"
    assert display.earned.text() == f"Você ganhou {screen.money(sale.earned)} de cashback"
    assert display.customer.text() == (
        f"Maria Silva\nSeu saldo de cashback: {screen.money(sale.spendable_value)}"
    )


def test_a_voucher_the_sale_issued_is_shown_as_its_qr() -> None:
    display = CustomerDisplay("Loja Teste", "pt_BR")
    try:
        payload = "POSV1.VALE-ABCD-2345.2000.assinatura"
        display.show_state(
            DisplayState(total=12_000, paid=True, vouchers=((payload, 2_000),), earned=600)
        )
        assert display.qr_caption.text() == (
            "Seu vale de R$ 20,00: mostre este QR na próxima compra"
        )
        assert shown_qr(display.qr) == payload
    finally:
        display.deleteLater()


def test_with_one_monitor_there_is_no_customer_screen(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    screens = QGuiApplication.screens()
    assert len(screens) == 1  # the offscreen platform's
    assert second_screen(screens, window.screen()) is None
    assert open_customer_display(window, "Loja Teste", "pt_BR", lambda: None) is None


def test_a_points_store_shows_the_customer_points_not_money(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    """Points brand: 1 point per real, each point worth R$ 0,05. Maria holds 440 points; a
    shampoo and two dipironas (R$ 55,00) earn her 55 points, paid in cash. Her screen counts
    points before and after paying; the R$ 0,55 the old screen showed as "cashback" was the
    points read as centavos (they are worth R$ 2,75)."""
    counter, display = maria_buying(counters("points"), qtbot)
    screen = counter.screen
    qtbot.waitUntil(lambda: display.total.text() == "Total: R$ 55,00", timeout=2_000)
    assert display.customer.text() == "Maria Silva\nSeu saldo de pontos: 440 pontos"
    assert display.earned.text() == "Esta compra rende 55 pontos"
    assert screen.earn_label.text() == (
        "Esta compra rende: 55 pontos (sem usar pontos; os pontos usados não rendem)"
    )

    sale = paid_in_cash(screen, qtbot, "55,00")
    assert sale.points and sale.earned == 55
    assert sale.balance is not None
    qtbot.waitUntil(lambda: display.state.paid, timeout=2_000)
    assert display.earned.text() == "Você ganhou 55 pontos"
    assert display.customer.text() == (
        f"Maria Silva\nSeu saldo de pontos: {sale.balance.spendable} pontos"
    )
    assert "Pontos ganhos 55" in screen.last_sale_label.text()


def test_one_point_is_said_in_the_singular_and_in_english(qapp: QApplication) -> None:
    display = CustomerDisplay("Loja Teste", "pt_BR")
    english = CustomerDisplay("Loja Teste", "en")
    try:
        state = DisplayState(total=100, customer="Maria", balance=1, earned=2, points=True)
        display.show_state(state)
        assert display.customer.text() == "Maria\nSeu saldo de pontos: 1 ponto"
        assert display.earned.text() == "Esta compra rende 2 pontos"
        translator = install_translator(qapp, "en")
        assert translator is not None
        try:
            english.show_state(replace(state, paid=True))
        finally:
            QCoreApplication.removeTranslator(translator)
        assert english.customer.text() == "Maria\nYour points balance: 1 point"
        assert english.earned.text() == "You earned 2 points"
    finally:
        display.deleteLater()
        english.deleteLater()
