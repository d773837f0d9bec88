"""Issue 15, the counter flow, driven by the keyboard alone: every key goes to the widget that
has the focus (as a cashier's keyboard would), and the keys after the scans are counted.

- pharmacy: items scanned, the CPF typed (or scanned) into the code field, F10, F2 "usar
  cashback", a quick-cash key, Enter: at most 6 keys after the scans;
- salon: a balance lookup is F2, the name or phone, Enter: 2 keys;
- sign-in, each dialog and each sale leave the focus in the code field, and the next
  customer never finds the last one's name, balance or cashback filled in.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.core.pricing import Tender
from posapp.services.customers import adjustments
from posapp.services.customers import registry as customers
from posapp.services.sales import parking
from posapp.ui.sale.payment_dialog import PaymentDialog
from posapp.ui.sale.screen import SaleScreen
from posapp.ui.shell import SALE, Shell
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop
from tests.ui.test_shell import make_shell

MakeShop = Callable[..., Shop]
MARIA_CPF = "52998224725"
SHAMPOO, DIPIRONA = "7891000100103", "7896004700014"


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def printer_uri() -> str:
    """A virtual receipt printer that answers at once (receipts print after each sale)."""
    name = f"flow-{uuid.uuid4().hex[:8]}"
    virtual_printer(name)
    return f"virtual://{name}"


class Keyboard:
    """Keys to whatever widget has the focus; `count` is the keys a person pressed."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0

    @staticmethod
    def focused() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the focus"
        return widget

    def key(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.keyClick(self.focused(), key, modifier)
        self.count += 1

    def type(self, text: str, screen: SaleScreen | None = None) -> None:
        """A person typing words (not counted: the CPF, name or phone itself). On the sale
        screen each key is let through the scanner detector before the next, as by hand."""
        for char in text:
            QTest.keyClicks(self.focused(), char)
            if screen is not None:
                self.qtbot.waitUntil(lambda: not screen.input.detector.holding, timeout=2_000)

    def scan(self, code: str) -> None:
        """A scanner burst: the characters and Enter faster than anyone types."""
        widget = self.focused()
        QTest.keyClicks(widget, code)
        QTest.keyClick(widget, Qt.Key.Key_Return)


def back_at_the_counter(screen: SaleScreen, qtbot: QtBot) -> None:
    """A dialog closed: the window manager hands the window back (the offscreen platform does
    not), and the key goes where the screen left the focus, which must be the code field."""
    screen.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.input, timeout=3_000)


def sale_screen(shell: Shell) -> SaleScreen:
    screen = shell.screens[SALE]
    assert isinstance(screen, SaleScreen)
    return screen


def sign_in_by_keys(shell: Shell, qtbot: QtBot, name: str, pin: str) -> SaleScreen:
    signin = shell.signin
    tile = next(t for t in signin.tiles.values() if t.text().startswith(name))
    shell.activateWindow()
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is signin.pad.display, timeout=3_000)
    QTest.keyClicks(signin.pad.display, pin)
    QTest.keyClick(signin.pad.display, Qt.Key.Key_Return)
    screen = sale_screen(shell)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.input, timeout=3_000)
    return screen


def open_payment(screen: SaleScreen, qtbot: QtBot) -> PaymentDialog:
    qtbot.waitUntil(lambda: screen.payment_dialog is not None, timeout=5_000)
    dialog = screen.payment_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isAncestorOf(Keyboard.focused()), timeout=3_000)
    return dialog


@pytest.fixture
def pharmacy(make_shop: MakeShop, qtbot: QtBot) -> Iterator[tuple[Shop, Shell]]:
    shop = make_shop("pharmacy")
    shell = make_shell(shop, qtbot, printer=printer_uri())
    shell.activateWindow()
    yield shop, shell
    shell.context.printing.close()


def maria_with_cashback(shop: Shop) -> int:
    """Maria, R$ 24,40 of cashback (R$ 20 of it in a balance voucher, R$ 4,40 spendable)."""
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    adjustments.adjust(
        shop.station,
        customer_id=maria,
        units=2_440,
        reason="teste",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    return maria


def test_a_pharmacy_sale_with_a_typed_cpf_cashback_and_rounded_cash_is_five_keys(
    pharmacy: tuple[Shop, Shell], qtbot: QtBot
) -> None:
    shop, shell = pharmacy
    maria = maria_with_cashback(shop)
    spendable = customers.account(shop.station, maria).spendable_value
    assert spendable > 0
    screen = sign_in_by_keys(shell, qtbot, "Carlos", CASHIER_PIN)  # focus: the code field
    keys = Keyboard(qtbot)
    for code in (SHAMPOO, DIPIRONA, DIPIRONA):
        keys.scan(code)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2 and screen.idle(), timeout=5_000)
    assert screen.total_label.text() == "Total: R$ 55,00"
    assert keys.count == 0

    keys.type(MARIA_CPF, screen)  # straight into the code field, no F2
    keys.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.account is not None and screen.idle(), timeout=5_000)
    assert "Maria Silva" in screen.customer_label.text()
    assert screen.balance_label.text() == f"Saldo disponível: {screen.money(spendable)}"
    assert screen.input.text() == "" and screen.model.rowCount() == 2

    keys.key(Qt.Key.Key_F10)
    dialog = open_payment(screen, qtbot)
    assert dialog.cashback.text() == ""  # nothing spent before the cashier says so
    assert dialog.use_cashback.text() == f"F2 Usar cashback {screen.money(spendable)}?"
    keys.key(Qt.Key.Key_F2)
    assert dialog.cashback.text() == f"{spendable // 100},{spendable % 100:02d}"
    due = 5_500 - spendable
    next_ten = -(-due // 1_000) * 1_000
    assert dialog.quick[1_000].text() == f"F6 {screen.money(next_ten)}"
    keys.key(Qt.Key.Key_F6)
    assert dialog.summary.text() == f"Troco: {screen.money(next_ten - due)}"
    qtbot.waitUntil(lambda: not dialog.earn_pending(), timeout=5_000)
    preview = dialog.earn_label.text()
    assert preview.endswith(": o cashback usado não rende")
    keys.key(Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    sale = screen.last_sale
    assert sale is not None
    assert keys.count == 5  # Enter, F10, F2, F6, Enter
    assert (sale.total, sale.redeemed, sale.change) == (5_500, spendable, next_ten - due)
    # the preview was the sale's own earning: 5 % of what money paid, never of the cashback
    assert preview == f"Esta compra rende {screen.money(sale.earned)}: o cashback usado não rende"
    assert sale.earned == (5_500 - spendable) * 5 // 100
    assert screen.change_label.text() == f"Troco: {screen.money(next_ten - due)}"

    # the next customer: focus back in the code field, nobody attached, nothing pre-filled
    back_at_the_counter(screen, qtbot)
    assert screen.customer is None and not screen.balance_label.isVisible()
    assert "Maria" not in screen.customer_label.text()
    assert "Maria Silva" in screen.last_sale_label.text()  # her sale, until the next one starts
    qtbot.waitUntil(lambda: screen.receipt_view.isVisibleTo(screen), timeout=10_000)
    keys.scan(DIPIRONA)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and screen.idle(), timeout=5_000)
    assert screen.last_sale_label.text() == "" and not screen.change_label.isVisible()
    assert not screen.receipt_view.isVisibleTo(screen)  # her receipt left with her
    keys.key(Qt.Key.Key_F10)
    dialog = open_payment(screen, qtbot)
    assert dialog.cashback.text() == "" and not dialog.cashback.isEnabled()
    assert not dialog.use_cashback.isVisible()
    keys.key(Qt.Key.Key_Escape)
    back_at_the_counter(screen, qtbot)
    qtbot.waitUntil(screen.idle, timeout=10_000)


def test_a_scanned_cpf_and_exact_cash_is_four_keys(
    pharmacy: tuple[Shop, Shell], qtbot: QtBot
) -> None:
    shop, shell = pharmacy
    maria = maria_with_cashback(shop)
    spendable = customers.account(shop.station, maria).spendable_value
    screen = sign_in_by_keys(shell, qtbot, "Carlos", CASHIER_PIN)
    keys = Keyboard(qtbot)
    keys.scan(SHAMPOO)
    keys.scan(MARIA_CPF)  # a CPF barcode (a loyalty card, a prescription) in the same field
    keys.key(Qt.Key.Key_F10)  # at once: the payment waits for her and her quote
    dialog = open_payment(screen, qtbot)
    assert screen.model.rowCount() == 1 and screen.customer is not None
    assert dialog.use_cashback.text() == f"F2 Usar cashback {screen.money(spendable)}?"
    keys.key(Qt.Key.Key_F2)
    keys.key(Qt.Key.Key_F5)  # exact
    assert dialog.cashback.text() == f"{spendable // 100},{spendable % 100:02d}"
    cash = 3_000 - spendable
    assert dialog.fields[Tender.CASH].text() == f"{cash // 100},{cash % 100:02d}"
    assert dialog.summary.text() == "Pagamento completo"
    keys.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    assert keys.count == 4
    assert screen.last_sale is not None and screen.last_sale.change == 0
    qtbot.waitUntil(screen.idle, timeout=10_000)  # the receipt printed and previewed


def test_a_cpf_nobody_has_offers_enrolment_with_it_filled_in(
    pharmacy: tuple[Shop, Shell], qtbot: QtBot
) -> None:
    _shop, shell = pharmacy
    screen = sign_in_by_keys(shell, qtbot, "Carlos", CASHIER_PIN)
    keys = Keyboard(qtbot)
    keys.type("111.444.777-35", screen)
    keys.key(Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: screen.message.text() == "CPF 111.444.777-35 sem cadastro. F9 cadastra o cliente.",
        timeout=5_000,
    )
    assert screen.customer is None
    keys.key(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: screen.enrol_dialog is not None, timeout=3_000)
    enrol = screen.enrol_dialog
    assert enrol is not None
    assert enrol.cpf.text() == "111.444.777-35"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is enrol.name, timeout=3_000)
    qtbot.waitUntil(screen.idle, timeout=5_000)


def test_a_salon_balance_lookup_is_two_keys_and_the_next_sign_in_finds_nobody(
    make_shop: MakeShop, qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    joana = shop.enrol("Joana Prado", phone="(11) 98765-4321")
    adjustments.adjust(
        shop.station,
        customer_id=joana,
        units=1_234,
        reason="teste",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    beatriz = shop.enrol("Beatriz Lima", phone="(11) 91234-0000")
    shell = make_shell(shop, qtbot, printer=printer_uri())
    shell.activateWindow()
    try:
        screen = sign_in_by_keys(shell, qtbot, "Carlos", CASHIER_PIN)
        keys = Keyboard(qtbot)
        keys.key(Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: screen.customer_dialog is not None, timeout=3_000)
        picker = screen.customer_dialog
        assert picker is not None
        qtbot.waitUntil(lambda: QApplication.focusWidget() is picker.query, timeout=3_000)
        keys.type("98765-4321")
        keys.key(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.account is not None and screen.idle(), timeout=5_000)
        assert keys.count == 2
        assert screen.balance_label.text() == "Saldo disponível: R$ 12,34"
        assert screen.balance_label.isVisible()
        back_at_the_counter(screen, qtbot)

        # another customer by name: the same two keys
        keys.key(Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: screen.customer_dialog is not picker, timeout=3_000)
        by_name = screen.customer_dialog
        assert by_name is not None
        qtbot.waitUntil(lambda: QApplication.focusWidget() is by_name.query, timeout=3_000)
        keys.type("beatriz")
        keys.key(Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: screen.account is not None and screen.account.summary.id == beatriz,
            timeout=5_000,
        )
        assert keys.count == 4
        assert screen.balance_label.text() == "Saldo disponível: R$ 0,00"
        back_at_the_counter(screen, qtbot)

        # checked only for the balance: signing out takes her off the screen
        keys.key(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert shell.current is shell.signin
        screen = sign_in_by_keys(shell, qtbot, "Marta", MANAGER_PIN)
        assert screen.customer is None and "Joana" not in screen.customer_label.text()
        assert screen.balance_label.text() == "" and not screen.balance_label.isVisible()
        assert parking.left_open(shop.station) == []  # there was no cart to park
        keys.scan("7891000100103")
        qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and screen.idle(), timeout=5_000)
        keys.key(Qt.Key.Key_F10)
        dialog = open_payment(screen, qtbot)
        assert dialog.cashback.text() == "" and not dialog.cashback.isEnabled()
        keys.key(Qt.Key.Key_Escape)
    finally:
        qtbot.waitUntil(lambda: sale_screen(shell).idle(), timeout=5_000)
        shell.context.printing.close()
