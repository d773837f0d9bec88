"""`cups://` printers: the job goes to a CUPS queue as one raw job, through pycups.

    q = CupsQueue(parse_printer_uri("cups://127.0.0.1:631/Balcao"), timeout=5)
    q.open()          # connects, checks the queue exists and accepts jobs
    q._raw(data)      # buffered (the transport method the Connection calls)
    q.close()         # submits the buffer as one job, document-format raw

This takes the place of python-escpos's `CupsPrinter`, for these reasons:

- CupsPrinter sends nothing unless `open()` was called first, and reports a
  missing queue as an `assert` turned into DeviceNotFoundError. Here `_raw()`
  before `open()` is a programming error, and every cause has its own
  `PrinterError` (server unreachable, no such queue, job refused).
- libcups has no overall time-out: connecting waits up to 30 s and a server that
  accepts the connection but never answers (hung, or stopped with SIGSTOP) can
  hold a call longer. Every call to the server here runs on a helper thread
  and is given up after the printer's timeout (CupsServerTimeout). A call that
  was given up may still finish later on its helper thread; the connection it
  used is dropped, so nothing reuses it.
- libcups decides whether it is talking to a CUPS server or straight to a
  printer by comparing the connection with the *calling thread's* default
  server (cupsSetServer/cupsSetPort, thread-local in libcups). When they
  differ, cupsCreateJob asks the server about the queue's device-uri instead of
  the queue and fails with "The printer or class does not exist"
  (OpenPrinting/cups#586). So the server is set in the very thread that talks
  to it, before each call; CupsPrinter sets it once, in the caller's thread.

The job is sent with document-format application/vnd.cups-raw: CUPS runs no
filter on it, on a raw queue or on a queue with a driver alike, so the ESC/POS
bytes reach the printer untouched. The job is done, for us, once CUPS has
accepted it (it returns a job id): CUPS then owns it, retries the printer
itself, and shows it in its queue; this printer cannot report paper or cover
status, so `Printer.status()` answers None (after checking server and queue).
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from hardware.errors import (
    CupsJobRefused,
    CupsQueueNotFound,
    CupsServerTimeout,
    CupsServerUnreachable,
    CupsUnavailable,
    PrinterError,
)
from hardware.uri import PrinterURI

try:
    import cups as pycups
except ImportError:  # pragma: no cover - the `cups` extra is not installed
    pycups = None

T = TypeVar("T")

RAW = "application/vnd.cups-raw"
# IPP status codes (RFC 8011 / CUPS) that this module tells apart.
IPP_NOT_FOUND = 0x0406
IPP_SERVICE_UNAVAILABLE = 0x0502
_CHECKED_ATTRIBUTES = ["printer-is-accepting-jobs", "printer-state-message"]


class CupsQueue:
    """One CUPS queue, spoken to with a bounded wait on every call."""

    def __init__(self, uri: PrinterURI, timeout: float = 5.0) -> None:
        if pycups is None:
            raise CupsUnavailable(uri.raw, "pycups não instalado")
        self.uri = uri
        self.queue = uri.name
        self.timeout = timeout
        if uri.host:
            self.host, self.port = uri.host, uri.port
        else:  # cups://NAME: this computer's server (CUPS_SERVER, client.conf, or the default)
            self.host, self.port = str(pycups.getServer()), int(pycups.getPort())
        self.job_name = "posapp"
        self.job_id: int | None = None
        self._conn: Any = None
        self._buffer: bytearray | None = None

    @property
    def server(self) -> str:
        """The server as the messages name it: HOST:PORT, or the local socket's path."""
        return self.host if self.host.startswith("/") else f"{self.host}:{self.port}"

    # -- the transport interface hardware.connections.Connection uses ----------

    def open(self, job_name: str = "posapp") -> None:
        """Connect, and check that the queue exists and accepts jobs."""
        self.job_name = job_name
        self._buffer = bytearray()
        self.job_id = None
        attrs: dict[str, Any] = self._on_server(
            lambda c: c.getPrinterAttributes(self.queue, requested_attributes=_CHECKED_ATTRIBUTES),
        )
        if attrs.get("printer-is-accepting-jobs") is False:
            message = str(attrs.get("printer-state-message") or "").strip()
            self._buffer = None
            raise CupsJobRefused(
                self.uri.raw,
                message or "a fila não está aceitando trabalhos",
                server=self.server,
            )

    def _raw(self, data: bytes) -> None:
        if self._buffer is None:
            raise RuntimeError("CupsQueue.open() must be called before writing")
        self._buffer += data

    def close(self) -> None:
        """Submit what was written as one raw job (nothing to submit: nothing is sent)."""
        data, self._buffer = self._buffer, None
        try:
            if data:
                self.job_id = int(self._on_server(lambda c: self._submit(c, bytes(data))))
        finally:
            self._conn = None

    # -- talking to the server --------------------------------------------------

    def _submit(self, conn: Any, data: bytes) -> Any:
        with tempfile.NamedTemporaryFile(prefix="posapp-cups-", suffix=".prn") as f:
            f.write(data)
            f.flush()
            return conn.printFile(self.queue, f.name, self.job_name, {"document-format": RAW})

    def _on_server(self, call: Callable[[Any], T]) -> T:
        """Run `call(connection)` on a helper thread; give up after `timeout` seconds."""
        outcome: list[tuple[Any, T]] = []
        failure: list[BaseException] = []
        conn = self._conn

        def run() -> None:
            assert pycups is not None
            try:
                pycups.setServer(self.host)
                pycups.setPort(self.port)
                c = conn if conn is not None else pycups.Connection(host=self.host, port=self.port)
                outcome.append((c, call(c)))
            except BaseException as exc:
                failure.append(exc)

        worker = threading.Thread(target=run, name=f"cups:{self.server}", daemon=True)
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            self._conn = None  # left to the helper thread; never used again
            raise CupsServerTimeout(self.uri.raw, server=self.server, seconds=self.timeout)
        if failure:
            self._conn = None
            raise self._error(failure[0]) from failure[0]
        self._conn, value = outcome[0]
        return value

    def _error(self, exc: BaseException) -> PrinterError:
        name, server = self.uri.raw, self.server
        assert pycups is not None
        if isinstance(exc, PrinterError):
            return exc
        if isinstance(exc, RuntimeError):  # pycups: "failed to connect to server"
            return CupsServerUnreachable(name, str(exc), server=server)
        if isinstance(exc, pycups.IPPError) and len(exc.args) >= 2:
            status, text = int(exc.args[0]), str(exc.args[1])
            if status == IPP_NOT_FOUND:
                return CupsQueueNotFound(name, queue=self.queue, server=server)
            if status == IPP_SERVICE_UNAVAILABLE:  # lost the server mid-call
                return CupsServerUnreachable(name, text, server=server)
            return CupsJobRefused(name, f"{text} [IPP 0x{status:04x}]", server=server)
        if isinstance(exc, pycups.HTTPError) and exc.args:
            return CupsJobRefused(name, f"HTTP {exc.args[0]}", server=server)
        return CupsJobRefused(name, f"{type(exc).__name__}: {exc}", server=server)
