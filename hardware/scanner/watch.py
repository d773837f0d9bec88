"""Poll HID and serial scanners on the device thread; deliver `Scan`s to a callback.

The callback runs on the device thread: the Qt side re-emits it as a signal so
the GUI thread handles it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from hardware.device_thread import DeviceThread, PeriodicHandle
from hardware.errors import ScannerError
from hardware.scanner.events import Scan


class PolledScanner(Protocol):
    name: str

    def poll(self) -> list[Scan]: ...

    def close(self) -> None: ...


def watch_scanner(
    scanner: PolledScanner,
    devices: DeviceThread,
    on_scan: Callable[[Scan], None],
    on_error: Callable[[ScannerError], None] | None = None,
    interval: float = 0.02,
) -> PeriodicHandle:
    handle: PeriodicHandle | None = None

    def tick() -> None:
        try:
            scans = scanner.poll()
        except ScannerError as exc:
            if handle is not None:
                handle.cancel()
            if on_error is not None:
                on_error(exc)
            return
        for scan in scans:
            on_scan(scan)

    handle = devices.every(interval, tick)
    return handle
