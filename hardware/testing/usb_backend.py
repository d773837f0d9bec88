"""A pyusb backend that emulates devices, so pyusb and python-escpos run for real.

Only the wire is fake: `usb.core.find`, descriptors, configuration, endpoint
lookup and transfers all go through pyusb's own code, and `escpos.printer.Usb`
drives it exactly as it drives a printer on libusb. Two devices are provided:

- `EmulatedPrinter`: bulk OUT 0x01 into the ESC/POS decoder, bulk IN 0x82
  answering DLE EOT status, like an Epson TM on USB;
- `EmulatedHidScanner`: a HID keyboard with an interrupt IN endpoint 0x81
  that "types" codes as 8-byte reports (press and release, Shift included).

Pass the backend with `usb_args={"backend": backend}` (escpos) or
`usb.core.find(backend=backend)`.
"""

from __future__ import annotations

import array
import collections
import errno
import threading
from dataclasses import dataclass, field
from typing import Any

import usb.backend
import usb.core

from hardware.emulator.decoder import Decoder, Receipt
from hardware.scanner.hid import CHAR_TO_USAGE, ENTER
from hardware.status import PrinterStatus, status_bytes

BULK, INTERRUPT = 0x02, 0x03


@dataclass
class _Desc:
    """A descriptor: pyusb reads its fields by name."""

    fields: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class EmulatedDevice:
    vendor_id: int
    product_id: int
    interface_class: int
    endpoints: list[tuple[int, int, int]]  # (address, attributes, max packet size)
    bus: int = 1
    address: int = 1
    plugged: bool = True
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def write(self, ep: int, data: bytes) -> int:
        raise usb.core.USBError("pipe error", errno=errno.EPIPE)

    def read(self, ep: int, size: int) -> bytes | None:
        """Bytes waiting on `ep`, or None (a time-out on a real device)."""
        return None


class EmulatedPrinter(EmulatedDevice):
    def __init__(self, vendor_id: int = 0x04B8, product_id: int = 0x0E15, address: int = 1) -> None:
        super().__init__(
            vendor_id, product_id, 7, [(0x01, BULK, 64), (0x82, BULK, 64)], address=address
        )
        self.status = PrinterStatus()
        self.decoder = Decoder(on_status=self._answer)
        self.received = bytearray()
        self._replies: collections.deque[int] = collections.deque()

    def _answer(self, n: int) -> None:
        self._replies.append(status_bytes(self.status).get(n, 0x12))

    def write(self, ep: int, data: bytes) -> int:
        if ep != 0x01:
            return super().write(ep, data)
        with self._lock:
            self.received += data
            if self.status.ready:
                self.decoder.feed(data)
            else:  # no paper / cover open: nothing prints, status still answers
                idx = data.find(b"\x10\x04")
                while idx >= 0 and idx + 2 < len(data):
                    self._answer(data[idx + 2])
                    idx = data.find(b"\x10\x04", idx + 3)
        return len(data)

    def read(self, ep: int, size: int) -> bytes | None:
        with self._lock:
            if ep != 0x82 or not self._replies:
                return None
            out = bytes(self._replies.popleft() for _ in range(min(size, len(self._replies))))
            return out

    def receipts(self) -> list[Receipt]:
        """Everything printed so far (a receipt in progress counts as one)."""
        with self._lock:
            done = list(self.decoder.receipts)
            if self.decoder.current.elements:
                done.append(self.decoder.current)
            return done


class EmulatedHidScanner(EmulatedDevice):
    def __init__(self, vendor_id: int = 0x05E0, product_id: int = 0x1200, address: int = 2) -> None:
        super().__init__(vendor_id, product_id, 3, [(0x81, INTERRUPT, 8)], address=address)
        self._reports: collections.deque[bytes] = collections.deque()

    def scan(self, code: str, suffix: bool = True) -> None:
        """Queue the reports a scanner sends when it reads `code`."""
        with self._lock:
            for char in code:
                usage, shift = CHAR_TO_USAGE[char]
                self._reports.append(bytes([0x02 if shift else 0, 0, usage, 0, 0, 0, 0, 0]))
                self._reports.append(bytes(8))
            if suffix:
                self._reports.append(bytes([0, 0, ENTER, 0, 0, 0, 0, 0]))
                self._reports.append(bytes(8))

    def read(self, ep: int, size: int) -> bytes | None:
        with self._lock:
            if ep != 0x81 or not self._reports:
                return None
            return self._reports.popleft()[:size]


class EmulatedBackend(usb.backend.IBackend):  # type: ignore[misc]
    def __init__(self, *devices: EmulatedDevice) -> None:
        super().__init__()
        self.devices: list[EmulatedDevice] = list(devices)
        self._config: dict[int, int] = {}

    # -- discovery ------------------------------------------------------------

    def enumerate_devices(self) -> Any:
        return [d for d in self.devices if d.plugged]

    def get_device_descriptor(self, dev: EmulatedDevice) -> _Desc:
        return _Desc(
            {
                "bLength": 18,
                "bDescriptorType": 1,
                "bcdUSB": 0x0200,
                "bDeviceClass": 0,
                "bDeviceSubClass": 0,
                "bDeviceProtocol": 0,
                "bMaxPacketSize0": 64,
                "idVendor": dev.vendor_id,
                "idProduct": dev.product_id,
                "bcdDevice": 0x0100,
                "iManufacturer": 0,
                "iProduct": 0,
                "iSerialNumber": 0,
                "bNumConfigurations": 1,
                "address": dev.address,
                "bus": dev.bus,
                "port_number": dev.address,
                "port_numbers": (dev.address,),
                "speed": 2,
            }
        )

    def get_configuration_descriptor(self, dev: EmulatedDevice, config: int) -> _Desc:
        return _Desc(
            {
                "bLength": 9,
                "bDescriptorType": 2,
                "wTotalLength": 32,
                "bNumInterfaces": 1,
                "bConfigurationValue": 1,
                "iConfiguration": 0,
                "bmAttributes": 0x80,
                "bMaxPower": 50,
                "extra_descriptors": [],
            }
        )

    def get_interface_descriptor(
        self, dev: EmulatedDevice, intf: int, alt: int, config: int
    ) -> _Desc:
        if intf != 0 or alt != 0:
            raise IndexError("no such interface")
        return _Desc(
            {
                "bLength": 9,
                "bDescriptorType": 4,
                "bInterfaceNumber": 0,
                "bAlternateSetting": 0,
                "bNumEndpoints": len(dev.endpoints),
                "bInterfaceClass": dev.interface_class,
                "bInterfaceSubClass": 1,  # HID boot interface / printer
                "bInterfaceProtocol": 1 if dev.interface_class == 3 else 2,
                "iInterface": 0,
                "extra_descriptors": [],
            }
        )

    def get_endpoint_descriptor(
        self, dev: EmulatedDevice, ep: int, intf: int, alt: int, config: int
    ) -> _Desc:
        address, attributes, size = dev.endpoints[ep]
        return _Desc(
            {
                "bLength": 7,
                "bDescriptorType": 5,
                "bEndpointAddress": address,
                "bmAttributes": attributes,
                "wMaxPacketSize": size,
                "bInterval": 1 if attributes == INTERRUPT else 0,
                "bRefresh": 0,
                "bSynchAddress": 0,
                "extra_descriptors": [],
            }
        )

    # -- handles and configuration ---------------------------------------------

    def _alive(self, dev: EmulatedDevice) -> EmulatedDevice:
        if not dev.plugged:
            raise usb.core.USBError(
                "No such device (it may have been disconnected)", errno=errno.ENODEV
            )
        return dev

    def open_device(self, dev: EmulatedDevice) -> EmulatedDevice:
        return self._alive(dev)

    def close_device(self, dev_handle: EmulatedDevice) -> None:
        return None

    def set_configuration(self, dev_handle: EmulatedDevice, config_value: int) -> None:
        self._config[id(self._alive(dev_handle))] = config_value

    def get_configuration(self, dev_handle: EmulatedDevice) -> int:
        return self._config.get(id(dev_handle), 0)

    def set_interface_altsetting(self, dev_handle: EmulatedDevice, intf: int, alt: int) -> None:
        return None

    def claim_interface(self, dev_handle: EmulatedDevice, intf: int) -> None:
        self._alive(dev_handle)

    def release_interface(self, dev_handle: EmulatedDevice, intf: int) -> None:
        return None

    def reset_device(self, dev_handle: EmulatedDevice) -> None:
        self._alive(dev_handle)

    def clear_halt(self, dev_handle: EmulatedDevice, ep: int) -> None:
        return None

    # -- transfers --------------------------------------------------------------

    def bulk_write(
        self, dev_handle: EmulatedDevice, ep: int, intf: int, data: array.array[int], timeout: int
    ) -> int:
        return self._alive(dev_handle).write(ep, bytes(data))

    intr_write = bulk_write

    def bulk_read(
        self, dev_handle: EmulatedDevice, ep: int, intf: int, buff: array.array[int], timeout: int
    ) -> int:
        data = self._alive(dev_handle).read(ep, len(buff))
        if data is None:
            raise usb.core.USBTimeoutError(
                "Operation timed out", error_code=-7, errno=errno.ETIMEDOUT
            )
        for i, b in enumerate(data):
            buff[i] = b
        return len(data)

    intr_read = bulk_read
