"""Helpers for the sale screen tests: a screen on a real shop, scanner bursts, waiting."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from hardware.emulator.server import EmulatorServer
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.core.pricing import Tender
from posapp.services.common.auth import Role, StaffRef
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.sales.checkout import SaleResult
from posapp.services.sales.printing import PrintService
from posapp.ui.context import UiContext
from posapp.ui.sale import SaleScreen
from tests.support import Shop

MakeShop = Callable[..., Shop]


@dataclass
class Counter:
    shop: Shop
    context: UiContext
    screen: SaleScreen
    printer: EmulatorServer


def counter_factory(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    """For a fixture: `yield from counter_factory(make_shop, qtbot)`; cleans up after."""
    made: list[Counter] = []

    def make(program: str) -> Counter:
        shop = make_shop(program)
        name = f"sale-{uuid.uuid4().hex[:8]}"
        printer = virtual_printer(name)
        settings = CounterSettings(printer_uri=f"virtual://{name}")
        context = UiContext(
            station=shop.station,
            printing=PrintService(shop.station, settings, timeout=3.0),
            settings=settings,
            staff=StaffRef(shop.cashier_id, "Carlos Caixa", Role.CASHIER),
        )
        screen = SaleScreen(context)
        qtbot.addWidget(screen)
        screen.resize(1200, 800)
        screen.show()
        counter = Counter(shop, context, screen, printer)
        made.append(counter)
        return counter

    yield make
    for counter in made:
        qtbot.waitUntil(counter.screen.idle, timeout=20_000)  # every answer has landed
        counter.context.printing.close()
    stop_virtual_printers()


def press(widget: QLineEdit, key: Qt.Key, text: str = "") -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def _key_for(char: str) -> Qt.Key:
    if char.isdigit():
        return Qt.Key(Qt.Key.Key_0.value + int(char))
    if char.isascii() and char.isalpha():
        return Qt.Key(Qt.Key.Key_A.value + ord(char.upper()) - ord("A"))
    return Qt.Key.Key_unknown


def scan(screen: SaleScreen, code: str) -> None:
    """A keyboard-wedge burst: every character as a fast key press, then Enter."""
    for char in code:
        press(screen.input, _key_for(char), char)
    press(screen.input, Qt.Key.Key_Return, "\r")


def type_slowly(screen: SaleScreen, text: str, qtbot: QtBot) -> None:
    """A person typing: each key handed back to the line edit before the next one."""
    for char in text:
        press(screen.input, _key_for(char), char)
        qtbot.waitUntil(lambda: not screen.input.detector.holding, timeout=2_000)


def settle(screen: SaleScreen, qtbot: QtBot) -> None:
    qtbot.waitUntil(screen.idle, timeout=10_000)


def paid_in_cash(screen: SaleScreen, qtbot: QtBot, cash: str) -> SaleResult:
    """F10, `cash` typed as the cashier types it, Enter: the sale as the screen got it."""
    screen.pay()
    qtbot.waitUntil(lambda: screen.payment_dialog is not None, timeout=5_000)
    dialog = screen.payment_dialog
    assert dialog is not None
    dialog.fields[Tender.CASH].setText(cash)
    dialog.submit()
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    assert screen.last_sale is not None
    return screen.last_sale


def normalized(lines: list[str] | str) -> list[str]:
    if isinstance(lines, str):
        lines = lines.splitlines()
    return [re.sub(r"\s+", " ", line).strip() for line in lines if line.strip()]
