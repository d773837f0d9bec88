"""The sale screen says "Abra o turno" before the cart is built, shows the last receipt at a
readable size (whole on F12) and counts search results with Qt's plural."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.services.cash.shifts import open_shift
from posapp.services.common.auth import Role, StaffRef
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.sales.printing import PrintService
from posapp.ui.context import UiContext
from posapp.ui.sale.receipt_view import READABLE_SCALE
from posapp.ui.sale.screen import SaleScreen
from tests.support import CASHIER_PIN, MovableClock, Shop, open_shop
from tests.ui.sale_support import Counter, counter_factory, scan, settle
from tests.ui.test_shell import make_shell, sign_in

MakeShop = Callable[..., Shop]


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def test_a_closed_shift_is_said_at_once_and_goes_when_the_shift_opens(
    tmp_path: Path, clock: MovableClock, qtbot: QtBot
) -> None:
    shop = open_shop(tmp_path / "closed.sqlite", "pharmacy", clock, opening_float=None)
    name = f"shift-{uuid.uuid4().hex[:8]}"
    virtual_printer(name)
    settings = CounterSettings(printer_uri=f"virtual://{name}")
    context = UiContext(
        shop.station,
        PrintService(shop.station, settings),
        settings,
        staff=StaffRef(shop.cashier_id, "Carlos Caixa", Role.CASHIER),
    )
    screen = SaleScreen(context)
    qtbot.addWidget(screen)
    try:
        screen.show()
        settle(screen, qtbot)  # before any item: said on showing the screen
        assert screen.shift_warning.isVisible()
        assert screen.shift_warning.text() == (
            "Abra o turno antes de vender: Caixa (Ctrl+4) › Abrir turno."
        )
        scan(screen, "7891000100103")
        settle(screen, qtbot)
        assert screen.model.rowCount() == 1 and screen.shift_warning.isVisible()

        open_shift(shop.station, shop.cashier_id, 10_000)
        screen.hide()  # to Caixa and back
        screen.show()
        settle(screen, qtbot)
        assert not screen.shift_warning.isVisible()
    finally:
        settle(screen, qtbot)
        context.printing.close()
        shop.station.close()
        stop_virtual_printers()


def test_the_last_receipt_is_readable_beside_the_cart_and_whole_on_f12(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    screen.activateWindow()
    qtbot.waitUntil(screen.input.hasFocus, timeout=3_000)  # F-keys reach the screen
    QTest.keyClick(screen.input, Qt.Key.Key_F12)
    assert screen.message.text() == "Nenhum recibo para mostrar."
    assert not screen.receipt_view.isVisible()
    sale = shop.sell("shampoo", "dipirona", cash=5_000)
    screen.print_receipt(sale.sale_id)
    qtbot.waitUntil(lambda: screen.receipt_view.isVisible(), timeout=10_000)
    settle(screen, qtbot)
    original = screen.receipt_view.original
    shown = screen.preview.pixmap()
    assert original.width() >= 384  # the paper's dots and its margins
    assert shown.width() >= int(original.width() * READABLE_SCALE)  # never a thumbnail
    assert screen.receipt_view.height() >= 200

    QTest.keyClick(screen.input, Qt.Key.Key_F12)
    dialog = screen.receipt_dialog
    assert dialog is not None and dialog.isVisible()
    whole = dialog.label.pixmap()
    scale = whole.width() / original.width()
    assert scale >= READABLE_SCALE
    assert abs(whole.height() - original.height() * scale) <= 2  # the whole receipt
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=3_000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    joana = shop.enrol("Joana Prado", cpf="111.444.777-35")
    scan(screen, "11144477735")  # the next customer's CPF: the last one's receipt goes
    settle(screen, qtbot)
    assert screen.customer is not None and screen.customer.id == joana
    assert not screen.receipt_view.isVisible() and screen.last_sale_label.text() == ""


def test_search_results_are_counted_with_qts_plural(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    screen = counters("salon").screen
    screen.search("batom")
    qtbot.waitUntil(lambda: screen.results.count() == 1, timeout=5_000)
    assert screen.message.text().startswith("1 resultado para “batom”")
    screen.search("a")
    qtbot.waitUntil(lambda: screen.results.count() > 1, timeout=5_000)
    count = screen.results.count()
    assert screen.message.text().startswith(f"{count} resultados para “a”")


def test_total_change_and_balance_are_big_light_on_dark_or_dark_on_light(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    scan(screen, "7891000100103")
    scan(screen, "52998224725")  # her CPF in the code field
    qtbot.waitUntil(lambda: screen.account is not None and screen.idle(), timeout=5_000)
    assert screen.customer is not None and screen.customer.id == maria
    screen.pay()
    dialog = screen.payment_dialog
    assert dialog is not None
    dialog.quick_cash(5_000)
    for label in (screen.total_label, screen.balance_label, dialog.total_label, dialog.summary):
        label.ensurePolished()
        assert label.fontInfo().pixelSize() >= 26, label.objectName()
        assert label.font().bold()
    assert dialog.summary.text() == "Troco: R$ 20,00"
    assert dialog.summary.fontInfo().pixelSize() >= 34  # the change, the biggest
    dialog.submit()
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    screen.change_label.ensurePolished()
    assert screen.change_label.isVisible() and screen.change_label.text() == "Troco: R$ 20,00"
    assert screen.change_label.fontInfo().pixelSize() >= 34
    settle(screen, qtbot)


def test_signing_in_without_an_open_shift_says_so_before_any_scan(
    tmp_path: Path, clock: MovableClock, qtbot: QtBot
) -> None:
    shop = open_shop(tmp_path / "closed.sqlite", "salon", clock, opening_float=None)
    shell = make_shell(shop, qtbot)
    try:
        sign_in(shell, qtbot, "Carlos", CASHIER_PIN)
        screen = shell.screens["sale"]
        assert isinstance(screen, SaleScreen)
        qtbot.waitUntil(screen.shift_warning.isVisible, timeout=5_000)
        assert screen.model.rowCount() == 0
    finally:
        qtbot.waitUntil(
            lambda: all(getattr(s, "idle", lambda: True)() for s in shell.screens.values())
        )
        shell.context.printing.close()
        shop.station.close()
