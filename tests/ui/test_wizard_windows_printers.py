"""The first-run wizard on a Windows counter: the installed printers offered, the test page
through the spooler, the choice saved as win32://NAME.

The spooler is the fake of the pywin32 calls (hardware.testing.fake_win32print); the COM
ports are pyserial's list_ports answers as its Windows backend builds them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from serial.tools.list_ports_common import ListPortInfo

import hardware.serial_ports
from hardware.testing.fake_win32print import (
    FakeSpooler,
    FakeWindowsPrinter,
    install_fake_spooler,
)
from hardware.win32_spooler import PRINTER_STATUS_PAPER_OUT, PRINTER_STATUS_PAUSED
from posapp.services.admin.store_setup import is_set_up
from posapp.services.common.counter_settings import load_settings
from posapp.services.common.station import Station, open_station
from posapp.services.onboarding.printer_search import search_printers
from posapp.ui.first_run.wizard import FirstRunWizard
from posapp.ui.settings.screen import SettingsScreen
from tests.support import MANAGER_PIN, Shop
from tests.ui.ui_support import Pins, make_context

ELGIN = "ELGIN i9"


@pytest.fixture
def spooler(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSpooler]:
    com3 = ListPortInfo("COM3", skip_link_detection=True)
    com3.description = "Prolific USB-to-Serial Comm Port (COM3)"
    monkeypatch.setattr(hardware.serial_ports.list_ports, "comports", lambda *a, **k: [com3])
    fake = FakeSpooler(
        FakeWindowsPrinter(
            "Microsoft Print to PDF", driver="Microsoft Print To PDF", port="PORTPROMPT:"
        ),
        FakeWindowsPrinter(ELGIN, driver="ELGIN i9", port="USB001"),
        default=ELGIN,
    )
    with install_fake_spooler(fake):
        yield fake


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    opened = open_station(tmp_path / "loja.sqlite")
    yield opened
    opened.close()


def _to_printer_page(qtbot: QtBot, station: Station) -> FirstRunWizard:
    wizard = FirstRunWizard(station)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.store.name.setText("Salão Conceição")
    wizard.next()
    wizard.admin.name.setText("João")
    wizard.admin.pin.setText("2468")
    wizard.admin.pin_again.setText("2468")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.printer.scan is not None, timeout=5_000)
    return wizard


def test_the_windows_printers_come_first_and_the_default_is_chosen(
    qtbot: QtBot, station: Station, spooler: FakeSpooler
) -> None:
    wizard = _to_printer_page(qtbot, station)
    page = wizard.printer
    items = [(page.choice.itemText(i), page.choice.itemData(i)) for i in range(page.choice.count())]
    assert items[:3] == [
        (f"Windows: {ELGIN} (ELGIN i9, USB001) [padrão]", f"win32://{ELGIN}"),
        (
            "Windows: Microsoft Print to PDF (Microsoft Print To PDF, PORTPROMPT:)",
            "win32://Microsoft Print to PDF",
        ),
        ("Serial: COM3: Prolific USB-to-Serial Comm Port", "serial://COM3?baudrate=9600"),
    ]
    assert page.printer_uri() == f"win32://{ELGIN}"
    assert page.usb_note.text().startswith("2 impressoras do Windows encontradas.")


def test_the_test_page_goes_through_the_spooler_and_the_choice_is_saved(
    qtbot: QtBot, station: Station, spooler: FakeSpooler
) -> None:
    wizard = _to_printer_page(qtbot, station)
    page = wizard.printer
    elgin = spooler.printers[ELGIN]
    elgin.status = PRINTER_STATUS_PAUSED
    page.test_button.click()
    qtbot.waitUntil(lambda: page.outcome is not None, timeout=10_000)
    assert page.result.text().startswith(f"Não imprimiu: Impressora win32://{ELGIN}: a fila está")
    elgin.status = 0  # resumed in the printer's queue window
    page.outcome = None
    page.test_button.click()
    qtbot.waitUntil(lambda: page.outcome is not None, timeout=10_000)
    assert page.result.text() == "Página de teste impressa. Saiu certinha?"
    assert "Página de teste" in "\n".join(elgin.receipts()[0].lines)
    wizard.next()
    wizard.next()
    wizard.accept()
    assert is_set_up(station)
    assert load_settings(station).printer_uri == f"win32://{ELGIN}"


def test_on_linux_the_search_lists_no_windows_printer_and_says_nothing_of_it() -> None:
    search = search_printers()
    assert search.of_kind("windows") == [] and search.windows_note() is None


def test_a_stopped_spooler_is_said_and_the_rest_still_listed(
    spooler: FakeSpooler,
) -> None:
    spooler.running = False
    search = search_printers()
    assert search.of_kind("windows") == []
    assert "Spooler de Impressão do Windows não está rodando" in (search.windows_note() or "")
    assert "Print Spooler service is not running" in (search.windows_note("en") or "")
    assert [p.uri for p in search.of_kind("serial")] == ["serial://COM3?baudrate=9600"]


def test_gerencia_finds_the_windows_printer_prints_through_it_and_saves_it(
    qtbot: QtBot, spooler: FakeSpooler, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop("salon")
    screen = SettingsScreen(make_context(shop))
    qtbot.addWidget(screen)
    screen.show()
    try:
        qtbot.waitUntil(screen.idle, timeout=15_000)
        qtbot.mouseClick(screen.printer_search, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: screen.printer_found.count() == 3, timeout=5_000)
        index = screen.printer_found.findData(f"win32://{ELGIN}")
        assert screen.printer_found.itemText(index).startswith(f"Windows: {ELGIN} (")
        screen.printer_found.activated.emit(index)  # the manager picks it
        assert screen.printer_uri.text() == f"win32://{ELGIN}"
        spooler.printers[ELGIN].status = PRINTER_STATUS_PAPER_OUT
        qtbot.mouseClick(screen.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(screen.idle, timeout=15_000)
        assert screen.message.text() == f"Não imprimiu: Impressora win32://{ELGIN}: sem papel."
        spooler.printers[ELGIN].status = 0
        qtbot.mouseClick(screen.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(screen.idle, timeout=15_000)
        assert screen.message.text() == "Página de teste impressa"
        assert len(spooler.printers[ELGIN].printed) == 1
        screen.ask_pin = Pins(MANAGER_PIN)
        qtbot.mouseClick(screen.devices_save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(screen.idle, timeout=15_000)
        assert load_settings(shop.station).printer_uri == f"win32://{ELGIN}"
    finally:
        qtbot.waitUntil(screen.idle, timeout=15_000)
        screen.context.printing.close()
