"""Serial ports on this computer (COM3 on Windows, /dev/ttyUSB0 on Linux), for scanners,
printers and the drawers wired to them.

`serial_ports()` asks pyserial's `list_ports` (the Windows SetupAPI on
Windows, sysfs on Linux) and names each port the same way everywhere: its
device, what Windows or the kernel calls it, and the USB ids of a USB-serial
adapter. `serial_uri()` is the address the settings keep:
`serial://COM3?baudrate=9600` or `serial:///dev/ttyUSB0?baudrate=9600`.
pyserial opens COM10 and above itself (the \\\\.\\COM10 form Windows needs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from serial.tools import list_ports

from hardware.errors import BadPrinterURI, ScannerError
from hardware.uri import parse_printer_uri

DEFAULT_BAUDRATE = 9600
_COM = re.compile(r"COM\d+", re.IGNORECASE)


def serial_uri(device: str, baudrate: int = DEFAULT_BAUDRATE) -> str:
    """serial://COM3?baudrate=9600, serial:///dev/ttyUSB0?baudrate=9600."""
    return f"serial://{device}?baudrate={baudrate}"


def _natural(text: str) -> list[tuple[int, int | str]]:
    return [
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    ]


@dataclass(frozen=True)
class SerialPort:
    device: str
    description: str = ""
    manufacturer: str = ""
    vendor_id: int | None = None
    product_id: int | None = None

    @property
    def is_com(self) -> bool:
        return bool(_COM.fullmatch(self.device))

    @property
    def uri(self) -> str:
        return serial_uri(self.device)

    @property
    def label(self) -> str:
        """'COM3: Prolific USB-to-Serial Comm Port (067b:2303)', the same shape on Linux."""
        text = self.description if self.description not in ("", "n/a", self.device) else ""
        ids = (
            f"{self.vendor_id:04x}:{self.product_id:04x}"
            if self.vendor_id is not None and self.product_id is not None
            else ""
        )
        if text and self.device in text:  # Windows: "USB Serial Port (COM3)"
            text = text.replace(f"({self.device})", "").strip()
        parts = [p for p in (text, f"({ids})" if ids else "") if p]
        return f"{self.device}: {' '.join(parts)}" if parts else self.device


def serial_ports() -> list[SerialPort]:
    """The serial ports pyserial finds, in natural order (COM3 before COM10)."""
    found = [
        SerialPort(
            device=str(info.device),
            description=str(info.description or ""),
            manufacturer=str(info.manufacturer or ""),
            vendor_id=info.vid,
            product_id=info.pid,
        )
        for info in list_ports.comports()
        if info.device
    ]
    return sorted(found, key=lambda p: _natural(p.device))


def parse_serial_uri(uri: str) -> tuple[str, int]:
    """(port, baudrate) of a serial:// address, or ScannerError saying what is wrong."""
    try:
        parsed = parse_printer_uri(uri)
    except BadPrinterURI as error:
        raise ScannerError(uri.strip(), error.params.get("reason", "")) from None
    if parsed.scheme != "serial":
        raise ScannerError(uri.strip(), "use serial://COM3?baudrate=9600 ou serial:///dev/ttyUSB0")
    return parsed.path, parsed.baudrate
