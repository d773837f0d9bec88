"""The printer as the app sees it: render a receipt, send it on the device thread.

    devices = DeviceThread()
    printer = Printer("tcp://192.168.0.50:9100", paper=80, profile="TM-T20II",
                      devices=devices)
    job = printer.render(receipt)          # bytes for this model; no I/O
    future = printer.send(job)             # Future[PrintResult]
    ...                                    # on PrinterError: keep `job`, send it again later

A job is rendered once; sending it again sends the very same bytes. Before
the bytes go out the printer is asked for its real-time status (where it
answers) and a job is refused with PaperOut / CoverOpen / PrinterOffline
instead of vanishing into a printer that cannot print. After the bytes, the
status is asked again: that answer proves the printer took the whole job, so a
connection dropped halfway is reported as ConnectionLost, not as success.
A Windows printer (win32://) is answered for by its spooler instead
(hardware.win32_spooler), before the document is started.
"""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from hardware.connections import Connection, open_connection
from hardware.device_thread import DeviceThread
from hardware.escpos_render import RenderedReceipt, render_bytes
from hardware.layout import Substitution
from hardware.profiles import Paper, make_profile, paper_for, profile_data
from hardware.receipt import DrawerPin, DrawerPulse, Receipt
from hardware.status import PrinterStatus, parse_status, raise_if_not_ready
from hardware.uri import PrinterURI, parse_printer_uri
from hardware.win32_spooler import raise_if_cannot_print, read_spooler


@dataclass(frozen=True)
class PrintJob:
    """Rendered bytes for one printer; immutable, so a failed job is re-sent as is."""

    printer: str
    data: bytes
    profile: str
    paper_mm: int
    codepage: str
    substitutions: tuple[Substitution, ...] = ()
    id: str = dataclasses.field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class PrintResult:
    job: PrintJob
    status: PrinterStatus | None  # None: this printer does not report status
    bytes_sent: int


class Printer:
    def __init__(
        self,
        uri: str,
        paper: int | Paper = 80,
        profile: str = "default",
        devices: DeviceThread | None = None,
        timeout: float = 5.0,
        status_timeout: float = 1.0,
        usb_backend: Any = None,
    ) -> None:
        """Raise BadPrinterURI / UnknownProfile at once: settings are checked on save."""
        self.uri: PrinterURI = parse_printer_uri(uri)
        self.paper = paper if isinstance(paper, Paper) else paper_for(paper)
        profile_data(profile, self.uri.raw)  # validates the name
        self.profile = profile
        self.devices = devices or DeviceThread()
        self._own_devices = devices is None
        self.timeout = timeout
        self.status_timeout = status_timeout
        self.usb_backend = usb_backend

    @property
    def name(self) -> str:
        return self.uri.raw

    # -- rendering (any thread) ------------------------------------------------

    def render(self, receipt: Receipt) -> PrintJob:
        """Bytes for this printer's model and paper (the printer's paper wins)."""
        if receipt.paper != self.paper:
            receipt = dataclasses.replace(receipt, paper=self.paper)
        rendered: RenderedReceipt = render_bytes(receipt, self.profile, self.name)
        return PrintJob(
            self.name,
            rendered.data,
            self.profile,
            self.paper.mm,
            rendered.codepage,
            rendered.substitutions,
        )

    # -- device I/O (queued on the device thread) ------------------------------

    def print(self, receipt: Receipt) -> Future[PrintResult]:
        return self.send(self.render(receipt))

    def send(self, job: PrintJob) -> Future[PrintResult]:
        return self.devices.submit(self.send_now, job)

    def status(self) -> Future[PrinterStatus | None]:
        return self.devices.submit(self.status_now)

    def open_drawer(self, pin: DrawerPin = 2) -> Future[PrintResult]:
        return self.print(Receipt((DrawerPulse(pin),), self.paper))

    def close(self) -> None:
        if self._own_devices:
            self.devices.stop()

    # -- the blocking work, on the device thread -------------------------------

    def _connect(self) -> Connection:
        profile = make_profile(self.profile, self.paper, self.name)
        return open_connection(self.uri, profile, self.paper, self.timeout, self.usb_backend)

    def _read_status(self, conn: Connection) -> PrinterStatus | None:
        first = conn.query(1, self.status_timeout)
        if first is None:
            return None
        cause = conn.query(2, self.status_timeout) or 0x12
        paper = conn.query(4, self.status_timeout) or 0x12
        return parse_status(first, cause, paper)

    def status_now(self) -> PrinterStatus | None:
        if self.uri.scheme == "win32":
            return read_spooler(self.uri.name, self.name).printer_status()
        conn = self._connect()
        try:
            status = self._read_status(conn)
        except BaseException:
            _close_quietly(conn)
            raise
        conn.close()
        return status

    def send_now(self, job: PrintJob) -> PrintResult:
        if self.uri.scheme == "win32":
            return self._spool(job)
        conn = self._connect()
        try:
            status = self._read_status(conn)
            if status is not None:
                raise_if_not_ready(status, self.name)
            conn.write(job.data)
            if status is not None:
                # The answer comes after the job's bytes: the printer has them all.
                after = self._read_status(conn)
                status = after if after is not None else status
        except BaseException:
            _close_quietly(conn)
            raise
        conn.close()  # CUPS submits the job here; its errors count
        return PrintResult(job, status, len(job.data))

    def _spool(self, job: PrintJob) -> PrintResult:
        """One RAW document to the Windows spooler, refused while the queue cannot print."""
        state = read_spooler(self.uri.name, self.name)
        raise_if_cannot_print(state, self.name)
        status = state.printer_status()
        conn = self._connect()
        try:
            conn.write(job.data)
        except BaseException:
            with contextlib.suppress(Exception):
                conn.abort()
            raise
        conn.close()  # EndDocPrinter: the spooler has the job
        return PrintResult(job, status, len(job.data))


def _close_quietly(conn: Connection) -> None:
    """Close after a failure without hiding the failure that matters."""
    with contextlib.suppress(Exception):
        conn.close()
