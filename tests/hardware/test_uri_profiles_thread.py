"""Printer URIs, capability profiles and the device thread."""

from __future__ import annotations

import threading

import pytest

from hardware.device_thread import DeviceThread
from hardware.errors import BadPrinterURI, DeviceThreadStopped, UnknownProfile
from hardware.printer import Printer
from hardware.profiles import PAPER_58, PAPER_80, make_profile
from hardware.uri import parse_printer_uri


def test_uris_parse() -> None:
    assert parse_printer_uri("usb://04b8:0e15").vendor_id == 0x04B8
    assert parse_printer_uri("usb://04b8:0e15?in=0x81").in_ep == 0x81
    tcp = parse_printer_uri("tcp://192.168.0.50")
    assert (tcp.host, tcp.port) == ("192.168.0.50", 9100)
    ser = parse_printer_uri("serial:///dev/ttyUSB0?baudrate=115200")
    assert (ser.path, ser.baudrate) == ("/dev/ttyUSB0", 115200)
    assert parse_printer_uri("file:///dev/usb/lp0").path == "/dev/usb/lp0"
    assert parse_printer_uri("cups://Balcao").name == "Balcao"
    assert parse_printer_uri("virtual://").scheme == "virtual"


@pytest.mark.parametrize(
    ("uri", "reason"),
    [
        ("lp0", "use usb://"),
        ("usb://04b8", "VID:PID"),
        ("usb://xyz:0e15", "hexadecimais"),
        ("tcp://host:port", "porta inválida"),
        ("serial://", "falta a porta"),
        ("serial:///dev/ttyS0?baudrate=rapido", "baudrate"),
        ("ipp://x", "desconhecido"),
    ],
)
def test_bad_uris_say_what_is_wrong(uri: str, reason: str) -> None:
    with pytest.raises(BadPrinterURI) as caught:
        parse_printer_uri(uri)
    assert caught.value.message().startswith(f"Impressora {uri}: endereço inválido")
    assert reason in caught.value.message()


def test_unknown_profile_is_refused() -> None:
    with pytest.raises(UnknownProfile, match="Modelo-X"):
        Printer("virtual://", profile="Modelo-X")


def test_each_printer_gets_its_own_profile_data() -> None:
    a = make_profile("Bematech-MP4200TH", PAPER_80)
    b = make_profile("Bematech-MP4200TH", PAPER_58)
    a.profile_data["media"]["dpi"] = 999
    assert b.profile_data["media"]["dpi"] == 203
    assert b.profile_data["media"]["width"]["pixels"] == 384
    assert not a.supports("qrCode") and "CP860" in a.get_code_pages()


def test_all_device_calls_run_on_one_thread_and_errors_come_back() -> None:
    devices = DeviceThread()
    seen = {devices.submit(threading.get_ident).result(5) for _ in range(20)}
    assert len(seen) == 1 and threading.get_ident() not in seen

    def boom() -> None:
        raise ValueError("falhou")

    with pytest.raises(ValueError, match="falhou"):
        devices.submit(boom).result(5)
    assert devices.submit(lambda: 42).result(5) == 42  # still alive after a failure
    devices.stop()
    with pytest.raises(DeviceThreadStopped):
        devices.submit(lambda: 1).result(5)
