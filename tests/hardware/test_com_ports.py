"""Serial scanners, printers and drawers on Windows COM ports, named and found as on Linux.

pyserial's `list_ports.comports()` is given the answers its Windows backend
builds (ListPortInfo with the SetupAPI's friendly name and USB ids); the
reading and printing go through pyserial for real, over a pty reached by the
name COM3 (a link in the test's working directory: pyserial opens a relative
name as a path here, \\\\.\\COM3 on Windows).
"""

from __future__ import annotations

import os
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest
from serial.tools.list_ports_common import ListPortInfo

import hardware.serial_ports as ports_module
from hardware.device_thread import DeviceThread
from hardware.drawer import CashDrawer
from hardware.emulator.decoder import decode
from hardware.errors import DeviceNotFound, ScannerError, ScannerNotFound
from hardware.printer import Printer
from hardware.receipt import ReceiptBuilder
from hardware.scanner.events import Scan
from hardware.scanner.serial_scanner import SerialScanner
from hardware.serial_ports import SerialPort, serial_ports, serial_uri
from hardware.uri import parse_printer_uri


def _windows_port(
    com: str, name: str, vid: int | None = None, pid: int | None = None, maker: str = ""
) -> ListPortInfo:
    """What pyserial's list_ports_windows builds for one port."""
    info = ListPortInfo(com, skip_link_detection=True)
    info.description = f"{name} ({com})"
    if vid is not None:
        info.vid, info.pid = vid, pid
        info.hwid = info.usb_info()
    else:
        info.hwid = "ACPI\\PNP0501\\1"
    info.manufacturer = maker or None
    return info


def _linux_port(device: str, product: str, vid: int, pid: int) -> ListPortInfo:
    info = ListPortInfo(device, skip_link_detection=True)
    info.vid, info.pid, info.product = vid, pid, product
    info.apply_usb_info()
    return info


@pytest.fixture
def windows_ports(monkeypatch: pytest.MonkeyPatch) -> None:
    answer = [
        _windows_port("COM10", "USB-SERIAL CH340", 0x1A86, 0x7523, "wch.cn"),
        _windows_port("COM3", "Prolific USB-to-Serial Comm Port", 0x067B, 0x2303, "Prolific"),
        _windows_port("COM1", "Porta de comunicação"),
        _windows_port("COM4", "Link serial padrão por Bluetooth"),
    ]
    monkeypatch.setattr(ports_module.list_ports, "comports", lambda *a, **k: answer)


def test_com_ports_are_listed_in_order_with_their_windows_names(windows_ports: None) -> None:
    ports = serial_ports()
    assert [p.device for p in ports] == ["COM1", "COM3", "COM4", "COM10"]
    assert [p.label for p in ports] == [
        "COM1: Porta de comunicação",
        "COM3: Prolific USB-to-Serial Comm Port (067b:2303)",
        "COM4: Link serial padrão por Bluetooth",
        "COM10: USB-SERIAL CH340 (1a86:7523)",
    ]
    assert [p.uri for p in ports][1] == "serial://COM3?baudrate=9600"
    assert all(p.is_com for p in ports)
    parsed = parse_printer_uri(ports[3].uri)
    assert (parsed.scheme, parsed.path, parsed.baudrate) == ("serial", "COM10", 9600)


def test_linux_ports_are_named_the_same_way(monkeypatch: pytest.MonkeyPatch) -> None:
    answer = [_linux_port("/dev/ttyUSB0", "CP2102 USB to UART Bridge Controller", 0x10C4, 0xEA60)]
    monkeypatch.setattr(ports_module.list_ports, "comports", lambda *a, **k: answer)
    (port,) = serial_ports()
    assert port.label == "/dev/ttyUSB0: CP2102 USB to UART Bridge Controller (10c4:ea60)"
    assert port.uri == "serial:///dev/ttyUSB0?baudrate=9600" and not port.is_com
    assert parse_printer_uri(port.uri).path == "/dev/ttyUSB0"


def test_scanner_address_names_the_com_port_and_speed() -> None:
    scanner = SerialScanner.from_uri("serial://COM10?baudrate=19200")
    assert (scanner.port, scanner.baudrate, scanner.name) == (
        "COM10",
        19200,
        "serial://COM10?baudrate=19200",
    )
    with pytest.raises(ScannerError) as bad:
        SerialScanner.from_uri("serial://COM3?baudrate=rapido")
    assert bad.value.message() == (
        "Leitor serial://COM3?baudrate=rapido: falha. (baudrate deve ser um número)"
    )
    with pytest.raises(ScannerError, match="serial://COM3"):
        SerialScanner.from_uri("tcp://127.0.0.1:9100")


def test_an_absent_com_port_is_named_for_scanner_printer_and_drawer(
    devices: DeviceThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no COM7 here
    with pytest.raises(ScannerNotFound) as scanner:
        SerialScanner.from_uri(serial_uri("COM7")).open()
    assert scanner.value.message().startswith(
        "Leitor serial://COM7?baudrate=9600: dispositivo não encontrado (cabo desconectado?)"
    )
    printer = Printer(serial_uri("COM7"), 80, "default", devices, timeout=1)
    with pytest.raises(DeviceNotFound) as drawer:
        CashDrawer(printer).open().result(10)
    assert drawer.value.message().startswith(
        "Impressora serial://COM7?baudrate=9600: dispositivo não encontrado"
    )


@pytest.fixture
def com3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A pty reachable as COM3; yields the master side."""
    master, slave = os.openpty()
    tty.setraw(slave)
    (tmp_path / "COM3").symlink_to(os.ttyname(slave))
    monkeypatch.chdir(tmp_path)
    yield master
    os.close(master)
    os.close(slave)


def test_scanner_on_com3_reads_codes(com3: int) -> None:
    scanner = SerialScanner.from_uri(SerialPort("COM3").uri)
    scanner.open()
    try:
        os.write(com3, b"7891234567895\r")
        scans: list[Scan] = []
        for _ in range(50):
            scans += scanner.poll()
            if scans:
                break
        assert scans == [Scan("7891234567895", "serial://COM3?baudrate=9600")]
    finally:
        scanner.close()


def test_receipt_and_drawer_on_com3(com3: int, devices: DeviceThread) -> None:
    printer = Printer(
        "serial://COM3?baudrate=9600&dsrdtr=0",
        58,
        "Generic-58mm",
        devices,
        timeout=2,
        status_timeout=0.1,
    )
    printer.print(ReceiptBuilder(58).text("Balcão COM3").cut().build()).result(10)
    CashDrawer(printer, pin=2).open().result(10)
    data = b""
    while b"\x1bp\x00" not in data:  # ESC p 0: the drawer pulse on pin 2
        chunk = os.read(com3, 65536)
        assert chunk
        data += chunk
    assert next(r for r in decode(data) if r.printed()).lines[0] == "Balcão COM3"
