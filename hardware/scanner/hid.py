"""USB HID scanners read directly through pyusb (no keyboard focus needed).

A HID keyboard sends 8-byte input reports: modifier bits, a reserved byte and
up to six usage codes of the keys held down. A key press is a usage that
appears in a report and was not in the previous one; Shift (either side) in
the modifier byte selects the upper row. The scanner types its code and then
Enter, which ends the scan. US layout, as scanners ship configured.
"""

from __future__ import annotations

import contextlib
import errno
from typing import Any

import usb.core
import usb.util

from hardware.errors import ScannerDisconnected, ScannerError, ScannerNotFound
from hardware.scanner.events import Scan
from hardware.usb_library import usb_backend

SHIFT_BITS = 0x02 | 0x20
ENTER, KP_ENTER, TAB = 0x28, 0x58, 0x2B

_PLAIN = {
    **{0x04 + i: chr(ord("a") + i) for i in range(26)},
    **{0x1E + i: "1234567890"[i] for i in range(10)},
    0x2C: " ",
    0x2D: "-",
    0x2E: "=",
    0x2F: "[",
    0x30: "]",
    0x31: "\\",
    0x33: ";",
    0x34: "'",
    0x35: "`",
    0x36: ",",
    0x37: ".",
    0x38: "/",
    **{0x59 + i: "1234567890"[i] for i in range(10)},
    0x54: "/",
    0x55: "*",
    0x56: "-",
    0x57: "+",
    0x63: ".",
}
_SHIFTED = {
    **{0x04 + i: chr(ord("A") + i) for i in range(26)},
    **{0x1E + i: "!@#$%^&*()"[i] for i in range(10)},
    0x2C: " ",
    0x2D: "_",
    0x2E: "+",
    0x2F: "{",
    0x30: "}",
    0x31: "|",
    0x33: ":",
    0x34: '"',
    0x35: "~",
    0x36: "<",
    0x37: ">",
    0x38: "?",
}

# For the emulated scanner and tests: character -> (usage, shift).
CHAR_TO_USAGE: dict[str, tuple[int, bool]] = {
    **{c: (u, True) for u, c in _SHIFTED.items()},
    **{c: (u, False) for u, c in _PLAIN.items() if u < 0x54},
}


class HidReportDecoder:
    """Turns a stream of keyboard reports into text; "\n" marks Enter."""

    def __init__(self) -> None:
        self._held: set[int] = set()

    def feed(self, report: bytes | bytearray) -> str:
        if len(report) < 3:
            return ""
        shift = bool(report[0] & SHIFT_BITS)
        keys = [k for k in report[2:8] if k > 0x03]  # 0-3: none / error codes
        out: list[str] = []
        for usage in keys:
            if usage in self._held:
                continue
            if usage in (ENTER, KP_ENTER):
                out.append("\n")
            elif usage == TAB:
                out.append("\t")
            else:
                char = (_SHIFTED if shift else _PLAIN).get(usage) or _PLAIN.get(usage)
                if char:
                    out.append(char)
        self._held = set(keys)
        return "".join(out)


class HidScanner:
    """A HID scanner at usb://VID:PID, read by `poll()` on the device thread."""

    def __init__(
        self, vendor_id: int, product_id: int, backend: Any = None, terminator: str = "\n"
    ) -> None:
        self.vendor_id = vendor_id
        self.product_id = product_id
        self.backend = backend
        self.terminator = terminator
        self.name = f"usb://{vendor_id:04x}:{product_id:04x}"
        self._decoder = HidReportDecoder()
        self._text = ""
        self._dev: Any = None
        self._ep: Any = None
        self._intf = 0

    def open(self) -> None:
        try:
            dev = usb.core.find(
                idVendor=self.vendor_id,
                idProduct=self.product_id,
                backend=usb_backend(self.backend),
            )
        except usb.core.NoBackendError as exc:
            raise ScannerError(self.name, "libusb não instalada") from exc
        if dev is None:
            raise ScannerNotFound(self.name)
        try:
            cfg = dev.get_active_configuration() if _configured(dev) else None
            if cfg is None:
                dev.set_configuration()
                cfg = dev.get_active_configuration()
            intf = usb.util.find_descriptor(cfg, bInterfaceClass=3) or cfg[(0, 0)]
            self._intf = intf.bInterfaceNumber
            with contextlib.suppress(NotImplementedError, usb.core.USBError):
                if dev.is_kernel_driver_active(self._intf):
                    dev.detach_kernel_driver(self._intf)
            self._ep = usb.util.find_descriptor(
                intf,
                custom_match=lambda e: (
                    usb.util.endpoint_direction(e.bEndpointAddress) == usb.util.ENDPOINT_IN
                ),
            )
        except usb.core.USBError as exc:
            raise ScannerError(self.name, str(exc)) from exc
        if self._ep is None:
            raise ScannerError(self.name, "sem endpoint de entrada")
        self._dev = dev

    def poll(self, timeout_ms: int = 10, max_reports: int = 256) -> list[Scan]:
        """Read the reports waiting (bounded), return the scans they completed."""
        if self._dev is None:
            self.open()
        scans: list[Scan] = []
        for _ in range(max_reports):
            try:
                report = self._dev.read(
                    self._ep.bEndpointAddress, self._ep.wMaxPacketSize, timeout_ms
                )
            except usb.core.USBTimeoutError:
                break
            except usb.core.USBError as exc:
                if exc.errno in (errno.ENODEV, errno.EPIPE, errno.EIO):
                    self.close()
                    raise ScannerDisconnected(self.name, str(exc)) from exc
                raise ScannerError(self.name, str(exc)) from exc
            self._text += self._decoder.feed(bytes(report))
            while self.terminator in self._text:
                code, self._text = self._text.split(self.terminator, 1)
                if code:
                    scans.append(Scan(code, self.name))
        return scans

    def close(self) -> None:
        if self._dev is not None:
            with contextlib.suppress(usb.core.USBError):
                usb.util.dispose_resources(self._dev)
        self._dev = None


def _configured(dev: Any) -> bool:
    try:
        dev.get_active_configuration()
    except usb.core.USBError:
        return False
    return True
