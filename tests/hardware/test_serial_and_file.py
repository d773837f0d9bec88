"""Serial scanner and serial/file printers over real file descriptors (a pty pair)."""

from __future__ import annotations

import os
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardware.device_thread import DeviceThread
from hardware.emulator.decoder import decode
from hardware.errors import DeviceNotFound, ScannerNotFound
from hardware.printer import Printer
from hardware.receipt import ReceiptBuilder
from hardware.scanner.events import Scan
from hardware.scanner.serial_scanner import SerialScanner


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    master, slave = os.openpty()
    tty.setraw(slave)
    name = os.ttyname(slave)
    yield master, name
    os.close(master)
    os.close(slave)


def test_serial_scanner_reads_codes_through_pyserial(pty_pair: tuple[int, str]) -> None:
    master, port = pty_pair
    scanner = SerialScanner(port, 9600)
    scanner.open()
    try:
        os.write(master, b"7891234567895\r\nLOTE-")
        scans: list[Scan] = []
        for _ in range(50):  # bounded: the pty delivers at once
            scans += scanner.poll()
            if scans:
                break
        assert scans == [Scan("7891234567895", scanner.name)]
        os.write(master, b"42\r")
        more: list[Scan] = []
        for _ in range(50):
            more += scanner.poll()
            if more:
                break
        assert more == [Scan("LOTE-42", scanner.name)]  # the half code waited for its end
    finally:
        scanner.close()


def test_missing_serial_scanner_is_named() -> None:
    with pytest.raises(ScannerNotFound) as caught:
        SerialScanner("/dev/ttyNAOEXISTE").open()
    assert caught.value.message().startswith("Leitor serial:///dev/ttyNAOEXISTE?baudrate=9600")


def test_serial_printer_sends_the_receipt_over_the_port(
    pty_pair: tuple[int, str], devices: DeviceThread
) -> None:
    master, port = pty_pair
    printer = Printer(
        f"serial://{port}?baudrate=19200&dsrdtr=0",
        58,
        "Generic-58mm",
        devices,
        timeout=2,
        status_timeout=0.1,
    )
    result = printer.print(ReceiptBuilder(58).text("Balcão 1").cut().build()).result(10)
    assert result.status is None  # the pty never answers DLE EOT: printed blind
    data = b""
    while not data.endswith(b"\x1dV\x00"):  # bounded by the read below
        chunk = os.read(master, 65536)
        assert chunk
        data += chunk
    printed = [r for r in decode(data) if r.printed()]
    assert printed[0].lines[0] == "Balcão 1"


def test_file_printer_writes_escpos_to_the_device_file(
    tmp_path: Path, devices: DeviceThread
) -> None:
    target = tmp_path / "lp0"
    target.touch()
    Printer(f"file://{target}", 80, "TM-T20II", devices).print(
        ReceiptBuilder(80).text("Impressão via arquivo").cut().build()
    ).result(10)
    (receipt,) = decode(target.read_bytes())
    assert receipt.lines[0] == "Impressão via arquivo"


def test_missing_device_file(devices: DeviceThread) -> None:
    with pytest.raises(DeviceNotFound, match="file:///dev/usb/lp9"):
        Printer("file:///dev/usb/lp9", devices=devices).print(
            ReceiptBuilder(80).text("x").build()
        ).result(10)
