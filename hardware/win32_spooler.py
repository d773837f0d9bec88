"""`win32://NAME` printers: the Windows spooler, through pywin32's win32print.

A counter PC in Brazil has its receipt printer installed with the maker's own
Windows driver (Elgin, Bematech, Epson). Replacing that driver with libusb so
that `usb://` works is not something a shop can do, so the job goes to the
installed printer as one RAW document (python-escpos's `Win32Raw`): the
spooler hands the ESC/POS bytes to the port untouched, whatever the driver.

The printer cannot be asked DLE EOT through the spooler, so its status is the
spooler's: the printer's PRINTER_STATUS_* flags and "Use printer offline"
attribute, and the status of the jobs already in its queue (a job stuck in
error holds every receipt behind it). `read_spooler()` reads them on a handle
of its own, opened and closed at once; nothing is printed by asking.

Like CUPS, the job is done for us once the spooler has accepted it
(EndDocPrinter returned): the spooler owns it from then on and shows it in the
printer's queue. A job that fails halfway is aborted (AbortPrinter), so half a
receipt never prints.

`win32print` is imported when first used: on a computer without pywin32 (or
without Windows) every call raises SpoolerUnavailable, named for the printer.
"""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from escpos.printer import Win32Raw

from hardware.errors import (
    ConnectionLost,
    PermissionDenied,
    PrinterError,
    SpoolerJobStuck,
    SpoolerStopped,
    SpoolerUnavailable,
    WindowsPrinterNotFound,
)
from hardware.status import PrinterStatus, raise_if_not_ready

# winspool.h (the values win32print exports under the same names).
PRINTER_ENUM_LOCAL = 0x2
PRINTER_ENUM_CONNECTIONS = 0x4
PRINTER_STATUS_PAUSED = 0x1
PRINTER_STATUS_ERROR = 0x2
PRINTER_STATUS_PAPER_JAM = 0x8
PRINTER_STATUS_PAPER_OUT = 0x10
PRINTER_STATUS_PAPER_PROBLEM = 0x40
PRINTER_STATUS_OFFLINE = 0x80
PRINTER_STATUS_NOT_AVAILABLE = 0x1000
PRINTER_STATUS_USER_INTERVENTION = 0x100000
PRINTER_STATUS_DOOR_OPEN = 0x400000
PRINTER_STATUS_SERVER_UNKNOWN = 0x800000
PRINTER_ATTRIBUTE_WORK_OFFLINE = 0x400
JOB_STATUS_PAUSED = 0x1
JOB_STATUS_ERROR = 0x2
JOB_STATUS_DELETING = 0x4
JOB_STATUS_OFFLINE = 0x20
JOB_STATUS_PAPEROUT = 0x40
JOB_STATUS_DELETED = 0x100
JOB_STATUS_BLOCKED_DEVQ = 0x200
JOB_STATUS_USER_INTERVENTION = 0x400

# winerror.h: the causes told apart.
ERROR_ACCESS_DENIED = 5
RPC_S_SERVER_UNAVAILABLE = 1722
ERROR_INVALID_PRINTER_NAME = 1801
ERROR_PRINTER_NOT_FOUND = 3012
_NOT_FOUND = (ERROR_INVALID_PRINTER_NAME, ERROR_PRINTER_NOT_FOUND)

_OFFLINE = PRINTER_STATUS_OFFLINE | PRINTER_STATUS_NOT_AVAILABLE | PRINTER_STATUS_SERVER_UNKNOWN
_PAPER = PRINTER_STATUS_PAPER_OUT | PRINTER_STATUS_PAPER_PROBLEM
_ERROR = PRINTER_STATUS_ERROR | PRINTER_STATUS_PAPER_JAM | PRINTER_STATUS_USER_INTERVENTION
_JOB_GONE = JOB_STATUS_DELETING | JOB_STATUS_DELETED
_JOB_ERROR = JOB_STATUS_ERROR | JOB_STATUS_BLOCKED_DEVQ | JOB_STATUS_USER_INTERVENTION


def win32print_module(printer: str) -> ModuleType:
    """pywin32's win32print, or SpoolerUnavailable naming `printer`.

    The calls below import it by name again (already loaded, so at no cost),
    so that mypy checks them against pywin32's stubs.
    """
    try:
        return importlib.import_module("win32print")
    except ImportError:
        raise SpoolerUnavailable(printer, "pywin32 (win32print) não instalado") from None


def spooler_error(printer: str, exc: BaseException, name: str = "") -> PrinterError:
    """A pywintypes.error (winerror, function, text) as the PrinterError it means."""
    if isinstance(exc, PrinterError):
        return exc
    code = getattr(exc, "winerror", None)
    text = str(getattr(exc, "strerror", "") or exc).strip()
    if code in _NOT_FOUND:
        return WindowsPrinterNotFound(printer, name=name or printer)
    if code == RPC_S_SERVER_UNAVAILABLE:
        return SpoolerStopped(printer, text)
    if code == ERROR_ACCESS_DENIED:
        return PermissionDenied(printer, text)
    return ConnectionLost(printer, text or type(exc).__name__)


@dataclass(frozen=True)
class SpooledJob:
    job_id: int
    document: str
    status: int


@dataclass(frozen=True)
class SpoolerState:
    """What the spooler says about one printer and the jobs in its queue."""

    name: str
    status: int
    attributes: int
    jobs: tuple[SpooledJob, ...] = ()

    @property
    def stuck_job(self) -> SpooledJob | None:
        """The first job in error that is not already being deleted."""
        for job in self.jobs:
            if job.status & _JOB_ERROR and not job.status & _JOB_GONE:
                return job
        return None

    def printer_status(self) -> PrinterStatus:
        flags = self.status
        live_jobs = [j.status for j in self.jobs if not j.status & _JOB_GONE]
        job_flags = 0
        for status in live_jobs:
            job_flags |= status
        return PrinterStatus(
            online=not (
                flags & _OFFLINE
                or self.attributes & PRINTER_ATTRIBUTE_WORK_OFFLINE
                or job_flags & JOB_STATUS_OFFLINE
            ),
            cover_open=bool(flags & PRINTER_STATUS_DOOR_OPEN),
            paper_out=bool(flags & _PAPER or job_flags & JOB_STATUS_PAPEROUT),
            error=bool(flags & _ERROR or job_flags & _JOB_ERROR),
            drawer_open=None,
            paused=bool(flags & PRINTER_STATUS_PAUSED),
        )


def read_spooler(name: str, printer: str) -> SpoolerState:
    """The spooler's status of the printer `name` and its queue (`printer`: its URI)."""
    win32print_module(printer)
    import win32print

    try:
        handle = win32print.OpenPrinter(name)
    except Exception as exc:
        raise spooler_error(printer, exc, name) from exc
    try:
        info = win32print.GetPrinter(handle, 2)
        jobs = win32print.EnumJobs(handle, 0, -1, 1)
    except Exception as exc:
        raise spooler_error(printer, exc, name) from exc
    finally:
        win32print.ClosePrinter(handle)
    return SpoolerState(
        name=name,
        status=int(info["Status"] or 0),
        attributes=int(info["Attributes"] or 0),
        jobs=tuple(
            SpooledJob(int(j["JobId"]), str(j["pDocument"] or ""), int(j["Status"] or 0))
            for j in jobs
        ),
    )


def raise_if_cannot_print(state: SpoolerState, printer: str) -> None:
    """Refuse a job the queue cannot print, naming the cause.

    The printer's own flags come first (paper, door, paused, offline); then a
    job held in error, which every new receipt would wait behind.
    """
    status = state.printer_status()
    raise_if_not_ready(dataclasses.replace(status, error=bool(state.status & _ERROR)), printer)
    stuck = state.stuck_job
    if stuck is not None:
        raise SpoolerJobStuck(printer, document=stuck.document or f"#{stuck.job_id}")


class SpoolerPrinter(Win32Raw):  # type: ignore[misc]
    """python-escpos's Win32Raw, accepting the printers Windows is connected to as well.

    Win32Raw (python-escpos 3.1) checks the name against EnumPrinters(PRINTER_ENUM_NAME,
    "", 4), which lists this computer's own printers only, so a shared printer
    (\\\\ESCRITORIO\\Bematech) was refused as "Incorrect printer name" although Windows
    prints to it. Level 4 with PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS lists both.
    """

    @property
    def printers(self) -> dict[str, Any]:
        import win32print

        found = win32print.EnumPrinters(PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS, None, 4)
        return {p["pPrinterName"]: p for p in found}


def abort_job(printer: Any) -> None:
    """Drop the document a Win32Raw printer has open, so nothing of it prints."""
    handle = getattr(printer, "_device", None)
    if not handle:
        return
    import win32print

    try:
        win32print.AbortPrinter(handle)
    finally:
        win32print.ClosePrinter(handle)
        printer._device = False


@dataclass(frozen=True)
class WindowsPrinter:
    """A printer installed in Windows, as the wizard and Gerência list it."""

    name: str
    driver: str
    port: str
    default: bool = False

    @property
    def uri(self) -> str:
        return f"win32://{self.name}"

    @property
    def description(self) -> str:
        mark = " [padrão]" if self.default else ""
        return f"{self.name} ({self.driver}, {self.port}){mark}"


def installed_printers() -> list[WindowsPrinter]:
    """This computer's printers (local and connected), the default first, then by name.

    Raises SpoolerUnavailable off Windows and SpoolerStopped with the service down.
    """
    here = "win32://"
    win32print_module(here)
    import win32print

    try:
        found = win32print.EnumPrinters(PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS, None, 2)
    except Exception as exc:
        raise spooler_error(here, exc) from exc
    try:
        default = win32print.GetDefaultPrinter()
    except Exception:  # no default printer set: nothing to mark
        default = ""
    printers = [
        WindowsPrinter(
            p["pPrinterName"],
            p["pDriverName"] or "",
            p["pPortName"] or "",
            p["pPrinterName"] == default,
        )
        for p in found
    ]
    return sorted(printers, key=lambda p: (not p.default, p.name.casefold()))
