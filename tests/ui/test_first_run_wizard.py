"""The first-run wizard, driven page by page as a store owner would answer it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from hardware.scanner.events import Scan
from hardware.scanner.wedge import WedgeDetector
from hardware.test_page import TEST_EAN13
from hardware.testing.usb_backend import EmulatedBackend, EmulatedPrinter
from posapp.services.admin.store import current_program
from posapp.services.admin.store_setup import is_set_up
from posapp.services.common.auth import sign_in
from posapp.services.common.counter_settings import load_settings
from posapp.services.common.station import Station, open_station
from posapp.services.machine.settings import read_machine_config
from posapp.ui.first_run.wizard import NO_PRINTER, FirstRunWizard
from posapp.ui.printed_window import show_printed
from posapp.ui.sale.scan_field import wedge_config


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    opened = open_station(tmp_path / "new.sqlite")
    yield opened
    stop_virtual_printers()
    opened.close()


def make_wizard(qtbot: QtBot, station: Station, **kw: object) -> FirstRunWizard:
    wizard = FirstRunWizard(station, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def fill_first_pages(wizard: FirstRunWizard, pin: str = "2468", again: str = "2468") -> None:
    wizard.store.name.setText("Drogaria Central")
    wizard.store.segment.setCurrentIndex(wizard.store.segment.findData("pharmacy"))
    wizard.next()
    wizard.admin.name.setText("Paula")
    wizard.admin.pin.setText(pin)
    wizard.admin.pin_again.setText(again)
    wizard.next()


def test_filling_the_wizard_sets_up_the_store_admin_and_printer(
    qtbot: QtBot, station: Station
) -> None:
    wizard = make_wizard(qtbot, station)
    fill_first_pages(wizard)
    assert wizard.currentPage() is wizard.printer
    qtbot.waitUntil(lambda: wizard.printer.scan is not None)
    wizard.printer.choice.setCurrentIndex(wizard.printer.choice.findData("tcp"))
    wizard.printer.address.setText("192.168.0.50:9100")
    wizard.printer.paper.setCurrentIndex(wizard.printer.paper.findData(58))
    wizard.next()
    wizard.next()
    assert "Drogaria Central" in wizard.done_page.summary.text()
    wizard.accept()
    assert wizard.setup_result is not None and is_set_up(station)
    assert current_program(station).key == "pharmacy"
    with station.write() as session:
        admin = sign_in(session, wizard.setup_result.admin_id, "2468", station.now())
    assert admin.name == "Paula"
    settings = load_settings(station)
    assert (settings.printer_uri, settings.paper_mm) == ("tcp://192.168.0.50:9100", 58)


def test_a_pin_mismatch_and_an_empty_name_keep_the_wizard_on_its_page(
    qtbot: QtBot, station: Station
) -> None:
    wizard = make_wizard(qtbot, station)
    wizard.next()
    assert wizard.currentPage() is wizard.store
    assert wizard.store.error.text() == "Informe o nome da loja."
    wizard.store.name.setText("Loja")
    wizard.next()
    wizard.admin.pin.setText("1234")
    wizard.admin.pin_again.setText("1235")
    wizard.next()
    assert wizard.currentPage() is wizard.admin
    assert wizard.admin.error.text() == "Os dois PINs não são iguais."
    assert not is_set_up(station)


def test_the_test_print_reaches_the_virtual_printer(qtbot: QtBot, station: Station) -> None:
    wizard = make_wizard(qtbot, station)
    fill_first_pages(wizard)
    qtbot.waitUntil(lambda: wizard.printer.scan is not None)
    assert wizard.printer.choice.currentData() == NO_PRINTER
    printer = virtual_printer("wizard-test")
    wizard.printer.choice.setItemData(wizard.printer.choice.currentIndex(), "virtual://wizard-test")
    wizard.printer.test_button.click()
    qtbot.waitUntil(lambda: wizard.printer.outcome is not None, timeout=10_000)
    assert wizard.printer.outcome is not None and wizard.printer.outcome.printed
    assert wizard.printer.result.text() == (
        "Página de teste impressa na impressora virtual: ela aparece na janela Impressões. "
        "Saiu certinha?"
    )
    receipts = printer.wait_for_receipts(1)
    assert receipts and receipts[0].text_lines
    # The page can be seen: the Impressões window opened on it, at the printer's full width.
    window = show_printed("virtual://wizard-test")
    assert window is not None and window.isVisible()
    qtbot.waitUntil(lambda: len(window.papers) == 1)
    paper = window.papers[0]
    assert paper.pixmap().width() >= printer.paper_dots
    assert "\n".join(receipts[0].lines) == paper.property("paperText")


def test_usb_printers_are_listed_from_the_emulated_backend(qtbot: QtBot, station: Station) -> None:
    wizard = make_wizard(qtbot, station, usb_backend=EmulatedBackend(EmulatedPrinter()))
    fill_first_pages(wizard)
    qtbot.waitUntil(lambda: wizard.printer.scan is not None)
    assert wizard.printer.choice.currentData() == "usb://04b8:0e15"
    assert wizard.printer.printer_uri() == "usb://04b8:0e15"


def _keys(wizard: FirstRunWizard, clock: Clock, text: str, gap: float) -> None:
    field = wizard.scanner.test_field
    for char in [*text, "\r"]:
        key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                field, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )
        clock.now += gap


def test_the_scanner_page_tells_a_burst_from_typing(qtbot: QtBot, station: Station) -> None:
    clock = Clock()
    wizard = make_wizard(qtbot, station, clock=clock)
    fill_first_pages(wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.scanner
    _keys(wizard, clock, "7891234", gap=0.2)
    assert wizard.scanner.code is None
    clock.now += 5
    _keys(wizard, clock, "7891000100103", gap=0.005)
    assert wizard.scanner.code == "7891000100103"
    assert "7891000100103" in wizard.scanner.result.text()


def _scan(wizard: FirstRunWizard, clock: Clock, text: str, gap: float, ending: Qt.Key) -> None:
    field = wizard.scanner.test_field
    for key, char in [*[(Qt.Key(ord(c)), c) for c in text], (ending, "")]:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                field, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )
        clock.now += gap


def test_the_scanner_the_test_scan_found_is_saved_for_this_computer(
    qtbot: QtBot, station: Station
) -> None:
    clock = Clock()
    wizard = make_wizard(qtbot, station, clock=clock)
    fill_first_pages(wizard)
    qtbot.waitUntil(lambda: wizard.printer.scan is not None)
    wizard.next()
    _scan(wizard, clock, f"]E0{TEST_EAN13}", 0.03, Qt.Key.Key_Tab)
    assert wizard.currentPage() is wizard.scanner  # Tab neither moved on nor left the field
    assert wizard.scanner.code == TEST_EAN13
    assert wizard.scanner.result.text() == (
        f'Leitor funcionando: código {TEST_EAN13} (prefixo "]E0", final Tab, '
        "até 70 ms entre teclas)"
    )
    assert wizard.scanner.test_field.text() == ""
    wizard.next()
    wizard.accept()
    assert wizard.setup_result is not None

    settings = load_settings(station)
    assert (settings.scanner_prefix, settings.scanner_suffix) == ("]E0", "Tab")
    assert settings.scanner_max_gap_ms == 70
    assert read_machine_config().devices["scanner_prefix"] == "]E0"
    detector = WedgeDetector(wedge_config(settings))  # the sale screen now reads this scanner
    events = [
        event
        for i, key in enumerate([*f"]E0{TEST_EAN13}", "Tab"])
        for event in detector.feed(key, i * 0.03)
    ]
    assert events == [Scan(TEST_EAN13, "wedge")]


def test_without_a_test_scan_the_scanner_keeps_the_defaults(qtbot: QtBot, station: Station) -> None:
    clock = Clock()
    wizard = make_wizard(qtbot, station, clock=clock)
    fill_first_pages(wizard)
    qtbot.waitUntil(lambda: wizard.printer.scan is not None)
    wizard.next()
    _scan(wizard, clock, "1234567", 0.25, Qt.Key.Key_Return)  # typed by hand
    assert wizard.scanner.code is None
    wizard.next()
    wizard.accept()
    settings = load_settings(station)
    assert (settings.scanner_prefix, settings.scanner_suffix, settings.scanner_max_gap_ms) == (
        "",
        "Enter",
        50,
    )
