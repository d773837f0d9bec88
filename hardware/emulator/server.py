"""A receipt printer on a loopback TCP port (raw port 9100 protocol).

It decodes what it receives, answers DLE EOT status requests at once (as a
real printer does), keeps every receipt it printed, and writes each one as a
PNG (plus a .txt of its lines) when given an output directory. It can be told
to report paper out or cover open, and to drop the next connection after a
number of bytes, to test what the app does when a printer fails mid-job.

It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from pathlib import Path
from types import TracebackType

from hardware.emulator.decoder import Decoder, Receipt
from hardware.emulator.render_png import save_receipt
from hardware.status import PrinterStatus, status_bytes

LOOPBACK = "127.0.0.1"


class EmulatorServer:
    def __init__(
        self,
        port: int = 0,
        out_dir: Path | str | None = None,
        paper_dots: int = 576,
        host: str = LOOPBACK,
    ) -> None:
        if host not in (LOOPBACK, "localhost"):
            raise ValueError("the emulator listens on loopback only")
        self.host = LOOPBACK
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.paper_dots = paper_dots
        self.status = PrinterStatus()
        self.answer_status = True
        self.drop_after: int | None = None
        self.receipts: list[Receipt] = []
        self.pngs: list[Path] = []
        self.received_bytes = 0
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((self.host, port))
        self._sock.listen(8)
        self._sock.settimeout(0.2)
        self.port: int = self._sock.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._accept_thread = threading.Thread(
            target=self._accept_loop, name=f"escpos-emulator:{self.port}", daemon=True
        )

    # -- lifecycle ----------------------------------------------------------

    @property
    def uri(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    def start(self) -> EmulatorServer:
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        self._accept_thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._accept_thread.is_alive():
            self._accept_thread.join(timeout=2)
        for t in self._threads:
            t.join(timeout=2)
        self._sock.close()

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what tests and the demo ask ------------------------------------------

    def set_status(self, **changes: bool) -> None:
        """E.g. set_status(paper_out=True); set_status(paper_out=False) to reload paper."""
        fields = self.status.__dict__ | changes
        self.status = PrinterStatus(**fields)

    def wait_for_receipts(self, count: int, timeout: float = 5.0) -> list[Receipt]:
        """Block until `count` receipts in all were received (or time out); return them."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self.receipts) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return list(self.receipts)

    def printed(self) -> list[Receipt]:
        """Receipts that came out whole (not cut short by a dropped connection)."""
        with self._cond:
            return [r for r in self.receipts if r.complete]

    def clear(self) -> None:
        with self._cond:
            self.receipts.clear()
            self.pngs.clear()

    # -- serving -------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads = [x for x in self._threads if x.is_alive()] + [t]
            t.start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(0.2)

        def answer(n: int) -> None:
            if self.answer_status:
                with contextlib.suppress(OSError):
                    conn.sendall(bytes([status_bytes(self.status).get(n, 0x12)]))

        decoder = Decoder(on_status=answer)
        limit, self.drop_after = self.drop_after, None
        got = 0
        complete = True
        with conn:
            while not self._stop.is_set():
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    complete = False
                    break
                if not chunk:
                    break
                if limit is not None and got + len(chunk) >= limit:
                    chunk = chunk[: limit - got]
                    self._take(decoder, chunk)
                    complete = False
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                    break  # drop the connection mid-job (RST)
                got += len(chunk)
                self._take(decoder, chunk)
        self._store(decoder.finish(complete))

    def _take(self, decoder: Decoder, chunk: bytes) -> None:
        self.received_bytes += len(chunk)
        if not self.status.ready:
            # A printer with no paper or its cover open prints nothing; it still
            # answers status requests, so feed only the real-time commands through.
            decoder_status = decoder.on_status
            idx = chunk.find(b"\x10\x04")
            while idx >= 0 and idx + 2 < len(chunk):
                if decoder_status is not None:
                    decoder_status(chunk[idx + 2])
                idx = chunk.find(b"\x10\x04", idx + 3)
            return
        decoder.feed(chunk)
        self._store(decoder.take_receipts())

    def _store(self, receipts: list[Receipt]) -> None:
        for receipt in receipts:
            if not receipt.elements:
                continue
            with self._cond:
                self.receipts.append(receipt)
                number = len(self.receipts)
            if self.out_dir is not None:
                png = self.out_dir / f"receipt-{number:04d}.png"
                save_receipt(receipt, png, self.paper_dots)
                png.with_suffix(".txt").write_text("\n".join(receipt.lines) + "\n", "utf-8")
                with self._cond:
                    self.pngs.append(png)
            with self._cond:
                self._cond.notify_all()
