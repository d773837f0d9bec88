"""usb:// on Windows: pyusb goes through the libusb-1.0.dll the libusb-package wheel ships.

`libusb_package` is stood in by a module whose get_libusb1_backend() hands the
emulated USB bus (the one place where the DLL would be loaded); pyusb and
python-escpos run for real over it.
"""

from __future__ import annotations

import sys
import types

import pytest

from hardware.device_thread import DeviceThread
from hardware.errors import UsbBackendMissing
from hardware.printer import Printer
from hardware.receipt import ReceiptBuilder
from hardware.scanner.events import Scan
from hardware.scanner.hid import HidScanner
from hardware.testing.usb_backend import EmulatedBackend, EmulatedHidScanner, EmulatedPrinter


def _bundled_libusb(monkeypatch: pytest.MonkeyPatch, backend: object) -> list[str]:
    asked: list[str] = []

    def get_libusb1_backend() -> object:
        asked.append("get_libusb1_backend")
        return backend

    package = types.ModuleType("libusb_package")
    package.get_libusb1_backend = get_libusb1_backend  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "libusb_package", package)
    monkeypatch.setattr(sys, "platform", "win32")
    return asked


def test_on_windows_a_usb_printer_prints_through_the_bundled_libusb(
    monkeypatch: pytest.MonkeyPatch, devices: DeviceThread
) -> None:
    device = EmulatedPrinter()
    asked = _bundled_libusb(monkeypatch, EmulatedBackend(device))
    printer = Printer("usb://04b8:0e15", 80, "TM-T20II", devices)  # no backend passed
    printer.print(ReceiptBuilder(80).text("Farmácia São João").cut().build()).result(10)
    assert device.receipts()[0].lines[0] == "Farmácia São João"
    assert asked == ["get_libusb1_backend"]


def test_on_windows_a_hid_scanner_is_read_through_the_bundled_libusb(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scanner_device = EmulatedHidScanner()
    _bundled_libusb(monkeypatch, EmulatedBackend(scanner_device))
    scanner = HidScanner(0x05E0, 0x1200)
    scanner_device.scan("7891234567895")
    try:
        assert scanner.poll() == [Scan("7891234567895", "usb://05e0:1200")]
    finally:
        scanner.close()


def test_on_windows_without_the_dll_the_printer_says_libusb_is_missing(
    monkeypatch: pytest.MonkeyPatch, devices: DeviceThread
) -> None:
    _bundled_libusb(monkeypatch, None)  # libusb_package found no DLL for this machine
    monkeypatch.setattr("usb.backend.libusb1.get_backend", lambda *a, **k: None)
    monkeypatch.setattr("usb.backend.libusb0.get_backend", lambda *a, **k: None)
    monkeypatch.setattr("usb.backend.openusb.get_backend", lambda *a, **k: None)
    printer = Printer("usb://04b8:0e15", devices=devices)
    with pytest.raises(UsbBackendMissing) as missing:
        printer.print(ReceiptBuilder(80).text("x").build()).result(10)
    assert missing.value.message() == (
        "Impressora usb://04b8:0e15: biblioteca libusb não instalada neste computador."
    )
