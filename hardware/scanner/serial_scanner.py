"""Serial (RS-232 or USB-CDC) scanners through pyserial.

The scanner sends the code followed by CR, LF or CR LF. `poll()` reads what is
waiting without blocking and returns the complete codes; a partial code waits
for the next poll.
"""

from __future__ import annotations

import re
from typing import Any

import serial

from hardware.errors import ScannerDisconnected, ScannerNotFound
from hardware.scanner.events import Scan
from hardware.serial_ports import parse_serial_uri

_TERMINATORS = re.compile(rb"\r\n|\r|\n")


class SerialScanner:
    def __init__(self, port: str, baudrate: int = 9600, encoding: str = "latin-1") -> None:
        self.port = port
        self.baudrate = baudrate
        self.encoding = encoding
        self.name = f"serial://{port}?baudrate={baudrate}"
        self._serial: Any = None
        self._pending = b""

    @classmethod
    def from_uri(cls, uri: str) -> SerialScanner:
        """serial://COM3?baudrate=9600 (Windows) or serial:///dev/ttyUSB0?baudrate=9600."""
        port, baudrate = parse_serial_uri(uri)
        return cls(port, baudrate)

    @property
    def is_open(self) -> bool:
        """The port is open: what the scanner sends from now on is read (pyserial's open
        flushes what the port received before it)."""
        return self._serial is not None

    def open(self) -> None:
        try:
            self._serial = serial.Serial(self.port, self.baudrate, timeout=0)
        except (serial.SerialException, ValueError) as exc:
            raise ScannerNotFound(self.name, str(exc)) from exc

    def poll(self) -> list[Scan]:
        if self._serial is None:
            self.open()
        try:
            waiting = self._serial.in_waiting
            data = self._serial.read(waiting or 1)
        except (serial.SerialException, OSError) as exc:
            self.close()
            raise ScannerDisconnected(self.name, str(exc)) from exc
        self._pending += data
        parts = _TERMINATORS.split(self._pending)
        self._pending = parts.pop()  # after the last terminator: incomplete
        return [Scan(p.decode(self.encoding), self.name) for p in parts if p]

    def close(self) -> None:
        if self._serial is not None:
            self._serial.close()
        self._serial = None
