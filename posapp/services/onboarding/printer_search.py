"""Every printer this computer can reach, for the first-run wizard and Gerência.

On Windows the receipt printer is usually installed with its maker's driver:
those come first (win32://NAME, the default printer at the top), then USB
printers reached through libusb (usb://VID:PID), then the serial ports
(serial://COM3?baudrate=9600, or /dev/ttyUSB0 on Linux), which may hold a
printer or a scanner. Never raises: whatever could not be searched is said in
a note, pt_BR and en.

Only a Windows printer or a USB printer is chosen for the shop by default; a
serial port is offered, never picked for it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any, Literal

from hardware.errors import PrinterError, SpoolerUnavailable
from hardware.serial_ports import serial_ports
from hardware.win32_spooler import installed_printers
from posapp.services.onboarding.wizard import UsbScan, scan_usb_printers

Kind = Literal["windows", "usb", "serial"]


@dataclass(frozen=True, slots=True)
class FoundPrinter:
    kind: Kind
    description: str
    uri: str

    @property
    def preferred(self) -> bool:
        return self.kind != "serial"


@dataclass(frozen=True, slots=True)
class PrinterSearch:
    printers: tuple[FoundPrinter, ...]
    usb: UsbScan
    windows_note_pt: str | None = None
    windows_note_en: str | None = None

    def of_kind(self, kind: Kind) -> list[FoundPrinter]:
        return [p for p in self.printers if p.kind == kind]

    def windows_note(self, locale: str = "pt_BR") -> str | None:
        return self.windows_note_pt if locale.startswith("pt") else self.windows_note_en


def search_printers(usb_backend: Any = None) -> PrinterSearch:
    """Windows printers, USB printers and serial ports, in that order."""
    found: list[FoundPrinter] = []
    note_pt = note_en = None
    try:
        found += [FoundPrinter("windows", p.description, p.uri) for p in installed_printers()]
    except SpoolerUnavailable:
        pass  # not Windows: nothing to list, nothing to say
    except PrinterError as error:
        note_pt, note_en = error.message("pt_BR"), error.message("en")
    usb = scan_usb_printers(usb_backend)
    found += [FoundPrinter("usb", p.description, p.uri) for p in usb.printers]
    # pyserial could not enumerate (no SetupAPI, no sysfs): no port offered.
    with contextlib.suppress(Exception):
        found += [FoundPrinter("serial", port.label, port.uri) for port in serial_ports()]
    return PrinterSearch(tuple(found), usb, note_pt, note_en)
