"""A Windows print spooler behind the pywin32 calls posapp and python-escpos make.

Only the OS API is fake: `install_fake_spooler(spooler)` puts a `win32print`
and a `pywintypes` module in `sys.modules` (and into python-escpos's
`escpos.printer.win32raw`, which imported them at start-up), so
`hardware.win32_spooler` and the real `Win32Raw` code run over it unchanged.

The calls, with the argument shapes and errors of pywin32 (winerror,
function name, text): OpenPrinter, ClosePrinter, GetPrinter (level 2),
EnumPrinters (levels 2 and 4), GetDefaultPrinter, EnumJobs (level 1),
StartDocPrinter, StartPagePrinter, WritePrinter, EndPagePrinter,
EndDocPrinter, AbortPrinter. A printer keeps its PRINTER_STATUS_* flags and
attributes; a document ended while the printer can print is printed (its
bytes through the ESC/POS decoder), otherwise it stays in the queue with the
job status Windows gives it (error, offline, paper out).
"""

from __future__ import annotations

import contextlib
import itertools
import sys
import threading
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from hardware.emulator.decoder import Decoder, Receipt
from hardware.win32_spooler import (
    JOB_STATUS_ERROR,
    JOB_STATUS_OFFLINE,
    JOB_STATUS_PAPEROUT,
    PRINTER_ATTRIBUTE_WORK_OFFLINE,
    PRINTER_ENUM_CONNECTIONS,
    PRINTER_ENUM_LOCAL,
    PRINTER_STATUS_DOOR_OPEN,
    PRINTER_STATUS_ERROR,
    PRINTER_STATUS_OFFLINE,
    PRINTER_STATUS_PAPER_OUT,
    PRINTER_STATUS_PAUSED,
)

PRINTER_ENUM_NAME = 0x8
JOB_STATUS_SPOOLING = 0x8
ERROR_INVALID_HANDLE = 6
ERROR_FILE_NOT_FOUND = 2


class PyWinError(Exception):
    """pywintypes.error: args (winerror, funcname, strerror)."""

    def __init__(self, winerror: int, funcname: str, strerror: str) -> None:
        super().__init__(winerror, funcname, strerror)
        self.winerror = winerror
        self.funcname = funcname
        self.strerror = strerror


@dataclass
class SpooledDoc:
    job_id: int
    document: str
    datatype: str
    data: bytearray = field(default_factory=bytearray)
    status: int = JOB_STATUS_SPOOLING
    pages: int = 0


@dataclass
class FakeWindowsPrinter:
    name: str
    driver: str = "ELGIN i9"
    port: str = "USB001"
    status: int = 0
    attributes: int = 0
    queue: list[SpooledDoc] = field(default_factory=list)
    printed: list[SpooledDoc] = field(default_factory=list)
    decoder: Decoder = field(default_factory=Decoder)

    @property
    def can_print(self) -> bool:
        blocked = PRINTER_STATUS_PAUSED | PRINTER_STATUS_ERROR | PRINTER_STATUS_OFFLINE
        blocked |= PRINTER_STATUS_PAPER_OUT | PRINTER_STATUS_DOOR_OPEN
        return not (self.status & blocked or self.attributes & PRINTER_ATTRIBUTE_WORK_OFFLINE)

    def held_status(self) -> int:
        """The job status Windows shows on a document this printer cannot print."""
        if self.status & PRINTER_STATUS_PAUSED and not self.status & ~PRINTER_STATUS_PAUSED:
            return 0  # a paused queue holds jobs without error
        status = JOB_STATUS_ERROR
        if self.status & PRINTER_STATUS_PAPER_OUT:
            status |= JOB_STATUS_PAPEROUT
        if self.status & PRINTER_STATUS_OFFLINE:
            status |= JOB_STATUS_OFFLINE
        return status

    def receipts(self) -> list[Receipt]:
        done = list(self.decoder.receipts)
        if self.decoder.current.elements:
            done.append(self.decoder.current)
        return done


@dataclass
class _Handle:
    printer: FakeWindowsPrinter
    closed: bool = False
    doc: SpooledDoc | None = None


class FakeSpooler:
    """The spooler service and its installed printers."""

    def __init__(self, *printers: FakeWindowsPrinter, default: str = "") -> None:
        self.printers = {p.name: p for p in printers}
        self.default = default
        self.running = True
        self.handles: list[_Handle] = []
        self.calls: list[str] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    @property
    def open_handles(self) -> int:
        return sum(1 for h in self.handles if not h.closed)

    # -- the pywin32 calls ------------------------------------------------------

    def _service(self, funcname: str) -> None:
        self.calls.append(funcname)
        if not self.running:
            raise PyWinError(1722, funcname, "O servidor RPC não está disponível.")

    def _live(self, handle: Any, funcname: str) -> _Handle:
        self._service(funcname)
        if not isinstance(handle, _Handle) or handle.closed:
            raise PyWinError(ERROR_INVALID_HANDLE, funcname, "O identificador é inválido.")
        return handle

    def OpenPrinter(self, name: str, defaults: Any = None) -> _Handle:
        self._service("OpenPrinter")
        printer = self.printers.get(name)
        if printer is None:
            raise PyWinError(1801, "OpenPrinter", "O nome da impressora é inválido.")
        handle = _Handle(printer)
        self.handles.append(handle)
        return handle

    def ClosePrinter(self, handle: Any) -> None:
        self._live(handle, "ClosePrinter").closed = True

    def GetPrinter(self, handle: Any, level: int = 2) -> dict[str, Any]:
        p = self._live(handle, "GetPrinter").printer
        assert level == 2, "posapp reads PRINTER_INFO_2 only"
        return self._info2(p)

    def _info2(self, p: FakeWindowsPrinter) -> dict[str, Any]:
        return {
            "pServerName": None,
            "pPrinterName": p.name,
            "pShareName": None,
            "pPortName": p.port,
            "pDriverName": p.driver,
            "pComment": None,
            "pLocation": None,
            "pDevMode": None,
            "pSepFile": None,
            "pPrintProcessor": "winprint",
            "pDatatype": "RAW",
            "pParameters": None,
            "pSecurityDescriptor": None,
            "Attributes": p.attributes,
            "Priority": 1,
            "DefaultPriority": 0,
            "StartTime": 0,
            "UntilTime": 0,
            "Status": p.status,
            "cJobs": len(p.queue),
            "AveragePPM": 0,
        }

    def EnumPrinters(
        self, flags: int, name: str | None = None, level: int = 1
    ) -> tuple[dict[str, Any], ...]:
        self._service("EnumPrinters")
        shared = [p for p in self.printers.values() if p.name.startswith("\\\\")]
        local = [p for p in self.printers.values() if p not in shared]
        found: list[FakeWindowsPrinter] = []
        if flags & (PRINTER_ENUM_LOCAL | PRINTER_ENUM_NAME) and not name:
            found += local  # PRINTER_ENUM_NAME with no name: this computer's printers
        if flags & PRINTER_ENUM_CONNECTIONS:
            found += shared  # the printers the user has connected to: \\HOST\NAME
        if level == 4:
            return tuple(
                {"pPrinterName": p.name, "pServerName": None, "Attributes": p.attributes}
                for p in found
            )
        assert level == 2, "posapp and python-escpos ask for levels 2 and 4"
        return tuple(self._info2(p) for p in found)

    def GetDefaultPrinter(self) -> str:
        self._service("GetDefaultPrinter")
        if not self.default:
            raise PyWinError(ERROR_FILE_NOT_FOUND, "GetDefaultPrinter", "Sem impressora padrão.")
        return self.default

    def EnumJobs(
        self, handle: Any, first: int, count: int, level: int = 1
    ) -> tuple[dict[str, Any], ...]:
        p = self._live(handle, "EnumJobs").printer
        jobs = p.queue[first:] if count < 0 else p.queue[first : first + count]
        return tuple(
            {
                "JobId": d.job_id,
                "pPrinterName": p.name,
                "pMachineName": "\\\\CAIXA",
                "pUserName": "Caixa",
                "pDocument": d.document,
                "pDatatype": d.datatype,
                "pStatus": None,
                "Status": d.status,
                "Priority": 1,
                "Position": i + 1,
                "TotalPages": d.pages,
                "PagesPrinted": 0,
                "Submitted": None,
            }
            for i, d in enumerate(jobs)
        )

    def StartDocPrinter(self, handle: Any, level: int, info: tuple[str, Any, Any]) -> int:
        h = self._live(handle, "StartDocPrinter")
        if h.doc is not None:
            raise PyWinError(1, "StartDocPrinter", "Função incorreta.")
        document, _output, datatype = info
        with self._lock:
            h.doc = SpooledDoc(next(self._ids), document, str(datatype or ""))
            h.printer.queue.append(h.doc)
        return h.doc.job_id

    def StartPagePrinter(self, handle: Any) -> None:
        h = self._live(handle, "StartPagePrinter")
        if h.doc is None:
            raise PyWinError(1, "StartPagePrinter", "Função incorreta.")
        h.doc.pages += 1

    def WritePrinter(self, handle: Any, data: Any) -> int:
        h = self._live(handle, "WritePrinter")
        if h.doc is None:
            raise PyWinError(1, "WritePrinter", "Função incorreta.")
        if not isinstance(data, bytes | bytearray | memoryview):
            raise TypeError("WritePrinter: a bytes-like object is required")
        h.doc.data += bytes(data)
        return len(data)

    def EndPagePrinter(self, handle: Any) -> None:
        self._live(handle, "EndPagePrinter")

    def EndDocPrinter(self, handle: Any) -> None:
        h = self._live(handle, "EndDocPrinter")
        doc, h.doc = h.doc, None
        if doc is None:
            raise PyWinError(1, "EndDocPrinter", "Função incorreta.")
        self._settle(h.printer, doc)

    def AbortPrinter(self, handle: Any) -> None:
        h = self._live(handle, "AbortPrinter")
        doc, h.doc = h.doc, None
        if doc is not None:
            h.printer.queue.remove(doc)

    # -- the printer working its queue -----------------------------------------

    def _settle(self, printer: FakeWindowsPrinter, doc: SpooledDoc) -> None:
        if printer.can_print and printer.queue and printer.queue[0] is doc:
            printer.queue.remove(doc)
            doc.status = 0
            printer.printed.append(doc)
            if doc.datatype.upper() == "RAW":
                printer.decoder.feed(bytes(doc.data))
        else:
            doc.status = printer.held_status()

    def cancel_all(self, name: str) -> None:
        """What the shop does in the printer's queue window: cancel every document."""
        self.printers[name].queue.clear()

    # -- the modules -------------------------------------------------------------

    def modules(self) -> tuple[types.ModuleType, types.ModuleType]:
        w = types.ModuleType("win32print", "fake win32print over hardware.testing.FakeSpooler")
        for call in (
            "OpenPrinter",
            "ClosePrinter",
            "GetPrinter",
            "EnumPrinters",
            "GetDefaultPrinter",
            "EnumJobs",
            "StartDocPrinter",
            "StartPagePrinter",
            "WritePrinter",
            "EndPagePrinter",
            "EndDocPrinter",
            "AbortPrinter",
        ):
            setattr(w, call, getattr(self, call))
        constants = {
            "PRINTER_ENUM_LOCAL": PRINTER_ENUM_LOCAL,
            "PRINTER_ENUM_CONNECTIONS": PRINTER_ENUM_CONNECTIONS,
            "PRINTER_ENUM_NAME": PRINTER_ENUM_NAME,
        }
        for key, value in constants.items():
            setattr(w, key, value)
        pywintypes = types.ModuleType("pywintypes", "fake pywintypes")
        pywintypes.error = PyWinError  # type: ignore[attr-defined]
        return w, pywintypes


@contextlib.contextmanager
def install_fake_spooler(spooler: FakeSpooler) -> Iterator[FakeSpooler]:
    """`win32print`/`pywintypes` are the fake inside the block, as they were after it."""
    import escpos.printer.win32raw as win32raw

    w, pywintypes = spooler.modules()
    saved_modules = {k: sys.modules.get(k) for k in ("win32print", "pywintypes")}
    missing = object()
    saved_attrs = {
        k: getattr(win32raw, k, missing) for k in ("win32print", "pywintypes", "_DEP_WIN32PRINT")
    }
    sys.modules["win32print"], sys.modules["pywintypes"] = w, pywintypes
    win32raw.win32print = w
    win32raw.pywintypes = pywintypes
    win32raw._DEP_WIN32PRINT = True
    try:
        yield spooler
    finally:
        for key, module in saved_modules.items():
            if module is None:
                sys.modules.pop(key, None)
            else:
                sys.modules[key] = module
        for key, value in saved_attrs.items():
            if value is missing:
                delattr(win32raw, key)
            else:
                setattr(win32raw, key, value)
