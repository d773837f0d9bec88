"""`win32://NAME`: receipts through the Windows spooler, with the maker's driver installed.

The spooler is a small fake of exactly the pywin32 calls used
(hardware.testing.fake_win32print), installed as the `win32print` module;
hardware.win32_spooler and python-escpos's own Win32Raw run over it unchanged.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

import pytest
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Win32Raw

from hardware import cli
from hardware.device_thread import DeviceThread
from hardware.drawer import CashDrawer
from hardware.errors import (
    BadPrinterURI,
    ConnectionLost,
    CoverOpen,
    PaperOut,
    PrinterOffline,
    PrinterPaused,
    SpoolerJobStuck,
    SpoolerStopped,
    SpoolerUnavailable,
    WindowsPrinterNotFound,
)
from hardware.printer import Printer
from hardware.test_page import test_page as page_of_tests
from hardware.testing.fake_win32print import (
    FakeSpooler,
    FakeWindowsPrinter,
    PyWinError,
    SpooledDoc,
    install_fake_spooler,
)
from hardware.uri import parse_printer_uri
from hardware.win32_spooler import (
    JOB_STATUS_ERROR,
    PRINTER_ATTRIBUTE_WORK_OFFLINE,
    PRINTER_STATUS_DOOR_OPEN,
    PRINTER_STATUS_OFFLINE,
    PRINTER_STATUS_PAPER_OUT,
    PRINTER_STATUS_PAUSED,
    installed_printers,
)

ELGIN = "ELGIN i9 (Balcão)"
URI = f"win32://{ELGIN}"


@pytest.fixture
def spooler() -> Iterator[FakeSpooler]:
    fake = FakeSpooler(
        FakeWindowsPrinter(ELGIN, driver="ELGIN i9", port="USB001"),
        FakeWindowsPrinter(
            "Microsoft Print to PDF", driver="Microsoft Print To PDF", port="PORTPROMPT:"
        ),
        FakeWindowsPrinter(
            "\\\\ESCRITORIO\\Bematech MP-4200 TH",
            driver="MP-4200 TH",
            port="\\\\ESCRITORIO\\Bematech",
        ),
        default="Microsoft Print to PDF",
    )
    with install_fake_spooler(fake):
        yield fake


@pytest.fixture
def printer(spooler: FakeSpooler, devices: DeviceThread) -> Printer:
    return Printer(URI, 80, "default", devices, timeout=2)


def test_win32_uri_keeps_the_windows_name_as_it_is() -> None:
    assert parse_printer_uri("win32://ELGIN i9 (USB) #2").name == "ELGIN i9 (USB) #2"
    shared = parse_printer_uri("WIN32://\\\\ESCRITORIO\\Bematech MP-4200 TH ")
    assert (shared.scheme, shared.name) == ("win32", "\\\\ESCRITORIO\\Bematech MP-4200 TH")
    assert shared.raw == "win32://\\\\ESCRITORIO\\Bematech MP-4200 TH"
    with pytest.raises(BadPrinterURI) as empty:
        parse_printer_uri("win32://  ")
    assert "falta o nome da impressora do Windows" in empty.value.message("pt_BR")
    assert empty.value.message("en").startswith("Printer win32://")
    with pytest.raises(BadPrinterURI, match="control"):
        parse_printer_uri("win32://ELGIN\ti9")
    with pytest.raises(BadPrinterURI):
        parse_printer_uri("win32://" + "x" * 221)


def test_test_page_goes_out_as_one_raw_document(spooler: FakeSpooler, printer: Printer) -> None:
    job = printer.render(page_of_tests(printer.paper, printer.name, printer.profile))
    result = printer.send(job).result(10)
    elgin = spooler.printers[ELGIN]
    assert [(d.document, d.datatype) for d in elgin.printed] == [("posapp", "RAW")]
    assert bytes(elgin.printed[0].data) == job.data  # the ESC/POS untouched
    text = "\n".join(elgin.receipts()[0].lines)
    assert "Página de teste" in text and "ç ã õ á é" in text and URI in text
    assert result.bytes_sent == len(job.data)
    assert result.status is not None and result.status.ready
    assert spooler.open_handles == 0
    assert elgin.queue == []


@pytest.mark.parametrize(
    ("flags", "attributes", "error", "pt_text"),
    [
        (PRINTER_STATUS_PAPER_OUT, 0, PaperOut, "sem papel"),
        (PRINTER_STATUS_DOOR_OPEN, 0, CoverOpen, "tampa aberta"),
        (PRINTER_STATUS_PAUSED, 0, PrinterPaused, "pausada no Windows"),
        (PRINTER_STATUS_OFFLINE, 0, PrinterOffline, "fora de linha"),
        (0, PRINTER_ATTRIBUTE_WORK_OFFLINE, PrinterOffline, "fora de linha"),
    ],
)
def test_a_queue_that_cannot_print_refuses_the_job_before_spooling_it(
    spooler: FakeSpooler,
    printer: Printer,
    flags: int,
    attributes: int,
    error: type[Exception],
    pt_text: str,
) -> None:
    elgin = spooler.printers[ELGIN]
    elgin.status, elgin.attributes = flags, attributes
    job = printer.render(page_of_tests(printer.paper))
    with pytest.raises(error) as refused:
        printer.send(job).result(10)
    message = refused.value.message("pt_BR")  # type: ignore[attr-defined]
    assert message.startswith(f"Impressora {URI}:") and pt_text in message
    assert "StartDocPrinter" not in spooler.calls and elgin.queue == []
    elgin.status = elgin.attributes = 0  # paper loaded, queue resumed, back online
    printer.send(job).result(10)
    assert len(elgin.printed) == 1 and bytes(elgin.printed[0].data) == job.data


def test_spooler_status_is_read_like_the_printers_own(
    spooler: FakeSpooler, printer: Printer
) -> None:
    elgin = spooler.printers[ELGIN]
    ready = printer.status().result(10)
    assert ready is not None and ready.ready and ready.drawer_open is None
    elgin.status = PRINTER_STATUS_PAUSED | PRINTER_STATUS_PAPER_OUT
    status = printer.status().result(10)
    assert status is not None
    assert (status.paused, status.paper_out, status.online, status.ready) == (
        True,
        True,
        True,
        False,
    )
    elgin.status = PRINTER_STATUS_OFFLINE
    offline = printer.status().result(10)
    assert offline is not None and not offline.online
    assert CashDrawer(printer).is_open().result(10) is None  # the spooler cannot tell
    assert spooler.open_handles == 0 and "StartDocPrinter" not in spooler.calls


def test_a_job_stuck_in_error_is_named_until_it_is_cancelled(
    spooler: FakeSpooler, printer: Printer
) -> None:
    elgin = spooler.printers[ELGIN]
    elgin.queue.append(SpooledDoc(41, "Cupom 1234", "RAW", status=JOB_STATUS_ERROR))
    job = printer.render(page_of_tests(printer.paper))
    with pytest.raises(SpoolerJobStuck) as stuck:
        printer.send(job).result(10)
    assert "'Cupom 1234' está parado com erro na fila do Windows" in stuck.value.message()
    assert "stuck with an error" in stuck.value.message("en")
    status = printer.status().result(10)
    assert status is not None and status.error
    spooler.cancel_all(ELGIN)
    printer.send(job).result(10)
    assert [bytes(d.data) for d in elgin.printed] == [job.data]


def test_a_printer_that_is_not_installed_is_named(
    spooler: FakeSpooler, devices: DeviceThread
) -> None:
    missing = Printer("win32://EPSON TM-T20X", 80, "default", devices)
    with pytest.raises(WindowsPrinterNotFound) as gone:
        missing.send(missing.render(page_of_tests(missing.paper))).result(10)
    assert gone.value.message() == (
        "Impressora win32://EPSON TM-T20X: não há impressora 'EPSON TM-T20X' instalada no "
        "Windows (confira o nome em Configurações > Impressoras)."
    )
    assert spooler.open_handles == 0


def test_a_stopped_spooler_service_is_said_so(spooler: FakeSpooler, printer: Printer) -> None:
    spooler.running = False
    with pytest.raises(SpoolerStopped) as stopped:
        printer.status().result(10)
    assert "Spooler de Impressão do Windows não está rodando" in stopped.value.message()
    with pytest.raises(SpoolerStopped):
        installed_printers()


def test_a_write_failing_halfway_drops_the_document(
    spooler: FakeSpooler, printer: Printer, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = spooler.WritePrinter

    def flaky(handle: object, data: bytes) -> int:
        real(handle, data[: len(data) // 2])  # half reached the spool file, then the fault
        raise PyWinError(59, "WritePrinter", "Erro de rede inesperado.")

    monkeypatch.setattr(sys.modules["win32print"], "WritePrinter", flaky)
    job = printer.render(page_of_tests(printer.paper))
    with pytest.raises(ConnectionLost) as lost:
        printer.send(job).result(10)
    assert lost.value.message() == (
        f"Impressora {URI}: conexão perdida no meio da impressão; imprima de novo. "
        "(Erro de rede inesperado.)"
    )
    elgin = spooler.printers[ELGIN]
    assert elgin.printed == [] and elgin.queue == []  # no half receipt, now or later
    assert "AbortPrinter" in spooler.calls and spooler.open_handles == 0
    monkeypatch.setattr(sys.modules["win32print"], "WritePrinter", real)
    printer.send(job).result(10)  # the same job, again
    assert [bytes(d.data) for d in elgin.printed] == [job.data]


def test_without_pywin32_the_address_is_refused_in_words(
    devices: DeviceThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "win32print", None)  # not installed (Linux, or a bad bundle)
    printer = Printer(URI, 80, "default", devices)
    with pytest.raises(SpoolerUnavailable) as unavailable:
        printer.send(printer.render(page_of_tests(printer.paper))).result(10)
    assert unavailable.value.message() == (
        f"Impressora {URI}: impressoras do Windows (win32://) só funcionam no Windows. "
        "(pywin32 (win32print) não instalado)"
    )
    with pytest.raises(SpoolerUnavailable):
        installed_printers()


def test_installed_printers_are_listed_default_first(spooler: FakeSpooler) -> None:
    found = installed_printers()
    assert [p.name for p in found] == [
        "Microsoft Print to PDF",
        "\\\\ESCRITORIO\\Bematech MP-4200 TH",
        ELGIN,
    ]
    assert found[0].default and not found[2].default
    assert found[2].uri == URI and parse_printer_uri(found[2].uri).name == ELGIN
    assert found[2].description == f"{ELGIN} (ELGIN i9, USB001)"
    spooler.default = ""
    assert not any(p.default for p in installed_printers())


def test_cli_test_page_on_a_windows_printer(
    spooler: FakeSpooler, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(
        printer_command="test", uri=URI, width=58, profile="default", timeout=2.0, out=None
    )
    assert cli.run_printer_command(args) == 0
    assert f"Impressora {URI}: página de teste enviada" in capsys.readouterr().out
    assert len(spooler.printers[ELGIN].printed) == 1
    spooler.printers[ELGIN].status = PRINTER_STATUS_PAPER_OUT
    assert cli.run_printer_command(args) == 1
    assert capsys.readouterr().err.strip() == f"Impressora {URI}: sem papel."


def test_a_shared_printer_prints_although_plain_win32raw_refuses_it(
    spooler: FakeSpooler, devices: DeviceThread
) -> None:
    shared = "\\\\ESCRITORIO\\Bematech MP-4200 TH"
    with pytest.raises(DeviceNotFoundError, match="Incorrect printer name"):
        Win32Raw(shared).open()  # python-escpos 3.1 looks among local printers only
    printer = Printer(f"win32://{shared}", 80, "default", devices)
    job = printer.render(page_of_tests(printer.paper))
    printer.send(job).result(10)
    assert [bytes(d.data) for d in spooler.printers[shared].printed] == [job.data]
    assert spooler.open_handles == 0
