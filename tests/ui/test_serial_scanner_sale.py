"""A scanner on a serial port (COM3 on Windows) rings items up on the sale screen.

The port is a real pty reached by the name COM3 (a link in the test's working
directory: pyserial opens a relative name as a path on Linux, \\\\.\\COM3 on
Windows); pyserial reads it on the print service's device thread.
"""

from __future__ import annotations

import os
import tty
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posapp.services.common.auth import Role, StaffRef
from posapp.services.common.counter_settings import CounterSettings, load_settings
from posapp.services.machine.settings import read_machine_config
from posapp.services.sales.printing import PrintService
from posapp.ui.context import UiContext
from posapp.ui.sale import SaleScreen
from posapp.ui.settings.screen import SettingsScreen
from tests.support import MANAGER_PIN, Shop
from tests.ui.ui_support import Pins, make_context

MakeShop = Callable[..., Shop]


@pytest.fixture
def com3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    master, slave = os.openpty()
    tty.setraw(slave)
    (tmp_path / "COM3").symlink_to(os.ttyname(slave))
    monkeypatch.chdir(tmp_path)
    yield master
    os.close(master)
    os.close(slave)


def _screen(shop: Shop, qtbot: QtBot, scanner_uri: str) -> SaleScreen:
    settings = CounterSettings(printer_uri="virtual://serial-scan", scanner_uri=scanner_uri)
    context = UiContext(
        station=shop.station,
        printing=PrintService(shop.station, settings, timeout=3.0),
        settings=settings,
        staff=StaffRef(shop.cashier_id, "Carlos Caixa", Role.CASHIER),
    )
    screen = SaleScreen(context)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def _close(screen: SaleScreen, qtbot: QtBot) -> None:
    if screen.serial_scanner is not None:
        screen.serial_scanner.stop()
    qtbot.waitUntil(screen.idle, timeout=5_000)
    screen.context.printing.close()


def test_codes_read_on_com3_ring_items_up(make_shop: MakeShop, qtbot: QtBot, com3: int) -> None:
    shop = make_shop("pharmacy")
    screen = _screen(shop, qtbot, "serial://COM3?baudrate=9600")
    try:
        feed = screen.serial_scanner
        assert feed is not None
        # A code sent before the port is open is flushed by the opening (as at a real
        # counter): under load the device thread opened it after the write, and the test
        # waited for lines that were never read.
        qtbot.waitUntil(lambda: feed.scanner.is_open, timeout=10_000)
        os.write(com3, b"7891000100103\r\n7896004700014\r")
        qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=20_000)
        qtbot.waitUntil(screen.idle, timeout=5_000)  # the cart's total is priced off the GUI
        assert screen.total_label.text().endswith("Total: R$ 42,50")
        assert screen.input.text() == ""
    finally:
        _close(screen, qtbot)


def test_a_missing_com_port_is_said_on_the_sale_screen(
    make_shop: MakeShop, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no COM9 here
    shop = make_shop("salon")
    screen = _screen(shop, qtbot, "serial://COM9?baudrate=9600")
    try:
        qtbot.waitUntil(lambda: screen.message.text() != "", timeout=5_000)
        assert screen.message.text().startswith(
            "Leitor serial://COM9?baudrate=9600: dispositivo não encontrado (cabo desconectado?)"
        )
    finally:
        _close(screen, qtbot)


def test_gerencia_saves_the_serial_scanner_port_and_refuses_a_bad_one(
    make_shop: MakeShop, qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = SettingsScreen(make_context(shop))
    qtbot.addWidget(screen)
    screen.show()
    try:
        qtbot.waitUntil(screen.idle, timeout=15_000)
        screen.ask_pin = Pins(MANAGER_PIN)
        screen.scanner_uri.setText("serial://COM3?baudrate=rapido")
        qtbot.mouseClick(screen.devices_save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(screen.idle, timeout=15_000)
        assert "baudrate deve ser um número" in screen.message.text()
        assert load_settings(shop.station).scanner_uri == ""
        screen.scanner_uri.setText("serial://COM3?baudrate=9600")
        qtbot.mouseClick(screen.devices_save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(screen.idle, timeout=15_000)
        assert load_settings(shop.station).scanner_uri == "serial://COM3?baudrate=9600"
        assert read_machine_config().devices["scanner_uri"] == "serial://COM3?baudrate=9600"
    finally:
        qtbot.waitUntil(screen.idle, timeout=15_000)
        screen.context.printing.close()
