"""Printing over a real loopback socket to the emulator: errors, time-outs, re-sending."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from hardware.device_thread import DeviceThread
from hardware.emulator.server import EmulatorServer
from hardware.emulator.virtual import virtual_printer
from hardware.errors import (
    BadPrinterURI,
    ConnectionLost,
    CoverOpen,
    PaperOut,
    PrinterTimeout,
    PrinterUnreachable,
)
from hardware.printer import Printer, PrintJob
from hardware.receipt import Image, Receipt, ReceiptBuilder


def sale() -> Receipt:
    from PIL import Image as PILImage

    logo = PILImage.new("L", (300, 120), 0)  # ~4.5 kB of raster: a job of some size
    return (
        ReceiptBuilder(80)
        .image(Image.from_pil(logo))
        .text("Farmácia São Bento", align="center", bold=True)
        .row("Dipirona 500mg", "R$ 12,90")
        .row("TOTAL", "R$ 12,90", bold=True)
        .qr("cashback:ABC")
        .cut()
        .build()
    )


def test_a_receipt_prints_on_the_emulator_over_tcp(
    emulator: EmulatorServer, devices: DeviceThread
) -> None:
    printer = Printer(emulator.uri, 80, "TM-T20II", devices)
    result = printer.print(sale()).result(timeout=10)
    assert result.status is not None and result.status.ready
    (printed,) = emulator.wait_for_receipts(1)
    assert printed.complete and printed.cut
    assert "Farmácia São Bento" in printed.lines
    assert printed.qr_payloads == ["cashback:ABC"]


@pytest.mark.parametrize(
    ("state", "error", "pt", "en"),
    [
        ({"paper_out": True}, PaperOut, "sem papel", "out of paper"),
        ({"cover_open": True}, CoverOpen, "tampa aberta", "cover open"),
    ],
)
def test_paper_out_or_cover_open_refuses_the_job_and_names_printer_and_cause(
    emulator: EmulatorServer,
    devices: DeviceThread,
    state: dict[str, bool],
    error: type[Exception],
    pt: str,
    en: str,
) -> None:
    printer = Printer(emulator.uri, 80, "TM-T20II", devices)
    job = printer.render(sale())
    emulator.set_status(**state)
    with pytest.raises(error) as caught:
        printer.send(job).result(timeout=10)
    assert caught.value.message("pt_BR") == f"Impressora {emulator.uri}: {pt}."  # type: ignore[attr-defined]
    assert caught.value.message("en") == f"Printer {emulator.uri}: {en}."  # type: ignore[attr-defined]
    assert emulator.printed() == []
    emulator.set_status(**{k: False for k in state})  # paper loaded / cover closed
    printer.send(job).result(timeout=10)
    assert len(emulator.wait_for_receipts(1)) == 1


def test_connection_dropped_mid_job_is_an_error_and_the_same_job_prints_again(
    emulator: EmulatorServer, devices: DeviceThread
) -> None:
    printer = Printer(emulator.uri, 80, "TM-T20II", devices)
    job = printer.render(sale())
    assert len(job.data) > 2000
    emulator.drop_after = 1000
    with pytest.raises(ConnectionLost) as caught:
        printer.send(job).result(timeout=10)
    assert caught.value.message().startswith(f"Impressora {emulator.uri}: conexão perdida")
    cut_short = emulator.wait_for_receipts(1)
    assert [r.complete for r in cut_short] == [False]

    result = printer.send(job).result(timeout=10)  # the very same bytes
    assert result.job is job
    receipts = emulator.wait_for_receipts(2)
    assert [r.complete for r in receipts] == [False, True]
    assert "Farmácia São Bento" in receipts[1].lines and receipts[1].cut


def test_unreachable_printer_is_named_in_the_error(devices: DeviceThread) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nobody listens there
    uri = f"tcp://127.0.0.1:{port}"
    with pytest.raises(PrinterUnreachable) as caught:
        Printer(uri, devices=devices, timeout=1).print(sale()).result(timeout=10)
    assert caught.value.message().startswith(f"Impressora {uri}: não responde")
    assert caught.value.message("en").startswith(f"Printer {uri}: not answering")


@pytest.fixture
def stalled_printer() -> Iterator[tuple[str, threading.Event]]:
    """Accepts the connection, never reads, never answers status (a jammed printer)."""
    release = threading.Event()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)

    def hold() -> None:
        conn, _ = server.accept()
        release.wait(10)
        conn.close()

    t = threading.Thread(target=hold, daemon=True)
    t.start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}", release
    release.set()
    t.join(5)
    server.close()


def test_a_printer_that_stops_reading_times_out_and_the_caller_never_blocks(
    stalled_printer: tuple[str, threading.Event], devices: DeviceThread
) -> None:
    uri, _release = stalled_printer
    printer = Printer(uri, devices=devices, timeout=0.5, status_timeout=0.1)
    job = PrintJob(uri, b"\x1b@" + b"x" * 32_000_000, "default", 80, "CP860")
    future = printer.send(job)
    assert not future.done()  # the caller got its Future back while the printer is stuck
    with pytest.raises(PrinterTimeout) as caught:
        future.result(timeout=20)
    assert caught.value.message() == (
        f"Impressora {uri}: tempo esgotado (0.5 s) esperando a impressora."
    )


def test_virtual_uri_starts_an_emulator_in_process(devices: DeviceThread) -> None:
    printer = Printer("virtual://caixa2", 58, "Bematech-MP4200TH", devices)
    printer.print(sale()).result(timeout=10)
    (printed,) = virtual_printer("caixa2").wait_for_receipts(1)
    assert any(
        ln.startswith("TOTAL") and ln.endswith("R$ 12,90") and len(ln) == 32 for ln in printed.lines
    )  # 58 mm: 32 columns
    assert printed.images  # Bematech: QR printed as a raster image


def test_drawer_pulse_reaches_the_printer(emulator: EmulatorServer, devices: DeviceThread) -> None:
    from hardware.drawer import CashDrawer

    drawer = CashDrawer(Printer(emulator.uri, devices=devices), pin=5)
    drawer.open().result(timeout=10)
    (job,) = emulator.wait_for_receipts(1)
    assert [(p.pin, p.on_ms) for p in job.pulses] == [(5, 100)]
    emulator.set_status(drawer_open=True)
    assert drawer.is_open().result(timeout=10) is True


def test_bad_uri_is_refused_when_the_printer_is_configured() -> None:
    with pytest.raises(BadPrinterURI) as caught:
        Printer("tcp://:9100")
    assert caught.value.message() == (
        "Impressora tcp://:9100: endereço inválido (falta o endereço: tcp://HOST:9100)."
    )
