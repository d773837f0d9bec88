"""pyusb and escpos.printer.Usb end to end over an emulated USB backend."""

from __future__ import annotations

import pytest
import usb.backend.libusb0
import usb.backend.libusb1
import usb.backend.openusb

from hardware.device_thread import DeviceThread
from hardware.errors import (
    ConnectionLost,
    DeviceNotFound,
    PaperOut,
    ScannerDisconnected,
    UsbBackendMissing,
)
from hardware.printer import Printer
from hardware.receipt import ReceiptBuilder
from hardware.scanner.events import Scan
from hardware.scanner.hid import HidReportDecoder, HidScanner
from hardware.scanner.watch import watch_scanner
from hardware.status import PrinterStatus
from hardware.testing.usb_backend import EmulatedBackend, EmulatedHidScanner, EmulatedPrinter

URI = "usb://04b8:0e15"


def test_escpos_usb_printer_prints_through_pyusb(devices: DeviceThread) -> None:
    device = EmulatedPrinter()
    printer = Printer(URI, 80, "TM-T88V", devices, usb_backend=EmulatedBackend(device))
    receipt = ReceiptBuilder(80).text("Drogaria Ação").row("Total", "R$ 9,99").qr("Q").cut()
    result = printer.print(receipt.build()).result(timeout=10)
    assert result.status is not None and result.status.ready  # answered on bulk IN
    (printed,) = device.receipts()
    assert printed.lines[:2] == ["Drogaria Ação", "Total" + " " * 36 + "R$ 9,99"]
    assert printed.qr_payloads == ["Q"] and printed.cut


def test_usb_printer_out_of_paper(devices: DeviceThread) -> None:
    device = EmulatedPrinter()
    device.status = PrinterStatus(paper_out=True)
    printer = Printer(URI, devices=devices, usb_backend=EmulatedBackend(device))
    with pytest.raises(PaperOut, match="usb://04b8:0e15"):
        printer.print(ReceiptBuilder(80).text("x").build()).result(timeout=10)
    assert device.receipts() == []


def test_missing_usb_device_is_named(devices: DeviceThread) -> None:
    printer = Printer("usb://1234:5678", devices=devices, usb_backend=EmulatedBackend())
    with pytest.raises(DeviceNotFound) as caught:
        printer.print(ReceiptBuilder(80).text("x").build()).result(timeout=10)
    assert caught.value.message() == (
        "Impressora usb://1234:5678: dispositivo não encontrado (cabo desconectado?)."
    )


def test_unplugged_in_the_middle_of_a_job(devices: DeviceThread) -> None:
    device = EmulatedPrinter()
    backend = EmulatedBackend(device)
    printer = Printer(URI, devices=devices, usb_backend=backend)
    job = printer.render(ReceiptBuilder(80).text("x").cut().build())
    original_write = device.write

    def unplug_on_data(ep: int, data: bytes) -> int:
        if not data.startswith(b"\x10\x04"):
            device.plugged = False
        return original_write(ep, data)

    device.write = unplug_on_data  # type: ignore[method-assign]
    with pytest.raises(ConnectionLost, match="usb://04b8:0e15"):
        printer.send(job).result(timeout=10)
    device.write = original_write  # type: ignore[method-assign]
    device.plugged = True
    printer.send(job).result(timeout=10)
    assert device.receipts()[-1].lines[0] == "x"


def test_no_libusb_is_reported_as_such_not_as_a_missing_device(
    monkeypatch: pytest.MonkeyPatch, devices: DeviceThread
) -> None:
    for module in (usb.backend.libusb1, usb.backend.libusb0, usb.backend.openusb):
        monkeypatch.setattr(module, "get_backend", lambda *a, **k: None)
    with pytest.raises(UsbBackendMissing) as caught:
        Printer(URI, devices=devices).print(ReceiptBuilder(80).text("x").build()).result(10)
    assert "libusb" in caught.value.message()


def test_hid_scanner_reports_become_scans_with_shift() -> None:
    device = EmulatedHidScanner()
    scanner = HidScanner(0x05E0, 0x1200, backend=EmulatedBackend(device))
    device.scan("7891234567895")
    device.scan("Lote-A/42!")
    assert scanner.poll() == [
        Scan("7891234567895", "usb://05e0:1200"),
        Scan("Lote-A/42!", "usb://05e0:1200"),
    ]
    device.scan("PARTIAL", suffix=False)
    assert scanner.poll() == []  # no Enter yet


def test_hid_decoder_ignores_a_key_held_over_several_reports() -> None:
    dec = HidReportDecoder()
    a = bytes([0, 0, 0x04, 0, 0, 0, 0, 0])
    assert dec.feed(a) + dec.feed(a) + dec.feed(bytes(8)) + dec.feed(a) == "aa"


def test_hid_scanner_polled_on_the_device_thread_until_unplugged(devices: DeviceThread) -> None:
    import threading

    device = EmulatedHidScanner()
    scanner = HidScanner(0x05E0, 0x1200, backend=EmulatedBackend(device))
    got: list[Scan] = []
    errors: list[Exception] = []
    done = threading.Event()

    def on_scan(scan: Scan) -> None:
        assert devices.in_thread()
        got.append(scan)
        done.set()

    def on_error(exc: Exception) -> None:
        errors.append(exc)
        done.set()

    watch_scanner(scanner, devices, on_scan, on_error, interval=0.01)
    device.scan("ABC123")
    assert done.wait(5)
    assert [s.code for s in got] == ["ABC123"]
    done.clear()
    device.plugged = False
    assert done.wait(5)
    assert isinstance(errors[0], ScannerDisconnected)
    assert errors[0].message().startswith("Leitor usb://05e0:1200: desconectado")
