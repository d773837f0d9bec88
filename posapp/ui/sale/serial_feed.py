"""A serial scanner (serial://COM3?baudrate=9600) feeding the sale screen like the wedge.

    feed = SerialScannerFeed(uri, printing.devices, lang, parent)
    feed.scanned.connect(...); feed.failed.connect(...)
    feed.start()

The scanner is polled on the print service's device thread (hardware's
`watch_scanner`), so a slow or missing port never blocks the screen; each code
read is re-emitted as `scanned` in the GUI thread, the same signal the keyboard
wedge gives (`runner.hand_over`: never into a feed whose screen has closed). A port
that cannot be opened or is unplugged emits `failed` with the pt_BR/en message, once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from hardware.device_thread import DeviceThread, PeriodicHandle
from hardware.errors import ScannerError
from hardware.scanner.events import Scan
from hardware.scanner.serial_scanner import SerialScanner
from hardware.scanner.watch import watch_scanner
from posapp.ui.runner import hand_over


class SerialScannerFeed(QObject):
    scanned = Signal(str)
    failed = Signal(str)

    def __init__(
        self, uri: str, devices: DeviceThread, lang: str = "pt_BR", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.devices = devices
        self.scanner = SerialScanner.from_uri(uri)
        self._handle: PeriodicHandle | None = None

    def start(self) -> None:
        """Begin polling; connect `scanned` and `failed` first, or the first reads are lost."""
        if self._handle is None:
            self._handle = watch_scanner(self.scanner, self.devices, self._read, self._lost)

    def _read(self, scan: Scan) -> None:  # on the device thread
        hand_over(self, self.scanned.emit, scan.code)

    def _lost(self, error: ScannerError) -> None:  # on the device thread
        hand_over(self, self.failed.emit, error.message(self.lang))

    def stop(self) -> None:
        """Stop polling and close the port (on the device thread)."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
            self.devices.submit(self.scanner.close)
