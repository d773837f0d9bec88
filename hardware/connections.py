"""Open a printer named by URI through python-escpos, and speak to it.

A `Connection` wraps one open python-escpos printer object (for `cups://`, a
`hardware.cups_queue.CupsQueue` with the same transport methods; for
`win32://`, python-escpos's `Win32Raw` on the Windows spooler) and turns every
low-level failure (OSError, USBError, DeviceNotFoundError...) into a
`PrinterError` that names the printer and the cause. All its methods block
and are meant to run on the device thread. Every wait is bounded by the
connection's timeout: a printer that stops reading gives an error, not a hang.
"""

from __future__ import annotations

import errno
import socket
import stat
from pathlib import Path
from typing import Any

import usb.core
from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import File, Network, Serial, Usb
from serial import SerialException, SerialTimeoutException

from hardware.cups_queue import CupsQueue
from hardware.emulator.virtual import virtual_printer
from hardware.errors import (
    ConnectionLost,
    DeviceNotFound,
    NotAPrinterFile,
    PermissionDenied,
    PrinterError,
    PrinterTimeout,
    PrinterUnreachable,
    UsbBackendMissing,
)
from hardware.profiles import Paper
from hardware.status import DLE_EOT
from hardware.uri import PrinterURI
from hardware.usb_library import usb_backend
from hardware.win32_spooler import SpoolerPrinter, abort_job, spooler_error, win32print_module


def _root_cause(exc: BaseException) -> BaseException:
    while exc.__cause__ is not None or exc.__context__ is not None:
        nxt = exc.__cause__ or exc.__context__
        assert nxt is not None
        exc = nxt
    return exc


class Connection:
    """One open printer connection; `close()` it when the job is done."""

    def __init__(self, uri: PrinterURI, printer: Escpos, timeout: float) -> None:
        self.uri = uri
        self.printer = printer
        self.timeout = timeout

    @property
    def name(self) -> str:
        return self.uri.raw

    # -- errors -------------------------------------------------------------

    def _error(self, exc: BaseException) -> PrinterError:
        if isinstance(exc, PrinterError):
            return exc
        if self.uri.scheme == "win32":
            return spooler_error(self.name, exc, self.uri.name)
        detail = str(exc).strip() or type(exc).__name__
        if isinstance(exc, TimeoutError | socket.timeout | SerialTimeoutException):
            return PrinterTimeout(self.name, seconds=self.timeout)
        if isinstance(exc, usb.core.USBTimeoutError):
            return PrinterTimeout(self.name, seconds=self.timeout)
        if isinstance(exc, usb.core.USBError) and exc.errno == errno.EACCES:
            return PermissionDenied(self.name, detail)
        if isinstance(exc, usb.core.USBError | OSError | SerialException):
            return ConnectionLost(self.name, detail)
        return ConnectionLost(self.name, detail)

    # -- I/O ------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        try:
            # python-escpos's transports implement one method, _raw(bytes); a job
            # is rendered to bytes beforehand so it can be sent again unchanged.
            self.printer._raw(data)
            if isinstance(self.printer, Serial) and self.printer.device:
                self.printer.device.flush()
        except Exception as exc:
            raise self._error(exc) from exc

    def query(self, n: int, timeout: float) -> int | None:
        """Send DLE EOT n and return the answer byte, or None if the printer is silent."""
        try:
            return self._query(n, timeout)
        except PrinterError:
            raise
        except Exception as exc:
            raise self._error(exc) from exc

    def _query(self, n: int, timeout: float) -> int | None:
        p = self.printer
        request = DLE_EOT + bytes([n])
        if isinstance(p, Network):
            sock: socket.socket = p.device
            sock.settimeout(timeout)
            try:
                sock.sendall(request)
                answer = sock.recv(1)
            except TimeoutError:
                return None
            finally:
                sock.settimeout(self.timeout)
            if not answer:
                raise ConnectionLost(self.name, "a impressora fechou a conexão")
            return answer[0]
        if isinstance(p, Usb):
            dev: Any = p.device
            try:
                dev.write(p.out_ep, request, int(self.timeout * 1000))
                got = dev.read(p.in_ep, 16, max(1, int(timeout * 1000)))
            except usb.core.USBTimeoutError:
                return None
            except ValueError:  # the device has no IN endpoint: it cannot answer
                return None
            return int(got[-1]) if len(got) else None
        if isinstance(p, Serial):
            port: Any = p.device
            port.timeout = timeout
            try:
                port.write(request)
                port.flush()
                got = port.read(1)
            finally:
                port.timeout = self.timeout
            return got[0] if got else None
        return None  # file, CUPS and the Windows spooler cannot read back

    def close(self) -> None:
        try:
            self.printer.close()
        except Exception as exc:
            raise self._error(exc) from exc

    def abort(self) -> None:
        """Close after a failure: a Windows document is dropped, not printed in half."""
        if self.uri.scheme == "win32":
            try:
                abort_job(self.printer)
            except Exception as exc:
                raise self._error(exc) from exc
            return
        self.close()


def open_connection(
    uri: PrinterURI,
    profile: Any,
    paper: Paper,
    timeout: float = 5.0,
    usb_backend: Any = None,
) -> Connection:
    """Open the printer; raise a PrinterError naming the printer and the cause."""
    name = uri.raw
    try:
        printer = _open(uri, profile, paper, timeout, usb_backend)
    except PrinterError:
        raise
    except usb.core.NoBackendError as exc:
        raise UsbBackendMissing(name) from exc
    except DeviceNotFoundError as exc:
        raise _not_found(uri, exc) from exc
    except (OSError, usb.core.USBError, SerialException) as exc:
        raise _not_found(uri, exc) from exc
    return Connection(uri, printer, timeout)


def _not_found(uri: PrinterURI, exc: BaseException) -> PrinterError:
    cause = _root_cause(exc)
    text = str(cause).strip()
    detail = text.splitlines()[-1] if isinstance(cause, OSError) and text else ""
    if isinstance(cause, TimeoutError | socket.timeout):
        return PrinterUnreachable(uri.raw, detail or "tempo esgotado")
    if isinstance(cause, PermissionError) or getattr(cause, "errno", None) == errno.EACCES:
        return PermissionDenied(uri.raw, detail)
    if uri.scheme in ("tcp", "virtual"):
        return PrinterUnreachable(uri.raw, detail)
    return DeviceNotFound(uri.raw, detail)


def _open(uri: PrinterURI, profile: Any, paper: Paper, timeout: float, backend: Any) -> Escpos:
    if uri.scheme in ("tcp", "virtual"):
        host, port = uri.host, uri.port
        if uri.scheme == "virtual":
            server = virtual_printer(uri.name, paper_dots=paper.dots)
            host, port = server.host, server.port
        net = Network(host, port, timeout=timeout, profile=profile)
        net.open()
        return net
    if uri.scheme == "usb":
        backend = usb_backend(backend)
        usb_args: dict[str, Any] = {"backend": backend} if backend is not None else {}
        dev = Usb(
            uri.vendor_id,
            uri.product_id,
            usb_args=usb_args,
            timeout=max(1, int(timeout * 1000)),
            in_ep=uri.in_ep,
            out_ep=uri.out_ep,
            profile=profile,
        )
        dev.open()
        return dev
    if uri.scheme == "serial":
        ser = Serial(
            uri.path, baudrate=uri.baudrate, timeout=timeout, dsrdtr=uri.dsrdtr, profile=profile
        )
        ser.open()
        ser.device.write_timeout = timeout
        return ser
    if uri.scheme == "file":
        _refuse_a_regular_file(uri)
        f = File(uri.path, profile=profile)
        f.open()
        return f
    if uri.scheme == "win32":
        return _open_win32(uri, profile)
    if uri.scheme == "cups":
        # CupsQueue, not escpos's CupsPrinter: bounded waits, the server set in
        # the thread that talks to it, one error per cause (see hardware.cups_queue).
        queue = CupsQueue(uri, timeout=timeout)
        queue.open(job_name="posapp")  # nothing is sent without open()
        return queue
    raise PrinterUnreachable(uri.raw, f"tipo {uri.scheme}")


ESC_POS_INIT = b"\x1b@"
"""How every job posapp prints starts: a file that starts so is one a print made."""


def _refuse_a_regular_file(uri: PrinterURI) -> None:
    """file:// opens for writing, which empties a regular file: only a device (usblp,
    parallel, a FIFO), a new or empty file, or a file an earlier print wrote is used."""
    path = Path(uri.path)
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise PrinterUnreachable(uri.raw, str(error)) from error
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0:
        return
    try:
        with path.open("rb") as existing:
            head = existing.read(len(ESC_POS_INIT))
    except OSError as error:
        raise PrinterUnreachable(uri.raw, str(error)) from error
    if head != ESC_POS_INIT:
        raise NotAPrinterFile(uri.raw, path=str(path))


def _open_win32(uri: PrinterURI, profile: Any) -> Escpos:
    """Start one RAW document on the installed printer (python-escpos's Win32Raw)."""
    win32print_module(uri.raw)  # SpoolerUnavailable, before escpos's RuntimeError
    printer = SpoolerPrinter(uri.name, profile=profile)
    try:
        printer.open(job_name="posapp")
    except DeviceNotFoundError as exc:
        cause = _root_cause(exc)
        if isinstance(cause, AssertionError):  # escpos: the name is not installed
            raise spooler_error(uri.raw, _NotInstalled(), uri.name) from exc
        raise spooler_error(uri.raw, cause, uri.name) from exc
    return printer


class _NotInstalled(Exception):
    winerror = 1801  # ERROR_INVALID_PRINTER_NAME
